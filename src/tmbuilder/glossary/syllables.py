"""Syllable tokens of Vietnamese text: what the glossary matcher and the extractor both read.

`token_spans` gives every syllable, number or acronym of a text with its offsets and its
matching key (NFC, tone placement and case folded, so "Hoà" and "hòa" are one syllable), and
marks clause cuts (punctuation, and optionally `stopwords.BREAK_WORDS`) with `BREAK`.
"""

from __future__ import annotations

import re

from tmbuilder.glossary.stopwords import BREAK_WORDS
from tmbuilder.text.normalize import match_key

BREAK = "\x00"  # chunk separator in the key sequence; never a token
HYPHEN = "-"  # key of a spaced hyphen or en dash joining a compound ("quốc phòng - an ninh")

_TOKEN = re.compile(
    # a syllable, number, acronym or dotted form (TP.HCM); combining marks (NFD input) included
    r"(?P<w>(?:[^\W_]|[\u0300-\u036f])+(?:['’.\-](?:[^\W_]|[\u0300-\u036f])+)*)"
    r"|(?P<d>(?<!\S)[-\u2013](?!\S))"  # a hyphen or en dash between spaces joins a compound
    r"|(?P<a>(?<=\w )\((?:[A-ZĐ][A-ZĐ0-9&]{1,9})\)(?= \w))"  # "(NDCM)" inside a name: skipped
    r"|(?P<p>\S)"  # anything else cuts the clause
)
_URL = re.compile(r"^(?:www|https?)\b|\.[a-z]{2,4}$|@", re.IGNORECASE)


# No token pattern matches whitespace, so every match lies inside one whitespace-separated
# chunk of the text and is found there the same whether the chunk stands alone or in its
# sentence; only the "(NDCM)" abbreviation looks at its neighbours. Each distinct chunk is
# tokenized once and its pieces reused at every occurrence: a text repeats its chunks
# ("của", "Việt", "Nam,") far more than it adds new ones.
_ABBREVIATION_CHUNK = re.compile(r"\([A-ZĐ][A-ZĐ0-9&]{1,9}\)")
_WORD_CHARACTER = re.compile(r"\w")
_Pieces = tuple[tuple[int, int, str], ...]


class _Chunk:
    __slots__ = ("abbreviation", "cut_pieces", "pieces")

    def __init__(self, chunk: str) -> None:
        self.pieces = _tokenize(chunk, cut_at_break_words=False)
        self.cut_pieces = _tokenize(chunk, cut_at_break_words=True)
        self.abbreviation = _ABBREVIATION_CHUNK.fullmatch(chunk) is not None


_CHUNKS: dict[str, _Chunk] = {}


def token_spans(text: str, *, cut_at_break_words: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, key) of every token of `text`; key is BREAK for a clause cut.

    Keys are `match_key` of the surface (NFC, tone placement, case folded), so "Hoà" and
    "hòa" are one syllable. Offsets are into `text` as given. Extraction cuts clauses at
    `BREAK_WORDS` too; matching known terms ("Bộ Khoa học và Công nghệ") must not.
    """
    spans: list[tuple[int, int, str]] = []
    append, find, known = spans.append, text.find, _CHUNKS.get  # the loop runs per syllable
    position = 0
    for chunk in text.split():
        start = find(chunk, position)
        position = start + len(chunk)
        found = known(chunk)
        if found is None:
            found = _Chunk(chunk)
            if len(_CHUNKS) < 500_000:  # bounded, as `syllable_key`'s memo
                _CHUNKS[chunk] = found
        if found.abbreviation and _inside_name(text, start, position):
            # An abbreviation defined inside a name, "Đảng Nhân dân cách mạng (NDCM) Lào":
            # the name reads on through it (variants.py ties the abbreviation to the name).
            continue
        for first, end, key in found.cut_pieces if cut_at_break_words else found.pieces:
            append((start + first, start + end, key))
    return spans


def _inside_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] sits between a word and a word, one space on each side."""
    return (
        start >= 2
        and text[start - 1] == " "
        and _WORD_CHARACTER.match(text, start - 2) is not None
        and text[end : end + 1] == " "
        and _WORD_CHARACTER.match(text, end + 1) is not None
    )


def _tokenize(text: str, *, cut_at_break_words: bool) -> _Pieces:
    spans: list[tuple[int, int, str]] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if match.lastgroup == "w":
            word = match.group()
            if "." in word and _URL.search(word):
                spans.append((start, end, BREAK))
            else:
                key = syllable_key(word)
                if cut_at_break_words and key in BREAK_WORDS:
                    key = BREAK
                spans.append((start, end, key))
        elif match.lastgroup == "d":
            spans.append((start, end, HYPHEN))
        elif match.lastgroup == "a":
            continue  # `token_spans` decides, from the chunk's neighbours
        else:
            spans.append((start, end, BREAK))
    return tuple(spans)


_KEYS: dict[str, str] = {}


def syllable_key(word: str) -> str:
    key = _KEYS.get(word)
    if key is None:
        key = match_key(word)
        if len(_KEYS) < 500_000:  # a bounded memo: vocabularies are small, hostile input is not
            _KEYS[word] = key
    return key
