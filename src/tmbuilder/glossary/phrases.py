"""Noun-phrase candidates over tagged words: where a glossary term can start, run and end.

A phrase starts with a noun, a proper noun or an abbreviation (N, Np, Ny; a capitalised
classifier or verb opens a name: "Bộ", "Bảo hiểm"), runs on through nouns, adjectives, verbs
as modifiers and a name's own "và", and ends on one of them; a proper noun ends it, so a name
is never glued to the predicate after it. `extract.py` counts and ranks what this yields.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tmbuilder.glossary.english import CLAUSE_OPENERS, ENGLISH_FUNCTION_WORDS
from tmbuilder.glossary.stopwords import FUNCTION_WORDS, NAME_HEADS, is_function_edge
from tmbuilder.glossary.syllables import BREAK, HYPHEN
from tmbuilder.glossary.tagged import CUT, JOIN, NAME, Word

HEADS = frozenset({"N", "Np", "Ny"})  # what a term starts with
NAMES = frozenset({"Np", "Ny"})
MODIFIERS = frozenset({"N", "Np", "Ny", "A", "V", "Nu", "X"})  # what may follow the head
ENDS = frozenset({"N", "Np", "Ny", "A", "V", "X"})
MAX_WORDS = 6
MAX_VERBS = 2
MAX_HYPHENS = 2
ENGLISH_EDGES = ENGLISH_FUNCTION_WORDS | CLAUSE_OPENERS
_AND = "và"
_NUMBER = "số"


@dataclass
class Corpus:
    """Every word of the project in one sequence, with what ranking needs to know."""

    keys: list[str] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    nouny: set[str] = field(default_factory=set)  # keys tagged a noun in >= 1/3 of their uses
    sentence_of: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    def add(self, number: int, analysed: list[Word]) -> None:
        self.sentence_starts.append(len(self.keys))
        if mostly_foreign(analysed):
            analysed = []  # an English sentence left in Vietnamese docs: no Vietnamese terms
        for word in analysed:
            self.keys.append(word.key)
            self.words.append(word)
            self.sentence_of.append(number)
        self.keys.append(BREAK)
        self.words.append(Word(0, 0, BREAK, CUT, False, False, 0))
        self.sentence_of.append(number)

    def syllable_positions(self) -> list[int]:
        """Where each word starts counted in syllables (a hyphen counts as one), so that a
        candidate's occurrences can be compared with those of the candidates nesting it."""
        out: list[int] = []
        position = 0
        for word in self.words:
            out.append(position)
            position += max(word.syllables, 1)
        return out

    def resolve_initial_capitals(self) -> None:
        """A sentence-initial capitalised word is a name word where the text writes it as a name
        more often than as a common word elsewhere."""
        counts = Counter(self.keys)
        for i, word in enumerate(self.words):
            if word.initial and word.capital and counts[NAME + word.key] > counts[word.key] - 1:
                self.keys[i] = NAME + word.key
        as_noun = Counter(k for k, w in zip(self.keys, self.words, strict=True) if w.tag in HEADS)
        # "hợp tác", "tuyên bố" are nouns and verbs; pyvi picks one per place, and a noun
        # phrase may start with either reading of a word the text also uses as a noun.
        self.nouny = {k for k, c in as_noun.items() if c * 3 >= counts[k]}


def mostly_foreign(words: list[Word]) -> bool:
    """Whether the sentence is English left untranslated: it has English function words ("the",
    "you", "is") and no more words with Vietnamese letters than those. Many Vietnamese
    syllables are plain ASCII ("cho", "con"), so ASCII alone proves nothing."""
    english = vietnamese = 0
    for word in words:
        key = word.key.lstrip(NAME)
        if key in ENGLISH_EDGES:
            english += 1
        elif not key.isascii():
            vietnamese += 1
    return english >= 2 and english >= vietnamese


def is_name(word: Word, key: str) -> bool:
    return key.startswith(NAME) or word.tag in NAMES


