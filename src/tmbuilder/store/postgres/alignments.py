"""Alignments under review on PostgreSQL: store/alignment_tables.py's rules, in psycopg's SQL.

The pairs are rewritten whole on every change, with a history entry, and the memory the
alignment feeds (origin `align:<name>`) is replaced in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tmbuilder.align.record import Alignment, Pair, PairStatus
from tmbuilder.errors import StoreError
from tmbuilder.model import MemoryUnit, utc_now

# The memory an alignment feeds is alignment_tables.py's, shared rather than copied.
from tmbuilder.store.alignment_tables import _units, pair_key, read_pair, write_pair

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import psycopg

    from tmbuilder.store.base import MemoryImportReport


class AlignmentTables:
    """Mixin for PostgresStore; relies on its `_db` connection, `transaction()`, `add_memory`."""

    _db: psycopg.Connection[tuple[Any, ...]]

    if TYPE_CHECKING:  # provided by PostgresStore

        def transaction(self) -> AbstractContextManager[None]: ...

        def add_memory(self, units: Iterable[MemoryUnit], origin: str) -> MemoryImportReport: ...

        def get_meta(self, key: str) -> str | None: ...

        def set_meta(self, key: str, value: str | None) -> None: ...

    def alignment_names(self) -> list[str]:
        rows = self._db.execute('SELECT name FROM alignments ORDER BY name COLLATE "C"')
        return [str(r[0]) for r in rows.fetchall()]

    def alignment(self, name: str) -> Alignment:
        row = self._db.execute(
            "SELECT id, name, vi_path, en_path, vi_sentences, en_sentences FROM alignments "
            "WHERE name = %s",
            (name,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no alignment named {name!r} in this project")
        pairs = tuple(
            Pair(r[0], r[1], r[2], r[3], r[4], PairStatus(r[5]), r[6], r[7])
            for r in self._db.execute(
                "SELECT vi_start, vi_end, en_start, en_end, confidence, status, changed_by, "
                "changed_at FROM alignment_pairs WHERE alignment_id = %s ORDER BY position",
                (row[0],),
            ).fetchall()
        )
        return Alignment(
            int(row[0]),
            row[1],
            row[2],
            row[3],
            tuple(json.loads(row[4])),
            tuple(json.loads(row[5])),
            pairs,
            *read_pair(self.get_meta(pair_key(name))),
        )

    def save_alignment(
        self, alignment: Alignment, *, author: str, action: str, detail: str = ""
    ) -> Alignment:
        """Create or replace an alignment's pairs; history records who did what."""
        alignment.check()
        now = utc_now()
        vi = json.dumps(alignment.vi, ensure_ascii=False)
        en = json.dumps(alignment.en, ensure_ascii=False)
        with self.transaction():
            row = self._db.execute(
                "INSERT INTO alignments(name, vi_path, en_path, vi_sentences, en_sentences, "
                "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (name) DO UPDATE SET vi_path = excluded.vi_path, "
                "en_path = excluded.en_path, vi_sentences = excluded.vi_sentences, "
                "en_sentences = excluded.en_sentences, updated_at = excluded.updated_at "
                "RETURNING id",
                (alignment.name, alignment.vi_path, alignment.en_path, vi, en, now, now),
            ).fetchone()
            assert row is not None
            alignment_id = int(row[0])
            self._db.execute("DELETE FROM alignment_pairs WHERE alignment_id = %s", (alignment_id,))
            with self._db.cursor() as cur:
                cur.executemany(
                    "INSERT INTO alignment_pairs(alignment_id, position, vi_start, vi_end, "
                    "en_start, en_end, confidence, status, changed_by, changed_at) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [
                        (
                            alignment_id,
                            k,
                            p.vi_start,
                            p.vi_end,
                            p.en_start,
                            p.en_end,
                            p.confidence,
                            str(p.status),
                            p.changed_by,
                            p.changed_at,
                        )
                        for k, p in enumerate(alignment.pairs)
                    ],
                )
            self._db.execute(
                "INSERT INTO alignment_history(alignment_id, at, author, action, detail) "
                "VALUES (%s, %s, %s, %s, %s)",
                (alignment_id, now, author, action, detail),
            )
            if alignment.src_lang and alignment.tgt_lang:
                self.set_meta(pair_key(alignment.name), write_pair(alignment))
            self._db.execute("DELETE FROM memory WHERE origin = %s", (f"align:{alignment.name}",))
            self.add_memory(_units(alignment), f"align:{alignment.name}")
        return self.alignment(alignment.name)

    def alignment_history(self, name: str) -> list[tuple[str, str, str, str]]:
        """(at, author, action, detail) of every change, oldest first."""
        return [
            (r[0], r[1], r[2], r[3])
            for r in self._db.execute(
                "SELECT h.at, h.author, h.action, h.detail FROM alignment_history h "
                "JOIN alignments a ON a.id = h.alignment_id WHERE a.name = %s ORDER BY h.id",
                (name,),
            ).fetchall()
        ]
