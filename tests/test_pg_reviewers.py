"""Several reviewers at once on one PostgreSQL project: a confirmation made on a version that
someone else has changed since is refused with the other version, never written over it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tmbuilder.model import SourceDocument, Status
from tmbuilder.store.base import NewSegment, UnitChange, UnitConflict
from tmbuilder.store.postgres.store import PostgresStore

REVIEWER = Path(__file__).with_name("pg_reviewer.py")


def _project(url: str, sentences: int) -> PostgresStore:
    store = PostgresStore(url)
    texts = [f"Câu số {i} của bài báo." for i in range(sentences)]
    doc = SourceDocument("a.txt", "txt", "utf-8", "h", tuple(texts))
    store.sync_document(doc, [NewSegment(i, 0, t, t.casefold()) for i, t in enumerate(texts)], "s")
    return store


def test_stale_confirmation_raises_conflict_with_the_other_version(pg_url: str) -> None:
    store = _project(pg_url, 2)
    seg = store.segments()[0]
    assert seg.version == 1
    first = store.update_unit(
        UnitChange(seg.id, "By An.", Status.REVIEWED, "human", "an", expected_version=1)
    )
    assert first.version == 2
    stale = UnitChange(seg.id, "By Bình.", Status.REVIEWED, "human", "bình", expected_version=1)
    with pytest.raises(UnitConflict) as caught:
        store.update_unit(stale)
    conflict = caught.value
    assert (conflict.current.target, conflict.current.version, conflict.changed_by) == (
        "By An.",
        2,
        "an",
    )
    assert conflict.current.updated_at == first.updated_at
    assert "changed by an at" in str(conflict) and "\n" not in str(conflict)
    assert store.segment(seg.id).target == "By An."  # nothing overwritten
    assert [e.new_target for e in store.history(seg.id)] == ["By An."]
    # choosing after seeing the other version: a change on version 2 goes through
    fresh = UnitChange(seg.id, "By Bình.", Status.REVIEWED, "human", "bình", expected_version=2)
    assert store.update_unit(fresh).version == 3
    # drafting and imports (no expected version) are not checked
    assert store.update_unit(UnitChange(seg.id, "MT.", Status.DRAFT, "mt:x")).version == 4
    store.close()


def test_concurrent_reviewers_lose_nothing_and_every_conflict_is_reported(pg_url: str) -> None:
    reviewers, confirmations, sentences = 6, 50, 20
    store = _project(pg_url, sentences)
    procs = [
        subprocess.Popen(
            [sys.executable, str(REVIEWER), pg_url, f"r{i}", str(i), str(confirmations)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(reviewers)
    ]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0
        results.append(json.loads(out))
    done = [tuple(d) for r in results for d in r["done"]]
    conflicts = [tuple(c) for r in results for c in r["conflicts"]]
    assert len(done) + len(conflicts) == reviewers * confirmations  # every attempt accounted
    assert conflicts, "no two reviewers ever met: the test proved nothing"
    for _seg, read, found, by, at in conflicts:
        assert found > read and by and at  # the other version, who and when
    by_segment: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for seg_id, version, target in done:
        by_segment[seg_id].append((version, target))
    for seg in store.segments():
        writes = sorted(by_segment[seg.id])
        # each confirmation wrote the next version: none was made on a version it did not see
        assert [v for v, _ in writes] == list(range(2, len(writes) + 2))
        edits = store.history(seg.id)
        assert [(e.old_target, e.new_target) for e in edits] == list(
            zip(["", *(t for _, t in writes[:-1])], [t for _, t in writes], strict=True)
        )
        assert seg.target == (writes[-1][1] if writes else "")
        assert seg.version == len(writes) + 1
    store.close()


def test_reviewers_through_the_review_session_claims_and_conflicts_lose_nothing(
    pg_url: str,
) -> None:
    """As the review UI works: claims, polling, conflicts settled both ways."""
    reviewers, confirmations, sentences = 6, 40, 20
    store = _project(pg_url, sentences)
    procs = [
        subprocess.Popen(
            [sys.executable, str(REVIEWER), pg_url, f"r{i}", str(i), str(confirmations), "session"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(reviewers)
    ]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0
        results.append(json.loads(out))
    done = [tuple(d) for r in results for d in r["done"]]
    conflicts = [tuple(c) for r in results for c in r["conflicts"]]
    assert conflicts, "no stale list ever met a newer version: the test proved nothing"
    assert sum(r["taken"] for r in results) + len(done) + len(conflicts) >= (
        reviewers * confirmations
    )
    for _seg, read, found, by, at, _choice in conflicts:
        assert found > read and by and at
    by_segment: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for seg_id, version, target in done:
        by_segment[seg_id].append((version, target))
    set_aside = 0
    for seg in store.segments():
        writes = sorted(by_segment[seg.id])
        assert [v for v, _ in writes] == list(range(2, len(writes) + 2))
        edits = store.history(seg.id)
        changes = [e for e in edits if e.action != "conflict"]
        assert [e.new_target for e in changes] == [t for _, t in writes]
        set_aside += sum(e.action == "conflict" for e in edits)
        assert seg.target == (writes[-1][1] if writes else "")
        assert seg.version == len(writes) + 1
    # every "take theirs" left the text it set aside in the history
    assert set_aside == sum(c[5] == "theirs" for c in conflicts)
    assert store.claims.all() == []  # every session gave its claims back
    store.close()
