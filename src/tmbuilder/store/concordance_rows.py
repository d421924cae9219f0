"""Rows a concordance search reads: project segments and imported memory, streamed.

A small read-only helper kept apart from the store's classes: the concordance
(tmbuilder.review.concordance) scans every row with its own matcher, so all it needs is
source and target text with a label saying where the row lives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tmbuilder.store.base import ProjectStore


@dataclass(frozen=True)
class TextRow:
    where: str  # "project" or "memory"
    ref: str  # "news.txt #12" (document and segment number) or the memory unit's file
    source: str
    target: str
    status: str  # the unit's status for a project row; "" for memory
    segment_id: int | None = None


def project_rows(store: ProjectStore) -> Iterator[TextRow]:
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


def memory_rows(store: ProjectStore) -> Iterator[TextRow]:
    """Every imported memory unit, in id order, streamed (ProjectStore.memory_texts)."""
    for unit_id, source, target, origin in store.memory_texts():
        yield TextRow("memory", origin or f"memory #{unit_id}", source, target, "")
