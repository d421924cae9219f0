"""A stored alignment: the two documents' sentences and the beads that pair them.

What the review of an alignment edits. Beads cover both sentence lists in order, each sentence
in exactly one bead (`Alignment.check` proves it), so every unit written from an alignment
is input text, and no sentence can get lost by merging, splitting or shifting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class PairStatus(StrEnum):
    DRAFT = "draft"  # as the aligner proposed it
    REVIEWED = "reviewed"  # a person confirmed it
    WRONG = "wrong"  # a person marked it wrong: never becomes memory


@dataclass(frozen=True)
class Pair:
    """Vietnamese sentences [vi_start, vi_end) against English sentences [en_start, en_end)."""

    vi_start: int
    vi_end: int
    en_start: int
    en_end: int
    confidence: float
    status: PairStatus = PairStatus.DRAFT
    changed_by: str = ""
    changed_at: str = ""

    @property
    def kind(self) -> str:
        return f"{self.vi_end - self.vi_start}-{self.en_end - self.en_start}"

    @property
    def paired(self) -> bool:
        return self.vi_end > self.vi_start and self.en_end > self.en_start


@dataclass(frozen=True)
class Alignment:
    id: int
    name: str
    vi_path: str
    en_path: str
    vi: tuple[str, ...]
    en: tuple[str, ...]
    pairs: tuple[Pair, ...]
    # The project's language pair the alignment's memory is labelled with ('' before it was
    # kept: the memory's default, vi-VN→en-US).
    src_lang: str = ""
    tgt_lang: str = ""

    def vi_text(self, pair: Pair) -> str:
        return " ".join(self.vi[pair.vi_start : pair.vi_end])

    def en_text(self, pair: Pair) -> str:
        return " ".join(self.en[pair.en_start : pair.en_end])

    def check(self) -> None:
        """Raise ValueError unless the pairs cover both sides in order, each sentence once."""
        vi = en = 0
        for pair in self.pairs:
            if pair.vi_start != vi or pair.en_start != en:
                raise ValueError(f"pairs leave a gap or overlap at vi {vi}, en {en}")
            if pair.vi_end < pair.vi_start or pair.en_end < pair.en_start:
                raise ValueError("a pair ends before it starts")
            if not pair.vi_end - pair.vi_start and not pair.en_end - pair.en_start:
                raise ValueError("an empty pair")
            vi, en = pair.vi_end, pair.en_end
        if vi != len(self.vi) or en != len(self.en):
            raise ValueError("pairs do not reach the end of both documents")

    def with_pairs(self, pairs: tuple[Pair, ...]) -> Alignment:
        changed = replace(self, pairs=pairs)
        changed.check()
        return changed
