"""Rows a concordance search reads: project segments and imported memory, streamed.

A small read-only query helper kept apart from the store's classes: the concordance
(tmbuilder.review.concordance) scans every row with its own matcher, so all it needs is
source and target text with a label saying where the row lives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tmbuilder.store.sqlite import SqliteStore


@dataclass(frozen=True)
class TextRow:
    where: str  # "project" or "memory"
    ref: str  # "news.txt #12" (document and segment number) or the memory unit's file
    source: str
    target: str
    status: str  # the unit's status for a project row; "" for memory
    segment_id: int | None = None


def project_rows(store: SqliteStore) -> Iterator[TextRow]:
    """Every live segment with its target, numbered as the review list numbers them."""
    paths = {d.id: d.path for d in store.documents()}
    for number, seg in enumerate(store.segments(), 1):
        yield TextRow(
            "project",
            f"{paths.get(seg.document_id, '?')} #{number}",
            seg.source,
            seg.target,
            str(seg.status.value),
            seg.id,
        )


def memory_rows(store: SqliteStore, batch: int = 5000) -> Iterator[TextRow]:
    """Every imported memory unit, in id order, fetched `batch` rows at a time."""
    db = store._db  # read-only scan on the store's own connection
    last = 0
    while True:
        rows = db.execute(
            "SELECT id, source, target, origin FROM memory WHERE id > ? ORDER BY id LIMIT ?",
            (last, batch),
        ).fetchall()
        if not rows:
            return
        for unit_id, source, target, origin in rows:
            yield TextRow("memory", origin or f"memory #{unit_id}", source, target, "")
        last = rows[-1][0]
