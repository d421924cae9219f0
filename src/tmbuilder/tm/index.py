"""The fuzzy translation-memory index: top-k units whose key scores >= a threshold.

Why this design. A brute-force rapidfuzz scan costs ~0.3-0.6 us a unit, so 300-600 ms a query
at a million units; the lookup budget is 20 ms. At a 75 % threshold the classic q-gram filters
are weak (a 100-character key may lose 25 edits * 3 = 75 of its ~100 trigrams and still match),
so no cheap filter is lossless for every query. What is cheap is *ranking*: units that share
many rare trigrams with the query are almost always its best matches. So a lookup

1. keeps only units whose length allows the score (lev >= length difference), which is one
   contiguous id range because segments number units by key length;
2. counts, per unit, the query's trigrams it shares, over the rarest posting lists first and
   only up to a posting budget (`max_postings`), with numpy's bincount;
3. verifies the few best-ranked units with rapidfuzz, which raises the bar to the k-th best
   score found;
4. applies the q-gram lemma with that bar: a unit sharing c of the query's grams (plus at most
   the unscanned ones) has lev >= ceil((max(|G(a)|, |G(b)|) - c) / q); every unit the bound
   cannot exclude is verified, up to `max_verify` of them.

When the budget covered enough lists and the survivors fit under the cap, the answer is proven
equal to the brute-force scan (`SearchStats.exact`); small memories are always in that case.
Otherwise the survivors are ranked by estimated similarity and the best `max_verify` verified:
on the benchmark memory (bench/bench_fuzzy.py) that gives the brute-force top 5 for >= 99 % of
queries.

New units go to a small tail scanned exhaustively; a full tail becomes a segment, and segments
of similar size are merged (rebuilt), so adding is cheap and the number of segments stays
logarithmic. Indexing a million ~110-character keys takes about 17 s and 700 MB, key strings
included, so a project's memory is indexed once and stored with it (tm/persist), memory-mapped
into each process's FuzzyIndex with `add_segment`.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tmbuilder.tm.postings import Query, Segment
from tmbuilder.tm.qgrams import check_q, key_grams
from tmbuilder.tm.topk import TopK, loose_cutoff

TAIL_SIZE = 1_024  # units scanned one by one before they earn a segment (~0.3 ms a lookup)
MERGE_RATIO = 4  # merge the newest segment into the one before once it is 1/4 of its size


@dataclass(frozen=True)
class SearchStats:
    """What a lookup did: whether its answer is proven complete, and its work."""

    exact: bool
    postings: int  # posting entries counted
    verified: int  # units scored with Levenshtein


class FuzzyIndex:
    """Fuzzy lookup over (unit id, matching key) pairs; see the module docstring for the plan.

    Keys are compared as given: pass tmbuilder.text.normalize.match_key output. Unit ids are
    any ints (negative ones too); adding the same id twice keeps both entries.
    """

    def __init__(
        self,
        q: int = 3,
        *,
        max_postings: int = 300_000,
        max_verify: int = 1_000,
        tail_size: int = TAIL_SIZE,
    ) -> None:
        """q: gram size, 1-3. max_postings: posting entries a lookup may count per segment;
        max_verify: units it may score per segment; tail_size: new units kept unindexed.
        """
        self.q = check_q(q)
        self.max_postings = max_postings
        self.max_verify = max_verify
        self.tail_size = tail_size
        self._segments: list[Segment] = []
        self._fixed: list[Segment] = []  # added whole (add_segment); never merged
        self._tail_ids: list[int] = []
        self._tail_keys: list[str] = []

    def __len__(self) -> int:
        segments = sum(map(len, self._segments)) + sum(map(len, self._fixed))
        return segments + len(self._tail_keys)

    def nbytes(self) -> int:
        """Approximate memory the index holds: its arrays plus the key strings it keeps."""
        total = sum(segment.nbytes() for segment in [*self._segments, *self._fixed])
        return total + sum(sys.getsizeof(key) + 16 for key in self._tail_keys)

    def add_segment(self, segment: Segment) -> None:
        """Search a segment built elsewhere too (tm/persist: one stored with the project).

        It is never merged with others: that would load a memory-mapped segment whole."""
        if segment.q != self.q:
            raise ValueError(f"segment of {segment.q}-grams in an index of {self.q}-grams")
        self._fixed.append(segment)

    def add(self, unit_id: int, key: str) -> None:
        """Add one unit (e.g. a segment the reviewer just confirmed); cheap."""
        self.add_many(((unit_id, key),))

    def add_many(self, items: Iterable[tuple[int, str]]) -> None:
        """Add many units; a large batch is indexed as one segment straight away."""
        ids: list[int] = []
        keys: list[str] = []
        for unit_id, key in items:
            if not isinstance(key, str):
                raise TypeError(f"unit {unit_id}: key must be str, not {type(key).__name__}")
            ids.append(int(unit_id))
            keys.append(key)
        self._tail_ids += ids
        self._tail_keys += keys
        if self._tail_keys and len(self._tail_keys) >= self.tail_size:
            self._segments.append(Segment(self._tail_ids, self._tail_keys, self.q))
            self._tail_ids, self._tail_keys = [], []
            self._settle()

    def _settle(self) -> None:
        # each unit is rebuilt O(log n) times over the index's life
        segments = self._segments
        while len(segments) >= 2 and MERGE_RATIO * len(segments[-1]) >= len(segments[-2]):
            newer, older = segments.pop(), segments.pop()
            ids = [*older.ids.tolist(), *newer.ids.tolist()]
            segments.append(Segment(ids, [*older.keys, *newer.keys], self.q))

    def search(
        self, key: str, *, limit: int = 5, threshold: float = 75.0
    ) -> list[tuple[int, float]]:
        """The `limit` best (unit id, score 0..100) with score >= threshold.

        Best first; equal scores go to the smaller unit id; an identical key scores 100.
        """
        return self.search_stats(key, limit=limit, threshold=threshold)[0]

    def search_stats(
        self, key: str, *, limit: int = 5, threshold: float = 75.0
    ) -> tuple[list[tuple[int, float]], SearchStats]:
        """`search`, plus what the lookup did and whether its answer is proven complete."""
        if math.isnan(threshold):
            raise ValueError("threshold must be a number, not NaN")
        top = TopK(limit, threshold / 100.0)
        if limit <= 0:
            return [], SearchStats(True, 0, 0)
        query = Query(key, key_grams(key, self.q))
        exact, postings, verified = True, 0, 0
        for segment in sorted([*self._segments, *self._fixed], key=len, reverse=True):
            outcome = segment.search(query, top, self.max_postings, self.max_verify)
            exact = exact and outcome.exact
            postings += outcome.postings
            verified += outcome.verified
        if self._tail_keys:
            found = process.extract(
                key,
                self._tail_keys,
                scorer=Levenshtein.normalized_similarity,
                score_cutoff=loose_cutoff(top.bar()),
                limit=None,
            )
            for _, score, j in found:
                top.offer(score, self._tail_ids[j])
            verified += len(self._tail_keys)
        return top.results(), SearchStats(exact, postings, verified)


def brute_force(
    keys: Sequence[tuple[int, str]], key: str, *, limit: int = 5, threshold: float = 75.0
) -> list[tuple[int, float]]:
    """The reference answer: score every (unit id, key) with rapidfuzz, keep the best `limit`."""
    if limit <= 0:
        return []
    found = process.extract(
        key,
        [k for _, k in keys],
        scorer=Levenshtein.normalized_similarity,
        score_cutoff=loose_cutoff(threshold / 100.0),
        limit=None,
    )
    bar = threshold / 100.0
    best = heapq.nsmallest(limit, ((-score, keys[j][0]) for _, score, j in found if score >= bar))
    return [(unit_id, -neg * 100.0) for neg, unit_id in best]