def spans(corpus: Corpus, start: int, end: int) -> list[tuple[int, int]]:
    """The (first, last+1) word spans in the run corpus[start:end] that can be a term."""
    keys, words = corpus.keys, corpus.words
    found: list[tuple[int, int]] = []
    for i in range(start, end):
        head = words[i]
        if (
            head.tag not in HEADS
            and not (head.tag == "V" and _verb_heads(corpus, i, start, end))
            and not (keys[i].startswith(NAME) and head.tag in ("Nc", "V", "A"))
        ):
            continue  # a capitalised classifier or verb opens a name: "Bộ", "Bảo hiểm"
        if is_function_edge(syllable_keys(tuple(keys[i].split(" "))), at_start=True):
            continue  # "trên cơ sở"
        verbs = hyphens = syllables = 0
        for j in range(i, min(end, i + MAX_WORDS + MAX_HYPHENS)):
            word = words[j]
            if (
                j > i
                and words[j - 1].tag in NAMES
                and not (word.capital or word.tag in (JOIN, "M"))
            ):
                break  # a proper noun ends a noun phrase: "Lào | đồng chủ trì", "Lào | nhất quán"
            if j > i and keys[j] in FUNCTION_WORDS and keys[j] != _AND:
                break  # "tỉnh | có trách nhiệm"
            verbs += word.tag == "V"
            hyphens += word.tag == JOIN
            syllables += word.syllables
            if verbs > MAX_VERBS or hyphens > MAX_HYPHENS or syllables > 8:
                break
            if word.tag == "M":
                if j > i and words[j - 1].capital and word.key[:1].isdigit():
                    found.append((i, j + 1))  # "Đại hội 12"
                break  # "nhân dân hai nước", "lễ kỷ niệm 50 năm"
            if word.tag not in ENDS:
                continue
            if is_function_edge(syllable_keys(tuple(keys[j].split(" "))), at_start=False):
                continue
            if keys[j] == _NUMBER and j + 1 < end and words[j + 1].tag == "M":
                continue  # "Nghị định số | 70": "số" before a number is "No."
            found.append((i, j + 1))
    return found


def _verb_heads(corpus: Corpus, i: int, start: int, end: int) -> bool:
    """Whether the verb at `i` may start a term: a word the text also uses as a noun
    ("hợp tác", "tuyên bố"), or a verb modifying the noun before it and modified itself
    ("quan hệ | đoàn kết đặc biệt")."""
    if corpus.keys[i] in corpus.nouny:
        return True
    words = corpus.words
    return (
        i > start
        and i + 1 < end
        and words[i - 1].tag == "N"
        and not words[i - 1].capital
        and words[i + 1].tag in ("A", "N")
    )


def title_then_name(gram: tuple[str, ...]) -> bool:
    return any(
        title(list(gram[:k])) and all(w.startswith(NAME) for w in gram[k:])
        for k in range(1, len(gram))
    )


def title(keys: list[str]) -> bool:
    syllables = tuple(s.lstrip(NAME) for k in keys for s in k.split())
    return syllables in NAME_HEADS


def runs(corpus: Corpus) -> list[tuple[int, int]]:
    """Stretches of words a noun phrase can lie in: nouns, modifiers, a name's "và", hyphens."""
    keys, words = corpus.keys, corpus.words
    runs: list[tuple[int, int]] = []
    start = -1
    n = len(words)
    for i in range(n + 1):
        inside = False
        if i < n:
            word = words[i]
            tag = word.tag
            if tag in MODIFIERS or tag == "M":
                inside = True
            elif tag == JOIN:
                inside = start >= 0
            elif keys[i] == _AND and start >= 0 and i + 1 < n:
                # "Bộ Khoa học và Công nghệ": a name's own "và" sits between capitalised nouns
                before, after = words[i - 1], words[i + 1]
                inside = before.capital and after.capital and before.tag == "N" and after.tag == "N"
        if inside and start < 0:
            start = i
        elif not inside and start >= 0:
            runs.append((start, i))
            start = -1
    return runs


def syllable_gram(keys: list[str]) -> tuple[str, ...]:
    """Word keys as syllable keys, a name word's prefix on each of its syllables."""
    out: list[str] = []
    for key in keys:
        if key.startswith(NAME):
            out.extend(NAME + s for s in key[1:].split(" "))
        else:
            out.extend(key.split(" "))
    return tuple(out)


def syllable_keys(gram: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k.lstrip(NAME) for k in gram if k != HYPHEN)
