"""What the aligner knows about each sentence, and how alike two groups of sentences are.

A bead (some Vietnamese sentences against some English ones) is scored by:

- length: Gale & Church's model — English characters ≈ c × Vietnamese characters, with a
  variance growing with length;
- words: the share of the Vietnamese syllables the lexicon can translate that find a
  translation among the English words, and the share of the English words the lexicon knows that
  are found, combined as an F-measure;
- machine translation, when an engine was reachable: the share of words the Vietnamese
  sentence's translation and the English sentence have in common (Bleualign's idea), averaged
  with the lexicon's score;
- anchors: punctuation a translation keeps (? ! quotes, brackets, colons), numbers (in both
  languages' formats), capitalized names without diacritics (Tô Lâm / To Lam), URLs and e-mail
  addresses; a number on one side only is strong evidence against a bead.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from tmbuilder.align.lexicon import Lexicon
from tmbuilder.align.tokens import en_words, names, numbers, urls, vi_syllables


@dataclass(frozen=True)
class Sentence:
    """One sentence (or a group of them) as the scorer sees it.

    Word sets are bit sets (Python ints, one bit per word of the scorer's vocabulary), so a
    bead's score is a few ANDs and bit counts however long the sentences are.
    """

    length: int
    anchors: int = 0  # numbers, names, URLs
    known: int = 0  # the words the lexicon has an entry for
    reach: int = 0  # their translations, in the other language's vocabulary
    # English words: of the sentence itself (English side) or of its machine translation
    # (Vietnamese side, when an engine was reachable); 0 when there is none.
    english: int = 0


def merge(parts: list[Sentence]) -> Sentence:
    if len(parts) == 1:
        return parts[0]
    anchors = known = reach = english = 0
    for p in parts:
        anchors |= p.anchors
        known |= p.known
        reach |= p.reach
        english |= p.english
    return Sentence(sum(p.length for p in parts) + len(parts) - 1, anchors, known, reach, english)


# Punctuation that a translation keeps: a question stays a question, a quotation a quotation,
# a parenthesis a parenthesis. Each class counts once per sentence.
_PUNCTUATION = (("?", "?"), ("!", "!"), ('"“”«»', "quote"), ("(", "paren"), (":", "colon"))


def _anchors(text: str, lang: str) -> set[str]:
    found = {f"#{n}" for n in numbers(text, lang)} | {f"@{n}" for n in names(text)} | urls(text)
    for marks, name in _PUNCTUATION:
        if any(mark in text for mark in marks):
            found.add(f"%{name}")
    return found


class _Bits:
    """Word → bit, handed out as words are met."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def of(self, words: set[str] | frozenset[str]) -> int:
        bits = 0
        index = self.index
        for w in words:
            bit = index.get(w)
            if bit is None:
                bit = index[w] = len(index)
            bits |= 1 << bit
        return bits


class Scorer:
    """Similarity of Vietnamese and English sentence groups under one lexicon."""

    def __init__(self, lexicon: Lexicon, ratio: float = 1.0, variance: float = 6.8) -> None:
        self.lexicon = lexicon
        self.ratio = ratio  # English characters per Vietnamese character
        self.variance = variance
        self._reverse = lexicon.reverse()
        self._vi_bits = _Bits()
        self._en_bits = _Bits()
        self._anchor_bits = _Bits()
        self._words_bits = _Bits()

    def vietnamese(self, text: str, machine_translation: str = "") -> Sentence:
        known = {w for w in vi_syllables(text) if self.lexicon.translations(w)}
        return Sentence(
            len(text),
            self._anchor_bits.of(_anchors(text, "vi")),
            self._vi_bits.of(known),
            self._en_bits.of(self.lexicon.covers(known)),
            self._words_bits.of(set(en_words(machine_translation))),
        )

    def english(self, text: str) -> Sentence:
        known = {w for w in en_words(text) if w in self._reverse}
        reach: set[str] = set()
        for w in known:
            reach |= self._reverse[w]
        return Sentence(
            len(text),
            self._anchor_bits.of(_anchors(text, "en")),
            self._en_bits.of(known),
            self._vi_bits.of(reach),
            self._words_bits.of(set(en_words(text))),
        )

    def similarity(self, vi: Sentence, en: Sentence) -> float:
        """0..1: how much of each side the other side accounts for."""
        lex = self._lexical(vi, en)
        if vi.english:
            # Bleualign's idea: the machine translation of the Vietnamese against the English.
            shared_words = (vi.english & en.english).bit_count()
            total = vi.english.bit_count() + en.english.bit_count()
            lex = (lex + 2 * shared_words / total) / 2 if total else lex
        anchor_total = vi.anchors.bit_count() + en.anchors.bit_count()
        if not anchor_total:
            return lex
        shared = (vi.anchors & en.anchors).bit_count()
        anchor = 2 * shared / anchor_total
        weight = min(0.6, 0.2 * anchor_total)  # more anchors, more say
        return (1 - weight) * lex + weight * anchor

    def _lexical(self, vi: Sentence, en: Sentence) -> float:
        if not vi.known or not en.known:
            return 0.0
        p = (vi.known & en.reach).bit_count() / vi.known.bit_count()
        r = (en.known & vi.reach).bit_count() / en.known.bit_count()
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019 - one scorer per alignment run
    def length_cost(self, vi_len: int, en_len: int) -> float:
        """Gale & Church's -log P(match | lengths), capped so one odd pair cannot dominate."""
        if vi_len == 0 and en_len == 0:
            return 0.0
        mean = (vi_len + en_len / self.ratio) / 2
        delta = (en_len - vi_len * self.ratio) / math.sqrt(max(mean, 1.0) * self.variance)
        p = math.erfc(abs(delta) / math.sqrt(2))  # two-tailed
        return min(-math.log(max(p, 1e-12)), 25.0)
