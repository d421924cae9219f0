"""One immutable q-gram inverted index over a batch of memory units (a *segment* of FuzzyIndex).

Units are renumbered by key length, so the units a length window allows are one contiguous id
range and each posting list can be cut to that range with two binary searches. Postings are one
int32 array in CSR layout (offsets per gram, grams in packed-value order), built without any
global sort: each chunk of units is sorted on its own and scattered into place, which keeps the
build linear in memory (about 8 bytes per posting at the peak) and fast at a million units.

Lookup is filter-then-verify (see FuzzyIndex.search for the plan): count shared grams over the
rarest posting lists within a budget, bound the distance of every unit from its count, and
verify the survivors with rapidfuzz's bit-parallel Levenshtein.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tmbuilder.tm.qgrams import (
    Int32Array,
    Int64Array,
    grouped_grams,
    length_window,
    max_edits,
)
from tmbuilder.tm.topk import TopK, loose_cutoff

_CHUNK = 65_536  # units per build chunk: ~7M grams, ~100 MB of temporaries
_PROBE = 32  # units verified first to raise the bar before the exact filter runs
_SHORTLIST = 8_192  # units ranked by estimate when counts alone cannot decide
_DENSE = 8_192  # a window this small is bounded unit by unit even when counts prove nothing


@dataclass(frozen=True)
class Query:
    """A key ready for lookup: its text, length and distinct packed grams."""

    key: str
    grams: Int64Array

    @property
    def length(self) -> int:
        return len(self.key)


@dataclass(frozen=True)
class SegmentArrays:
    """Everything a Segment holds but its keys; internal id i is the i-th shortest key."""

    ids: Int64Array  # external unit id of each internal id
    lengths: Int64Array  # key length, ascending
    id_rank: Int64Array  # rank of each external id among the segment's ids
    gram_counts: Int64Array  # distinct grams of each key
    vocab: Int64Array  # packed gram values, ascending
    offsets: Int64Array  # CSR offsets of each gram's posting list (len(vocab) + 1)
    postings: Int32Array  # internal ids, ascending within each list


@dataclass
class Outcome:
    """What one segment lookup cost and whether its answer is proven complete."""

    exact: bool = True
    postings: int = 0
    verified: int = 0


class Segment:
    """A read-only q-gram index over some units; internal id i is the i-th shortest key."""

    def __init__(self, ids: Sequence[int], keys: Sequence[str], q: int) -> None:
        self.q = q
        lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
        order = np.argsort(lengths, kind="stable")
        self.keys: Sequence[str] = [keys[i] for i in order.tolist()]
        self.ids: Int64Array = np.asarray(ids, dtype=np.int64)[order]
        self.lengths: Int64Array = lengths[order]
        # rank of each external id: the tie-break when candidates must be cut at a cap
        self.id_rank: Int64Array = np.empty(len(order), dtype=np.int64)
        self.id_rank[np.argsort(self.ids, kind="stable")] = np.arange(len(order))
        self.gram_counts: Int64Array = np.zeros(len(order), dtype=np.int64)
        self.vocab, self.offsets, self.postings = self._build()

    @classmethod
    def from_arrays(cls, q: int, keys: Sequence[str], arrays: SegmentArrays) -> Segment:
        """A segment over arrays built before (tm/persist: memory-mapped files), keys in
        internal-id order; the arrays are trusted to be one consistent build."""
        segment = cls.__new__(cls)
        segment.q = q
        segment.keys = keys
        segment.ids, segment.lengths = arrays.ids, arrays.lengths
        segment.id_rank, segment.gram_counts = arrays.id_rank, arrays.gram_counts
        segment.vocab, segment.offsets, segment.postings = (
            arrays.vocab,
            arrays.offsets,
            arrays.postings,
        )
        return segment

    def arrays(self) -> SegmentArrays:
        """The segment's arrays, to store them (tm/persist)."""
        return SegmentArrays(
            self.ids,
            self.lengths,
            self.id_rank,
            self.gram_counts,
            self.vocab,
            self.offsets,
            self.postings,
        )

    def __len__(self) -> int:
        return len(self.keys)

    def nbytes(self) -> int:
        """Approximate memory held: arrays, key strings and the list holding them."""
        arrays = (self.ids, self.lengths, self.id_rank, self.gram_counts, self.vocab)
        total = sum(a.nbytes for a in arrays) + self.offsets.nbytes + self.postings.nbytes
        return total + sum(sys.getsizeof(key) + 8 for key in self.keys)

    def _build(self) -> tuple[Int64Array, Int64Array, Int32Array]:
        gram_ids: dict[int, int] = {}
        chunks: list[tuple[Int64Array, Int64Array, Int32Array]] = []
        for first in range(0, len(self.keys), _CHUNK):
            size = min(_CHUNK, len(self.keys) - first)
            heads, run_sizes, owner = grouped_grams(self.keys[first : first + size], self.q)
            self.gram_counts[first : first + size] = np.bincount(owner, minlength=size)
            run_ids = np.fromiter(
                (gram_ids.setdefault(v, len(gram_ids)) for v in heads.tolist()),
                dtype=np.int64,
                count=len(heads),
            )
            chunks.append((run_ids, run_sizes, owner + np.int32(first)))
        # renumber grams by packed value so a query finds them with one searchsorted
        values = np.fromiter(gram_ids, dtype=np.int64, count=len(gram_ids))
        by_value = np.argsort(values)
        renumber = np.empty(len(values), dtype=np.int64)
        renumber[by_value] = np.arange(len(values))
        totals = np.zeros(len(values), dtype=np.int64)
        for run_ids, run_sizes, _ in chunks:
            totals[renumber[run_ids]] += run_sizes  # a gram runs once per chunk: no collisions
        offsets = np.concatenate(([0], np.cumsum(totals))).astype(np.int64)
        postings = np.empty(int(offsets[-1]), dtype=np.int32)
        cursor = offsets[:-1].copy()
        for run_ids, run_sizes, owners in chunks:
            grams = renumber[run_ids]
            run_starts = np.cumsum(run_sizes) - run_sizes
            shift = np.repeat(cursor[grams] - run_starts, run_sizes)
            postings[np.arange(len(owners)) + shift] = owners
            cursor[grams] += run_sizes
        return values[by_value], offsets, postings

    def _slices(self, query: Query, lo: int, hi: int) -> tuple[Int64Array, Int64Array]:
        """Start and end of each query gram's posting list, cut to internal ids [lo, hi)."""
        pos = np.searchsorted(self.vocab, query.grams)
        inside = pos < len(self.vocab)
        pos = pos[inside]
        pos = pos[self.vocab[pos] == query.grams[inside]]
        starts, ends = self.offsets[pos], self.offsets[pos + 1]
        if lo > 0 or hi < len(self.keys):
            postings = self.postings
            # same dtype as the postings, or numpy converts every list it searches
            bounds = np.array((lo, hi), dtype=np.int32)
            for i in range(len(pos)):
                run = postings[starts[i] : ends[i]]
                a, b = np.searchsorted(run, bounds)
                starts[i], ends[i] = starts[i] + a, starts[i] + b
        return starts, ends

    def search(self, query: Query, top: TopK, budget: int, cap: int) -> Outcome:
        """Offer this segment's matches for `query` to `top`; see FuzzyIndex.search."""
        out = Outcome()
        lo, hi = self._window(query.length, top.bar())
        if lo >= hi:
            return out
        starts, ends = self._slices(query, lo, hi)
        sizes = ends - starts
        order = np.argsort(sizes, kind="stable")
        # rarest lists first, as many as the budget allows, at least one non-empty list
        scanned = int(np.searchsorted(np.cumsum(sizes[order]), budget, side="right"))
        if scanned == 0 and len(order):
            scanned = 1
        unscanned = len(order) - scanned
        pick = order[:scanned]
        out.postings = int(sizes[pick].sum())
        hits = [self.postings[starts[i] : ends[i]] for i in pick.tolist()]
        flat = np.concatenate(hits) if hits else np.zeros(0, dtype=np.int32)
        counts = np.bincount(flat - np.int32(lo), minlength=hi - lo)
        tally = _Tally(self, query, lo, counts, scanned, unscanned, len(order))

        # probe: the best-looking few first, so the exact filter below runs with a higher bar
        probe = tally.best(tally.best_counted(0, hi - lo, 8 * _PROBE), _PROBE)
        out.verified += self._verify(query, lo + probe, top)
        done = np.zeros(hi - lo, dtype=bool)
        done[probe] = True

        pool, exact = tally.candidates(top.bar())
        pool = pool[~done[pool]]
        if len(pool) > cap:
            pool, exact = tally.best(pool, cap), False
        out.verified += self._verify(query, lo + pool, top)
        out.exact = exact
        return out

    def _window(self, length: int, bar: float) -> tuple[int, int]:
        low, high = length_window(length, bar)
        lo = int(np.searchsorted(self.lengths, low, side="left"))
        hi = (
            len(self.keys)
            if math.isinf(high)
            else int(np.searchsorted(self.lengths, high, "right"))
        )
        return lo, hi

    def _verify(self, query: Query, internal: Int64Array, top: TopK) -> int:
        if not len(internal):
            return 0
        keys = self.keys
        choices = [keys[i] for i in internal.tolist()]
        found = process.extract(
            query.key,
            choices,
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=loose_cutoff(top.bar()),
            limit=None,
        )
        for _, score, j in found:
            top.offer(score, int(self.ids[internal[j]]))
        return len(choices)


