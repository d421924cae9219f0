"""The glossary matcher on dotted abbreviations: TP.HCM, "TP. Hồ Chí Minh", PGS.TS, Th.S."""

from __future__ import annotations

import pytest

from tmbuilder.glossary.check import TermMatcher, match_spans
from tmbuilder.model import Term, TermStatus
from tmbuilder.qa.checks import QaUnit, check_unit

VNU = Term("Đại học Quốc gia TP.HCM", "VNU-HCM", TermStatus.APPROVED)
UBND = Term("UBND TP. Hồ Chí Minh", "Ho Chi Minh City People's Committee", TermStatus.APPROVED)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("Sinh viên Đại học Quốc gia TP.HCM thi.", "Đại học Quốc gia TP.HCM"),
        ("Sinh viên Đại học Quốc gia TP. HCM thi.", "Đại học Quốc gia TP. HCM"),
        ("Sinh viên Đại học Quốc gia TP HCM thi.", "Đại học Quốc gia TP HCM"),
        ("Sinh viên Đại học Quốc gia Tp.HCM thi.", "Đại học Quốc gia Tp.HCM"),
        ("Chủ tịch UBND TP. Hồ Chí Minh phát biểu.", "UBND TP. Hồ Chí Minh"),
        ("Chủ tịch UBND TP.Hồ Chí Minh phát biểu.", "UBND TP.Hồ Chí Minh"),
        ("Chủ tịch UBND TP Hồ Chí Minh phát biểu.", "UBND TP Hồ Chí Minh"),
    ],
)
def test_dotted_terms_match_however_the_dot_is_spaced(source: str, found: str) -> None:
    hits = TermMatcher([VNU, UBND]).hits(source)
    assert [source[start:end] for start, end, _term in hits] == [found]


def test_a_dot_that_ends_a_sentence_still_cuts() -> None:
    term = Term("Mỹ Hà", "My Ha", TermStatus.APPROVED)
    assert TermMatcher([term]).hits("Họ sống ở Mỹ. Hà Nội thì khác.") == []
    spans = match_spans("Xem vnexpress.net nhé")
    assert [k for _s, _e, k in spans][1] == "\x00"  # a web address is no abbreviation


def test_offsets_stay_offsets_into_the_text() -> None:
    text = "PGS.TS Lê và Th.S Trần"
    assert [text[s:e] for s, e, _k in match_spans(text)] == [
        "PGS",
        "TS",
        "Lê",
        "và",
        "Th.S",
        "Trần",
    ]


def test_qa_glossary_check_sees_dotted_terms() -> None:
    source = "Chủ tịch UBND TP. Hồ Chí Minh đã thăm Đại học Quốc gia TP.HCM."
    unit = QaUnit(1, source, "The chairman visited the university.")
    messages = [
        f.message for f in check_unit(unit, terms=[VNU, UBND]) if f.check == "glossary-term"
    ]
    assert messages == [
        'glossary: "UBND TP. Hồ Chí Minh" should be "Ho Chi Minh City People\'s Committee"',
        'glossary: "Đại học Quốc gia TP.HCM" should be "VNU-HCM"',
    ]
    good = QaUnit(1, source, "The Ho Chi Minh City People's Committee chairman visited VNU-HCM.")
    assert not [f for f in check_unit(good, terms=[VNU, UBND]) if f.check == "glossary-term"]
