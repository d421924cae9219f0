"""The memory table's index, dropped for a big import and built once at its end.

Keeping a B-tree index up to date row by row costs a random page access per row; building it
afterwards is one sort. A million units: 15-19 s of inserts with the v1 indexes in place, 10 s
without plus 1.5 s to build the index. The duplicates the unique index would have merged row
by row (memory_import.CONFLICT) are then merged in one pass, with the same outcome: the first
row of each pair stays, dated with the newest changed_at of the rows with its target, and the
others go.
"""

from __future__ import annotations

import sqlite3
from typing import Final

_INDEX: Final = "CREATE UNIQUE INDEX memory_key ON memory(key_hash, pair_hash)"


def drop_memory_index(db: sqlite3.Connection) -> None:
    """Drop the index (inside the caller's transaction, so a rollback brings it back)."""
    db.execute("DROP INDEX memory_key")


def build_memory_index(db: sqlite3.Connection) -> None:
    """Build the index again, merging duplicate pairs first if there are any."""
    try:
        db.execute(_INDEX)
    except sqlite3.IntegrityError:  # duplicates: only this statement was undone
        _merge_duplicates(db)
        db.execute(_INDEX)


def _merge_duplicates(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX memory_dups ON memory(key_hash, pair_hash)")
    db.execute(
        "CREATE TEMP TABLE memory_keep AS SELECT key_hash, pair_hash, MIN(id) AS id "
        "FROM memory GROUP BY key_hash, pair_hash HAVING COUNT(*) > 1"
    )
    db.execute(
        "UPDATE memory SET changed_at = (SELECT MAX(m.changed_at) FROM memory m "
        "WHERE m.key_hash = memory.key_hash AND m.pair_hash = memory.pair_hash "
        "AND m.target = memory.target) WHERE id IN (SELECT id FROM temp.memory_keep)"
    )
    db.execute(
        "DELETE FROM memory WHERE (key_hash, pair_hash) IN "
        "(SELECT key_hash, pair_hash FROM temp.memory_keep) "
        "AND id NOT IN (SELECT id FROM temp.memory_keep)"
    )
    db.execute("DROP TABLE temp.memory_keep")
    db.execute("DROP INDEX memory_dups")
