"""bigimport/memory_indexes: a big import drops the memory index and builds it at the end, with the
same outcome as merging duplicates row by row; and the v2 migration that made it possible."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tmbuilder.bigimport import memory_import
from tmbuilder.bigimport.memory_import import MemoryImport
from tmbuilder.model import MemoryUnit
from tmbuilder.store.schema import MIGRATIONS
from tmbuilder.store.sqlite import SqliteStore


def _units(count: int, offset: int = 0) -> list[MemoryUnit]:
    """Duplicates (same target, older and newer dates), alternatives and hash-equal keys."""
    units = []
    for i in range(offset, offset + count):
        source = f"Câu {i % 40}  về HỢP TÁC." if i % 2 else f"câu {i % 40} về hợp tác."
        target = f"Sentence {i % 40}." if i % 5 else f"Other {i % 3}."
        day = 1 + (i * 7) % 28
        units.append(
            MemoryUnit(source, target, tuid=str(i), changed_at=f"2025-02-{day:02d}T00:00:00Z")
        )
    return units


def _indexes(store: SqliteStore) -> dict[str, str]:
    rows = store._db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'memory'"
    )
    return {str(name): str(sql) for name, sql in rows}


def _import_twice(tmp_path: Path, defer_after: int, monkeypatch: pytest.MonkeyPatch) -> tuple:
    monkeypatch.setattr(memory_import, "DEFER_AFTER", defer_after)
    monkeypatch.setattr("tmbuilder.store.memory_tables.DEFER_AFTER", defer_after)
    store = SqliteStore(tmp_path / f"defer{defer_after}.db")
    try:
        first = store.add_memory(_units(30), "a.tmx")
        second = store.add_memory(_units(400, offset=10), "b.tmx")
        units = [unit for _, unit in store.memory_units()]
        ids = [unit_id for unit_id, _ in store.memory_units()]
        lookups = [store.memory_lookup(f"câu {n} về hợp tác.") for n in range(40)]
        return first, second, units, ids, [[u for _, u in hits] for hits in lookups], store
    finally:
        store.close()


def test_a_deferred_index_gives_the_same_memory_as_row_by_row_merging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    *kept, _ = _import_twice(tmp_path, 10**9, monkeypatch)
    *deferred, _ = _import_twice(tmp_path, 5, monkeypatch)
    _, second, _, ids, lookups = kept
    assert second.duplicates > 0 and second.alternatives >= 0
    # Reports, rows in id order, and lookups (newest first, then id) are all the same.
    assert deferred[:3] == kept[:3]
    assert deferred[4] == lookups
    assert ids == sorted(ids) and deferred[3] == sorted(deferred[3])


@pytest.fixture
def deferring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SqliteStore]:
    """A store whose imports drop the index past 5 rows."""
    monkeypatch.setattr("tmbuilder.store.memory_tables.DEFER_AFTER", 5)
    store = SqliteStore(tmp_path / "s.db")
    yield store
    store.close()


def test_the_index_is_back_after_a_deferred_import(deferring: SqliteStore) -> None:
    deferring.add_memory(_units(100), "a.tmx")
    indexes = _indexes(deferring)
    assert set(indexes) == {"memory_key"}
    assert indexes["memory_key"].startswith("CREATE UNIQUE INDEX")
    assert deferring._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_failed_deferred_import_leaves_rows_and_index_as_they_were(
    deferring: SqliteStore,
) -> None:
    deferring.add_memory(_units(3), "a.tmx")
    before = list(deferring.memory_units())

    def broken() -> Iterator[MemoryUnit]:
        yield from _units(5000)  # past the point where the index was dropped
        raise ValueError("file ends mid-unit")

    with pytest.raises(ValueError):
        deferring.add_memory(broken(), "b.tmx")
    assert list(deferring.memory_units()) == before
    assert set(_indexes(deferring)) == {"memory_key"}


def test_memory_import_drops_the_index_only_past_its_limit(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.db")
    try:
        with store.transaction():
            bulk = MemoryImport(store._db, "x", defer_after=5000)
            bulk.run(_units(100))
            assert not bulk.deferred
            bulk.expect(10_000)  # a stage of 10,000 rows is about to be merged
            assert bulk.deferred and _indexes(store) == {}
            store._db.execute("ROLLBACK")
            store._db.execute("BEGIN")  # let transaction() end cleanly
    finally:
        store.close()


def test_version_1_stores_are_migrated_with_their_memory(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO memory(source, target, key_hash, pair_hash, src_lang, tgt_lang, props) "
        "VALUES ('Xin chào.', 'Hello.', 1, 2, 'vi', 'en', '')"
    )
    db.execute("PRAGMA user_version = 1")
    db.close()
    store = SqliteStore(path)
    try:
        assert [u.target for _, u in store.memory_units()] == ["Hello."]
        assert set(_indexes(store)) == {"memory_key"}  # v1's sqlite_autoindex is gone
        version = store._db.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(MIGRATIONS)
    finally:
        store.close()
