"""Which sentences of a document's old segmentation are still there in its new one.

`difflib.SequenceMatcher` without its junk heuristic is quadratic in the number of repeats of a
sentence: a file of 20,000 sentences, many of them the same boilerplate line, took 31 s to
re-sync after a one-line edit. This alignment is near linear instead:

1. the common head and tail are matched first (a one-line edit leaves nothing else);
2. in what is left, sentences that occur exactly once on each side are anchors; the longest run
   of anchors in the same order (patience diff) splits the rest into gaps, each aligned the
   same way; a gap small enough is left to difflib, which finds the best matches there;
3. sentences still unmatched are paired by equal text, in order, so that a repeated or moved
   sentence keeps its id and translation instead of being archived and added again.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

_DIFFLIB_CELLS = 40_000
"""A gap of at most this many old × new sentences is aligned by difflib (best matches)."""


def match_sentences(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """new index -> old index for every new sentence that is an old one kept."""
    matched: dict[int, int] = {}
    stack = [(0, len(old), 0, len(new))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and old[alo] == new[blo]:
            matched[blo] = alo
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and old[ahi - 1] == new[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            matched[bhi] = ahi
        if alo == ahi or blo == bhi:
            continue
        if (ahi - alo) * (bhi - blo) <= _DIFFLIB_CELLS:
            matcher = difflib.SequenceMatcher(None, old[alo:ahi], new[blo:bhi], autojunk=False)
            for block in matcher.get_matching_blocks():
                for k in range(block.size):
                    matched[blo + block.b + k] = alo + block.a + k
            continue
        anchors = _unique_anchors(old, new, alo, ahi, blo, bhi)
        if not anchors:
            continue  # step 3 pairs what it can
        # gaps between consecutive anchors, anchors themselves matched
        prev_a, prev_b = alo, blo
        for a, b in anchors:
            matched[b] = a
            stack.append((prev_a, a, prev_b, b))
            prev_a, prev_b = a + 1, b + 1
        stack.append((prev_a, ahi, prev_b, bhi))
    _pair_leftovers(old, new, matched)
    return matched


def _unique_anchors(
    old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """The longest in-order run of sentences found exactly once on each side of the gap."""
    count_old = Counter(old[alo:ahi])
    count_new = Counter(new[blo:bhi])
    where_new = {
        new[j]: j for j in range(blo, bhi) if count_new[new[j]] == 1 and count_old.get(new[j]) == 1
    }
    pairs = [(i, where_new[old[i]]) for i in range(alo, ahi) if old[i] in where_new]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (sorted by first) increasing in second: O(n log n)."""
    tails: list[int] = []  # smallest second value ending a run of each length
    tail_at: list[int] = []  # index in pairs of that run's last pair
    back: list[int] = [-1] * len(pairs)
    for index, (_, b) in enumerate(pairs):
        k = bisect_left(tails, b)
        if k == len(tails):
            tails.append(b)
            tail_at.append(index)
        else:
            tails[k] = b
            tail_at[k] = index
        back[index] = tail_at[k - 1] if k else -1
    run: list[tuple[int, int]] = []
    index = tail_at[-1] if tail_at else -1
    while index >= 0:
        run.append(pairs[index])
        index = back[index]
    return run[::-1]


def _pair_leftovers(old: Sequence[str], new: Sequence[str], matched: dict[int, int]) -> None:
    taken = set(matched.values())
    free: dict[str, list[int]] = {}
    for i in range(len(old) - 1, -1, -1):  # reversed, so pop() gives them in order
        if i not in taken:
            free.setdefault(old[i], []).append(i)
    for j, sentence in enumerate(new):
        if j not in matched and free.get(sentence):
            matched[j] = free[sentence].pop()
