"""`token_spans` tokenizes each whitespace-separated chunk once and reuses it: the spans must be
those of the token pattern run over the whole text, neighbours and all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.glossary import syllables
from tmbuilder.glossary.stopwords import BREAK_WORDS
from tmbuilder.glossary.syllables import BREAK, HYPHEN, syllable_key, token_spans

DATA = Path(__file__).parent / "data"


def _whole_text(text: str, *, cut_at_break_words: bool) -> list[tuple[int, int, str]]:
    """The token pattern run over the whole text at once (what `token_spans` did before)."""
    spans: list[tuple[int, int, str]] = []
    for match in syllables._TOKEN.finditer(text):
        start, end = match.span()
        if match.lastgroup == "w":
            word = match.group()
            if "." in word and syllables._URL.search(word):
                spans.append((start, end, BREAK))
            else:
                key = syllable_key(word)
                if cut_at_break_words and key in BREAK_WORDS:
                    key = BREAK
                spans.append((start, end, key))
        elif match.lastgroup == "d":
            spans.append((start, end, HYPHEN))
        elif match.lastgroup != "a":
            spans.append((start, end, BREAK))
    return spans


@pytest.mark.parametrize(
    "text",
    [
        "Đảng Nhân dân cách mạng (NDCM) Lào",
        "(NDCM) Lào",
        "Đảng (NDCM)",
        "Đảng  (NDCM) Lào",
        "Đảng\t(NDCM) Lào",
        "Đảng (NDCM)  Lào",
        "Đảng, (NDCM) Lào",
        "Đảng (NDCM) , Lào",
        "1 (UB) 2",
        "a\u00a0(AB)\u00a0b",
        "quốc phòng - an ninh – đối ngoại",
        "www.example.com TP.HCM Covid-19 a@b.vn",
        "  hai  khoảng trắng  ",
        "",
    ],
)
def test_spans_are_the_whole_texts(text: str) -> None:
    for cut in (False, True):
        assert token_spans(text, cut_at_break_words=cut) == _whole_text(
            text, cut_at_break_words=cut
        )


def test_spans_are_the_whole_texts_on_the_dev_texts() -> None:
    for path in sorted((DATA / "seg_dev").glob("*/*/paragraphs.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for cut in (False, True):
                assert token_spans(line, cut_at_break_words=cut) == _whole_text(
                    line, cut_at_break_words=cut
                )


_PIECE = st.sampled_from(
    ["Đảng", "(NDCM)", "(AB&C)", "Lào", "-", "–", ",", ".", "TP.HCM", "x.com", "và", "của", "a@b"]
)
_TEXT = st.lists(
    st.one_of(_PIECE, st.text(alphabet="aĐ(N)C -–.,’'\t\u00a0\u0301é0&@_/")), max_size=12
).map(lambda parts: "".join(parts))


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.booleans())
def test_spans_are_the_whole_texts_on_any_text(text: str, cut: bool) -> None:
    assert token_spans(text, cut_at_break_words=cut) == _whole_text(text, cut_at_break_words=cut)
