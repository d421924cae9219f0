"""Splitting long texts for providers' length limits."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tmbuilder.engines.chunking import join_parts, split_text
from tmbuilder.engines.postedit import PLACEHOLDER_RE

WORDS = st.sampled_from(
    [
        "Hôm",
        "nay",
        "trời",
        "đẹp",
        "ZXQBC",
        "1.000",
        "Việt",
        "Nam",
        ",",
        ";",
        ":",
        ".",
        "—",
        "a" * 30,
    ]
)
TEXTS = st.lists(
    st.tuples(WORDS, st.sampled_from([" ", "  ", "", "\n", ", ", "; ", ": ", ". "])),
    max_size=120,
).map(lambda pairs: "".join(word + sep for word, sep in pairs))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@given(text=TEXTS | st.text(max_size=300), limit=st.integers(min_value=1, max_value=80))
def test_pieces_fit_and_lose_nothing_but_whitespace(text: str, limit: int) -> None:
    pieces = split_text(text, limit, PLACEHOLDER_RE)
    assert all(0 < len(piece) <= limit for piece in pieces)
    assert all(piece == piece.strip() for piece in pieces)
    assert squeeze("".join(pieces)) == squeeze(text)


@given(text=TEXTS, limit=st.integers(min_value=40, max_value=200))
def test_short_texts_are_left_whole_and_spaced_texts_never_need_a_hard_cut(
    text: str, limit: int
) -> None:
    pieces = split_text(text, limit, PLACEHOLDER_RE)
    if len(text.strip()) <= limit:
        assert pieces == ([text.strip()] if text.strip() else [])
    # When every word fits the limit, a space always lies within reach: words survive whole.
    # (Words joined without a separator can outgrow it; those alone get a hard cut.)
    words = text.split()
    if all(len(word) <= limit for word in words):
        assert [w for piece in pieces for w in piece.split()] == words


def test_prefers_sentence_then_semicolon_then_comma_then_space() -> None:
    text = "Một hai ba, bốn năm; sáu bảy. Tám chín mười"
    assert split_text(text, 40) == ["Một hai ba, bốn năm; sáu bảy.", "Tám chín mười"]
    text = "Một hai ba, bốn năm; sáu bảy tám chín mười"
    assert split_text(text, 30) == ["Một hai ba, bốn năm;", "sáu bảy tám chín mười"]
    text = "Một hai ba bốn năm, sáu bảy tám chín mười"
    assert split_text(text, 30) == ["Một hai ba bốn năm,", "sáu bảy tám chín mười"]
    assert split_text("một hai ba bốn", 9) == ["một hai", "ba bốn"]


def test_an_early_boundary_does_not_make_tiny_pieces() -> None:
    text = "Vâng, " + "một hai ba bốn năm sáu bảy tám chín mười " * 3
    first = split_text(text, 60)[0]
    assert len(first) > 30 and first != "Vâng,"


def test_hard_cut_keeps_placeholders_and_combining_marks_whole() -> None:
    assert split_text("abcd-ZXQBC-ef", 7, PLACEHOLDER_RE) == ["abcd-", "ZXQBC-e", "f"]
    decomposed = "a" * 5 + "e\u0301" + "b" * 5  # e + combining acute
    pieces = split_text(decomposed, 6)
    assert pieces[0] == "aaaaa" and pieces[1].startswith("e\u0301")


def test_join_parts() -> None:
    assert join_parts([" Today, ", "", "the weather is nice. "]) == "Today, the weather is nice."


def test_a_word_longer_than_the_limit_is_cut_hard_and_kept() -> None:
    word = "a" * 60
    assert split_text(word + " ", 40) == ["a" * 40, "a" * 20]
