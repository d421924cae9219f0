"""Comparing the numbers of a Vietnamese source with those of its English target.

Both sides are read by `numbers` into quantities; a date is read as one day-month value where
the text says so ("2-12", "ngày 2 tháng 12"; "December 2", "2nd of December"). Digits must pair
up with a common value; written-out numbers may pair but are never demanded.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from tmbuilder.qa import skim
from tmbuilder.qa.checks_urls import blank_urls
from tmbuilder.qa.number_words import (
    EN_EMERGENCY_NUMBERS,
    EN_MONTHS,
    EN_TENS,
    EN_UNITS,
    MONTHS,
    VI_EMERGENCY_NUMBERS,
    VI_EMERGENCY_WORDS,
)
from tmbuilder.qa.numbers import (
    Lang,
    NumberDiff,
    Quantity,
    digit_tokens,
    extract_numbers,
    has_vietnamese_number_word,
    read_digits,
)

# Above this many ambiguous leftovers (only hostile input gets there) first-fit matching replaces
# augmenting paths, whose recursion and quadratic time are then not worth it.
_MAX_AUGMENTING = 200


def _unmatched(required: Sequence[Quantity], others: Sequence[Quantity]) -> list[Quantity]:
    """Required quantities left over by a maximum bipartite matching.

    Single-valued quantities are paired with identical single-valued ones first: an exchange
    argument shows this never lowers the maximum, and it settles nearly every real number in
    linear time. The few ambiguous rest (1,500; 2 p.m.; dates) go through Kuhn's augmenting paths.
    """
    by_value: dict[Fraction, list[int]] = defaultdict(list)
    singles: dict[Fraction, list[int]] = defaultdict(list)
    for o, other in enumerate(others):
        for value in other.values:
            by_value[value].append(o)
        if len(other.values) == 1:
            singles[next(iter(other.values))].append(o)
    taken: set[int] = set()
    rest: list[int] = []
    for r, quantity in enumerate(required):
        bucket = singles.get(next(iter(quantity.values))) if len(quantity.values) == 1 else None
        if bucket:
            taken.add(bucket.pop())
        else:
            rest.append(r)
    candidates = {
        r: [o for v in required[r].values for o in by_value.get(v, ()) if o not in taken]
        for r in rest
    }
    owner: dict[int, int] = {}  # index in `others` -> index in `required`

    def augment(r: int, seen: set[int], deep: bool) -> bool:
        for o in candidates[r]:
            if o in seen:
                continue
            seen.add(o)
            if o not in owner or (deep and augment(owner[o], seen, deep)):
                owner[o] = r
                return True
        return False

    deep = len(rest) <= _MAX_AUGMENTING
    return [required[r] for r in rest if not augment(r, set(), deep)]


# A day and month compared as one value, kept apart from every real number by its sign.
def _date_code(day: int, month: int) -> Fraction:
    return Fraction(-(100 * month + day))


_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_EN_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH_RE})\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?![:.]?[0-9])"
    rf"|\b(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})(?!\w)"
)
# Day-month, optionally with the year (kept out of the span: it is compared as a number).
_VI_DATE = re.compile(
    r"(?<![0-9.,/-])(?P<d>[0-9]{1,2})(?P<sep>[-–/.])(?P<m>[0-9]{1,2})"
    r"(?=(?P=sep)[0-9]{4}(?![0-9])|(?![0-9]|[-–/.,][0-9]))"
    r"|ngày (?P<d2>[0-9]{1,2}) tháng (?P<m2>[0-9]{1,2})(?![0-9])",
    re.IGNORECASE,
)


# Month and year: "12.2016", "7-2014", "07/2014" (December 2016, July 2014). A year is 1800-2099,
# so "3.2016" is not read as a decimal and "12.5" stays a day-month or a decimal.
_VI_MONTH_YEAR = re.compile(
    r"(?<![0-9.,/-])(?P<m>0?[1-9]|1[0-2])[-–/.](?P<y>(?:18|19|20)[0-9]{2})(?![0-9]|[-–/.,][0-9])"
)


# What the date patterns need, found by patterns the regex engine scans much faster (the date
# patterns start with look-behinds tried at every character): a digit, a separator and a digit
# ("2-12", "12.2016"), "ngày" before a digit, an English month's first three letters.
_NUMERIC_DATE = re.compile(r"[0-9][-–/.][0-9]")
_NGAY = re.compile(r"ngày [0-9]", re.IGNORECASE)
_MONTH_STARTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    day: int
    month: int


def _valid(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _vi_dates(text: str) -> list[_Date]:
    """Day-month dates of a Vietnamese text: 2-12, 2/12, 4.2 (4 February), ngày 2 tháng 12.

    "4.2" may as well be a decimal: `compare_numbers` tries each date both ways.
    """
    found: list[_Date] = []
    if skim.ENABLED and not (_NUMERIC_DATE.search(text) or _NGAY.search(text)):
        return found
    for m in _VI_DATE.finditer(text):
        day, month = int(m.group("d") or m.group("d2")), int(m.group("m") or m.group("m2"))
        if _valid(day, month):
            found.append(_Date(m.start(), m.end(), day, month))
    return found


def _month_years(text: str) -> list[Quantity]:
    """ "12.2016" as the month 12 and the year 2016, each to be matched on its own."""
    found: list[Quantity] = []
    if skim.ENABLED and not _NUMERIC_DATE.search(text):
        return found
    for m in _VI_MONTH_YEAR.finditer(text):
        month, year = m.group("m"), m.group("y")
        found.append(Quantity(month, m.start("m"), m.end("m"), frozenset({Fraction(month)}), True))
        found.append(Quantity(year, m.start("y"), m.end("y"), frozenset({Fraction(year)}), True))
    return found


def _en_dates(text: str) -> list[_Date]:
    found: list[_Date] = []
    if skim.ENABLED and not any(month in text for month in _MONTH_STARTS):
        return found
    for m in _EN_DATE.finditer(text):
        name = (m.group("m1") or m.group("m2")).rstrip(".")
        day, month = int(m.group("d1") or m.group("d2")), EN_MONTHS[name]
        if _valid(day, month):
            found.append(_Date(m.start(), m.end(), day, month))
    return found


def _with_dates(
    text: str, dates: Sequence[_Date], lang: Lang, copied: Mapping[str, frozenset[Fraction]]
) -> list[Quantity]:
    """Quantities of `text` with each date read as one day-month value."""
    blanked = text
    for d in dates:
        blanked = blanked[: d.start] + " " * (d.end - d.start) + blanked[d.end :]
    month_years = _month_years(blanked) if lang is Lang.VI else []
    for q in month_years:
        blanked = blanked[: q.start] + " " * (q.end - q.start) + blanked[q.end :]
    quantities = extract_numbers(blanked, lang, copied=copied) + month_years
    for d in dates:
        # An English date may also stand for a bare Vietnamese day ("ngày 2" → "December 2").
        codes = {_date_code(d.day, d.month)} | ({Fraction(d.day)} if lang is Lang.EN else set())
        quantities.append(Quantity(text[d.start : d.end], d.start, d.end, frozenset(codes), True))
    return sorted(quantities, key=lambda q: q.start)


def _diff(src: Sequence[Quantity], tgt: Sequence[Quantity]) -> NumberDiff:
    missing = _unmatched([q for q in src if q.required], tgt)
    extra = _unmatched([q for q in tgt if q.required], src)
    return NumberDiff(tuple(missing), tuple(extra))


def compare_numbers(source: str, target: str) -> NumberDiff:
    """Compare the numbers of a Vietnamese source and its English target.

    Every digit number on either side must pair with a distinct number on the other side with a
    common value. Checking each direction with its own maximum matching is enough: when both
    directions succeed, one matching covers both sides at once (Mendelsohn-Dulmage theorem).

    A Vietnamese "2-12" is a date (2 December) or a range (2 to 12): both readings are tried and
    the better one kept, so "12-2" → "December 2" is caught while "2-12 tuổi" → "aged 2-12" passes.
    """
    if skim.ENABLED and _no_required_numbers(source, target):
        return NumberDiff((), ())
    copied = {token: read_digits(token, Lang.VI) for token in digit_tokens(source)}
    tgt = _with_dates(blank_urls(target), _en_dates(blank_urls(target)), Lang.EN, copied)
    tgt = [Quantity(target[q.start : q.end], q.start, q.end, q.values, q.required) for q in tgt]
    dates = _vi_dates(blank_urls(source))
    if len(dates) <= 4:
        choices = list(itertools.product((True, False), repeat=len(dates)))
    else:  # all dates or no dates: enough for real sentences, bounded for hostile ones
        choices = [(True,) * len(dates), (False,) * len(dates)]
    best: tuple[NumberDiff, list[Quantity]] | None = None
    for choice in choices:
        chosen = [d for d, as_date in zip(dates, choice, strict=True) if as_date]
        src = _with_dates(source, chosen, Lang.VI, {})
        diff = _diff(src, tgt)
        if diff.ok:
            best = (diff, src)
            break
        if best is None or len(diff.missing) + len(diff.extra) < len(best[0].missing) + len(
            best[0].extra
        ):
            best = (diff, src)
    assert best is not None
    diff, src = best
    diff = _localised_emergency_numbers(diff, source)
    vi_words, en_words = _stray_words(src, tgt)
    if vi_words and en_words:
        return NumberDiff(diff.missing + vi_words, diff.extra + en_words)
    return diff


_DIGIT = re.compile("[0-9]")


def _no_required_numbers(source: str, target: str) -> bool:
    """True when the comparison can find nothing: no digit on either side and no Vietnamese
    number word in the source.

    Without digits there are no dates and no required English numbers, so nothing can be
    extra; the only Vietnamese numbers left are Roman numerals, never demanded, so nothing can
    be missing; and with no Vietnamese count word there are no stray words either.
    """
    if _DIGIT.search(source) or _DIGIT.search(target):
        return False
    return not has_vietnamese_number_word(source)


def _localised_emergency_numbers(diff: NumberDiff, source: str) -> NumberDiff:
    """`diff` less an emergency number the translator localised ("gọi 115" → "call 911").

    A target's 911, 999 or 112 answers a Vietnamese emergency number the target lacks, or a
    source that names an emergency service in words ("gọi cấp cứu" → "called 911").
    """
    if not diff.extra:
        return diff
    missing = list(diff.missing)
    named = any(word in source.lower() for word in VI_EMERGENCY_WORDS)
    extra = []
    for q in diff.extra:
        if q.values & EN_EMERGENCY_NUMBERS:
            local = next((m for m in missing if m.values & VI_EMERGENCY_NUMBERS), None)
            if local is not None:
                missing.remove(local)
                continue
            if named:
                continue
        extra.append(q)
    return NumberDiff(tuple(missing), tuple(extra))


def _stray_words(
    src: Sequence[Quantity], tgt: Sequence[Quantity]
) -> tuple[tuple[Quantity, ...], tuple[Quantity, ...]]:
    """Written-out cardinals of each side whose value the other side nowhere has.

    Written-out numbers are never demanded on their own ("hai nước" may be "the countries"),
    but when both sides spell out a count and the counts differ ("ba người" → "four people"),
    one of them is wrong. Left out: "một" and "năm" (an article, a year, as often as a
    number) and the English words that are no count (a, one, both, half, once...).
    """

    def values(quantities: Sequence[Quantity]) -> set[Fraction]:
        return {v for q in quantities for v in q.values}

    def vi_word(q: Quantity) -> bool:
        first = q.text.split()[0].lower() if q.text.split() else ""
        return not q.required and first in _VI_COUNT_WORDS

    def en_word(q: Quantity) -> bool:
        first = q.text.split("-")[0].split()[0].lower() if q.text.split() else ""
        return not q.required and first in _EN_COUNT_WORDS

    vi = tuple(q for q in src if vi_word(q) and not q.values & values(tgt))
    en = tuple(q for q in tgt if en_word(q) and not q.values & values(src))
    return vi, en


_VI_COUNT_WORDS = frozenset(["hai", "ba", "bốn", "sáu", "bảy", "bẩy", "tám", "chín", "mười"])
_EN_COUNT_WORDS = frozenset([*EN_UNITS[2:], *EN_TENS])


# Words that say a number is rounded: "khoảng 1,98 triệu" may well be "about 2 million".
_APPROX_VI = re.compile(
    r"(?:khoảng|gần|hơn|trên|dưới|chừng|xấp xỉ|ước tính|ước|tầm|ngót|gần như|trên dưới)"
    r"\s*$",
    re.IGNORECASE,
)
_APPROX_EN = re.compile(
    r"(?:about|around|nearly|almost|roughly|approximately|some|over|under|more than|less than"
    r"|close to|an estimated|estimated|up to|just over|just under|~)\s*[$€£¥]?\s*$",
    re.IGNORECASE,
)
# A number of another measuring system: the translator converted it ("5 km" → "3 miles").
_IMPERIAL = re.compile(
    r"\s*-?(?:miles?|mi|feet|foot|ft|inch(?:es)?|pounds?|lbs?|ounces?|oz|gallons?|acres?"
    r"|yards?|mph|°\s?F|degrees? Fahrenheit|Fahrenheit)\b",
    re.IGNORECASE,
)
_METRIC = re.compile(
    r"\s*(?:km|kilômét|cây số|mét|m|cm|mm|kg|ký|cân|gam|g|tấn|lít|l|ha|héc-ta|hécta|°\s?C|độ)"
    r"(?!\w)",
    re.IGNORECASE,
)
_NEAR = Fraction(1, 10)  # a rounding changes a number by a tenth at most
_MAX_PAIRS = 400


def _near(a: Quantity, b: Quantity) -> bool:
    return any(
        x > 0 and y > 0 and abs(x - y) <= _NEAR * max(x, y) for x in a.values for y in b.values
    )


def _approximate(text: str, q: Quantity, cue: re.Pattern[str]) -> bool:
    return bool(cue.search(text[max(0, q.start - 30) : q.start]))


def split_approximations(
    diff: NumberDiff, source: str, target: str
) -> tuple[NumberDiff, NumberDiff]:
    """The differences that are surely wrong, and those a rounding or a conversion explains.

    Explained, and so only a warning: a number and its counterpart within a tenth of each other
    where either side says it is approximate ("khoảng 1,98 triệu" → "about 2 million"), and a
    number converted to another measuring system ("5 km" → "3 miles").
    """
    converted = bool(_IMPERIAL.search(target))
    # Pairs are compared for rounding only while there are few: real sentences have a handful
    # of differing numbers, hostile input thousands.
    pairwise = len(diff.missing) * len(diff.extra) <= _MAX_PAIRS

    def soft_missing(q: Quantity) -> bool:
        if converted and _METRIC.match(source, q.end):
            return True
        approx = _approximate(source, q, _APPROX_VI)
        return pairwise and any(
            _near(q, e) and (approx or _approximate(target, e, _APPROX_EN)) for e in diff.extra
        )

    def soft_extra(q: Quantity) -> bool:
        if _IMPERIAL.match(target, q.end):
            return True
        approx = _approximate(target, q, _APPROX_EN)
        return pairwise and any(
            _near(q, m) and (approx or _approximate(source, m, _APPROX_VI)) for m in diff.missing
        )

    missing = [(q, soft_missing(q)) for q in diff.missing]
    extra = [(q, soft_extra(q)) for q in diff.extra]
    hard = NumberDiff(tuple(q for q, s in missing if not s), tuple(q for q, s in extra if not s))
    soft = NumberDiff(tuple(q for q, s in missing if s), tuple(q for q, s in extra if s))
    return hard, soft


def format_value(value: Fraction) -> str:
    """A value written the English way for messages: 10,000,000,000; 10.5; 2 December."""
    if value < 0:
        month, day = divmod(-value.numerator, 100)
        return f"{day} {MONTHS[month - 1].capitalize()}"
    if value.denominator == 1:
        return f"{value.numerator:,}"
    for digits in range(1, 7):
        scaled = value * 10**digits
        if scaled.denominator == 1:
            return f"{float(value):,.{digits}f}"
    return str(value)


def describe(quantities: Iterable[Quantity]) -> str:
    """Quantities for a message: '"10 tỷ" (10,000,000,000)', value shown when not plain."""
    parts = []
    for q in quantities:
        shown = " or ".join(sorted(format_value(v) for v in q.values))
        parts.append(f'"{q.text}"' if shown == q.text else f'"{q.text}" ({shown})')
    return ", ".join(parts)
