"""The running best-k list a lookup fills: best score first, ties to the smaller unit id."""

from __future__ import annotations

from bisect import insort

# rapidfuzz turns a score_cutoff into a distance bound with floating-point arithmetic, and a
# score exactly at the cutoff can fall out (7/9 at a cutoff of 7/9, or even 7/9 - 1e-9, gives
# 0). Callers ask rapidfuzz for a little less and let TopK decide on the exact scores.
_SLACK = 1e-6  # far below 1/len of any key a memory holds; 1e-9 is not enough


def loose_cutoff(bar: float) -> float:
    """A rapidfuzz score_cutoff that never drops a score equal to `bar`."""
    return max(0.0, bar - _SLACK)


class TopK:
    """Keeps the `limit` best (score, unit id) pairs at or above a threshold.

    Scores are rapidfuzz's normalized similarity (0..1); `results` reports them as 0..100.
    """

    def __init__(self, limit: int, threshold: float) -> None:
        self.limit = limit
        self.threshold = threshold
        self._items: list[tuple[float, int]] = []  # (-score, id): sorts best first

    def bar(self) -> float:
        """The score a new unit needs to matter: the threshold, or the k-th best once full.

        A unit that merely ties the k-th best can still win on a smaller id, so the bar is
        inclusive.
        """
        if self.limit <= 0:
            return 1.0 + 1e-9  # nothing can enter
        if len(self._items) < self.limit:
            return self.threshold
        return max(self.threshold, -self._items[-1][0])

    def offer(self, score: float, unit_id: int) -> None:
        """Add a verified match if it belongs among the best k."""
        if self.limit <= 0 or score < self.threshold:
            return
        item = (-score, unit_id)
        if len(self._items) >= self.limit and item >= self._items[-1]:
            return
        insort(self._items, item)
        del self._items[self.limit :]

    def results(self) -> list[tuple[int, float]]:
        """(unit id, score 0..100), best first."""
        return [(unit_id, -neg * 100.0) for neg, unit_id in self._items]
