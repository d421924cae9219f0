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
_OWNER_BITS = 16
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


def _pack(points: Int64Array, q: int, bits: int = _BITS) -> Int64Array:
    count = len(points) - q + 1
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    packed = points[:count].copy()
    for j in range(1, q):
        packed <<= bits
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
    points, sizes = _points_of(keys, q)
    return _pack(points, q)[_inside(sizes, q)], _owners(sizes, q)


def grouped_grams(keys: Sequence[str], q: int) -> tuple[Int64Array, Int64Array, Int32Array]:
    """The distinct (gram, key) pairs of up to 65,536 keys, grouped by gram, keys ascending.

    Returns (gram of each group, size of each group, key index of each pair). Groups come in
    no particular gram order. Sorting packed 63-bit grams needs an argsort, and the pairs have
    to be gathered after it; re-coding the characters on a dense alphabet usually leaves room
    to put the key index into the same int64 and sort plain integers, about twice as fast.
    """
    if len(keys) > 1 << _OWNER_BITS:
        raise ValueError(f"at most {1 << _OWNER_BITS} keys at a time")
    points, sizes = _points_of(keys, q)
    inside, owner = _inside(sizes, q), _owners(sizes, q)
    if not len(owner):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), owner
    seen = np.zeros(0x110000, dtype=bool)
    seen[points] = True
    alphabet = np.flatnonzero(seen)
    bits = max(1, int(len(alphabet) - 1).bit_length())
    if q * bits + _OWNER_BITS > 63:
        return _grouped_by_argsort(_pack(points, q)[inside], owner)
    code = np.zeros(0x110000, dtype=np.int64)
    code[alphabet] = np.arange(len(alphabet))
    compact = _pack(code[points], q, bits)[inside]
    pairs = np.sort((compact << _OWNER_BITS) | owner)
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    grams = pairs >> _OWNER_BITS
    heads = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1])))
    # back from the dense alphabet to code points, for the group heads only
    head_codes = grams[heads]
    values = np.zeros(len(heads), dtype=np.int64)
    for j in range(q):
        shift = bits * (q - 1 - j)
        values = (values << _BITS) | alphabet[(head_codes >> shift) & ((1 << bits) - 1)]
    sizes_out = np.diff(np.append(heads, len(pairs)))
    return values, sizes_out, (pairs & ((1 << _OWNER_BITS) - 1)).astype(np.int32)


def _grouped_by_argsort(
    grams: Int64Array, owner: Int32Array
) -> tuple[Int64Array, Int64Array, Int32Array]:
    if not len(grams):
        return grams, np.zeros(0, dtype=np.int64), owner
    # a stable sort keeps owners ascending inside each gram's run
    perm = np.argsort(grams, kind="stable")
    grams, owner = grams[perm], owner[perm]
    keep = np.ones(len(grams), dtype=bool)
    keep[1:] = (grams[1:] != grams[:-1]) | (owner[1:] != owner[:-1])
    grams, owner = grams[keep], owner[keep]
    heads = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1])))
    return grams[heads], np.diff(np.append(heads, len(grams))), owner


def _points_of(keys: Sequence[str], q: int) -> tuple[Int64Array, Int64Array]:
    texts = [padded(key, q) for key in keys]
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return _codepoints("".join(texts)), sizes


def _inside(sizes: Int64Array, q: int) -> Int64Array:
    # grams that start in one text and end in the next are packed too; keep only the starts
    # that lie inside a text: start of text i + 0 .. counts[i] - 1
    counts = np.maximum(sizes - q + 1, 0)
    text_starts = np.cumsum(sizes) - sizes
    gram_starts = np.cumsum(counts) - counts
    total = int(counts.sum())
    starts: Int64Array = np.repeat(text_starts - gram_starts, counts)
    return np.arange(total, dtype=np.int64) + starts


def _owners(sizes: Int64Array, q: int) -> Int32Array:
    counts = np.maximum(sizes - q + 1, 0)
    return np.repeat(np.arange(len(sizes), dtype=np.int32), counts)


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
    edits: Int64Array = np.floor((1.0 - threshold) * longest + EPS).astype(np.int64)
    return edits
