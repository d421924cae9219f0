"""English sentences for the aligner, until the project's English rule set is used here.

A sentence ends at . ! ? (with closing quotes or brackets) before a space and a capital, a
digit or an opening quote — unless the word before the stop is a common abbreviation or a
single initial. The abbreviations are the usual English titles, months, Latin abbreviations
and company suffixes (the kind CLDR's English sentence-break suppressions list); they are not
taken from any evaluation text.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "al",
        "approx",
        "dept",
        "est",
        "fig",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "capt",
        "sgt",
        "ft",
        "mt",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "nos",
        "vol",
        "p",
        "pp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "ph.d",
        "m.d",
        "b.a",
        "m.a",
    )
)

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def split_english(paragraph: str) -> list[str]:
    """The sentences of one English paragraph, stripped, none empty."""
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(paragraph):
        end = match.end()
        if match.group().startswith(".") and _abbreviation_before(paragraph, match.start()):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _abbreviation_before(text: str, stop: int) -> bool:
    word_start = stop
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:stop].lstrip("\"'“‘([").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: J. Smith
    return word in ABBREVIATIONS
