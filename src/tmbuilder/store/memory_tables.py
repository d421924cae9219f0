"""Store tables that hold translations from elsewhere: imported memory, suggestions, MT cache."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from itertools import islice
from typing import TYPE_CHECKING

from tmbuilder.model import Match, MemoryUnit, utc_now
from tmbuilder.store.base import MemoryImportReport
from tmbuilder.text.normalize import match_key

_BATCH = 20_000
_IMPORT_CACHE_KIB = 64 * 1024
_EMPTY = "[]"
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_INSERT_MEMORY = (
    "INSERT INTO memory(source, target, key, key_hash, pair_hash, src_lang, tgt_lang, origin, "
    "tuid, created_at, changed_at, created_by, changed_by, props, notes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(pair_hash) DO UPDATE SET changed_at = excluded.changed_at "
    "WHERE key = excluded.key AND target = excluded.target "
    "AND excluded.changed_at > changed_at"
)
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


def key_hash(key: str) -> int:
    """64-bit hash of a match key (crc32 and adler32 side by side), signed as SQLite stores it."""
    data = key.encode()
    return (zlib.crc32(data) << 32 | zlib.adler32(data)) - (1 << 63)


def _memory_row(u: MemoryUnit, origin: str) -> tuple[object, ...]:
    key = match_key(u.source)
    data = key.encode()
    crc, adler = zlib.crc32(data), zlib.adler32(data)
    target = b"\x00" + u.target.encode()
    pair = (zlib.crc32(target, crc) << 32 | zlib.adler32(target, adler)) - (1 << 63)
    return (
        u.source, u.target, key, (crc << 32 | adler) - (1 << 63), pair, u.src_lang, u.tgt_lang, origin, u.tuid,
        u.created_at, u.changed_at or u.created_at, u.created_by, u.changed_by,
        _json(u.props) if u.props else _EMPTY, _json(u.notes) if u.notes else _EMPTY,
    )


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
        read = 0
        db = self._db
        before_alt = self._alternative_keys()
        before_count = self.memory_count()
        # A bigger page cache for the duration: the hash indexes then stay in memory.
        cache = db.execute("PRAGMA cache_size").fetchone()[0]
        db.execute(f"PRAGMA cache_size = {-_IMPORT_CACHE_KIB}")
        try:
            with self.transaction():
                iterator = iter(units)
                while True:
                    batch = list(islice(iterator, _BATCH))
                    if not batch:
                        break
                    read += len(batch)
                    db.executemany(_INSERT_MEMORY, [_memory_row(u, origin) for u in batch])
                added = self.memory_count() - before_count
        finally:
            db.execute(f"PRAGMA cache_size = {cache}")
        alternatives = self._alternative_keys() - before_alt
        return MemoryImportReport(
            read=read, added=added, duplicates=read - added, alternatives=max(alternatives, 0)
        )

    def _alternative_keys(self) -> int:
        """Rows that are another translation of a source already there (read off the index)."""
        row = self._db.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT key_hash) FROM memory INDEXED BY memory_key"
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
            f"SELECT {_MEMORY_COLUMNS} FROM memory WHERE key_hash = ? AND key = ? "
            "ORDER BY changed_at DESC, id DESC",
            (key_hash(key), key),
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
