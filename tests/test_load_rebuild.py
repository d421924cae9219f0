"""Re-syncing an edited document: the near-linear alignment keeps what difflib kept.

Speed is measured in bench/bench_rebuild.py, never asserted here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.model import SourceDocument, Status
from tmbuilder.store.align import match_sentences
from tmbuilder.store.base import NewSegment, UnitChange
from tmbuilder.store.sqlite import SqliteStore

SEED = Path(__file__).resolve().parent.parent / "seeds"
# few distinct sentences, so that repeats and long runs are the rule
sentences = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=400)


@settings(max_examples=300, deadline=None)
@given(sentences, sentences)
def test_matches_are_equal_texts_one_to_one_and_as_many_as_the_texts_allow(
    old: list[str], new: list[str]
) -> None:
    matched = match_sentences(old, new)
    assert all(old[a] == new[b] for b, a in matched.items())
    assert len(set(matched.values())) == len(matched)
    # every text keeps as many of its old sentences as it still has
    assert len(matched) == sum((Counter(old) & Counter(new)).values())


@settings(max_examples=300, deadline=None)
@given(sentences, st.data())
def test_a_one_line_edit_keeps_every_other_sentence_in_order(
    old: list[str], data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(old)))
    kind = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    new = list(old)
    if kind == "insert":
        new.insert(at, "new")
    elif at < len(old):
        if kind == "delete":
            del new[at]
        else:
            new[at] = "new"
    matched = match_sentences(old, new)
    # every other sentence is kept, and kept in order (where repeats make the edit ambiguous,
    # which of two equal neighbours was removed is a matter of taste)
    assert sorted(matched) == [b for b in range(len(new)) if new[b] != "new"]
    kept = [matched[b] for b in sorted(matched)]
    assert kept == sorted(kept)


def test_large_gaps_are_aligned_by_unique_anchors() -> None:
    old = [f"u{i}" for i in range(1000)] + ["r"] * 1000
    new = ["x", *old[:500], "y", *old[500:]]
    matched = match_sentences(old, new)
    assert matched[1] == 0 and matched[502] == 500 and len(matched) == 2000


def _paragraphs(n: int) -> list[str]:
    text = next(iter(sorted(SEED.glob("*.txt")))).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()][:5]
    return [lines[i % len(lines)] for i in range(n)]


def test_resync_of_many_repeats_keeps_ids_translations_and_status(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "p.db")
    old = _paragraphs(5000)
    doc = SourceDocument("a.txt", "txt", "utf-8", "h1", ())
    store.sync_document(doc, [NewSegment(i, 0, s, s.casefold()) for i, s in enumerate(old)], "r")
    before = store.segments()
    store.update_units(
        UnitChange(s.id, f"translation {s.id}", Status.REVIEWED, "human", "t") for s in before[::3]
    )
    new = [*old[:2500], "Một câu hoàn toàn mới.", *old[2500:]]
    report = store.sync_document(
        SourceDocument("a.txt", "txt", "utf-8", "h2", ()),
        [NewSegment(i, 0, s, s.casefold()) for i, s in enumerate(new)],
        "r",
    )
    assert (report.added, report.kept, report.archived) == (1, 5000, 0)
    after = {s.id: s for s in store.segments()}
    for seg in before:
        kept = after[seg.id]
        assert kept.source == seg.source
        if seg in before[::3]:
            assert (kept.target, kept.status) == (f"translation {seg.id}", Status.REVIEWED)
    order = [s.id for s in store.segments() if s.source != "Một câu hoàn toàn mới."]
    assert order == [s.id for s in before]  # same sentences, same order, same ids
    store.close()
