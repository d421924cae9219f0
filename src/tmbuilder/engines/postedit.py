"""Before and after MT: protect what must not be translated, tidy the English that comes back.

Numbers, URLs and e-mail addresses are swapped for placeholders before the text goes out and
put back verbatim afterwards; so are approved glossary terms, which come back as their approved
English. A placeholder is `ZXQ` plus two consonants (`ZXQBC`): no digits (engines reformat
numbers), no brackets or markup (the Google page scrape would mangle them), not a word in any
language, all the same length so none is a prefix of another. Engines sometimes lowercase it,
so restoring ignores case. If any placeholder comes back missing, doubled or unknown,
`restore` returns None and the caller translates the plain text instead.

The English is tidied with sacremoses' MosesPunctNormalizer plus a few targeted spacing fixes
(" ,", "( x )", "\" x \"", "don 't"). We do not run MosesDetokenizer over finished text: it
pairs quote tokens across the whole sentence and glues words to apostrophes ("the 'golden'
and 'silver' ones" becomes "and' silver'"), which is worse than the artefacts it fixes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sacremoses import MosesPunctNormalizer

_CONSONANTS = "BCDFGHJKLMNPRSTVWX"
MAX_SLOTS = len(_CONSONANTS) ** 2
PLACEHOLDER_RE = re.compile(rf"(?<!\w)ZXQ[{_CONSONANTS}]{{2}}(?!\w)", re.IGNORECASE)

_URL = re.compile(r"(?<!\w)(?:https?://|www\.)[^\s<>\"“”]+", re.IGNORECASE)
_URL_TRAILER = re.compile(r"[.,;:!?'’)\]]+$")
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?!\w)")
# A number with Vietnamese or other separators (1.000.000, 3,5, 2-12, 10:30, 12/3/2024), not
# one glued to letters ("10h30", "COVID-19", "v2"), which engines translate as a whole.
_NUMBER = re.compile(r"(?<![\w.,/:-])(?<!\w-)\d+(?:[.,/:-]\d+)*(?![\w])")


def placeholder(index: int) -> str:
    """The `index`-th placeholder (0 <= index < MAX_SLOTS)."""
    return "ZXQ" + _CONSONANTS[index // len(_CONSONANTS)] + _CONSONANTS[index % len(_CONSONANTS)]


@dataclass(frozen=True)
class Protected:
    """A source text with placeholders, and what each placeholder stands for in English."""

    text: str
    slots: tuple[tuple[str, str], ...] = ()  # (placeholder, replacement)
    terms: tuple[tuple[str, str], ...] = ()  # glossary (vi, en) pairs that were applied


class TermMatcher:
    """Finds approved glossary terms in Vietnamese text: whole words, longest first, any case."""

    def __init__(self, terms: Mapping[str, str]) -> None:
        usable = {vi.strip(): en.strip() for vi, en in terms.items() if vi.strip() and en.strip()}
        self._english = {vi.casefold(): en for vi, en in usable.items()}
        self._canonical = {vi.casefold(): vi for vi in usable}
        alternatives = sorted(usable, key=len, reverse=True)
        pattern = "|".join(r"\s+".join(map(re.escape, vi.split())) for vi in alternatives)
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE) if usable else None
        )

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, vi, en) for each occurrence, left to right, not overlapping."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            key = " ".join(match.group().split()).casefold()
            if key in self._english:
                found.append((match.start(), match.end(), self._canonical[key], self._english[key]))
        return found


def protect(text: str, terms: TermMatcher | None = None) -> Protected:
    """`text` with URLs, e-mails, numbers and glossary terms replaced by placeholders."""
    if PLACEHOLDER_RE.search(text):
        return Protected(text)  # the text already looks like ours; protecting it would be lossy
    spans: list[tuple[int, int, str, tuple[str, str] | None]] = []
    taken: list[tuple[int, int]] = []

    def claim(start: int, end: int, replacement: str, term: tuple[str, str] | None) -> None:
        if end > start and all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            spans.append((start, end, replacement, term))

    for match in _URL.finditer(text):
        url = _trim_url(match.group())
        claim(match.start(), match.start() + len(url), url, None)
    for match in _EMAIL.finditer(text):
        claim(match.start(), match.end(), match.group(), None)
    if terms is not None:
        for start, end, vi, en in terms.find(text):
            claim(start, end, en, (vi, en))
    for match in _NUMBER.finditer(text):
        claim(match.start(), match.end(), match.group(), None)

    spans.sort()
    spans = spans[:MAX_SLOTS]
    pieces: list[str] = []
    slots: list[tuple[str, str]] = []
    applied: list[tuple[str, str]] = []
    cursor = 0
    for index, (start, end, replacement, term) in enumerate(spans):
        token = placeholder(index)
        pieces += [text[cursor:start], token]
        slots.append((token, replacement))
        if term is not None and term not in applied:
            applied.append(term)
        cursor = end
    pieces.append(text[cursor:])
    return Protected("".join(pieces), tuple(slots), tuple(applied))


def _trim_url(url: str) -> str:
    # Sentence punctuation after a URL is not part of it; a ")" is when the URL opened one.
    trailer = _URL_TRAILER.search(url)
    if trailer is None:
        return url
    kept = url[: trailer.start()]
    for char in trailer.group():
        if char == ")" and kept.count("(") > kept.count(")"):
            kept += char
        else:
            break
    return kept


def restore(translated: str, protected: Protected) -> str | None:
    """`translated` with placeholders replaced; None if any is missing, doubled or unknown."""
    wanted = dict(protected.slots)
    found = [match.group().upper() for match in PLACEHOLDER_RE.finditer(translated)]
    if sorted(found) != sorted(wanted):
        return None
    return PLACEHOLDER_RE.sub(lambda match: wanted[match.group().upper()], translated)


def has_words(protected_text: str) -> bool:
    """Whether anything in the text needs translating once placeholders are set aside."""
    return any(char.isalpha() for char in PLACEHOLDER_RE.sub(" ", protected_text))


# Numbers are carried by placeholders; norm_numbers would turn "1\u00a0000" into "1.000".
# norm_quote_commas would move commas and periods inside quotes (American style): a house-style
# choice for the reviewer, not a repair, and it does not settle in one pass on odd input.
_normalizer = MosesPunctNormalizer(lang="en", norm_numbers=False, norm_quote_commas=False)
_QUOTED = re.compile(r'"\s*([^"]*?)\s*"')
_SPACE_BEFORE_CLOSER = re.compile(r"(?<=\S) +([,.;:!?%)\]}]+)(?=\s|$|[\"'])")
_SPACE_AFTER_OPENER = re.compile(r"([(\[{]) +(?=\S)")
_CONTRACTION = re.compile(r"(?<=\w) +(n't|'s|'re|'ve|'ll|'d|'m)(?!\w)", re.IGNORECASE)


def clean_english(text: str) -> str:
    """MT output with normalised punctuation and without tokenizer-style spacing."""
    # Some Moses rules feed others (an ellipsis becomes "..." after the ") ." rule ran), so
    # run to a fixed point; two passes settle everything seen, four is a safe bound.
    for _ in range(4):
        cleaned = _fix_spacing(_normalizer.normalize(text)).strip()
        if cleaned == text:
            break
        text = cleaned
    return text


def _fix_spacing(text: str) -> str:
    if text.count('"') % 2 == 0:
        text = _QUOTED.sub(r'"\1"', text)
    text = _SPACE_AFTER_OPENER.sub(r"\1", text)
    text = _SPACE_BEFORE_CLOSER.sub(r"\1", text)
    return _CONTRACTION.sub(r"\1", text)


def match_case(source: str, english: str) -> str:
    """Capitalise the English when the source starts with a capital and the English does not.

    Restored glossary terms come back in the glossary's case ("ministry of finance approved").
    """
    first_source = next((char for char in source if char.isalpha()), "")
    for index, char in enumerate(english):
        if char.isalpha():
            if first_source.isupper() and char.islower():
                return english[:index] + char.upper() + english[index + 1 :]
            return english
    return english
