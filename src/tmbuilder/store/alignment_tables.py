"""Store tables for alignments under review: documents' sentences, pairs, and their history.

Written once for both backends on store/sql.py's seam. The pairs of an alignment are rewritten
whole on every change (a document pair has a few hundred of them): simpler and safer than
patching ranges, and the change is one transaction with its history entry. The memory the
alignment feeds (origin `align:<name>`) is replaced in the same transaction, so draft and QA
always see the reviewed state. Its units carry the
project's language pair, kept per alignment in `meta` (`align-pair:<name>`), so a review
edit made without the project's settings at hand labels them the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from tmbuilder.align.record import Alignment, Pair, PairStatus
from tmbuilder.errors import StoreError
from tmbuilder.model import MemoryUnit, utc_now
from tmbuilder.store.sql import SqlTables

if TYPE_CHECKING:
    from pathlib import Path

    from tmbuilder.store.base import MemoryImportReport


class AlignmentTables(SqlTables):
    """Alignments for SqliteStore and PostgresStore; relies on the store's `add_memory`."""

    if TYPE_CHECKING:  # provided by the store

        def add_memory(
            self,
            units: Iterable[MemoryUnit],
            origin: str,
            *,
            then: Callable[[], Path] | None = None,
        ) -> MemoryImportReport: ...

        def get_meta(self, key: str) -> str | None: ...

        def set_meta(self, key: str, value: str | None) -> None: ...

    def alignment_names(self) -> list[str]:
        rows = self._sql.execute(f"SELECT name FROM alignments ORDER BY name{self._sql.bytewise}")
        return [str(r[0]) for r in rows.fetchall()]

    def alignment(self, name: str) -> Alignment:
        row = self._sql.execute(
            "SELECT id, name, vi_path, en_path, vi_sentences, en_sentences FROM alignments "
            "WHERE name = ?",
            (name,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no alignment named {name!r} in this project")
        pairs = tuple(
            Pair(r[0], r[1], r[2], r[3], r[4], PairStatus(r[5]), r[6], r[7])
            for r in self._sql.execute(
                "SELECT vi_start, vi_end, en_start, en_end, confidence, status, changed_by, "
                "changed_at FROM alignment_pairs WHERE alignment_id = ? ORDER BY position",
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
            alignment_id = self._sql.insert_id(
                "INSERT INTO alignments(name, vi_path, en_path, vi_sentences, en_sentences, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET vi_path = excluded.vi_path, "
                "en_path = excluded.en_path, vi_sentences = excluded.vi_sentences, "
                "en_sentences = excluded.en_sentences, updated_at = excluded.updated_at "
                "RETURNING id",
                (alignment.name, alignment.vi_path, alignment.en_path, vi, en, now, now),
            )
            self._sql.execute("DELETE FROM alignment_pairs WHERE alignment_id = ?", (alignment_id,))
            self._sql.executemany(
                "INSERT INTO alignment_pairs(alignment_id, position, vi_start, vi_end, "
                "en_start, en_end, confidence, status, changed_by, changed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            self._sql.execute(
                "INSERT INTO alignment_history(alignment_id, at, author, action, detail) "
                "VALUES (?, ?, ?, ?, ?)",
                (alignment_id, now, author, action, detail),
            )
            if alignment.src_lang and alignment.tgt_lang:
                self.set_meta(pair_key(alignment.name), write_pair(alignment))
            self._sql.execute("DELETE FROM memory WHERE origin = ?", (f"align:{alignment.name}",))
            self.add_memory(_units(alignment), f"align:{alignment.name}")
        return self.alignment(alignment.name)

    def alignment_history(self, name: str) -> list[tuple[str, str, str, str]]:
        """(at, author, action, detail) of every change, oldest first."""
        return [
            (r[0], r[1], r[2], r[3])
            for r in self._sql.execute(
                "SELECT h.at, h.author, h.action, h.detail FROM alignment_history h "
                "JOIN alignments a ON a.id = h.alignment_id WHERE a.name = ? ORDER BY h.id",
                (name,),
            ).fetchall()
        ]


def pair_key(name: str) -> str:
    return f"align-pair:{name}"


def write_pair(alignment: Alignment) -> str:
    return json.dumps([alignment.src_lang, alignment.tgt_lang])


def read_pair(value: str | None) -> tuple[str, str]:
    """The language pair `write_pair` kept; ('', '') for an alignment stored before it was."""
    if not value:
        return "", ""
    src, tgt = json.loads(value)
    return str(src), str(tgt)


def _units(alignment: Alignment) -> list[MemoryUnit]:
    """The memory an alignment feeds: its paired, not-wrong pairs, in its language pair."""
    default = MemoryUnit("", "")
    src, tgt = alignment.src_lang, alignment.tgt_lang
    if not (src and tgt):  # stored before alignments kept their pair
        src, tgt = default.src_lang, default.tgt_lang
    out = []
    for pair in alignment.pairs:
        if not pair.paired or pair.status is PairStatus.WRONG:
            continue
        out.append(
            MemoryUnit(
                source=alignment.vi_text(pair),
                target=alignment.en_text(pair),
                created_at=pair.changed_at,
                changed_at=pair.changed_at,
                changed_by=pair.changed_by,
                props=(
                    ("x-status", "reviewed" if pair.status is PairStatus.REVIEWED else "draft"),
                    ("x-align-confidence", f"{pair.confidence:.3f}"),
                ),
                src_lang=src,
                tgt_lang=tgt,
            )
        )
    return out
