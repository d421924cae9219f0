"""Invariants of segmentation that must hold for any text whatsoever."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.text.segment import Segmenter

SEG = Segmenter()
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# Pieces that exercise the rules: terminal punctuation, quotes, brackets, abbreviations, initials,
# numbers, every kind of space and line break, Vietnamese letters of both cases.
PIECES = [
    ".", "!", "?", "…", "...", "“", "”", '"', "'", "‘", "’", "(", ")", "[", "]", "«", "»",
    " ", "  ", "\t", "\u00a0", "\u2003", "\u3000", *LINE_BREAKS, "\r\n",
    "TP.", "TP.HCM", "PGS.TS.", "Th.S", "v.v.", "Q.1", "tr.15", "B.", "J. K.", "Ảnh: TTXVN",
    "1.500.000", "10,5", "2-12", "15/2025/NĐ-CP", "www.sggp.org.vn", "1.", "Điều 5.",
    "Hai", "bên", "Đảng", "ở", "Ừ", "A", "a", "7", "\x00", "\x07", "\ufeff", "\U0001f600",
]  # fmt: skip
vietnamese_like = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
texts = st.one_of(vietnamese_like, any_text)


def _check_invariants(text: str) -> None:
    spans = SEG.spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)  # ordered, non-overlapping, non-empty
        piece = text[start:end]
        assert piece == piece.strip()  # trimmed
        assert not any(ch in LINE_BREAKS for ch in piece)  # line breaks are hard boundaries
        assert text[previous_end:start].strip() == ""  # only whitespace is left out
        previous_end = end
    assert text[previous_end:].strip() == ""
    sentences = SEG.split(text)
    assert sentences == [text[a:b] for a, b in spans]
    # joining the segments gives the paragraph back, modulo the whitespace between them
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())


@settings(max_examples=400, deadline=None)
@given(texts)
def test_segments_cover_the_text_exactly(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=50, deadline=None)
@given(vietnamese_like, st.integers(min_value=1, max_value=200))
def test_repetition_never_loses_text(chunk: str, times: int) -> None:
    _check_invariants(chunk * times)


def test_long_and_degenerate_texts() -> None:
    sentence = "Hai bên nhất trí thúc đẩy hợp tác tại TP.HCM, giá 1.500.000 đồng. "
    long_text = sentence * 20_000  # about 1.3 MB of UTF-8
    assert len(SEG.spans(long_text)) == 20_000
    for degenerate in (
        "." * 100_000,
        '."' * 50_000,
        ")" * 100_000 + ".",
        ". " * 50_000,
        "A. " * 20_000,
        "… " * 50_000,
        " " * 100_000,
        "\n" * 100_000,
        "x" * 200_000,
    ):
        _check_invariants(degenerate)
