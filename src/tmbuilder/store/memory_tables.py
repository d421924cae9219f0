"""Store tables that hold translations from elsewhere: imported memory, suggestions, MT cache."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from tmbuilder.bigimport.key_worker import key_hash
from tmbuilder.bigimport.memory_import import DEFER_AFTER, PARALLEL_AFTER, MemoryImport
from tmbuilder.bigimport.memory_indexes import build_memory_index
from tmbuilder.bigimport.stage import merge_stage_sql, stage_count_sql
from tmbuilder.langtags import LangPair
from tmbuilder.model import MemoryUnit, utc_now
from tmbuilder.store.base import MemoryImportReport
from tmbuilder.store.memory_rows import SELECT, unit_from_row

# Page cache while importing: the hash index of a smaller import into a big memory mostly stays
# in memory (a big import builds it at the end instead: memory_indexes).
_IMPORT_CACHE_KIB = 32 * 1024


class MemoryTables:
    """Mixin for SqliteStore; relies on its `_db` connection and `transaction()`."""

    _db: sqlite3.Connection
    _attached: list[str]  # stage files attached in the current transaction

    if TYPE_CHECKING:  # provided by SqliteStore

        def transaction(self) -> AbstractContextManager[None]: ...

    def add_memory(
        self,
        units: Iterable[MemoryUnit],
        origin: str,
        *,
        then: Callable[[], Path] | None = None,
    ) -> MemoryImportReport:
        """Add memory units in one transaction: all of them, or none if reading fails midway.

        Same source and target as a unit already there: merged (the newer dates win). Same
        source, another target: kept as an alternative; reads return the newest first.
        `then`, called once `units` are in, returns a stage file (bigimport/stage) whose rows are
        added after them, as if they had come last in `units`; it may raise to abandon all.
        """
        db = self._db
        before_alt = self._alternative_keys()
        before_count = self.memory_count()
        cache = db.execute("PRAGMA cache_size").fetchone()[0]
        db.execute(f"PRAGMA cache_size = {-_IMPORT_CACHE_KIB}")
        # With a stage, another process is busy on the other core: no key helper beside it.
        parallel_after = sys.maxsize if then is not None else PARALLEL_AFTER
        # Rebuilding the index costs a fraction of keeping it up to date, per row of the whole
        # table: worth it once this import outgrows twice what is there already.
        defer_after = max(DEFER_AFTER, 2 * before_count)
        try:
            with self.transaction():
                bulk = MemoryImport(
                    db, origin, parallel_after=parallel_after, defer_after=defer_after
                )
                read = bulk.run(units)
                if then is not None:
                    read += self._merge_stage(then(), bulk)
                if bulk.deferred:
                    build_memory_index(db)
                added = self.memory_count() - before_count
        finally:
            db.execute(f"PRAGMA cache_size = {cache}")
        alternatives = self._alternative_keys() - before_alt
        return MemoryImportReport(
            read=read, added=added, duplicates=read - added, alternatives=max(alternatives, 0)
        )

    def _merge_stage(self, stage: Path, bulk: MemoryImport) -> int:
        """Copy a stage file's rows into `memory` after `bulk`'s; how many it held. Runs in a
        transaction, where SQLite can ATTACH but not DETACH: the store detaches when it ends."""
        schema = f"stage{len(self._attached)}"
        self._db.execute(f"ATTACH DATABASE ? AS {schema}", (str(stage),))
        self._attached.append(schema)
        count = int(self._db.execute(stage_count_sql(schema)).fetchone()[0])
        bulk.expect(count)
        self._db.execute(merge_stage_sql(schema, merge=not bulk.deferred))
        return count

    def _alternative_keys(self) -> int:
        """Rows that are another translation of a source already there (read off the index)."""
        row = self._db.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT key_hash) FROM memory INDEXED BY memory_key"
        ).fetchone()
        return int(row[0])

    def memory_units(self, origin: str | None = None) -> Iterator[tuple[int, MemoryUnit]]:
        """Every memory unit in import order, or those imported from the file named `origin`."""
        if origin is None:
            cur = self._db.execute(f"SELECT {SELECT} FROM memory ORDER BY id")
        else:
            cur = self._db.execute(
                f"SELECT {SELECT} FROM memory WHERE origin = ? ORDER BY id", (origin,)
            )
        for row in cur:
            yield unit_from_row(row)

    def memory_texts(self, batch: int = 5000) -> Iterator[tuple[int, str, str, str]]:
        """(id, source, target, origin) of every unit in id order, `batch` rows at a time (no
        cursor left open across a long concordance scan)."""
        last = 0
        while True:
            rows = self._db.execute(
                "SELECT id, source, target, origin FROM memory WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            for unit_id, source, target, origin in rows:
                yield int(unit_id), str(source), str(target), str(origin or "")
            last = rows[-1][0]

    def memory_origins(self) -> list[str]:
        """The names of the files memory was imported from."""
        return [str(r[0]) for r in self._db.execute("SELECT DISTINCT origin FROM memory")]

    def memory_language_pairs(self) -> list[tuple[str, str, int]]:
        """(source language, target language, units) of the memory, as the files labelled them."""
        rows = self._db.execute(
            "SELECT src_lang, tgt_lang, COUNT(*) FROM memory GROUP BY src_lang, tgt_lang"
        )
        return [(str(a), str(b), int(n)) for a, b, n in rows]

    def _pair_filter(self, pair: LangPair | None) -> tuple[str, list[str]]:
        """A WHERE clause keeping the units that serve `pair` (all of them for None)."""
        if pair is None:
            return "", []
        labels = [f"{a}\x1f{b}" for a, b, _ in self.memory_language_pairs() if pair.serves(a, b)]
        if not labels:
            return " WHERE false", []
        marks = ", ".join("?" * len(labels))
        return f" WHERE src_lang || char(31) || tgt_lang IN ({marks})", labels

    def memory_keys(self, pair: LangPair | None = None) -> Iterator[tuple[int, str]]:
        """(id, key) of every memory unit serving `pair` (all with None): what the fuzzy index
        is built from."""
        where, args = self._pair_filter(pair)
        # A NULL key is the source casefolded (see key_worker.unit_keys).
        for unit_id, key, source in self._db.execute(
            f"SELECT id, key, source FROM memory{where} ORDER BY id", args
        ):
            yield int(unit_id), str(source).casefold() if key is None else str(key)

    def memory_unit(self, unit_id: int) -> MemoryUnit:
        row = self._db.execute(f"SELECT {SELECT} FROM memory WHERE id = ?", (unit_id,)).fetchone()
        return unit_from_row(row)[1]

    @property
    def memory_db(self) -> sqlite3.Connection:
        """The connection, for the stored fuzzy index (tm/persist, store/fuzzy_tables)."""
        return self._db

    def find_memory_unit(self, unit_id: int) -> MemoryUnit | None:
        """The unit with that id, or None if there is none (any more)."""
        row = self._db.execute(f"SELECT {SELECT} FROM memory WHERE id = ?", (unit_id,)).fetchone()
        return None if row is None else unit_from_row(row)[1]

    def memory_lookup(self, key: str, pair: LangPair | None = None) -> list[tuple[int, MemoryUnit]]:
        """Units whose source has match key `key`, newest first; only those serving `pair`
        (a project's language pair) when it is given."""
        rows = self._db.execute(
            f"SELECT {SELECT}, key FROM memory WHERE key_hash = ? "
            "ORDER BY changed_at DESC, id DESC",
            (key_hash(key),),
        ).fetchall()
        # The hash only narrows the search: each hit is confirmed on the key itself.
        return [
            unit_from_row(r)
            for r in rows
            if (str(r[1]).casefold() if r[-1] is None else r[-1]) == key
            and (pair is None or pair.serves(str(r[3]), str(r[4])))
        ]

    def memory_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM memory").fetchone()[0])

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
