"""The matches kept per segment for the review UI's side panel (`suggestions`).

Written once for both backends on store/sql.py's seam.
"""

from __future__ import annotations

from collections.abc import Sequence

from tmbuilder.model import Match, utc_now
from tmbuilder.store.sql import SqlTables


class SuggestionTables(SqlTables):
    """`suggestions` for SqliteStore and PostgresStore alike."""

    def set_suggestions(self, segment_id: int, kind: str, matches: Sequence[Match]) -> None:
        now = utc_now()
        with self.transaction():
            self._sql.execute(
                "DELETE FROM suggestions WHERE segment_id = ? AND kind = ?", (segment_id, kind)
            )
            self._sql.executemany(
                "INSERT INTO suggestions(segment_id, kind, score, source, target, origin, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(segment_id, kind, m.score, m.source, m.target, m.origin, now) for m in matches],
            )

    def suggestions(self, segment_id: int) -> list[Match]:
        rows = self._sql.execute(
            "SELECT score, source, target, origin, kind FROM suggestions WHERE segment_id = ? "
            "ORDER BY kind DESC, score DESC, id",
            (segment_id,),
        ).fetchall()
        return [
            Match(
                score=float(r[0]),
                source=str(r[1]),
                target=str(r[2]),
                origin=str(r[3]),
                kind=str(r[4]),
            )
            for r in rows
        ]
