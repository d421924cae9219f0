"""Reviewing an alignment without any UI: the pairs, lowest confidence first, and the edits.

Every edit keeps the pairs a partition of both documents (`Alignment.check`), is stored at
once with a history entry (store.save_alignment), and refreshes the memory the alignment
feeds. The review screen and tests call the same methods.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tmbuilder.align.record import Pair, PairStatus
from tmbuilder.errors import TmBuilderError
from tmbuilder.model import utc_now

if TYPE_CHECKING:
    from tmbuilder.store.base import ProjectStore


class AlignmentEditError(TmBuilderError):
    """An edit that cannot apply here (nothing to merge with, one sentence to split...)."""


class AlignmentReview:
    def __init__(self, store: ProjectStore, name: str, author: str) -> None:
        self.store = store
        self.author = author
        self.alignment = store.alignment(name)

    def order(self) -> list[int]:
        """Pair positions as the reviewer meets them: unpaired and low confidence first."""
        pairs = self.alignment.pairs
        return sorted(
            range(len(pairs)),
            key=lambda k: (pairs[k].status is not PairStatus.DRAFT, pairs[k].confidence, k),
        )

    def _save(self, pairs: list[Pair], action: str, detail: str) -> None:
        changed = self.alignment.with_pairs(tuple(pairs))
        self.alignment = self.store.save_alignment(
            changed, author=self.author, action=action, detail=detail
        )

    def _touch(self, pair: Pair, status: PairStatus | None = None) -> Pair:
        return replace(
            pair, status=status or pair.status, changed_by=self.author, changed_at=utc_now()
        )

    def _pair(self, k: int) -> Pair:
        if not 0 <= k < len(self.alignment.pairs):
            raise AlignmentEditError(f"no pair {k + 1}")
        return self.alignment.pairs[k]

    def confirm(self, k: int) -> None:
        pair = self._pair(k)
        if not pair.paired:
            raise AlignmentEditError(f"pair {k + 1} has one side only: merge or shift it first")
        pairs = list(self.alignment.pairs)
        pairs[k] = self._touch(pair, PairStatus.REVIEWED)
        self._save(pairs, "confirm", f"pair {k + 1}")

    def mark_wrong(self, k: int) -> None:
        pairs = list(self.alignment.pairs)
        pairs[k] = self._touch(self._pair(k), PairStatus.WRONG)
        self._save(pairs, "wrong", f"pair {k + 1}")

    def merge_next(self, k: int) -> None:
        """Pair k and the pair after it become one pair."""
        first = self._pair(k)
        if k + 1 >= len(self.alignment.pairs):
            raise AlignmentEditError(f"pair {k + 1} is the last one: nothing to merge with")
        second = self.alignment.pairs[k + 1]
        merged = self._touch(
            Pair(
                first.vi_start,
                second.vi_end,
                first.en_start,
                second.en_end,
                min(first.confidence, second.confidence),
            ),
            PairStatus.DRAFT,
        )
        pairs = list(self.alignment.pairs)
        pairs[k : k + 2] = [merged]
        self._save(pairs, "merge", f"pairs {k + 1} and {k + 2}")

    def split(self, k: int) -> None:
        """Pair k's first sentence on each side becomes a pair of its own.

        A pair with one sentence on one side and several on the other splits into the first
        pair and a pair of the rest with nothing on the short side.
        """
        pair = self._pair(k)
        vi_n, en_n = pair.vi_end - pair.vi_start, pair.en_end - pair.en_start
        if vi_n <= 1 and en_n <= 1:
            raise AlignmentEditError(f"pair {k + 1} has one sentence a side: nothing to split")
        vi_cut = pair.vi_start + min(1, vi_n) if vi_n > 1 else pair.vi_end
        en_cut = pair.en_start + min(1, en_n) if en_n > 1 else pair.en_end
        first = self._touch(Pair(pair.vi_start, vi_cut, pair.en_start, en_cut, pair.confidence))
        rest = self._touch(Pair(vi_cut, pair.vi_end, en_cut, pair.en_end, pair.confidence))
        first = replace(first, status=PairStatus.DRAFT)
        rest = replace(rest, status=PairStatus.DRAFT)
        pairs = list(self.alignment.pairs)
        pairs[k : k + 1] = [first, rest]
        self._save(pairs, "split", f"pair {k + 1}")

    def shift(self, k: int, side: str, up: bool) -> None:
        """Move one sentence of `side` ("vi" or "en") across the border below pair k.

        up: the next pair's first sentence joins pair k; down: pair k's last sentence goes to
        the next pair. A pair left with no sentence on either side disappears.
        """
        first = self._pair(k)
        if k + 1 >= len(self.alignment.pairs):
            raise AlignmentEditError(f"pair {k + 1} is the last one: no border below it")
        second = self.alignment.pairs[k + 1]
        start, end = f"{side}_start", f"{side}_end"
        border = getattr(first, end)
        if up:
            if getattr(second, end) == getattr(second, start):
                raise AlignmentEditError(f"pair {k + 2} has no {side} sentence to move up")
            border += 1
        else:
            if getattr(first, end) == getattr(first, start):
                raise AlignmentEditError(f"pair {k + 1} has no {side} sentence to move down")
            border -= 1
        first = self._touch(replace(first, **{end: border}), PairStatus.DRAFT)
        second = self._touch(replace(second, **{start: border}), PairStatus.DRAFT)
        pairs = list(self.alignment.pairs)
        pairs[k : k + 2] = [
            p for p in (first, second) if p.vi_end > p.vi_start or p.en_end > p.en_start
        ]
        self._save(pairs, f"shift-{side}-{'up' if up else 'down'}", f"pair {k + 1}")
