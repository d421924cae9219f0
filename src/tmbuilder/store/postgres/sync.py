"""Merging exports unit by unit on PostgreSQL: store/sync_tables.py's two tables, same rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from tmbuilder.model import utc_now
from tmbuilder.store.sync_tables import StoredConflict, SyncBase

if TYPE_CHECKING:
    import psycopg


class SyncTables:
    """Mixin for PostgresStore; relies on its `_db` connection and `transaction()`."""

    _db: psycopg.Connection[tuple[Any, ...]]

    if TYPE_CHECKING:  # provided by PostgresStore

        def transaction(self) -> AbstractContextManager[None]: ...

    def sync_bases(self, kind: str) -> dict[str, SyncBase]:
        rows = self._db.execute(
            "SELECT ref, content, version, parent FROM sync_base WHERE kind = %s", (kind,)
        ).fetchall()
        return {str(r[0]): SyncBase(str(r[1]), int(r[2]), str(r[3])) for r in rows}

    def set_sync_bases(self, kind: str, bases: Iterable[tuple[str, SyncBase]]) -> None:
        rows = [(kind, ref, b.content, b.version, b.parent) for ref, b in bases]
        with self.transaction(), self._db.cursor() as cur:
            cur.executemany(
                "INSERT INTO sync_base(kind, ref, content, version, parent) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT(kind, ref) DO UPDATE SET "
                "content = excluded.content, version = excluded.version, parent = excluded.parent",
                rows,
            )

    def note_conflicts(
        self, kind: str, file: str, conflicts: Iterable[tuple[str, dict[str, str]]]
    ) -> None:
        """Record (or refresh) conflicts found while merging `file`."""
        now = utc_now()
        rows = [
            (kind, ref, file, json.dumps(theirs, ensure_ascii=False), now)
            for ref, theirs in conflicts
        ]
        with self.transaction(), self._db.cursor() as cur:
            cur.executemany(
                "INSERT INTO merge_conflicts(kind, ref, file, theirs, noted_at) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT(kind, ref, file) DO UPDATE SET "
                "theirs = excluded.theirs, noted_at = excluded.noted_at",
                rows,
            )

    def clear_conflicts(self, kind: str, refs: Iterable[str]) -> None:
        """Forget conflicts on units or terms both sides agree on again."""
        with self.transaction():
            self._db.execute(
                "DELETE FROM merge_conflicts WHERE kind = %s AND ref = ANY(%s)",
                (kind, list(refs)),
            )

    def stored_conflicts(self) -> list[StoredConflict]:
        rows = self._db.execute(
            "SELECT kind, ref, file, theirs, noted_at FROM merge_conflicts "
            'ORDER BY kind COLLATE "C", ref COLLATE "C", file COLLATE "C"'  # as SQLite sorts
        ).fetchall()
        return [
            StoredConflict(str(r[0]), str(r[1]), str(r[2]), json.loads(str(r[3])), str(r[4]))
            for r in rows
        ]
