"""The SQLite project store: documents, segments, units and their history.

One file, `.tmbuilder/project.db`, in WAL mode with foreign keys on and `synchronous=FULL`, so a
committed edit survives a killed terminal or a power cut (big imports switch to a rollback journal
for their transaction: see `bulk_transaction`). Memory, suggestions, MT cache and
glossary tables live in mixins beside this file; this module owns the connection. Documents,
segments, units, glossary, alignments, sync and meta are the tables shared with PostgresStore,
written once on store/sql.py's dialect seam; memory, suggestions and MT cache (memory_tables.py)
are SQLite's own, for its big-import and stored-index paths.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from tmbuilder.store import health
from tmbuilder.store.connection import BUSY_TIMEOUT, open_connection, set_busy, wait_if_busy
from tmbuilder.store.document_tables import count_words
from tmbuilder.store.document_tables import row_to_segment as _row_to_segment
from tmbuilder.store.memory_tables import MemoryTables
from tmbuilder.store.review_tables import ChangeFeed, ClaimTable
from tmbuilder.store.shared_tables import SharedTables
from tmbuilder.store.sql import SqliteSql

__all__ = ["SqliteStore", "_row_to_segment", "count_words"]  # the last two: older imports

_T = TypeVar("_T")


class SqliteStore(SharedTables, MemoryTables):
    """A project store in one SQLite file."""

    def __init__(self, path: Path, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self._attached: list[str] = []
        self._db = open_connection(path, busy_timeout)
        self._sql = SqliteSql(self._db)
        # what open review sessions share (store/review_tables.py)
        self.claims = ClaimTable(self._sql, self.transaction)
        self.changes = ChangeFeed(self._sql, self.transaction)
        health.remember(path)
        marker = health.mark_open(path)
        self._finalizer = weakref.finalize(self, health.unmark, marker)

    # -- plumbing --------------------------------------------------------------------------
    def _set_busy(self, seconds: float) -> None:
        set_busy(self._db, seconds)

    def _wait_if_busy(self, op: Callable[[], _T]) -> _T:
        return wait_if_busy(self._db, self.path, self.busy_timeout, op)

    @contextmanager
    def _outermost(self) -> Iterator[None]:
        self._wait_if_busy(lambda: self._db.execute("BEGIN IMMEDIATE"))
        failed = True
        try:
            yield
            self._db.execute("COMMIT")
            failed = False
        except BaseException:
            # After a full disk or an I/O error SQLite may have rolled back already; a
            # failing ROLLBACK must not bury the error that says what happened.
            if self._db.in_transaction:
                with suppress(sqlite3.Error):  # else the journal is rolled back at next open
                    self._db.execute("ROLLBACK")
            raise
        finally:
            while self._attached:  # stage files merged in this transaction (add_memory)
                try:
                    self._db.execute(f"DETACH DATABASE {self._attached.pop()}")
                except sqlite3.Error:
                    if not failed:
                        raise

    @contextmanager
    def bulk_transaction(self) -> Iterator[None]:
        """transaction() for a write of very many rows, with SQLite's rollback journal.

        In WAL mode every page of a big import is written twice, into the WAL and then by the
        checkpoint into the database, fsync'd both times; a rollback journal saves only the
        pages that existed before, so new pages are written once (a million-unit TMX import:
        69 s in WAL mode, 51 s this way). It is as crash-safe: a hot journal is rolled back
        at the next open. The price is that readers wait until the commit, so the switch is
        only made when no other connection has the store open (a review session keeps WAL
        and its concurrency). The store goes back to WAL afterwards, or at its next open.
        """
        if self._depth:
            with self.transaction():
                yield
            return
        switched = self._set_journal("delete")
        try:
            with self.transaction():
                yield
        finally:
            if switched:
                self._set_journal("wal")

    def _set_journal(self, mode: str) -> bool:
        """Switch journal mode if that can be done at once; whether it was done."""
        # Leaving WAL needs the database to ourselves; without a busy timeout, SQLite says
        # at once when someone else has it open, instead of making us wait for them.
        self._db.execute("PRAGMA busy_timeout = 0")
        try:
            row = self._db.execute(f"PRAGMA journal_mode = {mode}").fetchone()
        except sqlite3.OperationalError:  # "database is locked"
            return False
        finally:
            self._set_busy(self.busy_timeout)
        return row is not None and str(row[0]).lower() == mode

    def close(self) -> None:
        self._db.close()
        self._finalizer()
