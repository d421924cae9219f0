"""Consistency checks and term hits."""

from __future__ import annotations

import unicodedata

from tmbuilder.glossary.check import TermIssue, check_consistency, find_term_hits
from tmbuilder.model import Term, TermStatus

APPROVED = Term(
    "hợp tác toàn diện",
    target="comprehensive cooperation",
    status=TermStatus.APPROVED,
    variants=("hợp tác toàn điện",),
)
SECRETARY = Term("Tổng Bí thư", target="General Secretary", status=TermStatus.APPROVED)
FORBIDDEN = Term("Viêng Chăn", target="Viang Chan", status=TermStatus.FORBIDDEN)


def test_missing_approved_english_is_reported_per_unit() -> None:
    units = [
        (1, "Hai bên thúc đẩy hợp tác toàn diện.", "Both sides promote comprehensive cooperation."),
        (2, "Hợp tác toàn diện Việt Nam - Lào.", "All-round cooperation between Vietnam and Laos."),
        (3, "Hợp tác toàn điện phát triển.", "Comprehensive  Cooperation grows."),  # variant, case
        (4, "Tổng Bí thư phát biểu.", "The General-Secretary spoke."),  # dash spelling
        (5, "Tổng bí thư đến.", "The party chief arrived."),
        (6, "Hợp tác toàn diện.", ""),  # untranslated: nothing to check
    ]
    issues = check_consistency([APPROVED, SECRETARY], units)
    assert [(i.kind, i.segment_id, i.expected) for i in issues] == [
        ("missing-term", 2, "comprehensive cooperation"),
        ("missing-term", 4, "General Secretary"),
        ("missing-term", 5, "General Secretary"),
    ]
    assert all("\n" not in i.message and i.term in i.message for i in issues)


def test_alternatives_and_forbidden_english() -> None:
    approved = Term("Viêng Chăn", target="Vientiane; Viangchan", status=TermStatus.APPROVED)
    units = [(7, "Thủ đô Viêng Chăn.", "The capital Viangchan.")]
    assert check_consistency([approved], units) == []
    units = [(8, "Thủ đô Viêng Chăn.", "The capital Viang Chan."), (9, "Viêng Chăn.", "Vientiane.")]
    assert check_consistency([FORBIDDEN], units) == [
        TermIssue(
            "forbidden-term",
            "Viêng Chăn",
            8,
            "“Viêng Chăn” is translated as “Viang Chan”, which the glossary forbids",
        )
    ]


def test_a_term_rendered_two_ways_is_inconsistent() -> None:
    term = Term("gắn kết chiến lược")
    units = [
        (1, "Tăng cường gắn kết chiến lược.", "Strengthen the strategic bond."),
        (2, "Gắn kết chiến lược Việt Nam - Lào.", "The Vietnam-Laos strategic bond."),
        (3, "Trụ cột của gắn kết chiến lược.", "A pillar of the strategic bond."),
        (4, "Bổ sung gắn kết chiến lược.", "Adding strategic cohesion."),
        (5, "Hai bên họp.", "The two sides met."),
    ]
    issues = check_consistency([term], units)
    assert [(i.kind, i.segment_id, i.expected) for i in issues] == [
        ("inconsistent-term", 4, "strategic bond")
    ]
    consistent = [u for u in units if u[0] != 4]
    assert check_consistency([term], consistent) == []


def test_hits_are_offsets_into_the_source_and_the_longest_wins() -> None:
    terms = [Term("Tổng Bí thư"), Term("Tổng Bí thư Tô Lâm"), Term("Tô Lâm"), APPROVED]
    source = "Tổng Bí thư Tô Lâm gặp Tổng bí thư Lào về hợp tác toàn điện."
    hits = find_term_hits(source, terms)
    assert [(source[s:e], t.source) for s, e, t in hits] == [
        ("Tổng Bí thư Tô Lâm", "Tổng Bí thư Tô Lâm"),
        ("Tổng bí thư", "Tổng Bí thư"),
        ("hợp tác toàn điện", "hợp tác toàn diện"),
    ]


def test_hits_on_decomposed_text_and_whole_syllables_only() -> None:
    source = unicodedata.normalize("NFD", "Về hợp tác toàn diện.")
    ((start, end, _term),) = find_term_hits(source, [APPROVED])
    assert unicodedata.normalize("NFC", source[start:end]) == "hợp tác toàn diện"
    assert find_term_hits("hợp tác toàn diệnx", [APPROVED]) == []
    assert find_term_hits("", [APPROVED]) == []


def test_imported_terms_with_function_words_match() -> None:
    ministry = Term("Bộ Khoa học và Công nghệ", target="Ministry of Science and Technology")
    source = "Đại diện Bộ Khoa học và Công nghệ phát biểu."
    ((start, end, _term),) = find_term_hits(source, [ministry])
    assert source[start:end] == "Bộ Khoa học và Công nghệ"
