"""Numbers as Vietnamese and English write them, reduced to values a QA check can compare.

Vietnamese groups thousands with dots and marks decimals with a comma (1.500.000; 10,5), English
the other way round; Vietnamese scales are words (nghìn/ngàn, triệu, tỷ/tỉ) and English ones too
(thousand, million, billion, bn); dates are day-month (2-12 = 2 December). Each language is read
with its own conventions into `Quantity` objects holding every value the text can mean;
`number_compare.compare_numbers` pairs the two sides up.

Decisions, so the number check does not cry wolf:

* Digits are *required*: a number written in digits on one side must have a counterpart on the
  other side. Written-out numbers ("hai", "two", "third", "XIV", month names) are *optional*: they
  satisfy a digit on the other side but are never demanded, because "hai nước" is as often "both
  countries" as "the two countries".
* A date is one day-month value however it is written (2-12, 2/12, ngày 2 tháng 12 = 2 December
  = December 2 = 2nd of December); a Vietnamese "2-12" may also be the range 2 to 12, and both
  readings are tried. Ranges (2026-2030 / 2026–2030 / 2026 to 2030) and times (14h30 / 2:30
  p.m.) are compared as their parts.
* Ordinal suffixes, percent signs and currency marks do not change a value: "14" = "14th",
  "10%" = "10 percent" = "10 phần trăm".
* Where a Vietnamese token can be read two ways ("1,500": 1.5 by Vietnamese convention, 1500 in
  English-influenced copy) both readings are accepted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

from tmbuilder.qa import skim
from tmbuilder.qa.checks_urls import blank_urls
from tmbuilder.qa.number_words import (
    EN_HALF,
    EN_MONEY_SUFFIXES,
    EN_MONTHS,
    EN_SCALES,
    EN_TENS_VALUES,
    EN_WORDS,
    MONEY_MARKS,
    ROMAN_CUES,
    VI_BEFORE_YEAR,
    VI_COMPOUND_UNITS,
    VI_DECADE_CUES,
    VI_DIGITS,
    VI_HALF,
    VI_HALF_AFTER,
    VI_MEASURE_NOUNS,
    VI_MEASURE_PAIRS,
    VI_SCALES,
    VI_YEAR_WORDS,
    roman_value,
)


class Lang(StrEnum):
    """The language a text is read in: it decides which separator is the decimal mark."""

    VI = "vi"
    EN = "en"


@dataclass(frozen=True)
class Quantity:
    """A number found in a text: where it is, what it may mean, and whether it is required."""

    text: str  # the surface form, e.g. "10 tỷ", "1.500.000", "fourteenth"
    start: int
    end: int
    values: frozenset[Fraction]  # every value the surface form can mean
    required: bool  # written in digits (must have a counterpart on the other side)


@dataclass(frozen=True)
class NumberDiff:
    """The outcome of comparing a source with its target."""

    missing: tuple[Quantity, ...]  # required source numbers with no counterpart in the target
    extra: tuple[Quantity, ...]  # required target numbers with no counterpart in the source

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


# Digits are ASCII on purpose: int() would choke on "¹", and news text writes 0-9.
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+")
# Longer digit runs (IDs, hostile input) are compared in chunks of this many digits, which keeps
# every value small enough to print.
_LONGEST = 30
_PM = re.compile(r"\s*(?::\d\d)?\s*p\.?\s?m\b\.?", re.IGNORECASE)
_EN_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th", "s"})


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    is_digits: bool


class _Tokens:
    """The tokens of a text, each built when first looked at.

    A sentence has some fifty tokens and a handful of numbers: the readers look at a number
    and its neighbours only, so building every token up front was half the cost of reading.
    """

    __slots__ = ("_built", "_matches")

    def __init__(self, matches: list[re.Match[str]]) -> None:
        self._matches = matches
        self._built: dict[int, _Token] = {}

    def __len__(self) -> int:
        return len(self._matches)

    def __getitem__(self, i: int) -> _Token:
        token = self._built.get(i)
        if token is None:
            match = self._matches[i]
            text = match.group()
            token = _Token(text, match.start(), match.end(), text[0] <= "9")
            self._built[i] = token
        return token


@dataclass
class _Draft:
    """A quantity being assembled: base values, the scale applied, and the span."""

    start: int
    end: int
    values: frozenset[Fraction]
    required: bool
    scale: int = 1


# --- reading digit tokens ----------------------------------------------------------------------


def _read_grouped(token: str, group: str, decimal: str) -> Fraction | None:
    """The value of `token` with `group` as thousands separator and `decimal` as decimal mark."""
    if len(token) > _LONGEST:
        return None
    whole, has_decimal, fraction = token.partition(decimal)
    if has_decimal and (decimal in fraction or group in fraction):
        return None
    if group in whole and not re.fullmatch(rf"[0-9]{{1,3}}(?:\{group}[0-9]{{3}})+", whole):
        return None
    value = Fraction(int(whole.replace(group, "")))
    if fraction:
        value += Fraction(int(fraction), 10 ** len(fraction))
    return value


@functools.lru_cache(maxsize=4096)  # years, percentages and small counts recur all the time
def read_digits(token: str, lang: Lang) -> frozenset[Fraction]:
    """Every value a digit token can mean in `lang`; empty when it is no single number (5.10.2025).

    >>> sorted(read_digits("1.500.000", Lang.VI)), sorted(read_digits("10,5", Lang.VI))
    ([Fraction(1500000, 1)], [Fraction(21, 2)])
    """
    vi = _read_grouped(token, ".", ",")
    en = _read_grouped(token, ",", ".")
    if lang is Lang.VI:
        # "1,500" in Vietnamese copy may be English-style thousands: accept both readings. A dot
        # followed by three digits, though, is the Vietnamese thousands mark and nothing else.
        if vi is not None and en is not None and "," in token and "." not in token:
            return frozenset({vi, en})
        chosen = vi if vi is not None else en
    else:
        chosen = en if en is not None else vi
    return frozenset() if chosen is None else frozenset({chosen})


def vietnamese_format_in_english(token: str) -> bool:
    """True when a digit token in English can only be read the Vietnamese way (10,5; 1.500.000)."""
    return _read_grouped(token, ",", ".") is None and _read_grouped(token, ".", ",") is not None


# --- extraction --------------------------------------------------------------------------------


def _gap(text: str, left: _Token, right: _Token, lang: Lang) -> bool:
    """Whether two tokens are separated by spacing only (English also allows "10-million")."""
    between = text[left.end : right.start]
    allowed = " \u00a0\t-" if lang is Lang.EN else " \u00a0\t"
    return bool(between) and all(c in allowed for c in between)


def _scale_of(token: _Token, lang: Lang) -> int | None:
    scales = VI_SCALES if lang is Lang.VI else EN_SCALES
    return scales.get(token.text.lower())


def _apply_scales(text: str, tokens: _Tokens, i: int, draft: _Draft, lang: Lang) -> int:
    """Multiply `draft` by the scale words after token i ("3 nghìn tỷ"); return the next index."""
    j = i + 1
    # Three scale words at most ("3 nghìn tỷ"): "tỷ tỷ tỷ …" must not build a 10,000-digit number.
    while j < min(len(tokens), i + 4) and _gap(text, tokens[j - 1], tokens[j], lang):
        scale = _scale_of(tokens[j], lang)
        if scale is None:
            break
        draft.scale *= scale
        draft.end = tokens[j].end
        j += 1
    return j


def _money_before(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip()
    return before.endswith(MONEY_MARKS)


_AND_A_HALF = re.compile(r"[\s-]+and[\s-]+a[\s-]+half\b", re.IGNORECASE)
_HALF = Fraction(1, 2)


def _word_at(tokens: _Tokens, k: int) -> str:
    return tokens[k].text.lower() if 0 <= k < len(tokens) else ""


def _vi_after(text: str, tokens: _Tokens, j: int, draft: _Draft) -> bool:
    """Read what follows a Vietnamese number at token j; True when a measure noun follows.

    "rưỡi" after a scale or a measure noun adds half of it ("hai triệu rưỡi" 2.5 million,
    "một năm rưỡi" 1.5 years); "nửa" after one is a half ("một nửa", "1 nửa" = half).
    """

    def spaced(k: int) -> bool:
        return 0 < k < len(tokens) and _gap(text, tokens[k - 1], tokens[k], Lang.VI)

    word = _word_at(tokens, j) if spaced(j) else ""
    if word == VI_HALF_AFTER:
        draft.values = frozenset(v + _HALF for v in draft.values)
        draft.end = tokens[j].end
        return False
    if word == VI_HALF and draft.values == {1}:
        draft.values = frozenset({_HALF, Fraction(1)})
        return False
    pair = (word, _word_at(tokens, j + 1)) if spaced(j + 1) else (word, "")
    if pair in VI_MEASURE_PAIRS:
        return True
    if word not in VI_MEASURE_NOUNS:
        return False
    if spaced(j + 1) and _word_at(tokens, j + 1) == VI_HALF_AFTER:
        draft.values = frozenset(v + _HALF for v in draft.values)
    return True


def _en_after(text: str, draft: _Draft) -> None:
    """ "two and a half", "1-and-a-half": the half belongs to the number."""
    match = _AND_A_HALF.match(text, draft.end)
    if match:
        draft.values = frozenset(draft.values | {v + _HALF for v in draft.values})


def _decade(text: str, tokens: _Tokens, i: int, lang: Lang) -> frozenset[Fraction]:
    """The 20th-century years a two-digit decade may stand for: "những năm 90", "the '90s"."""
    token = tokens[i]
    if len(token.text) != 2 or not token.text.isdigit():
        return frozenset()
    value = int(token.text)
    if lang is Lang.VI:
        cue = _word_at(tokens, i - 1) in VI_DECADE_CUES and value % 10 == 0
    else:
        apostrophe = text[token.start - 1 : token.start] in ("'", "’")
        plural = text[token.end : token.end + 1] == "s" and value % 10 == 0
        cue = apostrophe or plural
    if not cue:
        return frozenset()
    # "'35" names no century: Darwin's 1835 as well as 1935; a spelled decade is 1900s or 2000s.
    centuries = (1800, 1900, 2000) if lang is Lang.EN and not plural else (1900, 2000)
    return frozenset(Fraction(century + value) for century in centuries)


def _digit_draft(
    text: str,
    tokens: _Tokens,
    i: int,
    lang: Lang,
    copied: Mapping[str, frozenset[Fraction]],
) -> tuple[list[_Draft], int]:
    token = tokens[i]
    values = read_digits(token.text, lang) | copied.get(token.text, frozenset())
    if not values:
        # Not one number (5.10.2025, 2,3,4): its integer parts are compared one by one.
        drafts = []
        for match in re.finditer(rf"[0-9]{{1,{_LONGEST}}}", token.text):
            start = token.start + match.start()
            part = frozenset({Fraction(int(match.group()))})
            drafts.append(_Draft(start, start + len(match.group()), part, True))
        return drafts, i + 1
    values = values | _decade(text, tokens, i, lang)
    draft = _Draft(token.start, token.end, values, True)
    j = i + 1
    if j < len(tokens) and tokens[j].start == token.end:
        suffix = tokens[j].text.lower()
        english = lang is Lang.EN
        if english and suffix in _EN_ORDINAL_SUFFIX:
            draft.end, j = tokens[j].end, j + 1
        elif suffix in EN_MONEY_SUFFIXES and _money_before(text, token.start):
            # "$1B" is English shorthand too, read the same when copied into Vietnamese
            draft.scale, draft.end, j = EN_MONEY_SUFFIXES[suffix], tokens[j].end, j + 1
        elif suffix in EN_SCALES:
            # "5bn" glued is English shorthand, and means the same copied into Vietnamese.
            draft.scale, draft.end, j = EN_SCALES[suffix], tokens[j].end, j + 1
    if lang is Lang.EN and _PM.match(text, token.end) and all(v < 12 for v in values):
        draft.values = values | {v + 12 for v in values}
    if draft.scale == 1:
        j = _apply_scales(text, tokens, j - 1, draft, lang)
    if lang is Lang.VI:
        _vi_after(text, tokens, j, draft)
        # A bare "1" is "một" typed as a digit, and English writes it as an article or not
        # at all ("1 câu hỏi" = "a question"): demanded only with a scale ("1 triệu"). A "1"
        # changed into another digit is still caught, as a number the target adds.
        if token.text == "1" and draft.scale == 1:
            draft.required = False
    else:
        _en_after(text, draft)
    return [draft], j


def _vi_word_number(tokens: _Tokens, i: int, text: str) -> tuple[int, int] | None:
    """A written-out Vietnamese number from 1 to 99 at token i: (value, next index)."""

    def word(k: int) -> str:
        return tokens[k].text.lower() if 0 <= k < len(tokens) else ""

    def next_to_digits(k: int) -> bool:
        left = k > 0 and tokens[k - 1].is_digits and _gap(text, tokens[k - 1], tokens[k], Lang.VI)
        right = k + 1 < len(tokens) and tokens[k + 1].is_digits
        return left or bool(right and _gap(text, tokens[k], tokens[k + 1], Lang.VI))

    def unit_after_ten(k: int) -> int | None:
        # "mười năm" is ten years; fifteen is "mười lăm".
        return (
            None if word(k) == "năm" else VI_DIGITS.get(word(k)) or VI_COMPOUND_UNITS.get(word(k))
        )

    first = word(i)
    if first == "mười":
        unit = unit_after_ten(i + 1)
        return (10 + unit, i + 2) if unit else (10, i + 1)
    if first not in VI_DIGITS:
        return None
    tens = VI_DIGITS[first]
    if word(i + 1) == "mươi":
        unit = unit_after_ten(i + 2)
        return (10 * tens + unit, i + 3) if unit else (10 * tens, i + 2)
    if first == "năm" and (
        next_to_digits(i) or word(i + 1) in VI_YEAR_WORDS or word(i - 1) in VI_BEFORE_YEAR
    ):
        return None
    return tens, i + 1


def _en_word_number(tokens: _Tokens, i: int, text: str) -> tuple[Fraction, int] | None:
    """A written-out English number at token i ("twenty-one", "fourteenth", "a"): (value, next).

    The article is one ("a year" for "1 năm", "a million"): like every written-out number it
    may answer a number of the source and is never demanded.
    """
    low = tokens[i].text.lower()
    if low in ("a", "an"):
        return Fraction(1), i + 1
    if low == EN_HALF:
        return _HALF, i + 1
    value = EN_WORDS.get(low)
    if value is None:
        return None
    if (
        value in EN_TENS_VALUES
        and i + 1 < len(tokens)
        and text[tokens[i].end : tokens[i + 1].start] == "-"
    ):
        unit = EN_WORDS.get(tokens[i + 1].text.lower())
        if unit is not None and 0 < unit < 10:
            return Fraction(value + unit), i + 2
    return Fraction(value), i + 1


def _word_draft(text: str, tokens: _Tokens, i: int, lang: Lang) -> tuple[list[_Draft], int]:
    token = tokens[i]
    plain = token.text.lower() not in _NUMBER_WORDS[lang]
    if plain and not _ROMAN_LETTERS.issuperset(token.text) and token.text not in EN_MONTHS:
        return [], i + 1  # most words: no number, decided without further lookups
    previous = tokens[i - 1].text.lower() if i > 0 else ""
    roman = roman_value(token.text) if len(token.text) > 1 or previous in ROMAN_CUES else None
    if roman:
        values = frozenset({Fraction(roman)})
        return [_Draft(token.start, token.end, values, False)], i + 1
    if lang is Lang.EN and token.text in EN_MONTHS:
        values = frozenset({Fraction(EN_MONTHS[token.text])})
        return [_Draft(token.start, token.end, values, False)], i + 1
    found: tuple[Fraction | int, int] | None = (
        _vi_word_number(tokens, i, text) if lang is Lang.VI else _en_word_number(tokens, i, text)
    )
    if found is None:
        return [], i + 1
    value, j = found
    draft = _Draft(token.start, tokens[j - 1].end, frozenset({Fraction(value)}), False)
    j = _apply_scales(text, tokens, j - 1, draft, lang)
    if lang is Lang.VI:
        measured = _vi_after(text, tokens, j, draft)
        # A number word with a scale or before a measure noun is a number to demand ("hai
        # triệu", "sáu tháng"); "một" before one is not: "một năm" is as often "the past year",
        # "annual" or "per year" as "one year".
        draft.required = draft.scale > 1 or (measured and value >= 2 and token.text != "năm")
    else:
        _en_after(text, draft)
    return [draft], j


_NUMBER_WORDS = {
    Lang.VI: frozenset([*VI_DIGITS, "mười"]),
    Lang.EN: frozenset([*EN_WORDS, "a", "an", EN_HALF]),
}
_ROMAN_LETTERS = frozenset("IVXL")


_GROUP = re.Match.group


def _candidates(matches: list[re.Match[str]], lang: Lang) -> list[int]:
    """Indexes of the tokens that may start a number: digits, number words, month names and
    words of Roman letters. `_word_draft` finds nothing at any other token, so skipping them
    changes nothing (`skim`)."""
    words = _NUMBER_WORDS[lang]
    found = []
    for k, text in enumerate(map(_GROUP, matches)):
        if (
            text[0] <= "9"
            or text.lower() in words
            or text in EN_MONTHS
            or (text[0] in "IVXL" and _ROMAN_LETTERS.issuperset(text))
        ):
            found.append(k)
    return found


def _merge_compounds(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """Join "1 tỷ 200 triệu" / "two hundred fifty" into one quantity."""
    merged: list[_Draft] = []
    for draft in drafts:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.scale > 1
            and draft.scale < last.scale
            and (draft.scale > 1 or not draft.required)
            and text[last.end : draft.start].strip(" \u00a0\t") in ("", "and", "lẻ", "linh")
            and all(v * draft.scale < last.scale for v in draft.values)
        ):
            sums = {a * last.scale + b * draft.scale for a in last.values for b in draft.values}
            # A written-out word after a scale may start a new phrase ("10 billion and one of
            # the..."), so the unmerged reading stays possible unless both parts are digits.
            alone = set() if draft.required else {a * last.scale for a in last.values}
            last.values = frozenset(sums | alone)
            last.scale = 1
            last.end = draft.end
            last.required = last.required or draft.required
            continue
        merged.append(draft)
    return merged


def extract_numbers(
    text: str, lang: Lang, *, copied: Mapping[str, frozenset[Fraction]] | None = None
) -> list[Quantity]:
    """Every number in `text` read with the conventions of `lang`.

    `copied` maps digit tokens of the other side to their values there: a token the translator
    copied verbatim ("1.500" into English) keeps the meaning it had in the source, so a format slip
    is reported once, by the number-format check, not a second time as a wrong number.
    """
    # URL digits are the URL check's business.
    clean = blank_urls(text)
    matches = list(_TOKEN.finditer(clean))
    tokens = _Tokens(matches)
    drafts: list[_Draft] = []
    i = 0  # the first token no draft has consumed yet
    for k in _candidates(matches, lang) if skim.ENABLED else range(len(matches)):
        if k < i:
            continue
        if tokens[k].is_digits:
            found, i = _digit_draft(clean, tokens, k, lang, copied or {})
        else:
            found, i = _word_draft(clean, tokens, k, lang)
        drafts.extend(found)
    return [
        Quantity(
            text[d.start : d.end],
            d.start,
            d.end,
            d.values if d.scale == 1 else frozenset(v * d.scale for v in d.values),
            d.required,
        )
        for d in _merge_compounds(clean, drafts)
    ]


_WORD = re.compile(r"[^\W\d_]+")
_DIGIT_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def has_vietnamese_number_word(text: str) -> bool:
    """Whether `text` has a word a Vietnamese number may start with (một … chín, mười)."""
    words = _NUMBER_WORDS[Lang.VI]
    return any(word.lower() in words for word in _WORD.findall(text))


def digit_tokens(text: str) -> list[str]:
    """The digit tokens of `text` outside URLs, as written ("1.500.000", "10,5", "2026")."""
    return list(_digit_tokens(text))


@functools.lru_cache(maxsize=256)  # the number checks ask again for the texts of a unit
def _digit_tokens(text: str) -> tuple[str, ...]:
    return tuple(_DIGIT_TOKEN.findall(blank_urls(text)))
