"""What the stored fuzzy index (tm/persist) reads of the memory table, and how it knows that
the memory changed.

Triggers (schema migration _MEMORY_GENERATION) add one to `meta.memory_generation` whenever a
memory row is deleted or its id, key, source or languages change: whoever does it (the
alignment store's `DELETE ... WHERE origin = ?`, the dedupe of a big import, a future command).
Inserts do not count: new rows get ids above every row an index has seen, so an index only
has to catch up on `id > its max_id`. `meta.memory_store_id` is random per store, so an index
copied next to another project's store is never trusted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

GENERATION = "memory_generation"
STORE_ID = "memory_store_id"
TRIGGERS = ("memory_generation_delete", "memory_generation_update")

Label = tuple[str, str]  # (src_lang, tgt_lang) as the memory stores them


@dataclass(frozen=True)
class MemoryState:
    """Which memory a stored index must describe to be trusted."""

    store_id: str
    generation: int
    max_id: int
    tracked: bool  # the triggers are in place: without them no index can be trusted


def memory_state(db: sqlite3.Connection) -> MemoryState:
    """The memory's identity, generation and largest id (a few indexed reads)."""
    meta = dict(
        db.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", (GENERATION, STORE_ID))
    )
    marks = ", ".join("?" * len(TRIGGERS))
    triggers = db.execute(
        f"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'memory' "
        f"AND name IN ({marks})",
        TRIGGERS,
    ).fetchone()[0]
    max_id = db.execute("SELECT MAX(id) FROM memory").fetchone()[0]
    try:
        generation = int(meta.get(GENERATION, ""))
    except ValueError:
        generation = -1
    store_id = str(meta.get(STORE_ID, ""))
    tracked = triggers == len(TRIGGERS) and generation >= 0 and bool(store_id)
    return MemoryState(store_id, generation, int(max_id or 0), tracked)


def memory_rows_after(
    db: sqlite3.Connection, after: int, upto: int
) -> Iterator[tuple[int, str, Label]]:
    """(id, match key, (src_lang, tgt_lang)) of every memory row with after < id <= upto."""
    # A NULL key is the source casefolded (see key_worker.unit_keys, MemoryTables.memory_keys).
    rows = db.execute(
        "SELECT id, key, source, src_lang, tgt_lang FROM memory WHERE id > ? AND id <= ? "
        "ORDER BY id",
        (after, upto),
    )
    for unit_id, key, source, src_lang, tgt_lang in rows:
        text = str(source).casefold() if key is None else str(key)
        yield int(unit_id), text, (str(src_lang), str(tgt_lang))
