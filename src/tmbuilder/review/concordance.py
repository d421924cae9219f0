"""Concordance: where a phrase or a glossary term occurs, in sources and targets.

What OmegaT and Trados call concordance: not whole-segment fuzzy matching (that is
`tmbuilder search`), but every segment of the project and the memory containing the phrase,
with the spans to highlight. Matching is on whole syllables/words (a Vietnamese syllable is a
space-separated word, so "hợp tác" never matches inside "hợp tác xã"'s neighbour "tác xã"
alone, nor "tác" inside "tácx"), case-insensitive, blind to where a tone mark sits (hoà = hòa),
and with `fold=True` blind to diacritics altogether (hop tac = hợp tác, dong = đồng).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tmbuilder.model import Segment
from tmbuilder.store.concordance_rows import TextRow
from tmbuilder.text.normalize import fold_tone_placement

Span = tuple[int, int]


@dataclass(frozen=True)
class Occurrence:
    row: int
    start: int
    end: int


@dataclass(frozen=True)
class ConcordanceHit:
    row: TextRow
    source_spans: tuple[Span, ...]
    target_spans: tuple[Span, ...]


def term_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    """Any of the forms as whole words, case-insensitive, longest first; None if no forms."""
    cleaned = sorted(
        {unicodedata.normalize("NFC", " ".join(f.split())) for f in forms if f.strip()},
        key=len,
        reverse=True,
    )
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def concordance(rows: Sequence[Segment], forms: Iterable[str], limit: int = 50) -> list[Occurrence]:
    """The first `limit` segments whose source contains one of `forms`, with its span."""
    pattern = term_pattern(forms)
    if pattern is None:
        return []
    out: list[Occurrence] = []
    for row, seg in enumerate(rows):
        found = pattern.search(seg.source)
        if found:
            out.append(Occurrence(row, found.start(), found.end()))
            if len(out) >= limit:
                break
    return out


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base if not unicodedata.combining(base) else char


def fold_diacritics(text: str) -> str:
    """Lower case without diacritics, one character for each of the NFC text's characters
    (so spans found in the folded text are spans of the original)."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text).lower()


class PhraseMatcher:
    """Finds a phrase as whole words in a text; see the module docstring for what matches."""

    def __init__(self, phrase: str, *, fold: bool = False) -> None:
        self.fold = fold
        words = self._prepare(phrase).split()
        self.words = words
        body = r"\s+".join(re.escape(w) for w in words)
        self.pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE) if words else None

    def _prepare(self, text: str) -> str:
        if self.fold:
            return fold_diacritics(text)
        text = unicodedata.normalize("NFC", text)
        folded = fold_tone_placement(text)
        # tone placement moves a mark between letters of one syllable: lengths stay equal,
        # which keeps spans valid; if a text ever breaks that, match it as written
        return folded if len(folded) == len(text) else text

    def spans(self, text: str) -> tuple[Span, ...]:
        if self.pattern is None or not text:
            return ()
        prepared = self._prepare(text)
        if self.fold and len(prepared) != len(text):  # text not NFC: spans of its NFC form
            return ()
        return tuple(m.span() for m in self.pattern.finditer(prepared))


def search_rows(
    rows: Iterable[TextRow],
    phrase: str,
    *,
    side: str = "both",
    fold: bool = False,
    limit: int = 100,
) -> list[ConcordanceHit]:
    """The first `limit` rows where `phrase` occurs in the source, the target or either
    (`side`: "source", "target", "both"), with the spans of every occurrence."""
    if side not in ("source", "target", "both"):
        raise ValueError(f"side must be source, target or both, not {side!r}")
    matcher = PhraseMatcher(phrase, fold=fold)
    if matcher.pattern is None:
        return []
    hits: list[ConcordanceHit] = []
    for row in rows:
        src = matcher.spans(row.source) if side != "target" else ()
        tgt = matcher.spans(row.target) if side != "source" else ()
        if src or tgt:
            hits.append(ConcordanceHit(row, src, tgt))
            if len(hits) >= limit:
                break
    return hits
