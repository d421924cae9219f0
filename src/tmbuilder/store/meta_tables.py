"""The store's small key/value state (review lock, last position, memory generation, ...).

Written once for both backends on store/sql.py's seam.
"""

from __future__ import annotations

from tmbuilder.store.sql import SqlTables


class MetaTables(SqlTables):
    """`meta` for SqliteStore and PostgresStore alike."""

    def get_meta(self, key: str) -> str | None:
        row = self._sql.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            if value is None:
                self._sql.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self._sql.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
