"""Align two documents' sentences: the entry point the CLI, the bench and the UI call."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from tmbuilder.align.features import Scorer
from tmbuilder.align.lexicon import Lexicon
from tmbuilder.align.search import Step, Weights, align_features

# The second pass learns from the first pass's 1-1 beads at least this similar (and at least
# REALIGN_MIN_PAIRS of them): what both sides plainly agree on.
REALIGN_MIN_SIMILARITY = 0.25
REALIGN_MIN_PAIRS = 20


@dataclass(frozen=True)
class Bead:
    """Vietnamese sentences `vi` (indices) aligned with English sentences `en`.

    Either side may be empty: a sentence with no counterpart is reported, never dropped.
    `confidence` is 0..1 (similarity and length agreement together); the review UI shows the
    lowest first.
    """

    vi: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float

    @property
    def kind(self) -> str:
        return f"{len(self.vi)}-{len(self.en)}"


def align_sentences(
    vi: Sequence[str],
    en: Sequence[str],
    lexicon: Lexicon | None = None,
    *,
    weights: Weights | None = None,
    realign: bool = True,
    machine_translations: Sequence[str] | None = None,
) -> list[Bead]:
    """Align sentence lists; `lexicon` defaults to the shipped general one.

    `machine_translations`, one per Vietnamese sentence ("" where there is none), adds
    the similarity of each translation to the English candidates as one more score.
    """
    lexicon = lexicon if lexicon is not None else Lexicon.general()
    weights = weights or Weights()
    ratio = _ratio(vi, en)
    mt = list(machine_translations) if machine_translations else [""] * len(vi)
    if len(mt) != len(vi):
        raise ValueError("one machine translation per Vietnamese sentence")
    steps = _run(vi, en, lexicon, weights, ratio, mt)
    if realign:
        confident = [
            (vi[s.vi_start], en[s.en_start])
            for s in steps
            if s.vi_end - s.vi_start == 1
            and s.en_end - s.en_start == 1
            and s.similarity >= REALIGN_MIN_SIMILARITY
        ]
        if len(confident) >= REALIGN_MIN_PAIRS:
            learned = lexicon.copy()
            if learned.learn(confident):
                steps = _run(vi, en, learned, weights, ratio, mt, guide=steps)
    scorer_for_length = Scorer(lexicon, ratio)
    return [_bead(s, vi, en, scorer_for_length) for s in steps]


def _run(
    vi: Sequence[str],
    en: Sequence[str],
    lexicon: Lexicon,
    weights: Weights,
    ratio: float,
    mt: Sequence[str],
    guide: list[Step] | None = None,
) -> list[Step]:
    scorer = Scorer(lexicon, ratio)
    return align_features(
        [scorer.vietnamese(t, m) for t, m in zip(vi, mt, strict=True)],
        [scorer.english(t) for t in en],
        scorer,
        weights,
        guide,
    )


def _ratio(vi: Sequence[str], en: Sequence[str]) -> float:
    """English characters per Vietnamese character in these documents (Gale & Church's c)."""
    vi_chars = sum(len(t) for t in vi)
    en_chars = sum(len(t) for t in en)
    if not vi_chars or not en_chars:
        return 1.0
    return min(3.0, max(0.33, en_chars / vi_chars))


def _bead(step: Step, vi: Sequence[str], en: Sequence[str], scorer: Scorer) -> Bead:
    vi_ids = tuple(range(step.vi_start, step.vi_end))
    en_ids = tuple(range(step.en_start, step.en_end))
    if not vi_ids or not en_ids:
        return Bead(vi_ids, en_ids, 0.0)
    vi_len = sum(len(vi[i]) for i in vi_ids) + len(vi_ids) - 1
    en_len = sum(len(en[j]) for j in en_ids) + len(en_ids) - 1
    length_agreement = math.exp(-scorer.length_cost(vi_len, en_len) / 2)
    confidence = 0.7 * min(1.0, step.similarity / 0.6) + 0.3 * length_agreement
    return Bead(vi_ids, en_ids, round(confidence, 3))


def median_confidence(beads: Sequence[Bead]) -> float:
    values = [b.confidence for b in beads if b.vi and b.en]
    return statistics.median(values) if values else 0.0