class _Tally:
    """Shared-gram counts over one length window, and the bounds and ranking drawn from them."""

    def __init__(
        self,
        segment: Segment,
        query: Query,
        lo: int,
        counts: Int64Array,
        scanned: int,
        unscanned: int,
        found: int,
    ) -> None:
        self.segment = segment
        self.lo = lo
        self.counts = counts
        self.unscanned = unscanned
        self.length = query.length
        self.grams = len(query.grams)
        # found / scanned scales a partial count to an estimate of the full one
        self.scale = found / scanned if scanned else 0.0

    def _unit_arrays(self, rows: Int64Array) -> tuple[Int64Array, Int64Array, Int64Array]:
        seg, at = self.segment, rows + self.lo
        longest = np.maximum(seg.lengths[at], self.length)
        most_grams = np.maximum(seg.gram_counts[at], self.grams)
        fewest_grams = np.minimum(seg.gram_counts[at], self.grams)
        return longest, most_grams, fewest_grams

    def candidates(self, bar: float) -> tuple[Int64Array, bool]:
        """Window rows whose bound allows a score >= bar, and whether that set is complete."""
        seg, q = self.segment, self.segment.q
        lo, hi = seg._window(self.length, bar)
        lo, hi = max(lo, self.lo), min(hi, self.lo + len(self.counts))
        if lo >= hi:
            return np.zeros(0, dtype=np.int64), True
        first, last = lo - self.lo, hi - self.lo
        longest = max(int(seg.lengths[hi - 1]), self.length)
        # a unit with count c has lev >= ceil((grams - c - unscanned) / q): below c_min it fails
        c_min = self.grams - self.unscanned - q * int(max_edits(np.array([longest]), bar)[0])
        if c_min >= 1:
            rows = first + np.flatnonzero(self.counts[first:last] >= c_min)
        elif last - first <= _DENSE:
            rows = np.arange(first, last, dtype=np.int64)
        else:
            # the counts prove nothing for this many units: rank them, the answer may be partial
            return self.best_counted(first, last, _SHORTLIST), False
        longest_each, most, fewest = self._unit_arrays(rows)
        shared = np.minimum(self.counts[rows] + self.unscanned, fewest)
        lev_low = (most - shared + q - 1) // q
        return rows[lev_low <= max_edits(longest_each, bar)], True

    def best_counted(self, first: int, last: int, k: int) -> Int64Array:
        """A shortlist of at least k rows of [first, last) with the highest non-zero counts."""
        window = self.counts[first:last]
        histogram = np.bincount(window)
        histogram[0] = 0
        from_top = np.cumsum(histogram[::-1])  # from_top[i]: rows counting >= len - 1 - i
        cut = len(histogram) - 1 - int(np.searchsorted(from_top, k))
        return first + np.flatnonzero(window >= max(cut, 1))

    def best(self, rows: Int64Array, k: int) -> Int64Array:
        """The k rows with the best estimated score; ties go to the smaller external id."""
        if len(rows) <= k:
            return rows
        longest, most, _ = self._unit_arrays(rows)
        # estimated edits per character: (grams not shared) / (q * longest); lower is better
        estimate = (most - self.counts[rows] * self.scale) / np.maximum(longest, 1)
        kth = np.partition(estimate, k - 1)[k - 1]
        better = rows[estimate < kth]
        tied = rows[estimate == kth]
        need = k - len(better)
        if len(tied) > need:
            rank = self.segment.id_rank[tied + self.lo]
            tied = tied[np.argpartition(rank, need - 1)[:need]]
        return np.concatenate((better, tied))
