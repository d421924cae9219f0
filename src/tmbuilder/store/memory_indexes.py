"""The memory table's indexes, dropped for a big import and built once at its end.

Keeping a B-tree index up to date row by row costs a random page access per row; building it
afterwards is one sort. A million units: 19 s of inserts with both indexes in place, 10 s
without them plus 3 s to build them. The duplicates the unique index would have merged row by
row (memory_import.CONFLICT) are then merged in one pass, with the same outcome: the first row
of each pair hash stays, dated with the newest changed_at of the rows with its target, and the
others go.
"""

from __future__ import annotations

import sqlite3
from typing import Final

_PAIR: Final = "CREATE UNIQUE INDEX memory_pair ON memory(pair_hash)"
_KEY: Final = "CREATE INDEX memory_key ON memory(key_hash)"


def drop_memory_indexes(db: sqlite3.Connection) -> None:
    """Drop both indexes (inside the caller's transaction, so a rollback brings them back)."""
    db.execute("DROP INDEX memory_pair")
    db.execute("DROP INDEX memory_key")


def build_memory_indexes(db: sqlite3.Connection) -> None:
    """Build both indexes again, merging duplicate pairs first if there are any."""
    try:
        db.execute(_PAIR)
    except sqlite3.IntegrityError:  # duplicates: only this statement was undone
        _merge_duplicates(db)
        db.execute(_PAIR)
    db.execute(_KEY)


def _merge_duplicates(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX memory_pair_dups ON memory(pair_hash)")
    db.execute(
        "CREATE TEMP TABLE memory_keep AS SELECT pair_hash, MIN(id) AS id FROM memory "
        "GROUP BY pair_hash HAVING COUNT(*) > 1"
    )
    db.execute(
        "UPDATE memory SET changed_at = (SELECT MAX(m.changed_at) FROM memory m "
        "WHERE m.pair_hash = memory.pair_hash AND m.target = memory.target) "
        "WHERE id IN (SELECT id FROM temp.memory_keep)"
    )
    db.execute(
        "DELETE FROM memory WHERE pair_hash IN (SELECT pair_hash FROM temp.memory_keep) "
        "AND id NOT IN (SELECT id FROM temp.memory_keep)"
    )
    db.execute("DROP TABLE temp.memory_keep")
    db.execute("DROP INDEX memory_pair_dups")
