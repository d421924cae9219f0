"""PostgresStore: the project store in a PostgreSQL database, shared by a team.

It answers the same `ProjectStore` protocol as SqliteStore, with the same results (one contract
test suite runs against both: tests/test_store_contract.py). This module owns the connection,
transactions and migrations. Documents, segments, units, glossary, alignments, sync and meta are
the table mixins shared with SqliteStore (store/*_tables.py, on store/sql.py's dialect seam);
memory, suggestions and MT cache (memory.py: pg_trgm, COPY) are PostgreSQL's own.

The connection is in autocommit mode and `transaction()` opens one explicit transaction for
what it wraps, nesting like SqliteStore's (inner blocks join the outer one).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from tmbuilder.errors import StoreError
from tmbuilder.store.postgres.connect import connect, display_url
from tmbuilder.store.postgres.memory import MemoryTables
from tmbuilder.store.postgres.schema import MIGRATIONS, SCHEMA_VERSION
from tmbuilder.store.review_tables import ChangeFeed, ClaimTable
from tmbuilder.store.shared_tables import SharedTables
from tmbuilder.store.sql import PostgresSql

if TYPE_CHECKING:
    import psycopg

# Any 64-bit number only tmbuilder uses: migrations of one database run one at a time, so ten
# reviewers opening a new database at once do not all try to create its tables.
_MIGRATION_LOCK = 0x746D_6275_696C_6472


class PostgresStore(SharedTables, MemoryTables):
    """A project store in a PostgreSQL database (see the module doc)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = display_url(url)
        self.path = self.where  # ProjectStore.path: where the store is, for messages
        self._db: psycopg.Connection[tuple[Any, ...]] = connect(url)
        self._sql = PostgresSql(self._db)
        # what open review sessions share (store/review_tables.py)
        self.claims = ClaimTable(self._sql, self.transaction)
        self.changes = ChangeFeed(self._sql, self.transaction)
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
        self._sql = PostgresSql(self._db)
        self._depth = 0
        self.claims = ClaimTable(self._sql, self.transaction)
        self.changes = ChangeFeed(self._sql, self.transaction)
        return True

    def schema_version(self) -> int:
        row = self._db.execute("SELECT max(version) FROM tmbuilder_schema").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _outermost(self) -> AbstractContextManager[object]:
        return self._db.transaction()

    @contextmanager
    def bulk_transaction(self) -> Iterator[None]:
        """transaction(): a server keeps its readers going during a big write anyway."""
        with self.transaction():
            yield

    def close(self) -> None:
        self._db.close()
