"""The SQLite project store: sync, history, split/merge, memory, cache, glossary, schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tmbuilder.errors import StoreError
from tmbuilder.model import Match, MemoryUnit, SourceDocument, Status, Term, TermStatus
from tmbuilder.store.base import NewSegment, UnitChange
from tmbuilder.store.schema import SCHEMA_VERSION
from tmbuilder.store.sqlite import SqliteStore, count_words
from tmbuilder.text.normalize import match_key


def _doc(
    paragraphs: list[list[str]], digest: str = "h1"
) -> tuple[SourceDocument, list[NewSegment]]:
    doc = SourceDocument("a.txt", "txt", "utf-8", digest, tuple(" ".join(p) for p in paragraphs))
    segs = [
        NewSegment(pi, si, s, s.casefold())
        for pi, para in enumerate(paragraphs)
        for si, s in enumerate(para)
    ]
    return doc, segs


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    s = SqliteStore(tmp_path / ".tmbuilder" / "project.db")
    yield s
    s.close()


def test_new_store_has_schema_version_wal_and_foreign_keys(store: SqliteStore) -> None:
    db = store._db
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_store_from_a_newer_tmbuilder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    SqliteStore(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer than this tmbuilder"):
        SqliteStore(path)


def test_garbage_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="project store is damaged"):
        SqliteStore(path)


def test_sync_unchanged_document_changes_nothing(store: SqliteStore) -> None:
    doc, segs = _doc([["Một.", "Hai."], ["Ba."]])
    first = store.sync_document(doc, segs, "r1")
    assert first.created and first.added == 3
    before = store._db.total_changes
    again = store.sync_document(doc, segs, "r1")
    assert again.unchanged
    assert store._db.total_changes == before


def test_edited_document_keeps_translations_adds_and_archives(store: SqliteStore) -> None:
    doc, segs = _doc([["Một.", "Hai."], ["Ba."]])
    store.sync_document(doc, segs, "r1")
    by_source = {s.source: s for s in store.segments()}
    store.update_unit(UnitChange(by_source["Hai."].id, "Two.", Status.REVIEWED, "human", "ana"))

    doc2, segs2 = _doc([["Không.", "Hai."], ["Ba.", "Bốn."]], digest="h2")
    report = store.sync_document(doc2, segs2, "r1")
    assert (report.added, report.kept, report.archived) == (2, 2, 1)
    active = store.segments()
    assert [s.source for s in active] == ["Không.", "Hai.", "Ba.", "Bốn."]
    two = next(s for s in active if s.source == "Hai.")
    assert (two.id, two.target, two.status) == (by_source["Hai."].id, "Two.", Status.REVIEWED)
    archived = [s for s in store.segments(include_archived=True) if s.archived]
    assert [s.source for s in archived] == ["Một."]
    assert store.history(archived[0].id)[-1].action == "archive"

    # the sentence comes back: restored with its id, not duplicated
    report = store.sync_document(*_doc([["Một.", "Hai."], ["Ba."]], digest="h3"), "r1")
    assert report.restored == 1
    assert store.segment(by_source["Một."].id).archived is False


def test_update_unit_logs_history_and_skips_no_op(store: SqliteStore) -> None:
    store.sync_document(*_doc([["Một."]]), "r1")
    seg = store.segments()[0]
    store.update_unit(UnitChange(seg.id, "One.", Status.DRAFT, "mt:google", "tmbuilder", "draft"))
    store.update_unit(UnitChange(seg.id, "One!", Status.REVIEWED, "human", "ana"))
    store.update_unit(UnitChange(seg.id, "One!", Status.REVIEWED, "human", "ana"))
    hist = store.history(seg.id)
    assert [(h.action, h.old_target, h.new_target, h.new_status) for h in hist] == [
        ("draft", "", "One.", "draft"),
        ("edit", "One.", "One!", "reviewed"),
    ]


def test_update_units_is_all_or_nothing(store: SqliteStore) -> None:
    store.sync_document(*_doc([["Một.", "Hai."]]), "r1")
    a, _b = store.segments()
    with pytest.raises(StoreError):
        store.update_units(
            [UnitChange(a.id, "One.", Status.DRAFT, "mt"), UnitChange(999, "x", Status.DRAFT, "mt")]
        )
    assert store.segment(a.id).target == ""


def test_split_and_merge_keep_order_and_history(store: SqliteStore) -> None:
    store.sync_document(*_doc([["Một. Hai.", "Ba."]]), "r1")
    first, third = store.segments()
    store.update_unit(UnitChange(first.id, "One. Two.", Status.TRANSLATED, "human", "ana"))
    left, right = store.split_segment(first.id, 4, "ana")
    assert (left.source, right.source) == ("Một.", "Hai.")
    assert left.target == "One. Two." and right.target == ""
    assert [s.source for s in store.segments()] == ["Một.", "Hai.", "Ba."]
    assert store.segment(third.id).position == 2
    merged = store.merge_segments(left.id, right.id, "ana")
    assert merged.source == "Một. Hai."
    assert [s.source for s in store.segments()] == ["Một. Hai.", "Ba."]
    actions = [h.action for h in store.history(left.id)]
    assert "split" in actions and "merge" in actions
    with pytest.raises(StoreError, match="not neighbours"):
        store.merge_segments(third.id, left.id, "ana")


def test_split_at_the_edge_is_refused(store: SqliteStore) -> None:
    store.sync_document(*_doc([["Một."]]), "r1")
    seg = store.segments()[0]
    with pytest.raises(StoreError, match="empty"):
        store.split_segment(seg.id, 0, "ana")


def test_stats_counts_words_and_statuses(store: SqliteStore) -> None:
    store.sync_document(*_doc([["Hai lãnh đạo khẳng định.", "Ba."], ["Bốn năm."]]), "r1")
    seg = store.segments()[0]
    store.update_unit(UnitChange(seg.id, "Two leaders affirmed.", Status.REVIEWED, "human"))
    st = store.stats()
    assert (st.documents, st.paragraphs, st.segments, st.words) == (1, 2, 3, 8)
    assert st.statuses == {"reviewed": 1, "new": 2}
    assert st.reviewed_words == 5


def test_count_words_keeps_numbers_and_abbreviations_whole() -> None:
    assert count_words("Ngày 2-12, 1.500.000 người ở TP.HCM.") == 6


def test_memory_merges_duplicates_and_keeps_alternatives(store: SqliteStore) -> None:
    units = [
        MemoryUnit("Xin chào.", "Hello.", changed_at="2024-01-01T00:00:00Z"),
        MemoryUnit("Xin chào.", "Hello.", changed_at="2025-01-01T00:00:00Z"),
        MemoryUnit("xin  chào.", "Hi.", changed_at="2026-01-01T00:00:00Z"),
        MemoryUnit("Tạm biệt.", "Goodbye.", props=(("x-status", "reviewed"),), notes=("n",)),
    ]
    report = store.add_memory(units, "a.tmx")
    assert (report.read, report.added, report.duplicates, report.alternatives) == (4, 3, 1, 1)
    hits = store.memory_lookup(match_key("XIN CHÀO."))
    assert [u.target for _, u in hits] == ["Hi.", "Hello."]
    assert hits[1][1].changed_at == "2025-01-01T00:00:00Z"
    bye = store.memory_lookup(match_key("Tạm biệt."))[0][1]
    assert bye.prop("x-status") == "reviewed" and bye.notes == ("n",)


def test_memory_import_failing_midway_adds_nothing(store: SqliteStore) -> None:
    def units():  # type: ignore[no-untyped-def]
        yield MemoryUnit("Một.", "One.")
        raise StoreError("reader broke")

    with pytest.raises(StoreError):
        store.add_memory(units(), "bad.tmx")
    assert store.memory_count() == 0


def test_suggestions_and_mt_cache(store: SqliteStore) -> None:
    store.sync_document(*_doc([["Một."]]), "r1")
    seg = store.segments()[0]
    store.set_suggestions(seg.id, "tm", [Match(87.5, "Mot.", "One.", "a.tmx")])
    store.set_suggestions(seg.id, "mt", [Match(0, "Một.", "One", "mt:google", kind="mt")])
    got = store.suggestions(seg.id)
    assert [(m.kind, m.target) for m in got] == [("tm", "One."), ("mt", "One")]
    store.put_many("google", "vi", "en", {"Một.": "One."})
    assert store.get_many("google", "vi", "en", ["Một.", "Hai."]) == {"Một.": "One."}
    assert store.get_many("mymemory", "vi", "en", ["Một."]) == {}


def test_terms_keep_human_decisions(store: SqliteStore) -> None:
    store.merge_terms([Term("Tổng Bí thư", "General Secretary", frequency=3, confidence=0.5)])
    (t,) = store.terms()
    store.save_term(
        Term("Tổng Bí thư", "Party General Secretary", TermStatus.APPROVED, origin="human", id=t.id)
    )
    store.merge_terms([Term("tổng bí thư", "Secretary-General", frequency=9, confidence=0.9)])
    (t,) = store.terms()
    assert (t.target, t.status, t.frequency) == ("Party General Secretary", "approved", 9)
    assert store.terms(status="proposed") == []
    store.delete_term(t.id)
    assert store.terms() == []


def test_resync_rewrites_only_the_sentences_that_moved(store: SqliteStore) -> None:
    # One UPDATE a kept sentence made a server's resync of a big document one round trip per
    # sentence; a kept sentence whose place did not change is now left alone.
    sentences = [f"Câu số {i}." for i in range(50)]

    def doc(texts: list[str], digest: str) -> tuple[SourceDocument, list[NewSegment]]:
        segs = [NewSegment(0, i, t, match_key(t)) for i, t in enumerate(texts)]
        return SourceDocument("a.txt", "txt", "utf-8", digest, ("",)), segs

    store.sync_document(*doc(sentences, "h1"), "s1")
    updates: list[str] = []
    store._db.set_trace_callback(
        lambda sql: updates.append(sql) if sql.startswith("UPDATE segments SET paragraph") else None
    )
    report = store.sync_document(*doc([*sentences[:40], "Câu mới.", *sentences[40:]], "h2"), "s1")
    store._db.set_trace_callback(None)
    assert (report.added, report.kept) == (1, 50)
    assert len(updates) == 10  # the ten sentences after the new one, one place down
    assert [s.position for s in store.segments()] == list(range(51))
