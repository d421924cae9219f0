"""The bead search: dynamic programming inside a band around the expected path.

A long pair of documents is first aligned coarsely (blocks of BLOCK sentences scored as one),
which gives the path's course; the sentence-level search then only looks within WINDOW
sentences of it. Work is proportional to the length times the window: a 10,000-sentence
document costs what 10,000 short rows do, not 10⁸ cells (Vecalign's idea, with blocks instead
of averaged embeddings).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tmbuilder.align.features import Scorer, Sentence, merge

BEADS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 2),
    (2, 1),
    (1, 0),
    (0, 1),
    (2, 2),
    (1, 3),
    (3, 1),
)
BLOCK = 8
FULL_LIMIT = 320  # documents up to this many sentences on the longer side get a wide band
WINDOW = 12
GUIDE_WINDOW = 5


@dataclass(frozen=True)
class Weights:
    """How the scores add up into a bead's cost (tuned on IWSLT tst2012, see bench/)."""

    similarity: float = 6.0
    length: float = 1.0
    skip: float = 4.5  # one sentence with no counterpart
    many: float = 3.0  # a 1-2 or 2-1 bead, on top of its scores
    many2: float = 8.0  # 2-2, 1-3, 3-1


@dataclass(frozen=True)
class Step:
    """One bead of the path: sentence index ranges [vi_start, vi_end) and [en_start, en_end)."""

    vi_start: int
    vi_end: int
    en_start: int
    en_end: int
    similarity: float  # 0..1, for the confidence shown to a reviewer
    cost: float


def align_features(
    vi: Sequence[Sentence],
    en: Sequence[Sentence],
    scorer: Scorer,
    weights: Weights,
    guide: Sequence[Step] | None = None,
) -> list[Step]:
    """The cheapest bead path through two documents' sentences.

    With `guide` (an earlier path), only GUIDE_WINDOW sentences either side of it are searched:
    a second pass with a better lexicon moves beads locally, not across the document.
    """
    n, m = len(vi), len(en)
    if guide and n and m:
        points = [(0, 0)] + [(s.vi_end, s.en_end) for s in guide]
        return _search(vi, en, scorer, weights, _interpolate(points), GUIDE_WINDOW)
    if n == 0 or m == 0:
        return [Step(i, i + 1, 0, 0, 0.0, weights.skip) for i in range(n)] + [
            Step(n, n, j, j + 1, 0.0, weights.skip) for j in range(m)
        ]
    longest = max(n, m)
    centre: Callable[[int], float]
    if longest <= FULL_LIMIT:
        width = max(WINDOW, int(0.1 * longest) + 4)

        def diagonal(i: int) -> float:
            return i * m / n

        centre = diagonal

    else:
        coarse_vi = [merge(list(vi[k : k + BLOCK])) for k in range(0, n, BLOCK)]
        coarse_en = [merge(list(en[k : k + BLOCK])) for k in range(0, m, BLOCK)]
        coarse = align_features(coarse_vi, coarse_en, scorer, _coarse(weights))
        points = [(0, 0)] + [(min(s.vi_end * BLOCK, n), min(s.en_end * BLOCK, m)) for s in coarse]
        centre = _interpolate(points)
        width = WINDOW
    return _search(vi, en, scorer, weights, centre, width)


def _coarse(weights: Weights) -> Weights:
    # Blocks are long: length is reliable and merging blocks is ordinary, skipping one rare.
    return Weights(weights.similarity, weights.length, weights.skip * 2, 1.0, 2.0)


def _interpolate(points: list[tuple[int, int]]) -> Callable[[int], float]:
    xs = [p[0] for p in points]

    def centre(i: int) -> float:
        k = bisect.bisect_right(xs, i) - 1
        k = max(0, min(k, len(points) - 2))
        (x0, y0), (x1, y1) = points[k], points[k + 1]
        if x1 == x0:
            return float(y1)
        return y0 + (i - x0) * (y1 - y0) / (x1 - x0)

    return centre


def _spans(side: Sequence[Sentence]) -> list[list[Sentence]]:
    longest = max(max(a, b) for a, b in BEADS)
    spans: list[list[Sentence]] = [[]]
    for a in range(1, longest + 1):
        spans.append(
            [side[0]] * a + [merge(list(side[i - a : i])) for i in range(a, len(side) + 1)]
        )
    return spans


def _search(
    vi: Sequence[Sentence],
    en: Sequence[Sentence],
    scorer: Scorer,
    weights: Weights,
    centre: Callable[[int], float],
    width: int,
) -> list[Step]:
    n, m = len(vi), len(en)
    lo = [0] * (n + 1)
    hi = [0] * (n + 1)
    for i in range(n + 1):
        c = centre(i)
        lo[i] = max(0, int(c) - width)
        hi[i] = min(m + 1, int(c) + width + 1)
    lo[0] = 0
    lo[n], hi[n] = min(lo[n], m), m + 1  # the path must end in the corner
    # Each row's range must overlap the one above, or no path could cross from one to the
    # other (a guide with a long run of skipped sentences jumps): widen where needed.
    for i in range(1, n + 1):
        lo[i] = min(lo[i], hi[i - 1] - 1)
        hi[i] = max(hi[i], lo[i - 1] + 1, lo[i] + 1)
    inf = float("inf")
    cost: list[dict[int, float]] = [{} for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [{} for _ in range(n + 1)]
    cost[0][0] = 0.0
    prior = {
        (1, 1): 0.0,
        (1, 2): weights.many,
        (2, 1): weights.many,
        (2, 2): weights.many2,
        (1, 3): weights.many2,
        (3, 1): weights.many2,
    }
    # Every group of up to three neighbouring sentences, merged once: vi_spans[a][i] is the
    # group of the a sentences ending before i.
    vi_spans = _spans(vi)
    en_spans = _spans(en)
    length_cost = scorer.length_cost
    similarity = scorer.similarity
    for i in range(n + 1):
        row = cost[i]
        for j in range(lo[i], hi[i]):
            if i == 0 and j == 0:
                continue
            best, best_bead = inf, (0, 0, 0.0)
            for a, b in BEADS:
                if a > i or b > j:
                    continue
                previous = cost[i - a].get(j - b)
                if previous is None:
                    continue
                if a == 0 or b == 0:
                    step, sim = weights.skip * (a + b), 0.0
                else:
                    v = vi_spans[a][i]
                    e = en_spans[b][j]
                    sim = similarity(v, e)
                    step = (
                        weights.similarity * (1 - sim) * (a + b) / 2
                        + weights.length * length_cost(v.length, e.length)
                        + prior[(a, b)]
                    )
                total = previous + step
                if total < best:
                    best, best_bead = total, (a, b, sim)
            if best < inf:
                row[j] = best
                back[i][j] = best_bead
    if m not in cost[n]:
        raise RuntimeError("alignment band missed the end")  # cannot happen: rows overlap
    steps: list[Step] = []
    i, j = n, m
    while i or j:
        a, b, sim = back[i][j]
        steps.append(Step(i - a, i, j - b, j, sim, cost[i][j] - cost[i - a][j - b]))
        i, j = i - a, j - b
    steps.reverse()
    return steps
