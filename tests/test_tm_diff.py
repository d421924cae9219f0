"""Word-level differences between a query and a fuzzy match, for display."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tmbuilder.tm.diff import DELETE_STYLE, INSERT_STYLE, REPLACE_STYLE, diff_spans, diff_text


def test_changed_words_are_replaced_whole() -> None:
    spans = diff_spans("Tô Lâm thăm Lào năm 2023.", "Tô Lâm thăm Campuchia năm 2024.")
    assert spans == [
        ("equal", "Tô Lâm thăm "),
        ("replace", "Campuchia"),
        ("equal", " năm "),
        ("replace", "2024"),
        ("equal", "."),
    ]


def test_insert_and_delete() -> None:
    assert diff_spans("hai nước", "hai nước và khu vực") == [
        ("equal", "hai nước"),
        ("insert", " và khu vực"),
    ]
    assert diff_spans("hai nước và khu vực", "hai nước") == [
        ("equal", "hai nước"),
        ("delete", " và khu vực"),
    ]


def test_neighbouring_changes_read_as_one() -> None:
    assert diff_spans("a b c d", "a x y d") == [
        ("equal", "a "),
        ("replace", "x y"),
        ("equal", " d"),
    ]


def test_tone_mark_difference_marks_the_syllable() -> None:
    assert diff_spans("việt nam", "viết nam") == [("replace", "viết"), ("equal", " nam")]


def test_empty_sides() -> None:
    assert diff_spans("", "") == []
    assert diff_spans("", "abc") == [("insert", "abc")]
    assert diff_spans("abc", "") == [("delete", "abc")]


def test_diff_text_styles() -> None:
    text = diff_text("hai nước và Lào", "hai nước với Campuchia và")
    assert text.plain.startswith("hai nước ")
    styles = {str(span.style) for span in text.spans}
    assert styles <= {INSERT_STYLE, REPLACE_STYLE, DELETE_STYLE}
    assert REPLACE_STYLE in styles or INSERT_STYLE in styles


def test_diff_text_without_deleted_is_the_match() -> None:
    query, match = "hai nước và khu vực", "hai nước"
    assert diff_text(query, match, show_deleted=False).plain == match
    struck = diff_text(query, match)
    assert struck.plain == "hai nước và khu vực"
    assert [str(span.style) for span in struck.spans] == [DELETE_STYLE]


_WORDS = st.lists(st.sampled_from(["hai", "nước", "việt", "nam", "2024", ",", "."]), max_size=8)


@given(_WORDS, _WORDS)
def test_spans_rebuild_the_match(q_words: list[str], m_words: list[str]) -> None:
    query, match = " ".join(q_words), " ".join(m_words)
    spans = diff_spans(query, match)
    assert "".join(text for op, text in spans if op != "delete") == match
    assert all(op in {"equal", "insert", "delete", "replace"} and text for op, text in spans)
    assert diff_text(query, match, show_deleted=False).plain == match
    if query == match:
        assert all(op == "equal" for op, _ in spans)
