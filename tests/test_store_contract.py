"""One contract for every project store: SqliteStore and PostgresStore answer alike.

Each test runs twice, on a SQLite file and on a fresh database of the session's PostgreSQL
server (tests/pg_server.py; skipped, with the reason, only where PostgreSQL is not installed).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tmbuilder.align.record import Alignment, Pair, PairStatus
from tmbuilder.errors import StoreError
from tmbuilder.inline import CodeKind, InlineCode, dumps
from tmbuilder.langtags import LangPair
from tmbuilder.model import Match, MemoryUnit, SourceDocument, Status, Term, TermForm, TermStatus
from tmbuilder.store.base import NewSegment, ProjectStore, TermImportReport, UnitChange
from tmbuilder.store.concordance_rows import memory_rows
from tmbuilder.store.sqlite import SqliteStore
from tmbuilder.store.sync_tables import SyncBase
from tmbuilder.text.normalize import match_key


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProjectStore]:
    s: ProjectStore
    if request.param == "sqlite":
        s = SqliteStore(tmp_path / ".tmbuilder" / "project.db")
    else:
        from tmbuilder.store.postgres.store import PostgresStore

        s = PostgresStore(request.getfixturevalue("pg_url"))
    yield s
    s.close()


def _doc(
    paragraphs: list[list[str]], digest: str = "h1"
) -> tuple[SourceDocument, list[NewSegment]]:
    doc = SourceDocument("a.txt", "txt", "utf-8", digest, tuple(" ".join(p) for p in paragraphs))
    segs = [
        NewSegment(pi, si, s, match_key(s))
        for pi, para in enumerate(paragraphs)
        for si, s in enumerate(para)
    ]
    return doc, segs


PARAS = [["Hà Nội là thủ đô.", "Thành phố có nhiều hồ."], ["Tôi yêu Việt Nam."]]


def test_sync_creates_then_keeps_then_archives_and_restores(store: ProjectStore) -> None:
    report = store.sync_document(*_doc(PARAS), "s1")
    assert (report.created, report.added) == (True, 3)
    assert store.sync_document(*_doc(PARAS), "s1").unchanged
    segs = store.segments()
    assert [s.source for s in segs] == [s for p in PARAS for s in p]
    assert [(s.paragraph, s.position) for s in segs] == [(0, 0), (0, 1), (1, 0)]
    store.update_unit(UnitChange(segs[1].id, "The city has many lakes.", Status.REVIEWED, "human"))

    shorter = [["Hà Nội là thủ đô."], ["Một câu mới.", "Tôi yêu Việt Nam."]]
    report = store.sync_document(*_doc(shorter, "h2"), "s1")
    assert (report.added, report.kept, report.archived, report.restored) == (1, 2, 1, 0)
    assert [s.source for s in store.segments()] == [s for p in shorter for s in p]
    archived = [s for s in store.segments(include_archived=True) if s.archived]
    assert [s.id for s in archived] == [segs[1].id]

    report = store.sync_document(*_doc(PARAS, "h3"), "s1")
    assert report.restored == 1
    back = store.segment(segs[1].id)
    assert (back.archived, back.target, back.status) == (
        False,
        "The city has many lakes.",
        "reviewed",
    )
    assert [e.action for e in store.history(segs[1].id)] == ["edit", "archive", "restore"]
    doc = store.document("a.txt")
    assert doc is not None and doc.content_hash == "h3"
    assert [d.path for d in store.documents()] == ["a.txt"]


def test_update_unit_logs_history_and_filters_by_status(store: ProjectStore) -> None:
    store.sync_document(*_doc(PARAS), "s1")
    first, second, _ = store.segments()
    seg = store.update_unit(UnitChange(first.id, "Hanoi is the capital.", Status.DRAFT, "mt:x"))
    assert (seg.target, seg.status, seg.origin) == ("Hanoi is the capital.", Status.DRAFT, "mt:x")
    same = UnitChange(first.id, "Hanoi is the capital.", Status.DRAFT, "mt:x")
    assert store.update_units([same]) == 0  # no change, no history
    store.update_unit(
        UnitChange(first.id, "Hà Nội is the capital.", Status.REVIEWED, "human", "an")
    )
    edits = store.history(first.id)
    assert [(e.old_target, e.new_target, e.new_status, e.author) for e in edits] == [
        ("", "Hanoi is the capital.", "draft", "tmbuilder"),
        ("Hanoi is the capital.", "Hà Nội is the capital.", "reviewed", "an"),
    ]
    assert [s.id for s in store.segments(statuses=[Status.REVIEWED])] == [first.id]
    assert [s.id for s in store.segments(statuses=[Status.NEW])] == [second.id, _.id]
    with pytest.raises(StoreError, match="no segment #999999"):
        store.segment(999_999)
    with pytest.raises(StoreError):
        store.update_unit(UnitChange(999_999, "x", Status.DRAFT, "human"))


def test_transaction_is_all_or_nothing(store: ProjectStore) -> None:
    store.sync_document(*_doc(PARAS), "s1")
    first = store.segments()[0]
    with pytest.raises(RuntimeError), store.transaction():
        store.update_unit(UnitChange(first.id, "lost", Status.DRAFT, "mt:x"))
        store.set_meta("k", "v")
        raise RuntimeError("midway")
    assert store.segment(first.id).target == ""
    assert store.get_meta("k") is None


def test_split_and_merge(store: ProjectStore) -> None:
    store.sync_document(*_doc(PARAS), "s1")
    first, _second, third = store.segments()
    left, right = store.split_segment(first.id, 7, "an")
    assert (left.source, right.source) == ("Hà Nội", "là thủ đô.")
    assert [(s.source, s.position) for s in store.segments(document_id=first.document_id)][:3] == [
        ("Hà Nội", 0),
        ("là thủ đô.", 1),
        ("Thành phố có nhiều hồ.", 2),
    ]
    with pytest.raises(StoreError, match="a part is empty"):
        store.split_segment(third.id, 0, "an")
    merged = store.merge_segments(left.id, right.id, "an")
    assert merged.source == "Hà Nội là thủ đô."
    assert merged.key == match_key("Hà Nội là thủ đô.")
    assert [s.position for s in store.segments()] == [0, 1, 0]
    assert store.segment(right.id).archived
    with pytest.raises(StoreError, match="not neighbours"):
        store.merge_segments(first.id, third.id, "an")
    assert "merge" in [e.action for e in store.history(first.id)]


def _unit(source: str, target: str, changed: str = "2024-01-01T00:00:00Z") -> MemoryUnit:
    return MemoryUnit(source, target, created_at=changed, changed_at=changed)


def test_memory_duplicates_alternatives_and_lookup(store: ProjectStore) -> None:
    units = [
        _unit("Xin chào.", "Hello."),
        _unit("Cảm ơn bạn.", "Thank you."),
        _unit("Xin chào.", "Hello.", "2025-05-05T00:00:00Z"),  # duplicate, newer date
        _unit("Xin chào.", "Hi."),  # alternative
        MemoryUnit(
            "Tạm biệt.", "Goodbye.", tuid="t9", props=(("x-domain", "news"),), notes=("n1",)
        ),
    ]
    report = store.add_memory(units, "a.tmx")
    assert (report.read, report.added, report.duplicates, report.alternatives) == (5, 4, 1, 1)
    assert store.memory_count() == 4
    found = store.memory_lookup(match_key("Xin chào."))
    assert [(u.target, u.changed_at) for _, u in found] == [
        ("Hello.", "2025-05-05T00:00:00Z"),
        ("Hi.", "2024-01-01T00:00:00Z"),
    ]
    again = store.add_memory([_unit("Cảm ơn bạn.", "Thank you.")], "b.tmx")
    assert (again.read, again.added, again.duplicates) == (1, 0, 1)
    listed = list(store.memory_units())
    assert [u.source for _, u in listed] == ["Xin chào.", "Cảm ơn bạn.", "Xin chào.", "Tạm biệt."]
    unit_id, last = listed[-1]
    assert (last.tuid, last.props, last.notes) == ("t9", (("x-domain", "news"),), ("n1",))
    assert store.memory_unit(unit_id) == last
    assert dict(store.memory_keys())[unit_id] == match_key("Tạm biệt.")
    assert store.memory_lookup("không có") == []


def test_memory_import_is_all_or_nothing(store: ProjectStore) -> None:
    def broken() -> Iterator[MemoryUnit]:
        yield _unit("Một.", "One.")
        raise ValueError("bad file")

    with pytest.raises(ValueError):
        store.add_memory(broken(), "bad.tmx")
    assert store.memory_count() == 0


def test_suggestions_and_mt_cache(store: ProjectStore) -> None:
    store.sync_document(*_doc(PARAS), "s1")
    seg = store.segments()[0]
    store.set_suggestions(
        seg.id, "tm", [Match(80.0, "Hà Nội.", "Hanoi."), Match(90.0, "Hà Nội là.", "Hanoi is.")]
    )
    store.set_suggestions(seg.id, "mt", [Match(0.0, "", "Hanoi is the capital.", "mt:x")])
    assert [(m.kind, m.score) for m in store.suggestions(seg.id)] == [
        ("tm", 90.0),
        ("tm", 80.0),
        ("mt", 0.0),
    ]
    store.set_suggestions(seg.id, "tm", [])
    assert [m.kind for m in store.suggestions(seg.id)] == ["mt"]

    long_key = "câu dài " * 800  # longer than a btree row may hold
    store.put_many("google", "vi", "en", {"xin chào": "hello", long_key: "long"})
    store.put_many("google", "vi", "en", {"xin chào": "hi"})
    assert store.get_many("google", "vi", "en", ["xin chào", long_key, "khác", "xin chào"]) == {
        "xin chào": "hi",
        long_key: "long",
    }
    assert store.get_many("deepl", "vi", "en", ["xin chào"]) == {}


def test_terms_keep_human_decisions(store: ProjectStore) -> None:
    assert store.merge_terms([Term("thủ đô", "capital", score=3.0, confidence=0.5)]) == 1
    (term,) = store.terms()
    approved = store.save_term(
        Term(term.source, "capital city", TermStatus.APPROVED, id=term.id, origin="human")
    )
    assert (approved.target, approved.status) == ("capital city", TermStatus.APPROVED)
    store.merge_terms([Term("thủ đô", "capital", frequency=7, score=4.0, confidence=0.9)])
    (term,) = store.terms()
    assert (term.target, term.frequency) == ("capital city", 7)
    other = store.save_term(Term("hồ", "lake", variants=("hồ nước",)))
    assert [t.source for t in store.terms()] == ["thủ đô", "hồ"]
    assert [t.source for t in store.terms(status="approved")] == ["thủ đô"]
    assert other.variants == ("hồ nước",)
    store.delete_term(other.id)
    assert [t.source for t in store.terms()] == ["thủ đô"]


def test_meta_and_stats(store: ProjectStore) -> None:
    assert store.get_meta("review.lock") is None
    store.set_meta("review.lock", "an")
    store.set_meta("review.lock", "bình")
    assert store.get_meta("review.lock") == "bình"
    store.set_meta("review.lock", None)
    assert store.get_meta("review.lock") is None

    store.sync_document(*_doc(PARAS), "s1")
    seg = store.segments()[2]
    store.update_unit(UnitChange(seg.id, "I love Vietnam.", Status.REVIEWED, "human"))
    store.add_memory([_unit("Xin chào.", "Hello.")], "a.tmx")
    store.merge_terms([Term("thủ đô")])
    stats = store.stats()
    assert (stats.documents, stats.paragraphs, stats.segments, stats.archived) == (1, 2, 3, 0)
    assert (stats.words, stats.reviewed_words) == (14, 4)
    assert stats.statuses == {"new": 2, "reviewed": 1}
    assert (stats.memory_units, stats.terms) == (1, 1)


def test_inline_codes_of_segments_and_memory(store: ProjectStore) -> None:
    code = InlineCode(CodeKind.STANDALONE, 1, "x", "`ls`")
    source = f"Chạy lệnh {code.char} ngay."
    doc = SourceDocument("c.md", "md", "utf-8", "h", (source,))
    store.sync_document(doc, [NewSegment(0, 0, source, match_key(source), dumps([code]))], "s")
    (seg,) = store.segments()
    assert store.segment_codes(seg.id) == (code,)
    plain = MemoryUnit(f"Chạy lệnh {code.char} ngay.", f"Run {code.char} now.")
    coded = MemoryUnit(plain.source, plain.target, codes=(code,))
    report = store.add_memory([plain, coded], "c.tmx")  # codes make them two units
    assert (report.added, report.duplicates) == (2, 0)
    assert [u.codes for _, u in store.memory_units()] == [(), (code,)]


def test_memory_by_language_pair_and_origin(store: ProjectStore) -> None:
    store.add_memory([_unit("Xin chào.", "Hello.")], "vi.tmx")
    store.add_memory([MemoryUnit("Xin chào.", "Hola.", "vi-VN", "es-ES")], "es.tmx")
    pair = LangPair("vi-VN", "en-US")
    key = match_key("Xin chào.")
    assert [u.target for _, u in store.memory_lookup(key, pair)] == ["Hello."]
    assert len(store.memory_lookup(key)) == 2
    assert [k for _, k in store.memory_keys(pair)] == [key]
    assert sorted(store.memory_origins()) == ["es.tmx", "vi.tmx"]
    assert sorted(store.memory_language_pairs()) == [("vi-VN", "en-US", 1), ("vi-VN", "es-ES", 1)]
    assert [u.target for _, u in store.memory_units("es.tmx")] == ["Hola."]


def test_alignments_feed_memory_and_keep_history(store: ProjectStore) -> None:
    vi, en = ("Một câu.", "Hai câu."), ("One sentence.", "Two sentences.")
    pairs = (Pair(0, 1, 0, 1, 0.9), Pair(1, 2, 1, 2, 0.4, PairStatus.WRONG))
    saved = store.save_alignment(
        Alignment(0, "bai1", "vi/bai1.txt", "en/bai1.txt", vi, en, pairs),
        author="an",
        action="align",
    )
    assert (saved.name, saved.vi, saved.pairs) == ("bai1", vi, pairs)
    assert [u.source for _, u in store.memory_units("align:bai1")] == ["Một câu."]
    fixed = saved.with_pairs((pairs[0], Pair(1, 2, 1, 2, 0.4, PairStatus.REVIEWED, "an")))
    store.save_alignment(fixed, author="an", action="review", detail="pair 2")
    assert [u.source for _, u in store.memory_units("align:bai1")] == ["Một câu.", "Hai câu."]
    assert store.alignment_names() == ["bai1"]
    assert [h[1:] for h in store.alignment_history("bai1")] == [
        ("an", "align", ""),
        ("an", "review", "pair 2"),
    ]
    with pytest.raises(StoreError, match="no alignment named"):
        store.alignment("missing")


def test_an_alignment_keeps_its_language_pair_through_review_edits(store: ProjectStore) -> None:
    vi, en = ("Một câu.",), ("One sentence.",)
    pairs = (Pair(0, 1, 0, 1, 0.9),)
    saved = store.save_alignment(
        Alignment(0, "bai2", "vi/bai2.txt", "en/bai2.txt", vi, en, pairs, "vi", "en-GB"),
        author="an",
        action="align",
    )
    assert (saved.src_lang, saved.tgt_lang) == ("vi", "en-GB")
    store.save_alignment(  # a review edit: the record as the store gave it back
        saved.with_pairs((Pair(0, 1, 0, 1, 0.9, PairStatus.REVIEWED, "an"),)),
        author="an",
        action="review",
    )
    assert [(u.src_lang, u.tgt_lang) for _, u in store.memory_units("align:bai2")] == [
        ("vi", "en-GB")
    ]


def test_sync_bases_and_merge_conflicts(store: ProjectStore) -> None:
    assert store.sync_bases("unit") == {} and store.stored_conflicts() == []
    store.set_sync_bases("unit", iter([("1", SyncBase("a", 1)), ("2", SyncBase("b", 2, "a"))]))
    store.set_sync_bases("unit", [("1", SyncBase("c", 3, "a"))])  # replaces, keeps the other
    store.set_sync_bases("term", [("thủ đô", SyncBase("t", 0))])
    assert store.sync_bases("unit") == {"1": SyncBase("c", 3, "a"), "2": SyncBase("b", 2, "a")}
    assert store.sync_bases("term") == {"thủ đô": SyncBase("t", 0)}
    with pytest.raises(ValueError), store.transaction():
        store.set_sync_bases("unit", [("3", SyncBase("d", 1))])
        store.note_conflicts("unit", "x.po", [("3", {"target": "x"})])
        raise ValueError("all or nothing")
    assert "3" not in store.sync_bases("unit") and store.stored_conflicts() == []

    store.note_conflicts("unit", "b.po", [("1", {"target": "old", "status": "draft"})])
    store.note_conflicts("unit", "b.po", [("1", {"target": "Chào — hi", "status": "draft"})])
    store.note_conflicts("unit", "a.xlf", [("1", {"target": "hey"}), ("10", {"target": "ten"})])
    # "z" sorts before "đường" by code point, as SQLite compares text
    store.note_conflicts("term", "g.tbx", [("đường", {"target": "road"}), ("z", {})])
    assert [(c.kind, c.ref, c.file, c.theirs) for c in store.stored_conflicts()] == [
        ("term", "z", "g.tbx", {}),
        ("term", "đường", "g.tbx", {"target": "road"}),
        ("unit", "1", "a.xlf", {"target": "hey"}),
        ("unit", "1", "b.po", {"target": "Chào — hi", "status": "draft"}),
        ("unit", "10", "a.xlf", {"target": "ten"}),
    ]
    assert all(c.noted_at for c in store.stored_conflicts())
    store.clear_conflicts("unit", iter(["1", "z"]))  # every file's; other kinds untouched
    store.clear_conflicts("term", [])
    assert [(c.kind, c.ref) for c in store.stored_conflicts()] == [
        ("term", "z"),
        ("term", "đường"),
        ("unit", "10"),
    ]


def test_import_terms_updates_adds_and_merges_in_one_pass(store: ProjectStore) -> None:
    proposals = '[["capital", 3, []]]'
    store.merge_terms(
        [
            Term(
                "thủ đô",
                "capital",
                frequency=5,
                score=2.0,
                contexts=("Hà Nội là thủ đô.",),
                extra={"proposals": proposals},
            )
        ]
    )
    report = store.import_terms(
        iter(
            [
                Term("Thủ đô", "capital city", TermStatus.APPROVED, "n", src_lang="vi"),
                Term("hồ", "lake", tgt_lang="en", origin="import:g.tbx"),
                Term("hồ", "pond", tgt_lang="en", note="small"),
            ]
        )
    )
    assert report == TermImportReport(added=1, updated=1, merged=1) and report.stored == 3
    by_key = {match_key(t.source): t for t in store.terms()}
    capital, lake = by_key["thủ đô"], by_key["hồ"]
    assert (capital.source, capital.target, capital.status, capital.note) == (
        "Thủ đô",
        "capital city",
        TermStatus.APPROVED,
        "n",
    )
    assert (capital.frequency, capital.score, capital.contexts, capital.src_lang) == (
        5,
        2.0,
        ("Hà Nội là thủ đô.",),
        "vi",
    )
    assert capital.extra == {"proposals": proposals}  # extraction's proposals survive
    assert (lake.target, lake.tgt_lang, lake.note, lake.origin) == (
        "lake",
        "en",
        "small",
        "import:g.tbx",
    )
    assert lake.synonyms == (TermForm("pond", "en", "proposed"),)
    assert store.save_term(lake).synonyms == lake.synonyms  # written back unchanged

    def broken() -> Iterator[Term]:
        yield Term("sông", "river")
        raise ValueError("bad file")

    with pytest.raises(ValueError):
        store.import_terms(broken())
    assert len(store.terms()) == 2


def test_memory_texts_feed_the_concordance(store: ProjectStore) -> None:
    store.add_memory([_unit("Xin chào.", "Hello."), _unit("Cảm ơn.", "Thanks.")], "a.tmx")
    store.add_memory([_unit("Tạm biệt.", "Bye.")], "")
    rows = list(memory_rows(store))
    assert [(r.ref, r.source, r.target) for r in rows[:2]] == [
        ("a.tmx", "Xin chào.", "Hello."),
        ("a.tmx", "Cảm ơn.", "Thanks."),
    ]
    assert rows[2].ref.startswith("memory #") and rows[2].target == "Bye."
    assert [t[0] for t in store.memory_texts()] == [u for u, _ in store.memory_units()]


def test_sync_keeps_a_moved_sentence_on_both_backends(store: ProjectStore) -> None:
    # Both backends share one resync (store/document_tables.py): a sentence moved to the front
    # keeps its id and translation instead of being archived and added again (PostgreSQL's
    # own copy used plain difflib and lost it).
    first = [["Câu một.", "Câu hai.", "Câu ba."]]
    store.sync_document(*_doc(first), "s1")
    ids = {s.source: s.id for s in store.segments()}
    store.update_unit(UnitChange(ids["Câu ba."], "Sentence three.", Status.REVIEWED, "human"))
    moved = [["Câu ba.", "Câu một.", "Câu hai."]]
    report = store.sync_document(*_doc(moved, "h2"), "s1")
    assert (report.added, report.kept, report.archived) == (0, 3, 0)
    segs = store.segments()
    assert [(s.source, s.id) for s in segs] == [(s, ids[s]) for s in moved[0]]
    assert segs[0].target == "Sentence three."
