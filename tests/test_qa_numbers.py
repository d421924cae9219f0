"""Vietnamese and English number reading (tmbuilder.qa.numbers)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.qa.number_compare import compare_numbers, describe, format_value
from tmbuilder.qa.number_words import roman_value
from tmbuilder.qa.numbers import Lang, extract_numbers, read_digits, vietnamese_format_in_english


def values(text: str, lang: Lang) -> list[set[Fraction]]:
    return [set(q.values) for q in extract_numbers(text, lang)]


def F(text: str | int) -> Fraction:
    return Fraction(text)


@pytest.mark.parametrize(
    ("token", "lang", "expected"),
    [
        ("1.500.000", Lang.VI, {F("1500000")}),
        ("10,5", Lang.VI, {F("10.5")}),
        ("3.000,25", Lang.VI, {F("3000.25")}),
        ("1,500", Lang.VI, {F("1.5"), F("1500")}),  # ambiguous in Vietnamese copy
        ("4.0", Lang.VI, {F("4")}),  # "Công nghiệp 4.0" is no thousands group
        ("1,500,000", Lang.EN, {F("1500000")}),
        ("10.5", Lang.EN, {F("10.5")}),
        ("1.500", Lang.EN, {F("1.5")}),
        ("10,5", Lang.EN, {F("10.5")}),  # a Vietnamese slip, still readable
        ("1.500.000", Lang.EN, {F("1500000")}),
        ("5.10.2025", Lang.VI, set()),  # a date: compared part by part
    ],
)
def test_read_digits(token: str, lang: Lang, expected: set[Fraction]) -> None:
    assert set(read_digits(token, lang)) == expected


def test_vietnamese_scales_and_compounds() -> None:
    text = "đạt 10 tỷ USD, 3 nghìn tỷ đồng, 1 tỷ 200 triệu đồng, 1,5 triệu người, 5 ngàn"
    assert values(text, Lang.VI) == [
        {F("1e10")},
        {F("3e12")},
        {F("1.2e9")},
        {F("1.5e6")},
        {F("5000")},
    ]


def test_english_scales_money_suffixes_and_ordinals() -> None:
    text = "USD 10 billion, $5bn, $3m, a 10m wall, the 14th Congress, the 1990s, 1.5 million"
    assert values(text, Lang.EN) == [
        {F("1e10")},
        {F("5e9")},
        {F("3e6")},
        {F("1")},  # the article: an optional one ("a year" for "1 năm")
        {F("10")},  # ten metres, not ten million
        {F("14")},
        {F("1990")},
        {F("1.5e6")},
    ]


def test_written_out_numbers_are_optional() -> None:
    vi = extract_numbers("hai nước, mười lăm tỉnh, hai mươi mốt người, Đại hội XIV, quý I", Lang.VI)
    assert [(q.text, set(q.values), q.required) for q in vi] == [
        ("hai", {F(2)}, False),
        ("mười lăm", {F(15)}, False),
        ("hai mươi mốt", {F(21)}, False),
        ("XIV", {F(14)}, False),
        ("I", {F(1)}, False),
    ]
    en = extract_numbers("twenty-one people, the third Platform, two million, in December", Lang.EN)
    assert [(q.text, set(q.values), q.required) for q in en] == [
        ("twenty-one", {F(21)}, False),
        ("third", {F(3)}, False),
        ("two million", {F(2_000_000)}, False),
        ("December", {F(12)}, False),
    ]


def test_nam_is_year_next_to_numbers_and_five_elsewhere() -> None:
    assert values("50 năm, năm 2025, năm nay, mười năm", Lang.VI) == [{F(50)}, {F(2025)}, {F(10)}]
    assert values("năm người", Lang.VI) == [{F(5)}]


def test_urls_hold_no_numbers() -> None:
    assert values("xem https://sggp.org.vn/bai-123.html và tin 2", Lang.VI) == [{F(2)}]


def test_pm_time_reads_as_24_hour_too() -> None:
    assert values("at 2:30 p.m.", Lang.EN) == [{F(2), F(14)}, {F(30)}]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Giá tăng 10,5%.", "Prices rose 10.5%."),
        ("Kim ngạch đạt 1.500.000 USD.", "Turnover reached USD 1,500,000."),
        ("Kim ngạch đạt 1.500.000 USD.", "Turnover reached USD 1.5 million."),
        ("Hướng tới mốc 10 tỷ USD", "Towards USD 10 billion"),
        ("chiều 2-12", "on the afternoon of 2 December"),
        ("chiều 2-12", "on the afternoon of December 2"),
        ("giai đoạn 2026-2030", "the 2026–2030 period"),
        ("kỷ niệm 50 năm Quốc khánh", "the 50th anniversary of National Day"),
        ("Đại hội 14 của Đảng", "the 14th Party Congress"),
        ("ngày 5/10/2025", "on 5 October 2025"),
        ("ngày 5/10/2025", "on October 5, 2025"),
        ("lúc 14h30", "at 2:30 p.m."),
        ("Quốc hội khóa XV", "the 15th National Assembly"),
        ("tổng kết 6 bài học", "sums up six lessons"),
        ("hai nước", "both countries"),
        ("1 tỷ 200 triệu đồng", "VND 1.2 billion"),
        ("3.000 tỷ đồng", "VND 3 trillion"),
        ("tháng 12/2025", "December 2025"),
        ("tháng Mười Hai", "December"),
    ],
)
def test_correct_translations_match(source: str, target: str) -> None:
    assert compare_numbers(source, target).ok


@pytest.mark.parametrize(
    ("source", "target", "missing", "extra"),
    [
        ("Đạt 10 tỷ USD.", "Reached USD 10 million.", ['"10 tỷ"'], ['"10 million"']),
        ("Tăng 10,5%.", "Up 105%.", ['"10,5"'], ['"105"']),
        ("Có 1,2 triệu người.", "There are 12 million people.", ['"1,2 triệu"'], ['"12 million"']),
        ("Đại hội 14", "the 13th Congress", ['"14"'], ['"13th"']),
        ("tổng kết 6 bài học", "sums up seven lessons", ['"6"'], []),
        ("Quốc hội khóa XV", "the 14th National Assembly", [], ['"14th"']),
        ("ngày 2-12", "on 2 November", ['"12"'], []),
        ("5 tỷ USD và 10 tỷ USD", "USD 5 billion and USD 10 million", ['"10 tỷ"'], []),
    ],
)
def test_wrong_numbers_are_found(
    source: str, target: str, missing: list[str], extra: list[str]
) -> None:
    diff = compare_numbers(source, target)
    assert not diff.ok
    assert [f'"{q.text}"' for q in diff.missing] == missing
    assert [f'"{q.text}"' for q in diff.extra][: len(extra)] == extra


def test_copied_vietnamese_format_keeps_its_meaning() -> None:
    # Reported by the number-format check, not as a wrong number.
    assert compare_numbers("1.500 người", "1.500 people").ok
    assert vietnamese_format_in_english("10,5")
    assert vietnamese_format_in_english("1.500.000")
    assert not vietnamese_format_in_english("1,500,000")
    assert not vietnamese_format_in_english("10.5")


def test_roman_numerals() -> None:
    assert [roman_value(w) for w in ("XIV", "XIII", "IX", "XL", "IIII", "ASEAN")] == [
        14,
        13,
        9,
        None,
        None,
        None,
    ]


def test_messages_show_values() -> None:
    diff = compare_numbers("Đạt 10 tỷ USD.", "Reached USD 10 million.")
    assert describe(diff.missing) == '"10 tỷ" (10,000,000,000)'
    assert format_value(F("10.5")) == "10.5"


# --- invariants --------------------------------------------------------------------------------


def vi_format(n: int, cents: int | None) -> str:
    text = f"{n:,}".replace(",", ".")
    return text if cents is None else f"{text},{cents:02d}"


def en_format(n: int, cents: int | None) -> str:
    text = f"{n:,}"
    return text if cents is None else f"{text}.{cents:02d}"


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**12), st.one_of(st.none(), st.integers(1, 99)))
def test_any_number_written_both_ways_matches(n: int, cents: int | None) -> None:
    source = f"Kim ngạch đạt {vi_format(n, cents)} USD."
    target = f"Turnover reached USD {en_format(n, cents)}."
    assert compare_numbers(source, target).ok


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**9), st.integers(1, 10**6))
def test_a_changed_number_is_always_found(n: int, delta: int) -> None:
    source = f"Kim ngạch đạt {vi_format(n, None)} USD."
    target = f"Turnover reached USD {en_format(n + delta, None)}."
    assert not compare_numbers(source, target).ok


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 999),
    st.sampled_from([("nghìn", "thousand"), ("triệu", "million"), ("tỷ", "billion")]),
)
def test_scale_words_translate(n: int, scale: tuple[str, str]) -> None:
    assert compare_numbers(f"đạt {n} {scale[0]} USD", f"reached USD {n} {scale[1]}").ok
    assert not compare_numbers(f"đạt {n} {scale[0]} USD", f"reached USD {n + 1} {scale[1]}").ok


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_is_symmetric_on_identical_digits(text: str) -> None:
    diff = compare_numbers(text, text)
    # The same text on both sides can only disagree where the two conventions read it apart.
    for q in (*diff.missing, *diff.extra):
        assert any(c in q.text for c in ".,") or not q.text[:1].isdigit()


@pytest.mark.parametrize("text", ["1MN", "vốn 5bn USD", "2,5tn", "$1B", "quỹ $5M"])
def test_glued_english_scale_reads_the_same_in_both_languages(text: str) -> None:
    # Found by the property test above: "1MN" was 1 million in English, 1 in Vietnamese.
    assert compare_numbers(text, text).ok
