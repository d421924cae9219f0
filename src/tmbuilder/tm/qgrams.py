"""Character q-grams of matching keys, as packed integers, and the bounds that make them a filter.

A q-gram is packed into one int64: 21 bits per code point (Unicode needs 21), so q <= 3. Keys are
padded with q - 1 start and end markers so that every key, even an empty one, has grams and the
first and last characters weigh as much as the middle ones.

The bounds (Ukkonen's q-gram lemma, on distinct grams): one edit touches at most q grams of the
padded key, and padding never adds edits, so if lev(a, b) <= k then at least
max(|G(a)|, |G(b)|) - q*k distinct grams are shared. Read the other way round, sharing c grams
proves lev(a, b) >= ceil((max(|G(a)|, |G(b)|) - c) / q). Stray marker characters inside a key
only add grams; they cannot break either bound.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

MAX_Q = 3
_BITS = 21
START = "\x02"
END = "\x03"
# slack on float comparisons, larger than any rounding in 1 - d/m: the filters stay lossless
EPS = 1e-6

Int64Array = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]


def check_q(q: int) -> int:
    """Return q if grams of that size fit the packing, else raise ValueError."""
    if not 1 <= q <= MAX_Q:
        raise ValueError(f"q must be between 1 and {MAX_Q}, not {q}")
    return q


def _codepoints(text: str) -> Int64Array:
    # surrogatepass: a key with a lone surrogate (bad decoding upstream) still gets grams
    raw = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(raw, dtype="<u4").astype(np.int64)


def _pack(points: Int64Array, q: int) -> Int64Array:
    count = len(points) - q + 1
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    packed = points[:count].copy()
    for j in range(1, q):
        packed <<= _BITS
        packed |= points[j : j + count]
    return packed


def padded(key: str, q: int) -> str:
    """The key with its q - 1 start and end markers."""
    return f"{START * (q - 1)}{key}{END * (q - 1)}"


def key_grams(key: str, q: int) -> Int64Array:
    """The distinct packed q-grams of one key, sorted."""
    return np.unique(_pack(_codepoints(padded(key, q)), q))


def many_grams(keys: Sequence[str], q: int) -> tuple[Int64Array, Int32Array]:
    """The packed q-grams of many keys at once: (grams, owner), owner = index into keys.

    Grams come in key order, then position order, so owners never decrease.
    """
    texts = [padded(key, q) for key in keys]
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    packed = _pack(_codepoints("".join(texts)), q)
    counts = np.maximum(sizes - q + 1, 0)
    total = int(counts.sum())
    # grams that start in one text and end in the next are packed too; keep only the starts
    # that lie inside a text: start of text i + 0 .. counts[i] - 1
    text_starts = np.cumsum(sizes) - sizes
    gram_starts = np.cumsum(counts) - counts
    where = np.arange(total, dtype=np.int64) + np.repeat(text_starts - gram_starts, counts)
    owner = np.repeat(np.arange(len(texts), dtype=np.int32), counts)
    return packed[where], owner


def length_window(length: int, threshold: float) -> tuple[int, float]:
    """Lengths a key can have and still score >= threshold (a fraction) against `length`.

    sim <= min/max of the lengths, since lev >= the length difference.
    """
    if threshold <= 0.0:
        return 0, math.inf
    low = math.ceil(threshold * length - EPS)
    high = math.floor(length / threshold + EPS)
    return max(low, 0), float(high)


def max_edits(longest: npt.NDArray[np.int64], threshold: float) -> npt.NDArray[np.int64]:
    """Largest Levenshtein distance still scoring >= threshold, per max(len(a), len(b))."""
    return np.floor((1.0 - threshold) * longest + EPS).astype(np.int64)
