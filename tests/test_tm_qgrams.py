"""Packed q-grams and the bounds the fuzzy index filters with."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from tmbuilder.tm.qgrams import (
    check_q,
    grouped_grams,
    key_grams,
    length_window,
    many_grams,
    max_edits,
    padded,
)


def _packed(gram: str) -> int:
    value = 0
    for char in gram:
        value = (value << 21) | ord(char)
    return value


def _reference(keys: list[str], q: int) -> set[tuple[int, int]]:
    pairs = set()
    for owner, key in enumerate(keys):
        text = padded(key, q)
        pairs |= {(_packed(text[i : i + q]), owner) for i in range(len(text) - q + 1)}
    return pairs


def _pairs(keys: list[str], q: int) -> set[tuple[int, int]]:
    grams, sizes, owners = grouped_grams(keys, q)
    assert len(set(grams.tolist())) == len(grams)  # one group per gram
    out = set()
    start = 0
    for gram, size in zip(grams.tolist(), sizes.tolist(), strict=True):
        group = owners[start : start + size].tolist()
        assert group == sorted(set(group))  # owners ascending, no duplicates
        out |= {(gram, owner) for owner in group}
        start += size
    assert start == len(owners)
    return out


@given(st.lists(st.text(max_size=12), max_size=20), st.integers(1, 3))
def test_grouped_grams_match_a_plain_python_reference(keys: list[str], q: int) -> None:
    assert _pairs(keys, q) == _reference(keys, q)
    grams, owner = many_grams(keys, q)
    assert set(zip(grams.tolist(), owner.tolist(), strict=True)) == _reference(keys, q)


def test_huge_alphabet_takes_the_argsort_path() -> None:
    # > 32,768 distinct characters leave no room for the key index in the sort key
    keys = [
        "".join(chr(0x4E00 + i) for i in range(start, start + 100))
        for start in range(0, 40_000, 100)
    ]
    keys.append("a\udc80b")  # a lone surrogate still has grams
    assert _pairs(keys, 3) == _reference(keys, 3)


def test_key_grams_are_sorted_and_distinct() -> None:
    grams = key_grams("aaaa", 3)
    assert grams.tolist() == sorted(
        {_packed(g) for g in ["\x02\x02a", "\x02aa", "aaa", "aa\x03", "a\x03\x03"]}
    )
    assert len(key_grams("", 3)) == 2  # the markers alone
    assert len(key_grams("", 1)) == 0


def test_check_q() -> None:
    assert check_q(3) == 3
    with pytest.raises(ValueError, match="q must be"):
        check_q(4)
    with pytest.raises(ValueError, match="q must be"):
        check_q(0)


def test_length_window() -> None:
    assert length_window(100, 0.75) == (75, 133.0)
    assert length_window(0, 0.75) == (0, 0.0)
    assert length_window(10, 0.0)[1] == float("inf")


@given(
    st.text(alphabet="abcạ ", max_size=15),
    st.text(alphabet="abcạ ", max_size=15),
    st.integers(1, 3),
)
def test_q_gram_lemma_holds(a: str, b: str, q: int) -> None:
    """The bound the index prunes with never exceeds the true distance."""
    shared = len(np.intersect1d(key_grams(a, q), key_grams(b, q)))
    most = max(len(key_grams(a, q)), len(key_grams(b, q)))
    lower = -(-(most - shared) // q)
    assert lower <= Levenshtein.distance(a, b)
    longest = max(len(a), len(b))
    threshold = Levenshtein.normalized_similarity(a, b)
    assert Levenshtein.distance(a, b) <= max_edits(np.array([longest]), threshold)[0]
    low, high = length_window(len(a), threshold)
    assert low <= len(b) <= high
