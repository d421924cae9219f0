"""The SQL-dialect seam: one connection as the shared table mixins see it.

The tables written once for both backends (documents, units, glossary, alignments, sync,
meta: store/*_tables.py) speak one SQL: `?` placeholders, `INSERT ... RETURNING id`,
`ON CONFLICT ... DO UPDATE/NOTHING`, `TRUE`/`FALSE`, all of which SQLite (3.35+) and
PostgreSQL both understand. What still differs is said here, once: the placeholder style,
a list parameter (`IN` on SQLite, `= ANY` on PostgreSQL), row locks, a collation that sorts
by code point as SQLite does, and whether units carry a version (only a team store needs one).
Backend-only paths (SQLite's big import and pragmas, PostgreSQL's COPY and pg_trgm) keep
their own connection and SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import psycopg


class Rows(Protocol):
    """What a query gives back on either backend (a DB-API cursor)."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int) -> list[Any]: ...

    @property
    def rowcount(self) -> int: ...

    def close(self) -> None: ...

    def __iter__(self) -> Iterator[Any]: ...


class Sql(Protocol):
    """A store's connection behind the dialect seam."""

    versions: bool
    """Units carry a version that each change adds 1 to, checked against
    UnitChange.expected_version (PostgreSQL, several reviewers); SQLite's is always 0."""
    for_update: str
    """Appended to a SELECT whose rows the transaction will write (a row lock), or ''."""
    bytewise: str
    """Appended to an ORDER BY term to sort text by code point, as SQLite always does."""

    def execute(self, sql: str, args: Sequence[object] = ()) -> Rows: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None: ...

    def insert_id(self, sql: str, args: Sequence[object]) -> int:
        """Run an INSERT ... RETURNING id; the id."""
        ...

    def any_of(self, column: str, values: Sequence[object]) -> tuple[str, list[object]]:
        """A condition `column` is one of `values`, and its arguments."""
        ...


class SqliteSql:
    """The seam over a sqlite3 connection."""

    versions = False
    for_update = ""
    bytewise = ""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def execute(self, sql: str, args: Sequence[object] = ()) -> Rows:
        return self.db.execute(sql, args)

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        self.db.executemany(sql, rows)

    def insert_id(self, sql: str, args: Sequence[object]) -> int:
        # fetchall: a RETURNING statement left unfinished would hold the transaction open
        return int(self.db.execute(sql, args).fetchall()[0][0])

    def any_of(self, column: str, values: Sequence[object]) -> tuple[str, list[object]]:
        # one placeholder a value: fine for the few values asked for (statuses), not for
        # SQLite's 32,766-variable limit; a long list would want json_each(?) instead
        return f"{column} IN ({','.join('?' * len(values))})", list(values)


@lru_cache(maxsize=512)
def _pyformat(sql: str) -> str:
    # Our shared SQL has no '?' or '%' inside string literals; psycopg wants %s, and %% for %.
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresSql:
    """The seam over a psycopg connection (autocommit; PostgresStore.transaction wraps)."""

    versions = True
    for_update = " FOR UPDATE"
    bytewise = ' COLLATE "C"'

    def __init__(self, db: psycopg.Connection[tuple[Any, ...]]) -> None:
        self.db = db

    def execute(self, sql: str, args: Sequence[object] = ()) -> Rows:
        return self.db.execute(_pyformat(sql), args)

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        with self.db.cursor() as cur:
            cur.executemany(_pyformat(sql), list(rows))

    def insert_id(self, sql: str, args: Sequence[object]) -> int:
        row = self.db.execute(_pyformat(sql), args).fetchone()
        assert row is not None  # INSERT ... RETURNING of one row
        return int(row[0])

    def any_of(self, column: str, values: Sequence[object]) -> tuple[str, list[object]]:
        return f"{column} = ANY(?)", [list(values)]


class SqlTables:
    """Base of the shared table mixins: the store they are mixed into owns `_sql` (its
    connection behind the seam) and `transaction()`."""

    _sql: Sql

    if TYPE_CHECKING:  # provided by SqliteStore and PostgresStore

        def transaction(self) -> AbstractContextManager[None]: ...


class NestedTransactions:
    """`transaction()` as both stores have it: all or nothing, and nesting (inner blocks join
    the outer transaction). A store says in `_outermost()` how its backend begins, commits
    and rolls back the outermost one."""

    _depth = 0

    if TYPE_CHECKING:  # each store defines it (SqliteStore, PostgresStore)

        def _outermost(self) -> AbstractContextManager[object]: ...

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._outermost():
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0
