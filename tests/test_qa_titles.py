"""The titles table, the acronym check that reads it, the inline-codes check, end punctuation."""

from __future__ import annotations

import pytest

from tmbuilder.inline import CodeKind, code_char
from tmbuilder.qa.checks import QaUnit, check_unit, has_errors
from tmbuilder.qa.registry import Severity, check_info
from tmbuilder.qa.titles import _parse, rendered, titles


def findings(source: str, target: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in check_unit(QaUnit(1, source, target)):
        found.setdefault(f.check, []).append(f.message)
    return found


def test_table_is_well_formed_and_documented() -> None:
    table = titles()
    assert len(table) >= 80
    for title in table.values():
        assert title.english, title
        assert all(e.strip() == e and e for e in title.english)
    assert table["PGS"].english[0] == "Assoc. Prof."
    assert table["TP"].may_drop and not table["UBND"].may_drop
    with pytest.raises(ValueError, match="tab-separated"):
        _parse("TS only-two-cells")


@pytest.mark.parametrize(
    ("abbreviation", "target", "expected"),
    [
        ("PGS", "Assoc. Prof. Dr. Nguyen Van A said", True),
        ("TS", "Assoc. Prof. Dr. Nguyen Van A said", True),
        ("TS", "Dr Nguyen said", True),  # the dot is optional
        ("GS", "Professor Tran", True),
        ("BS", "the physician on duty", True),
        ("UBND", "the People’s Committee of Hanoi", True),  # typographic apostrophe
        ("TAND", "two People's Courts", True),  # plural
        ("VKSND", "the procuracy charged him", True),
        ("BLHS", "under the 2015 Penal Code", True),
        ("CLB", "the club's coach", True),
        ("QG", "the national team", True),
        ("BV", "at the bank", False),
        ("TS", "Mr Nguyen said", False),
        ("XYZ", "anything", False),  # not in the table
    ],
)
def test_rendered(abbreviation: str, target: str, expected: bool) -> None:
    assert rendered(abbreviation, target) is expected


def test_acronym_check_accepts_translated_titles_and_organisations() -> None:
    source = "PGS.TS Nguyễn Văn A, Giám đốc BV Bạch Mai, cho biết UBND TP đã họp."
    target = (
        "Assoc. Prof. Dr. Nguyen Van A, director of Bach Mai Hospital, said the city "
        "People's Committee had met."
    )
    assert "acronym" not in findings(source, target)
    # GS, TSKH: "Prof. Dr." is their usual English.
    assert "acronym" not in findings("GS.TSKH Trần B phát biểu.", "Prof. Dr. Tran B spoke.")


def test_acronym_check_still_catches_a_dropped_title_or_acronym() -> None:
    found = findings("PGS Nguyễn Văn A phát biểu tại CLB.", "Nguyen Van A spoke at the club.")
    assert found["acronym"] == [
        "acronym PGS is not in the target, nor its English (Assoc. Prof. / Associate Professor "
        "/ Prof.)"
    ]
    found = findings("Hội nghị ASEAN khai mạc.", "The summit opened.")
    assert found["acronym"] == ["acronym ASEAN is not in the target"]


def test_acronym_the_table_marks_as_dropped_is_not_demanded() -> None:
    assert "acronym" not in findings("Ảnh: TTXVN.", "Photo: Reuters.")
    assert "acronym" not in findings("TP Hà Nội có mưa.", "Hanoi has rain.")


def test_inline_codes_missing_or_added_are_errors_with_short_forms() -> None:
    b, end_b, x = (
        code_char(CodeKind.OPEN, 1),
        code_char(CodeKind.CLOSE, 1),
        code_char(CodeKind.STANDALONE, 2),
    )
    source = f"Nhấn {b}Lưu{end_b} để lưu{x}."
    assert "inline-codes" not in findings(source, f"Press {b}Save{end_b} to save{x}.")
    found = check_unit(QaUnit(1, source, f"Press {b}Save to save."))
    codes = [f for f in found if f.check == "inline-codes"]
    assert [f.message for f in codes] == ["inline code </g1> <x2/> not in target"]
    assert codes[0].severity is Severity.ERROR and has_errors(found)
    extra = findings("Nhấn Lưu.", f"Press {x}Save.")
    assert extra["inline-codes"] == ["inline code <x2/> not in source"]
    assert check_info("inline-codes").severity is Severity.ERROR


@pytest.mark.parametrize(
    ("source", "target", "flagged"),
    [
        ("Anh đi đâu vậy", "Where are you going?", False),  # a subtitle: no final mark
        ("Ảnh: TTXVN", "Photo: VNA.", False),
        ("Anh đi đâu vậy?", "Where are you going", True),
        ("Chúng tôi đến.", "We came!", True),
    ],
)
def test_end_punctuation_is_silent_when_the_source_has_none(
    source: str, target: str, flagged: bool
) -> None:
    assert ("end-punctuation" in findings(source, target)) is flagged
