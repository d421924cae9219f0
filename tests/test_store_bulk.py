"""The store's bulk transaction: a rollback journal for big imports, WAL everywhere else."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tmbuilder.errors import StoreError
from tmbuilder.model import MemoryUnit
from tmbuilder.store.sqlite import SqliteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / ".tmbuilder" / "project.db")
    yield s
    s.close()


def _journal(store: SqliteStore) -> str:
    return str(store._db.execute("PRAGMA journal_mode").fetchone()[0])


def _units(n: int) -> Iterator[MemoryUnit]:
    for i in range(n):
        yield MemoryUnit(f"Câu số {i} về hợp tác Việt Nam - Lào.", f"Sentence {i}.")


def test_bulk_transaction_writes_with_a_rollback_journal_then_returns_to_wal(
    store: SqliteStore,
) -> None:
    with store.bulk_transaction():
        assert _journal(store) == "delete"
        store.add_memory(_units(100), "a.tmx")
    assert _journal(store) == "wal"
    assert store.memory_count() == 100


def test_bulk_transaction_rolls_back_everything_on_failure(store: SqliteStore) -> None:
    with pytest.raises(StoreError), store.bulk_transaction():
        store.add_memory(_units(100), "a.tmx")
        raise StoreError("the reader broke after 100 units")
    assert store.memory_count() == 0
    assert _journal(store) == "wal"


def test_bulk_transaction_keeps_wal_while_another_connection_has_the_store(
    store: SqliteStore,
) -> None:
    # A review session open on the same project: it must go on reading, so no switch.
    other = SqliteStore(store.path)
    try:
        started = time.monotonic()
        with store.bulk_transaction():
            assert _journal(store) == "wal"
            store.add_memory(_units(10), "a.tmx")
        assert time.monotonic() - started < 5  # told at once, not after the busy timeout
        assert other.memory_count() == 10
    finally:
        other.close()


def test_bulk_transaction_inside_a_transaction_joins_it(store: SqliteStore) -> None:
    with pytest.raises(StoreError), store.transaction():
        with store.bulk_transaction():
            assert _journal(store) == "wal"  # a journal mode cannot change mid-transaction
            store.add_memory(_units(5), "a.tmx")
        raise StoreError("outer transaction fails")
    assert store.memory_count() == 0


def test_opening_a_store_held_by_a_bulk_import_says_it_is_busy(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tmbuilder.store import health

    shown: list[str] = []
    monkeypatch.setattr(health, "_notice", [shown.append])
    with store.bulk_transaction():
        store.add_memory(_units(10), "a.tmx")  # the import holds the write lock now
        # Opening turns WAL back on, which needs the database to itself: it waits, says so,
        # and gives up after busy_timeout.
        with pytest.raises(StoreError, match=r"project store is busy .* after waiting 1\.5 s"):
            SqliteStore(store.path, busy_timeout=1.5)
    assert len(shown) == 1 and "waiting up to 1.5 s" in shown[0]
    assert store.memory_count() == 10


_KILLED_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tmbuilder.model import MemoryUnit
    from tmbuilder.store.sqlite import SqliteStore

    store = SqliteStore(Path(sys.argv[1]))
    flag = Path(sys.argv[2])

    def units():
        text = "hợp tác toàn diện giữa hai nước " * 120  # about 4 KB a unit
        for i in range(16_000):  # 60 MB: more than the import's page cache holds
            yield MemoryUnit(f"{i} {text}", f"{i} cooperation")
        flag.write_text("written")
        time.sleep(600)

    with store.bulk_transaction():
        store.add_memory(units(), "big.tmx")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_during_a_bulk_import_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "project.db"
    store = SqliteStore(db)
    store.add_memory([MemoryUnit("Trước đó.", "Before.")], "old.tmx")
    store.close()
    flag = tmp_path / "flag"
    victim = subprocess.Popen([sys.executable, "-c", _KILLED_IMPORT, str(db), str(flag)])
    try:
        deadline = time.monotonic() + 120
        while not flag.exists():
            assert victim.poll() is None, "the import process died on its own"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        # Pages went to the database file itself, with their originals in the journal.
        assert Path(f"{db}-journal").exists()
        assert db.stat().st_size > 50_000_000
    finally:
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
    store = SqliteStore(db)  # the hot journal is rolled back here
    try:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [u.source for _, u in store.memory_units()] == ["Trước đó."]
        assert _journal(store) == "wal"
    finally:
        store.close()
