"""The words the aligner compares: Vietnamese syllables, English words, and anchors.

Anchors are tokens that mean the same on both sides without a dictionary: numbers (read in
both languages' formats by QA's number reader), names written with capitals (compared without
diacritics, so Tô Lâm meets To Lam), URLs and e-mail addresses.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tmbuilder.qa.numbers import Lang, digit_tokens, read_digits

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
_CAPITAL = re.compile(r"(?<![\w])[^\W\d_][^\W_]*", re.UNICODE)


def vi_syllables(text: str) -> list[str]:
    """Lower-cased Vietnamese syllables (NFC), punctuation dropped."""
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))]


_EN_SUFFIX = (("ies", "y"), ("'s", ""), ("’s", ""), ("s", ""))


def en_words(text: str) -> list[str]:
    """Lower-cased English words with a light plural/possessive stem."""
    out = []
    for word in _WORD.findall(text):
        w = word.lower()
        for suffix, repl in _EN_SUFFIX:
            if len(w) > 3 and w.endswith(suffix) and not w.endswith("ss"):
                w = w[: -len(suffix)] + repl
                break
        out.append(w)
    return out


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word without diacritics, lower-cased: how names are compared across languages."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def numbers(text: str, lang: str) -> set[str]:
    """The numbers a text's digits say, read as QA reads them in `lang` ("vi" or "en").

    1.500.000 in Vietnamese and 1,500,000 in English both give "1500000"; 10,5 and 10.5 give
    "21/2": equal values, equal strings, whatever each language's separators.
    """
    reading = Lang.VI if lang == "vi" else Lang.EN
    return {str(value) for token in digit_tokens(text) for value in read_digits(token, reading)}


def names(text: str) -> set[str]:
    """Capitalized words not at the start of the text, folded (Tô Lâm → to, lam)."""
    out = set()
    for match in _CAPITAL.finditer(text):
        word = match.group()
        if match.start() == 0 or not word[0].isupper():
            continue
        before = text[: match.start()].rstrip()
        if before.endswith((".", "!", "?", ":", '"', "“", "'")):
            continue  # sentence-initial capital: not evidence of a name
        out.add(fold(word))
    return out


def urls(text: str) -> set[str]:
    return {u.rstrip(".,;:)").lower() for u in _URL.findall(text)}
