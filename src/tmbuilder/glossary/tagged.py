"""A sentence as words with parts of speech: what term extraction and alignment read.

The syllables are `syllables.token_spans`'s (so offsets, keys, "TP.HCM" and "Covid-19" are the
same as the glossary matcher's); `words.segment` groups them into words and `words.tag` tags
them. A word never spans a clause cut or a spaced hyphen.

Keys keep a name apart from a common word spelt the same: a word written with a capital where
the sentence start does not force one is a name word, keyed "^" + its key ("Nam" in "Việt Nam"
or a person's name is not "nam", male). A capital the sentence start forces is resolved later,
over the whole text (`name_key`).
"""

from __future__ import annotations

import json
import os
import threading
from typing import NamedTuple

from tmbuilder.glossary import words as vi_words
from tmbuilder.glossary.syllables import BREAK, HYPHEN, token_spans

NAME = "^"  # prefix of a name word's key
CUT = "F"  # tag of a clause cut (pyvi's tag for punctuation)
JOIN = "-"  # tag of a spaced hyphen or dash joining a compound


class Word(NamedTuple):
    """A word of a sentence. A named tuple, not a dataclass: a project of 100,000 sentences
    makes two million of them, and a tuple is built three times faster."""

    start: int  # offsets into the sentence
    end: int
    key: str  # syllable keys joined by spaces; NAME-prefixed for a name word
    tag: str  # pyvi's part of speech, CUT or JOIN
    capital: bool  # written with an initial capital
    initial: bool  # first word of the sentence (its capital proves nothing)
    syllables: int


def analyse(sentence: str) -> list[Word]:
    """The words of `sentence`, tagged. For many sentences, `analyse_many`: the models score
    a batch several times faster than one sentence a call."""
    return analyse_many([sentence])[0]


def analyse_many(sentences: list[str]) -> list[list[Word]]:
    """`analyse` of each sentence, in this process: the models score the whole list at once."""
    spans_of = [token_spans(s, cut_at_break_words=False) for s in sentences]
    surfaces_of = [
        [sentence[s:e] for s, e, _k in spans]
        for sentence, spans in zip(sentences, spans_of, strict=True)
    ]
    groups_of = [
        _groups([k for _s, _e, k in spans], surfaces, sizes)
        for spans, surfaces, sizes in zip(
            spans_of, surfaces_of, vi_words.segment_many(surfaces_of), strict=True
        )
    ]
    tags_of = vi_words.tag_many(
        [
            ["_".join(surfaces[a:b]) if b - a > 1 else surfaces[a] for a, b in groups]
            for surfaces, groups in zip(surfaces_of, groups_of, strict=True)
        ]
    )
    return [
        _words(sentence, spans, groups, tags)
        for sentence, spans, groups, tags in zip(
            sentences, spans_of, groups_of, tags_of, strict=True
        )
    ]


def _groups(keys: list[str], surfaces: list[str], sizes: list[int]) -> list[tuple[int, int]]:
    """(first, last + 1) syllable of each word."""
    groups: list[tuple[int, int]] = []
    i = 0
    for size in sizes:
        if size == 1:
            groups.append((i, i + 1))
        elif BREAK in keys[i : i + size] or HYPHEN in keys[i : i + size]:
            groups.extend((m, m + 1) for m in range(i, i + size))  # never a word across a cut
        else:
            groups.extend(_name_then_common(i, i + size, surfaces))
        i += size
    return groups


def _words(
    sentence: str,
    spans: list[tuple[int, int, str]],
    groups: list[tuple[int, int]],
    tags: list[str],
) -> list[Word]:
    out: list[Word] = []
    first = True
    for (a, b), tag in zip(groups, tags, strict=True):
        start, end = spans[a][0], spans[b - 1][1]
        key = spans[a][2] if b - a == 1 else " ".join(k for _s, _e, k in spans[a:b])
        if key == BREAK:
            out.append(Word(start, end, BREAK, CUT, False, False, 0))
            continue
        if key == HYPHEN:
            out.append(Word(start, end, HYPHEN, JOIN, False, False, 0))
            continue
        capital = sentence[start].isupper()
        if capital and not first:
            key = NAME + key
        out.append(Word(start, end, key, tag, capital, first, b - a))
        first = False
    return out


# Below this many sentences a second process costs more to start than it saves.
PARALLEL_FROM = 10_000


def analyse_all(sentences: list[str]) -> list[list[Word]]:
    """`analyse` of each sentence; with two CPUs and many sentences, the second half is tagged
    by a helper process (`workers/word_tagger.py`) while this one tags the first."""
    cpus = os.cpu_count() or 1
    if len(sentences) < PARALLEL_FROM or cpus < 2:
        return analyse_many(sentences)
    half = len(sentences) // 2
    helper = _HelperTagging(sentences[half:])
    first = analyse_many(sentences[:half])
    second = helper.result()
    if second is None:
        second = analyse_many(sentences[half:])
    return first + second


class _HelperTagging:
    def __init__(self, sentences: list[str]) -> None:
        from tmbuilder.workers import start_helper

        self._count = len(sentences)
        self._process = start_helper("tmbuilder.workers.word_tagger")
        self._lines: list[bytes] = []
        payload = json.dumps(sentences, ensure_ascii=False).encode("utf-8")
        # Both pipes are served by threads while this process tags its own half: the helper
        # answers only after reading everything, and once a pipe's 64 KB are full its writer
        # waits, so an answer left unread until the end would stop the helper after a few
        # hundred sentences and leave the second core idle.
        self._writer = threading.Thread(target=self._write, args=(payload,), daemon=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._writer.start()
        self._reader.start()

    def _write(self, payload: bytes) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(payload)
            stdin.close()
        except OSError:
            pass

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        self._lines.extend(stdout)  # raw lines: decoding waits for `result`, off the GIL race

    def result(self) -> list[list[Word]] | None:
        self._writer.join()
        self._reader.join()
        self._process.wait()
        if self._process.returncode != 0 or len(self._lines) != self._count:
            return None
        try:
            return [[Word(*w) for w in json.loads(line)] for line in self._lines]
        except (ValueError, TypeError):
            return None


def _name_then_common(first: int, end: int, surfaces: list[str]) -> list[tuple[int, int]]:
    """A word (syllables first..end-1) split where a complete name (two capitalised syllables or
    more) runs on into a lower-case syllable: pyvi writes "Việt_Nam_thắng" (Vietnam won) as one
    word. A word of pyvi's own dictionary ("Tổng Bí thư") stays whole."""
    if end - first < 3 or vi_words.in_dictionary(surfaces[first:end]):
        return [(first, end)]
    for k in range(first + 2, end):
        if all(surfaces[m][:1].isupper() for m in range(first, k)) and surfaces[k][:1].islower():
            return [(first, k), (k, end)]
    return [(first, end)]


def is_acronym(surface: str) -> bool:
    """All capitals (digits allowed) and longer than one letter: "UBND", "U23", "TP.HCM"."""
    letters = [ch for ch in surface if ch.isalpha()]
    return len(surface) > 1 and bool(letters) and all(ch.isupper() for ch in letters)
