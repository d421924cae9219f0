"""Imported memory, suggestions and MT cache on PostgreSQL, and fuzzy lookups in the server.

An import streams its rows with COPY into a temporary table, then one INSERT ... SELECT moves
them into `memory` in input order, merging duplicates as SqliteStore does (same source and
target: one row, the newest date wins; another target: an alternative). Keys and hashes are
the ones bigimport/key_worker.py computes for SQLite, so both backends agree on what a duplicate is.

Fuzzy lookups (`memory_search`) ask the server for candidates from a pg_trgm GIN index, in
the length window where a match can reach the threshold (as amaGama does), and score them
with tm/score.py's Levenshtein, so a score is the same number the local index gives. The index
holds the trigrams of each key's syllable sketch (store/postgres/sketch.py: why), and those of
the key itself for short keys, which have too few syllables for a sketch to find neighbours.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from hashlib import md5
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmbuilder.bigimport.key_worker import key_hash, unit_keys
from tmbuilder.errors import StoreError
from tmbuilder.langtags import LangPair
from tmbuilder.model import MemoryUnit, utc_now
from tmbuilder.store.base import MemoryImportReport
from tmbuilder.store.memory_rows import COLUMNS, SELECT, hashed_target, unit_from_row, unit_values
from tmbuilder.store.postgres.sketch import sketch
from tmbuilder.tm.score import similarity

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import psycopg

_BATCH = 2048
_PAGE = 10_000  # rows a read of the whole memory fetches at a time (keyset pages)
# Candidates the trigram indexes hand over per lookup, before Levenshtein rescoring, and the
# trigram similarity they need: sketches share few trigrams even with a close match (one
# changed syllable breaks three runs), keys many. Both floors are low enough that a 75 %
# Levenshtein match is almost never below them (bench/bench_pg.py measures recall@5 against
# brute force: 99.3 % at 1,000,000 units, with 25 ms of server CPU a lookup).
CANDIDATES = 60
SKETCH_FLOOR = 0.1
TRIGRAM_FLOOR = 0.3
# Keys up to each of these lengths have their character trigrams indexed (memory_short<N>,
# migration v5): a lookup whose length window ends at or below one searches the smallest such
# band instead of sketches. Bands: a 4-letter key's trigrams ("  n", " ni", ...) are in a
# fifth of a memory's short keys, but in few of those up to 12 letters long.
SHORT_KEYS = (12, 24, 48)
# An import of more rows than this, and than twice the memory there, drops the trigram indexes
# and builds them once at the end (as SQLite's memory_indexes does with its hash index): a GIN
# index is cheaper built in one pass than updated row by row.
DEFER_AFTER = 50_000
_INDEXES = {
    "memory_sketch": "CREATE INDEX memory_sketch ON memory USING gin (sketch gin_trgm_ops)",
    **{
        f"memory_short{n}": f"CREATE INDEX memory_short{n} ON memory USING gin "
        f"(key gin_trgm_ops) WHERE key_len <= {n}"
        for n in SHORT_KEYS
    },
}
_KEY = COLUMNS.index("key")  # memory_rows.COLUMNS: the unit's values, then key and hashes
_IN_COLUMNS = (*COLUMNS[:_KEY], "key", "key_len", "key_hash", "pair_hash", "sketch")
_OUT = ", ".join(_IN_COLUMNS)
_TYPES = {"key_len": "INTEGER", "key_hash": "BIGINT", "pair_hash": "BIGINT"}
_CREATE_IN = (
    "CREATE TEMP TABLE memory_in (seq BIGINT GENERATED ALWAYS AS IDENTITY, "
    + ", ".join(f"{c} {_TYPES.get(c, 'TEXT')}" for c in _IN_COLUMNS)
    + ") ON COMMIT DROP"
)
_NEWEST = _OUT.replace("changed_at", "newest AS changed_at")
_MERGE = f"""
INSERT INTO memory({_OUT})
SELECT {_OUT} FROM (
    SELECT DISTINCT ON (key_hash, pair_hash) seq, {_NEWEST}
    FROM (SELECT *, max(changed_at) OVER (PARTITION BY key_hash, pair_hash) AS newest
          FROM memory_in) w
    ORDER BY key_hash, pair_hash, seq
) first_seen
ORDER BY seq
ON CONFLICT (key_hash, pair_hash) DO UPDATE SET changed_at = excluded.changed_at
WHERE memory.target = excluded.target AND excluded.changed_at > memory.changed_at
"""


def _md5(text: str) -> str:
    return md5(text.encode(), usedforsecurity=False).hexdigest()


def length_window(length: int, threshold: float) -> tuple[int, int]:
    """Key lengths that can score >= threshold against a key of `length` (lev >= |la - lb|)."""
    bar = max(threshold, 1.0) / 100.0
    return math.ceil(length * bar - 1e-9), math.floor(length / bar + 1e-9)


def candidate_query(
    key: str, threshold: float, count: int, where: str = ""
) -> tuple[str, tuple[object, ...], float]:
    """(SQL, its values after those of `where`, trigram floor) of the `count` candidates for
    `key` closest by trigrams: by sketch for a sentence, by the key's own trigrams for a short
    key (store/postgres/sketch.py says why). `where`: conditions, each followed by AND."""
    low, high = length_window(len(key), threshold)
    probe = sketch(key)
    column, floor = "sketch", SKETCH_FLOOR
    band = next((n for n in SHORT_KEYS if high <= n), None)
    if band is not None or not probe:
        # a long key without a syllable has no sketch: rare enough to scan the table for
        column, probe, floor = "key", key, TRIGRAM_FLOOR
        if band is not None:  # a literal bound: the planner then proves that band's WHERE
            where += f"key_len <= {band} AND "
    sql = (
        f"SELECT id, key FROM memory WHERE {where}{column} %% %s AND key_len BETWEEN %s AND %s "
        f"ORDER BY similarity({column}, %s) DESC, id LIMIT %s"
    )
    return sql, (probe, low, high, probe, count), floor


class MemoryTables:
    """Mixin for PostgresStore; relies on its `_db` connection and `transaction()`."""

    _db: psycopg.Connection[tuple[Any, ...]]

    if TYPE_CHECKING:  # provided by PostgresStore

        def transaction(self) -> AbstractContextManager[None]: ...

    def add_memory(
        self,
        units: Iterable[MemoryUnit],
        origin: str,
        *,
        then: Callable[[], Path] | None = None,
    ) -> MemoryImportReport:
        """Add memory units in one transaction: all of them, or none if reading fails midway
        (SqliteStore.add_memory's contract, `then` stage files included)."""
        with self.transaction():
            # Imports of one memory run one at a time: the counts below are then this import's.
            self._db.execute("LOCK TABLE memory IN SHARE ROW EXCLUSIVE MODE")
            before_alt = self._alternative_keys()
            before_count = self.memory_count()
            self._db.execute(_CREATE_IN)
            read = self._copy_rows(_unit_rows(units, origin))
            if then is not None:
                read += self._copy_rows(_stage_rows(then()))
            deferred = read > max(DEFER_AFTER, 2 * before_count)
            if deferred:
                for name in _INDEXES:
                    self._db.execute(f"DROP INDEX {name}")
            # The merge sorts every row read: in memory, not in temporary files, if it can.
            self._db.execute("SET LOCAL work_mem = '256MB'")
            self._db.execute(_MERGE)
            if deferred:
                self._db.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for create in _INDEXES.values():
                    self._db.execute(create)
            added = self.memory_count() - before_count
            alternatives = self._alternative_keys() - before_alt
        return MemoryImportReport(
            read=read, added=added, duplicates=read - added, alternatives=max(alternatives, 0)
        )

    def _copy_rows(self, rows: Iterable[tuple[object, ...]]) -> int:
        count = 0
        with (
            self._db.cursor() as cur,
            cur.copy(f"COPY memory_in ({_OUT}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def _alternative_keys(self) -> int:
        row = self._db.execute("SELECT COUNT(*) - COUNT(DISTINCT key_hash) FROM memory").fetchone()
        return int(row[0]) if row else 0

    def memory_units(self, origin: str | None = None) -> Iterator[tuple[int, MemoryUnit]]:
        """Every memory unit in import order, or those imported from the file named `origin`."""
        where, args = ("", []) if origin is None else ("origin = %s AND ", [origin])
        for row in self._pages(f"SELECT {SELECT} FROM memory", where, args):
            yield unit_from_row(row)

    def memory_texts(self) -> Iterator[tuple[int, str, str, str]]:
        """(id, source, target, origin) of every unit in id order, a page at a time."""
        for unit_id, source, target, origin in self._pages(
            "SELECT id, source, target, origin FROM memory"
        ):
            yield int(unit_id), str(source), str(target), str(origin)

    def memory_origins(self) -> list[str]:
        """The names of the files memory was imported from."""
        return [str(r[0]) for r in self._db.execute("SELECT DISTINCT origin FROM memory")]

    def memory_language_pairs(self) -> list[tuple[str, str, int]]:
        """(source language, target language, units) of the memory, as the files labelled them."""
        rows = self._db.execute(
            "SELECT src_lang, tgt_lang, COUNT(*) FROM memory GROUP BY src_lang, tgt_lang"
        ).fetchall()
        return [(str(a), str(b), int(n)) for a, b, n in rows]

    def _pair_filter(self, pair: LangPair | None) -> tuple[str, list[object]]:
        """A condition (with a trailing AND) keeping the units that serve `pair` (all: None)."""
        if pair is None:
            return "", []
        labels = [(a, b) for a, b, _ in self.memory_language_pairs() if pair.serves(a, b)]
        if not labels:
            return "false AND ", []
        marks = ", ".join(["(%s, %s)"] * len(labels))
        return f"(src_lang, tgt_lang) IN ({marks}) AND ", [x for label in labels for x in label]

    def memory_keys(self, pair: LangPair | None = None) -> Iterator[tuple[int, str]]:
        """(id, key) of every memory unit serving `pair` (all with None): what a local fuzzy
        index is built from."""
        where, args = self._pair_filter(pair)
        for unit_id, key in self._pages("SELECT id, key FROM memory", where, args):
            yield int(unit_id), str(key)

    def _pages(
        self, select: str, where: str = "", args: Sequence[object] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """Rows of `select` (its first column the id) in id order, a page at a time: no long
        transaction, no million rows in memory. `where`: conditions, each followed by AND."""
        last = -(2**63)
        while True:
            rows = self._db.execute(
                f"{select} WHERE {where}id > %s ORDER BY id LIMIT {_PAGE}", (*args, last)
            ).fetchall()
            yield from rows
            if len(rows) < _PAGE:
                return
            last = int(rows[-1][0])

    def memory_unit(self, unit_id: int) -> MemoryUnit:
        row = self._db.execute(f"SELECT {SELECT} FROM memory WHERE id = %s", (unit_id,)).fetchone()
        if row is None:
            raise StoreError(f"no memory unit #{unit_id} in this project")
        return unit_from_row(row)[1]

    def find_memory_unit(self, unit_id: int) -> MemoryUnit | None:
        """The unit with that id, or None if there is none (any more)."""
        row = self._db.execute(f"SELECT {SELECT} FROM memory WHERE id = %s", (unit_id,)).fetchone()
        return None if row is None else unit_from_row(row)[1]

    @property
    def memory_db(self) -> None:
        """No local connection: the server searches its own memory (store/postgres/fuzzy)."""
        return None

    def memory_lookup(self, key: str, pair: LangPair | None = None) -> list[tuple[int, MemoryUnit]]:
        """Units whose source has match key `key`, newest first; only those serving `pair`
        (a project's language pair) when it is given."""
        rows = self._db.execute(
            f"SELECT {SELECT} FROM memory WHERE key_hash = %s AND key = %s "
            "ORDER BY changed_at DESC, id DESC",
            (key_hash(key), key),
        ).fetchall()
        return [unit_from_row(r) for r in rows if pair is None or pair.serves(str(r[3]), str(r[4]))]

    def memory_count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM memory").fetchone()
        return int(row[0]) if row else 0

    def memory_search(
        self, key: str, *, limit: int = 5, threshold: float = 75.0, pair: LangPair | None = None
    ) -> list[tuple[int, float]]:
        """The `limit` best (unit id, score 0..100) with score >= threshold, as
        FuzzyIndex.search answers: best first, equal scores to the smaller id."""
        if limit <= 0:
            return []
        where, args = self._pair_filter(pair)
        sql, values, floor = candidate_query(key, threshold, max(CANDIDATES, 4 * limit), where)
        with self.transaction():
            self._db.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", (str(floor),)
            )
            rows = self._db.execute(sql, (*args, *values)).fetchall()
        bar = threshold
        scored = [(similarity(key, str(k)), int(i)) for i, k in rows]
        best = sorted((-s, i) for s, i in scored if s >= bar)[:limit]
        return [(unit_id, -neg) for neg, unit_id in best]

    # -- MT cache (the engines' TranslationCache protocol) -----------------------------------
    def get_many(self, engine: str, src: str, tgt: str, keys: Sequence[str]) -> dict[str, str]:
        unique = list(dict.fromkeys(keys))
        if not unique:
            return {}
        rows = self._db.execute(
            "SELECT key, translation FROM mt_cache WHERE engine = %s AND src_lang = %s AND "
            "tgt_lang = %s AND md5(key) = ANY(%s)",
            (engine, src, tgt, [_md5(k) for k in unique]),
        ).fetchall()
        wanted = set(unique)
        return {str(k): str(v) for k, v in rows if k in wanted}

    def put_many(self, engine: str, src: str, tgt: str, items: Mapping[str, str]) -> None:
        now = utc_now()
        with self.transaction(), self._db.cursor() as cur:
            cur.executemany(
                "INSERT INTO mt_cache(engine, src_lang, tgt_lang, key, translation, created_at) "
                "VALUES (%s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (engine, src_lang, tgt_lang, md5(key)) DO UPDATE SET "
                "translation = excluded.translation",
                [(engine, src, tgt, k, v, now) for k, v in items.items()],
            )


def _unit_rows(units: Iterable[MemoryUnit], origin: str) -> Iterator[tuple[object, ...]]:
    """Rows for memory_in: the unit's values, then key, key length and hashes."""
    stream = iter(units)
    while batch := list(islice(stream, _BATCH)):
        values = [unit_values(u, origin) for u in batch]
        stored, key_hashes, pair_hashes = unit_keys(
            [u.source for u in batch], [hashed_target(v) for v in values]
        )
        for unit, row, key, kh, ph in zip(
            batch, values, stored, key_hashes, pair_hashes, strict=True
        ):
            full = unit.source.casefold() if key is None else key
            yield (*row, full, len(full), kh, ph, sketch(full))


def _stage_rows(stage: Path) -> Iterator[tuple[object, ...]]:
    """Rows of a stage file (bigimport/stage.py), in file order, laid out for memory_in."""
    db = sqlite3.connect(f"file:{stage}?mode=ro", uri=True)
    try:
        # `mem`: rows that are memory (bigimport/stage.write_stage stages a few that are not)
        rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM stage WHERE mem ORDER BY rowid")
        for row in rows:
            key = str(row[0]).casefold() if row[_KEY] is None else str(row[_KEY])
            yield (*row[:_KEY], key, len(key), row[_KEY + 1], row[_KEY + 2], sketch(key))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{stage}: cannot read stage file ({exc})") from None
    finally:
        db.close()
