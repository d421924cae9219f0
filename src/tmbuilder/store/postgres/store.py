"""PostgresStore: the project store in a PostgreSQL database, shared by a team.

It answers the same `ProjectStore` protocol as SqliteStore, with the same results (one contract
test suite runs against both: tests/test_store_contract.py). This module owns the connection,
transactions, migrations and meta; documents and segments live in documents.py, units and
their history in units.py, memory, suggestions and MT cache in memory.py, the glossary in
terms.py, the tables for merging exports in sync.py (mixins, as SqliteStore has).

The connection is in autocommit mode and `transaction()` opens one explicit transaction for
what it wraps, nesting like SqliteStore's (inner blocks join the outer one).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tmbuilder.errors import StoreError
from tmbuilder.store.postgres.alignments import AlignmentTables
from tmbuilder.store.postgres.connect import connect, display_url
from tmbuilder.store.postgres.documents import DocumentTables
from tmbuilder.store.postgres.memory import MemoryTables
from tmbuilder.store.postgres.schema import MIGRATIONS, SCHEMA_VERSION
from tmbuilder.store.postgres.sync import SyncTables
from tmbuilder.store.postgres.terms import TermTables
from tmbuilder.store.postgres.units import UnitTables
from tmbuilder.store.review_tables import ChangeFeed, ClaimTable

if TYPE_CHECKING:
    import psycopg

# Any 64-bit number only tmbuilder uses: migrations of one database run one at a time, so ten
# reviewers opening a new database at once do not all try to create its tables.
_MIGRATION_LOCK = 0x746D_6275_696C_6472


class PostgresStore(
    DocumentTables, UnitTables, MemoryTables, TermTables, AlignmentTables, SyncTables
):
    """A project store in a PostgreSQL database (see the module doc)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = display_url(url)
        self.path = self.where  # ProjectStore.path: where the store is, for messages
        self._db: psycopg.Connection[tuple[Any, ...]] = connect(url)
        self._depth = 0
        # what open review sessions share (store/review_tables.py)
        self.claims = ClaimTable(self._db, self.transaction, server=True)
        self.changes = ChangeFeed(self._db, self.transaction, server=True)
        try:
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    def _migrate(self) -> None:
        import psycopg

        try:
            with self._db.transaction():
                self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS tmbuilder_schema (version INTEGER NOT NULL)"
                )
                row = self._db.execute("SELECT max(version) FROM tmbuilder_schema").fetchone()
                version = int(row[0]) if row and row[0] is not None else 0
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.where}: store schema v{version} is newer than this tmbuilder "
                        f"(v{SCHEMA_VERSION}); upgrade tmbuilder"
                    )
                for target in range(version, SCHEMA_VERSION):
                    self._db.execute(MIGRATIONS[target].encode())
                    self._db.execute("DELETE FROM tmbuilder_schema")
                    self._db.execute(
                        "INSERT INTO tmbuilder_schema(version) VALUES (%s)", (target + 1,)
                    )
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{self.where}: cannot set up the store ({first})") from None

    def reconnect(self) -> bool:
        """Open a new connection when the old one broke (the server restarted, a network
        cut): an open review session calls this on its next poll, so the edit the failure
        refused can be retried. False when the connection was fine; StoreError if the server
        is still away."""
        if not self._db.closed:
            return False
        self._db = connect(self.url)
        self._depth = 0
        self.claims = ClaimTable(self._db, self.transaction, server=True)
        self.changes = ChangeFeed(self._db, self.transaction, server=True)
        return True

    def schema_version(self) -> int:
        row = self._db.execute("SELECT max(version) FROM tmbuilder_schema").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nests (inner blocks join the outer transaction)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._db.transaction():
                yield
        finally:
            self._depth = 0

    @contextmanager
    def bulk_transaction(self) -> Iterator[None]:
        """transaction(): a server keeps its readers going during a big write anyway."""
        with self.transaction():
            yield

    def close(self) -> None:
        self._db.close()

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            if value is None:
                self._db.execute("DELETE FROM meta WHERE key = %s", (key,))
            else:
                self._db.execute(
                    "INSERT INTO meta(key, value) VALUES (%s, %s) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
