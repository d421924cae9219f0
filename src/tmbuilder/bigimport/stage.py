"""Stage files: memory rows prepared by another process, merged into the store in one statement.

A helper process reading part of a big import (bigimport/parts) cannot write the store:
the importing process holds its write transaction. It writes a stage file instead, a small
SQLite database with one table holding `memory` rows exactly as the store lays them out
(memory_rows.COLUMNS, keys included) plus a `kept` flag for units the caller asked to see
again. `merge_stage_sql` copies them into `memory` inside SQLite, in file order, with the same
duplicate merging as MemoryImport, so the result is the one a single process would produce.

Nothing in a stage file needs to survive a crash: it is written with no journal and no syncs,
and thrown away after the merge. Each lives in its own `.tmbuilder/import-stage-*` folder,
locked by the importing process; a folder whose importer was killed is removed when the
project is next opened (`remove_abandoned_stages`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path

from tmbuilder.bigimport.key_worker import unit_keys
from tmbuilder.bigimport.memory_import import BATCH, CONFLICT
from tmbuilder.model import MemoryUnit
from tmbuilder.store.memory_rows import (
    COLUMNS,
    SELECT,
    hashed_target,
    unit_from_row,
    unit_values,
)

_TABLE = "stage"
STAGE_PREFIX = "import-stage-"  # folders in the project's state directory


def remove_abandoned_stages(state_dir: Path) -> int:
    """Remove the stage folders of imports that were killed; returns how many."""
    from tmbuilder.leftovers import sweep

    return sweep(state_dir, f"{STAGE_PREFIX}*")


def write_stage(
    path: Path,
    units: Iterable[MemoryUnit],
    origin: str,
    keep: Callable[[MemoryUnit], bool],
    memory: Callable[[MemoryUnit], bool] | None = None,
) -> tuple[int, int]:
    """Write `units` as memory rows to a new stage file at `path`; returns how many become
    memory (memory() true, or all), and how many keep() wanted (kept_units is a scan of the
    whole file: skipped when none). A unit that is not memory but is wanted is staged too,
    flagged, so that the merge leaves it out and kept_units still returns it."""
    db = sqlite3.connect(str(path), isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute(
            f"CREATE TABLE {_TABLE}({', '.join(COLUMNS)}, kept INTEGER NOT NULL, "
            "mem INTEGER NOT NULL)"
        )
        insert = f"INSERT INTO {_TABLE} VALUES ({', '.join('?' * (len(COLUMNS) + 2))})"
        count = kept_count = 0
        stream = iter(units)
        db.execute("BEGIN")
        while chunk := list(islice(stream, BATCH)):
            flags = [int(memory(unit)) if memory else 1 for unit in chunk]
            kept = [int(keep(unit)) for unit in chunk]
            staged = [t for t in zip(chunk, flags, kept, strict=True) if t[1] or t[2]]
            batch = [unit for unit, _, _ in staged]
            flags = [flag for _, flag, _ in staged]
            kept = [wanted for _, _, wanted in staged]
            rows = [unit_values(unit, origin) for unit in batch]
            stored, key_hashes, pair_hashes = unit_keys(
                [unit.source for unit in batch], [hashed_target(row) for row in rows]
            )
            extra = zip(stored, key_hashes, pair_hashes, kept, flags, strict=True)
            db.executemany(insert, map(tuple.__add__, rows, extra))
            count += sum(flags)
            kept_count += sum(kept)
        db.execute("COMMIT")
        return count, kept_count
    finally:
        db.close()


def merge_stage_sql(schema: str, *, merge: bool = True) -> str:
    """The INSERT copying an attached stage file (`schema`) into `memory`, in file order;
    with `merge`, duplicates are merged as they come (memory_import.CONFLICT)."""
    columns = ", ".join(COLUMNS)
    # A WHERE is needed anyway: without one, SQLite would read ON CONFLICT as part of a join.
    return (
        f"INSERT INTO memory({columns}) SELECT {columns} FROM {schema}.{_TABLE} WHERE mem "
        f"ORDER BY rowid {CONFLICT if merge else ''}"
    )


def stage_count_sql(schema: str) -> str:
    return f"SELECT COUNT(*) FROM {schema}.{_TABLE} WHERE mem"


def kept_units(path: Path) -> list[MemoryUnit]:
    """The units of a stage file written with keep() true, in file order."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = SELECT.partition(", ")[2]  # all but the store's id
        rows = db.execute(f"SELECT rowid, {columns} FROM {_TABLE} WHERE kept ORDER BY rowid")
        return [unit_from_row(row)[1] for row in rows]
    finally:
        db.close()
