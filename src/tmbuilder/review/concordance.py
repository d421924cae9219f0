"""Concordance: where a glossary term occurs in the project's sources."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tmbuilder.model import Segment


@dataclass(frozen=True)
class Occurrence:
    row: int
    start: int
    end: int


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
