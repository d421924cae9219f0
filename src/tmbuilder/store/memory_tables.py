"""Store tables that hold translations from elsewhere: imported memory, suggestions, MT cache."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from itertools import islice
from typing import TYPE_CHECKING

from tmbuilder.model import Match, MemoryUnit, utc_now
from tmbuilder.store.base import MemoryImportReport

_BATCH = 20_000
_MEMORY_COLUMNS = (
    "id, source, target, src_lang, tgt_lang, tuid, created_at, changed_at, created_by, "
    "changed_by, props, notes"
)


def _row_to_memory(row: Sequence[object]) -> tuple[int, MemoryUnit]:
    props = tuple((str(k), str(v)) for k, v in json.loads(str(row[10])))
    notes = tuple(str(n) for n in json.loads(str(row[11])))
    unit = MemoryUnit(
        source=str(row[1]),
        target=str(row[2]),
        src_lang=str(row[3]),
        tgt_lang=str(row[4]),
        tuid=str(row[5]),
        created_at=str(row[6]),
        changed_at=str(row[7]),
        created_by=str(row[8]),
        changed_by=str(row[9]),
        props=props,
        notes=notes,
    )
    return int(row[0]), unit  # type: ignore[call-overload]


class MemoryTables:
    """Mixin for SqliteStore; relies on its `_db` connection and `transaction()`."""

    _db: sqlite3.Connection

    if TYPE_CHECKING:  # provided by SqliteStore

        def transaction(self) -> AbstractContextManager[None]: ...

    def add_memory(self, units: Iterable[MemoryUnit], origin: str) -> MemoryImportReport:
        """Add memory units in one transaction: all of them, or none if reading fails midway.

        Same source and target as a unit already there: merged (the newer dates win). Same
        source, another target: kept as an alternative; reads return the newest first.
        """
        from tmbuilder.text.normalize import match_key

        read = 0
        db = self._db
        before_alt = self._alternative_keys()
        before_count = self.memory_count()
        with self.transaction():
            iterator = iter(units)
            while True:
                batch = list(islice(iterator, _BATCH))
                if not batch:
                    break
                read += len(batch)
                rows = [
                    (
                        u.source,
                        u.target,
                        match_key(u.source),
                        u.src_lang,
                        u.tgt_lang,
                        origin,
                        u.tuid,
                        u.created_at,
                        u.changed_at or u.created_at,
                        u.created_by,
                        u.changed_by,
                        json.dumps(u.props, ensure_ascii=False),
                        json.dumps(u.notes, ensure_ascii=False),
                    )
                    for u in batch
                ]
                db.executemany(
                    "INSERT INTO memory(source, target, key, src_lang, tgt_lang, origin, tuid, "
                    "created_at, changed_at, created_by, changed_by, props, notes) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(key, target) DO UPDATE SET "
                    "changed_at = max(changed_at, excluded.changed_at) "
                    "WHERE excluded.changed_at > changed_at",
                    rows,
                )
            added = self.memory_count() - before_count
        alternatives = self._alternative_keys() - before_alt
        return MemoryImportReport(
            read=read, added=added, duplicates=read - added, alternatives=max(alternatives, 0)
        )

    def _alternative_keys(self) -> int:
        row = self._db.execute(
            "SELECT COUNT(*) FROM (SELECT key FROM memory GROUP BY key HAVING COUNT(*) > 1)"
        ).fetchone()
        return int(row[0])

    def memory_units(self) -> Iterator[tuple[int, MemoryUnit]]:
        cur = self._db.execute(f"SELECT {_MEMORY_COLUMNS} FROM memory ORDER BY id")
        for row in cur:
            yield _row_to_memory(row)

    def memory_keys(self) -> Iterator[tuple[int, str]]:
        """(id, key) of every memory unit: what the fuzzy index is built from."""
        for row in self._db.execute("SELECT id, key FROM memory ORDER BY id"):
            yield int(row[0]), str(row[1])

    def memory_unit(self, unit_id: int) -> MemoryUnit:
        row = self._db.execute(
            f"SELECT {_MEMORY_COLUMNS} FROM memory WHERE id = ?", (unit_id,)
        ).fetchone()
        return _row_to_memory(row)[1]

    def memory_lookup(self, key: str) -> list[tuple[int, MemoryUnit]]:
        rows = self._db.execute(
            f"SELECT {_MEMORY_COLUMNS} FROM memory WHERE key = ? ORDER BY changed_at DESC, id DESC",
            (key,),
        ).fetchall()
        return [_row_to_memory(r) for r in rows]

    def memory_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM memory").fetchone()[0])

    # -- suggestions ---------------------------------------------------------------------------
    def set_suggestions(self, segment_id: int, kind: str, matches: Sequence[Match]) -> None:
        now = utc_now()
        with self.transaction():
            self._db.execute(
                "DELETE FROM suggestions WHERE segment_id = ? AND kind = ?", (segment_id, kind)
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO suggestions(segment_id, kind, score, source, target, "
                "origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(segment_id, kind, m.score, m.source, m.target, m.origin, now) for m in matches],
            )

    def suggestions(self, segment_id: int) -> list[Match]:
        rows = self._db.execute(
            "SELECT score, source, target, origin, kind FROM suggestions WHERE segment_id = ? "
            "ORDER BY kind DESC, score DESC, id",
            (segment_id,),
        ).fetchall()
        return [
            Match(score=float(r[0]), source=str(r[1]), target=str(r[2]), origin=str(r[3]),
                  kind=str(r[4]))
            for r in rows
        ]

    # -- MT cache (the engines' TranslationCache protocol) -----------------------------------
    def get_many(self, engine: str, src: str, tgt: str, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            rows = self._db.execute(
                "SELECT key, translation FROM mt_cache WHERE engine = ? AND src_lang = ? AND "
                f"tgt_lang = ? AND key IN ({','.join('?' * len(chunk))})",
                (engine, src, tgt, *chunk),
            )
            found.update((str(k), str(v)) for k, v in rows)
        return found

    def put_many(self, engine: str, src: str, tgt: str, items: Mapping[str, str]) -> None:
        now = utc_now()
        with self.transaction():
            self._db.executemany(
                "INSERT INTO mt_cache(engine, src_lang, tgt_lang, key, translation, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                "translation = excluded.translation",
                [(engine, src, tgt, k, v, now) for k, v in items.items()],
            )
