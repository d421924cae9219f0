"""Vietnamese number words, articles, halves, dot-dates, decades, roundings and conversions."""

from __future__ import annotations

import pytest

from tmbuilder.qa.checks import QaUnit, check_unit
from tmbuilder.qa.number_compare import compare_numbers
from tmbuilder.qa.registry import Severity


def ok(source: str, target: str) -> bool:
    return compare_numbers(source, target).ok


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # number words read as numbers
        ("Bị cáo lĩnh ba năm sáu tháng tù.", "The defendant got three years and six months."),
        ("Bị cáo lĩnh ba năm sáu tháng tù.", "The defendant got 3 years and 6 months in prison."),
        ("hai mươi mốt người", "21 people"),
        ("mười lăm tỉnh", "15 provinces"),
        ("hai mươi tư giờ", "24 hours"),
        ("một trăm linh năm người", "105 people"),
        ("một trăm lẻ năm người", "one hundred and five people"),
        ("hai nghìn người", "2,000 people"),
        ("ba ngàn người", "3,000 people"),
        ("hai triệu rưỡi người", "2.5 million people"),
        ("một năm rưỡi", "a year and a half"),
        ("hai năm rưỡi", "two and a half years"),
        ("1 nửa khách hàng", "half of the customers"),
        ("một nửa khách hàng", "half the customers"),
        # one may be an article
        ("Tôi làm 1 thí nghiệm nhỏ.", "I did a little experiment."),
        ("trong 1 ngày", "in a day"),
        ("1 triệu người", "a million people"),
        ("một tỷ đồng", "one billion dong"),
        # dates
        ("Ngày 4.2, họ đến.", "On 4 February they came."),
        ("Ngày 4.2, họ đến.", "On February 4 they came."),
        ("tháng 12.2016", "December 2016"),
        ("tháng 7-2014", "in July 2014"),
        ("tháng 07/2014", "in July 2014"),
        # scales and spelled-out numbers
        ("10000 người", "10 thousand people"),
        ("10.000 người", "10 thousand people"),
        ("15 người", "fifteen people"),
        ("120 người", "one hundred and twenty people"),
        # decades
        ("những năm 90", "the 1990s"),
        ("thập niên 80", "the '80s"),
        ("năm 1971", "in '71"),
        # written-out numbers without a measure noun stay optional
        ("hai nước", "both countries"),
        ("hai nước", "the countries"),
        ("qua năm tháng", "over the years"),
        ("hai thế giới song song", "parallel worlds"),
        ("Ba tôi đến với một người bạn.", "My dad came with one friend."),  # ba = dad
        ("Tôi có hai con.", "I have two kids, both over ten."),
        ("cả năm", "a whole year"),
    ],
)
def test_correct_pairs_pass(source: str, target: str) -> None:
    diff = compare_numbers(source, target)
    assert diff.ok, (diff.missing, diff.extra)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Bị cáo lĩnh ba năm sáu tháng tù.", "The defendant got three years in prison."),
        ("Bị cáo lĩnh ba năm tù.", "The defendant got 4 years in prison."),
        ("hai triệu người", "3 million people"),
        ("hai mươi mốt người", "12 people"),
        ("Ngày 4.2, họ đến.", "On April 2 they came."),
        ("tháng 12.2016", "November 2016"),
        ("tháng 12.2016", "December 2015"),
        ("Tôi làm 1 thí nghiệm nhỏ.", "I did 2 little experiments."),
        ("1 triệu người", "a billion people"),
        ("những năm 90", "the 1980s"),
        # both sides spell out a count, and the counts differ
        ("Có ba người đến.", "Four people came."),
        ("Anh ấy có hai con.", "He has three children."),
    ],
)
def test_wrong_pairs_are_caught(source: str, target: str) -> None:
    assert not ok(source, target)


def findings(source: str, target: str) -> dict[str, Severity]:
    return {f.check: f.severity for f in check_unit(QaUnit(1, source, target))}


def test_roundings_and_conversions_are_warnings() -> None:
    rounded = findings("Có khoảng 1,98 triệu người.", "There were about 2 million people.")
    assert rounded == {"number-approximate": Severity.WARNING}
    converted = findings("Đoạn đường dài 5 km.", "The road is 3 miles long.")
    assert converted == {"number-approximate": Severity.WARNING}
    both = findings("Đoạn đường dài 5 km.", "The road is 5 km (3 miles) long.")
    assert both == {"number-approximate": Severity.WARNING}


def test_a_changed_number_stays_an_error_even_near_a_rounding_word() -> None:
    # 2,500 → 2,000 is no rounding: a fifth off.
    found = findings("Có khoảng 2.500 tỷ đồng.", "There is about VND 2,000 billion.")
    assert found == {"number-mismatch": Severity.ERROR}
    found = findings("Có 1,98 triệu người.", "There were 2 million people.")
    assert found == {"number-mismatch": Severity.ERROR}  # no word says it is rounded
