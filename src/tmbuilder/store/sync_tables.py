"""Store tables for merging exports unit by unit: the last agreed content, and the conflicts.

`sync_base` holds, per unit (segment id) and per glossary term (match key), a digest of what
the store and an export last agreed on, and the unit's or term's version then (terms agreed
on before glossary exports carried versions: 0) with the content it was edited from;
`merge_conflicts` the units and terms where both sides changed since, for `build` to print and
the review UI to show. The decisions are made in pipeline/merge.py and merge_terms.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from tmbuilder.model import utc_now
from tmbuilder.store.sql import SqlTables


@dataclass(frozen=True)
class SyncBase:
    content: str
    version: int
    parent: str = ""


@dataclass(frozen=True)
class StoredConflict:
    kind: str  # "unit" or "term"
    ref: str  # segment id or term key
    file: str
    theirs: dict[str, str]
    noted_at: str


class SyncTables(SqlTables):
    """The two tables for SqliteStore and PostgresStore alike (store/sql.py's seam)."""

    def sync_bases(self, kind: str) -> dict[str, SyncBase]:
        rows = self._sql.execute(
            "SELECT ref, content, version, parent FROM sync_base WHERE kind = ?", (kind,)
        ).fetchall()
        return {str(r[0]): SyncBase(str(r[1]), int(r[2]), str(r[3])) for r in rows}

    def set_sync_bases(self, kind: str, bases: Iterable[tuple[str, SyncBase]]) -> None:
        with self.transaction():
            self._sql.executemany(
                "INSERT INTO sync_base(kind, ref, content, version, parent) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(kind, ref) DO UPDATE SET "
                "content = excluded.content, version = excluded.version, parent = excluded.parent",
                ((kind, ref, b.content, b.version, b.parent) for ref, b in bases),
            )

    def note_conflicts(
        self, kind: str, file: str, conflicts: Iterable[tuple[str, dict[str, str]]]
    ) -> None:
        """Record (or refresh) conflicts found while merging `file`."""
        now = utc_now()
        with self.transaction():
            self._sql.executemany(
                "INSERT INTO merge_conflicts(kind, ref, file, theirs, noted_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(kind, ref, file) DO UPDATE SET "
                "theirs = excluded.theirs, noted_at = excluded.noted_at",
                (
                    (kind, ref, file, json.dumps(theirs, ensure_ascii=False), now)
                    for ref, theirs in conflicts
                ),
            )

    def clear_conflicts(self, kind: str, refs: Iterable[str]) -> None:
        """Forget conflicts on units or terms both sides agree on again."""
        with self.transaction():
            self._sql.executemany(
                "DELETE FROM merge_conflicts WHERE kind = ? AND ref = ?",
                ((kind, ref) for ref in refs),
            )

    def stored_conflicts(self) -> list[StoredConflict]:
        b = self._sql.bytewise
        rows = self._sql.execute(
            "SELECT kind, ref, file, theirs, noted_at FROM merge_conflicts ORDER BY "
            f"kind{b}, ref{b}, file{b}"
        ).fetchall()
        return [
            StoredConflict(str(r[0]), str(r[1]), str(r[2]), json.loads(str(r[3])), str(r[4]))
            for r in rows
        ]
