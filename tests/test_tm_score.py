"""The fuzzy-match score: 100 * (1 - lev / longest), OmegaT/Trados style."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmbuilder.tm.score import similarity


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("hai nước", "hai nước", 100.0),
        ("abc", "abd", 100.0 * (1 - 1 / 3)),
        ("kitten", "sitting", 100.0 * (1 - 3 / 7)),
        ("", "", 100.0),
        ("", "abc", 0.0),
        ("abc", "xyz", 0.0),
        # one precomposed letter per tone: a tone difference is one substitution
        ("việt", "viet", 75.0),
        ("việt nam", "viết nam", 100.0 * (1 - 1 / 8)),
        ("năm 2023", "năm 2024", 87.5),
    ],
)
def test_known_pairs(a: str, b: str, expected: float) -> None:
    assert similarity(a, b) == pytest.approx(expected)


def test_decomposed_marks_count_as_characters() -> None:
    # keys are NFC (match_key); a decomposed key is longer and scores lower
    assert similarity("viê\u0323t", "việt") < 75.0


@given(st.text(max_size=30), st.text(max_size=30))
def test_symmetric_and_bounded(a: str, b: str) -> None:
    score = similarity(a, b)
    assert 0.0 <= score <= 100.0
    assert score == similarity(b, a)
    assert (score == 100.0) == (a == b)
