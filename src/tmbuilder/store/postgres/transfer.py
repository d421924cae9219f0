"""Moving a whole project between its local SQLite file and a PostgreSQL database, both ways.

`push` copies every table of a local store into an empty database in one transaction (COPY,
ids kept, so history, suggestions and glossary keep pointing at the right rows); `pull` copies
a database into a new local file, written beside the final name and renamed into place at the
end. Either way it is all or nothing: a failure leaves the target as it was.

Columns are named, not assumed: where one backend has a column the other lacks (PostgreSQL's
unit version and key length), the receiving side's default or a derived value is used.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tmbuilder.errors import StoreError
from tmbuilder.store.postgres.sketch import sketch
from tmbuilder.store.postgres.store import PostgresStore
from tmbuilder.store.sqlite import SqliteStore

Row = tuple[object, ...]


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[str, ...]  # as both backends name them
    identity: bool = True  # an `id` column numbered by the database


def _cols(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(","))


# In dependency order (a row's references are copied before it).
TABLES = (
    _Table("meta", ("key", "value"), identity=False),
    _Table(
        "documents",
        _cols("id, path, format, encoding, content_hash, seg_hash, added_at, updated_at"),
    ),
    _Table(
        "segments",
        _cols(
            "id, document_id, paragraph, position, source, key, archived, created_at, "
            "archived_at, codes"
        ),
    ),
    _Table(
        "units",
        _cols("segment_id, target, status, origin, changed_by, created_at, updated_at"),
        identity=False,
    ),
    _Table(
        "history",
        _cols(
            "id, segment_id, at, author, action, old_target, new_target, old_status, "
            "new_status, origin, detail"
        ),
    ),
    _Table(
        "memory",
        _cols(
            "id, source, target, key, key_hash, pair_hash, src_lang, tgt_lang, origin, tuid, "
            "created_at, changed_at, created_by, changed_by, props, notes, codes"
        ),
    ),
    _Table("suggestions", _cols("id, segment_id, kind, score, source, target, origin, created_at")),
    _Table(
        "mt_cache",
        _cols("engine, src_lang, tgt_lang, key, translation, created_at"),
        identity=False,
    ),
    _Table(
        "terms",
        _cols(
            "id, source, key, target, status, note, variants, frequency, documents, score, "
            "confidence, origin, contexts, created_at, updated_at, src_lang, tgt_lang, "
            "synonyms, proposals"
        ),
    ),
    _Table(
        "alignments",
        _cols("id, name, vi_path, en_path, vi_sentences, en_sentences, created_at, updated_at"),
    ),
    _Table(
        "alignment_pairs",
        _cols(
            "alignment_id, position, vi_start, vi_end, en_start, en_end, confidence, status, "
            "changed_by, changed_at"
        ),
        identity=False,
    ),
    _Table("alignment_history", _cols("id, alignment_id, at, author, action, detail")),
    _Table("sync_base", _cols("kind, ref, content, version, parent"), identity=False),
    _Table("merge_conflicts", _cols("kind, ref, file, theirs, noted_at"), identity=False),
)
_ARCHIVED = TABLES[2].columns.index("archived")
# Meta rows that describe one SQLite file, not the project: the stored fuzzy index's identity and
# generation (store/fuzzy_tables.py). They never travel, so an index made for one store is
# never trusted by another.
LOCAL_META = frozenset({"memory_generation", "memory_store_id"})
_MEMORY_SOURCE, _MEMORY_KEY = 1, 3


def _to_server(table: _Table, rows: Iterator[Row]) -> Iterator[Row]:
    """SQLite rows as PostgreSQL takes them (booleans; the memory key always, with its length
    and sketch)."""
    for row in rows:
        if table.name == "segments":
            yield (*row[:_ARCHIVED], bool(row[_ARCHIVED]), *row[_ARCHIVED + 1 :])
        elif table.name == "memory":
            key = row[_MEMORY_KEY]
            full = str(row[_MEMORY_SOURCE]).casefold() if key is None else str(key)
            yield (*row[:_MEMORY_KEY], full, *row[_MEMORY_KEY + 1 :], len(full), sketch(full))
        elif table.name == "meta" and row[0] in LOCAL_META:
            continue
        else:
            yield row


def _to_local(table: _Table, rows: Sequence[Row]) -> Iterator[Row]:
    """PostgreSQL rows as SQLite stores them (0/1; no key when it is the source casefolded)."""
    for row in rows:
        if table.name == "segments":
            yield (*row[:_ARCHIVED], int(bool(row[_ARCHIVED])), *row[_ARCHIVED + 1 :])
        elif table.name == "memory":
            key = row[_MEMORY_KEY]
            stored = None if key == str(row[_MEMORY_SOURCE]).casefold() else key
            yield (*row[:_MEMORY_KEY], stored, *row[_MEMORY_KEY + 1 :])
        elif table.name == "meta" and row[0] in LOCAL_META:
            continue  # the new store made its own
        else:
            yield row


def push(local: Path, url: str, progress: Callable[[str, int], None]) -> dict[str, int]:
    """Copy the SQLite store at `local` into the empty database at `url`; rows per table."""
    if not local.exists():
        raise StoreError(f"{local}: no local project store to push")
    SqliteStore(local).close()  # brought to the current schema, as any command would
    source = sqlite3.connect(f"file:{local}?mode=ro", uri=True)
    server = PostgresStore(url)
    counts: dict[str, int] = {}
    try:
        db = server._db  # this module is the store's own: it copies below the protocol
        with server.transaction():
            for table in TABLES:
                row = db.execute(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone()
                if row is not None:
                    raise StoreError(
                        f"{server.where}: database already holds a project "
                        f"({table.name} is not empty); push needs an empty one"
                    )
            for table in TABLES:
                columns = table.columns + (("key_len", "sketch") if table.name == "memory" else ())
                rows = source.execute(
                    f"SELECT {', '.join(table.columns)} FROM {table.name} ORDER BY rowid"
                )
                count = 0
                with (
                    db.cursor() as cur,
                    cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
                ):
                    for out in _to_server(table, rows):
                        copy.write_row(out)
                        count += 1
                if table.identity:
                    db.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                    )
                counts[table.name] = count
                progress(table.name, count)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{local}: cannot read the local store ({exc})") from None
    finally:
        source.close()
        server.close()
    return counts


def pull(url: str, local: Path, progress: Callable[[str, int], None]) -> dict[str, int]:
    """Copy the database at `url` into a new SQLite store at `local`; rows per table."""
    if local.exists():
        raise StoreError(f"{local}: a local project store is already there; move it away first")
    local.parent.mkdir(parents=True, exist_ok=True)
    partial = local.with_name(local.name + ".pulling")
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    SqliteStore(partial).close()  # the current SQLite schema, made by its own migrations
    server = PostgresStore(url)
    target = sqlite3.connect(str(partial), isolation_level=None)
    counts: dict[str, int] = {}
    try:
        target.execute("BEGIN")
        for table in TABLES:
            rows = server._db.execute(
                f"SELECT {', '.join(table.columns)} FROM {table.name} ORDER BY "
                + ("id" if table.identity else "1")
            ).fetchall()
            marks = ", ".join("?" * len(table.columns))
            target.executemany(
                f"INSERT INTO {table.name}({', '.join(table.columns)}) VALUES ({marks})",
                _to_local(table, rows),
            )
            counts[table.name] = len(rows)
            progress(table.name, len(rows))
        target.execute("COMMIT")
        target.close()
        os.replace(partial, local)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            target.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        server.close()
    return counts
