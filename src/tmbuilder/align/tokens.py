"""The words the aligner compares: Vietnamese syllables, English words, and anchors.

Anchors are tokens that mean the same on both sides without a dictionary: numbers (read in
both languages' formats by QA's number reader), names written with capitals (compared without
diacritics, so Tô Lâm meets To Lam), URLs and e-mail addresses.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
_CAPITAL = re.compile(r"(?<![\w])[^\W\d_][^\W_]*", re.UNICODE)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


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


def numbers(text: str) -> set[str]:
    """The digit groups of a text, as plain integers or decimals with formats unified.

    1.500.000 (Vietnamese) and 1,500,000 (English) both give "1500000"; 10,5 and 10.5 give
    "10.5". A group that could be either (1.500) gives both readings.
    """
    found: set[str] = set()
    for token in _DIGITS.findall(text):
        plain = token.replace(".", "").replace(",", "")
        found.add(plain.lstrip("0") or "0")
        if token.count(".") + token.count(",") == 1:
            sep = "." if "." in token else ","
            whole, frac = token.split(sep)
            if len(frac) != 3:
                found.add(f"{whole.lstrip('0') or '0'}.{frac}")
    return found


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
