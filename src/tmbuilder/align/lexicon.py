"""A Vietnamese-syllable → English-word translation table the aligner scores with.

Three sources fill it, in this order: the general table shipped in `data/` (learned once from
LibreOffice's Vietnamese translation, MPL-2.0: see data/SOURCES.md and
tools/build_align_lexicon.py), the project's glossary and reviewed pairs, and — for a second
pass — the confident pairs of the alignment itself (hunalign's "realign" idea: the documents
teach the dictionary their own vocabulary).
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources

from tmbuilder.align.tokens import en_words, vi_syllables

# A syllable this frequent in the pairs a table is learned from is a function word: it may
# translate, but the evidence is weak, so learned entries need this much support.
LEARN_ITERATIONS = 5
LEARN_MIN_PROB = 0.15


class Lexicon:
    """Which English words each Vietnamese syllable may translate to."""

    def __init__(self) -> None:
        self._table: dict[str, set[str]] = defaultdict(set)

    def __len__(self) -> int:
        return sum(len(v) for v in self._table.values())

    def copy(self) -> Lexicon:
        other = Lexicon()
        for vi, entries in self._table.items():
            other._table[vi] = set(entries)
        return other

    def reverse(self) -> dict[str, set[str]]:
        """English word → the Vietnamese syllables that may translate to it."""
        back: dict[str, set[str]] = defaultdict(set)
        for vi, entries in self._table.items():
            for en in entries:
                back[en].add(vi)
        return back

    def add(self, vi: str, en: str) -> None:
        self._table[vi].add(en)

    def translations(self, syllable: str) -> set[str]:
        return self._table.get(syllable, set())

    def covers(self, syllables: Iterable[str]) -> set[str]:
        """Every English word any of `syllables` may translate to."""
        out: set[str] = set()
        for s in syllables:
            found = self._table.get(s)
            if found:
                out |= found
        return out

    @classmethod
    def general(cls) -> Lexicon:
        """The shipped table (read once per process by the caller, it is small)."""
        lexicon = cls()
        data = resources.files("tmbuilder.align").joinpath("data/lexicon-vi-en.tsv.gz")
        with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as rows:
            for line in rows:
                if line.startswith("#"):
                    continue
                vi, en, *_ = line.rstrip("\n").split("\t")
                lexicon.add(vi, en)
        return lexicon

    def learn(self, pairs: Iterable[tuple[str, str]]) -> int:
        """Add the pairs IBM Model 1 finds in (Vietnamese, English) sentence pairs.

        Both directions are trained and a word pair is kept when each direction gives it at
        least LEARN_MIN_PROB: the intersection keeps precision high on small inputs.
        Returns how many entries were added.
        """
        data = [(vi_syllables(v), en_words(e)) for v, e in pairs]
        data = [(v, e) for v, e in data if v and e]
        if not data:
            return 0
        forward = _ibm1(data)
        backward = _ibm1([(e, v) for v, e in data])
        added = 0
        for v, row in forward.items():
            for e, p in row.items():
                both_ways = backward.get(e, {}).get(v, 0.0) >= LEARN_MIN_PROB
                if p >= LEARN_MIN_PROB and both_ways and e not in self._table[v]:
                    self._table[v].add(e)
                    added += 1
        return added


def _ibm1(
    pairs: list[tuple[list[str], list[str]]], iterations: int = LEARN_ITERATIONS
) -> dict[str, dict[str, float]]:
    """t(target | source) by EM, with a NULL source word, in numpy.

    Every (source word, target token) co-occurrence is one entry of flat arrays, so an
    iteration is a few bincounts however many pairs there are.
    """
    import numpy as np

    source_ids: dict[str, int] = {"\0": 0}
    target_ids: dict[str, int] = {}
    e_list: list[int] = []
    f_list: list[int] = []
    g_list: list[int] = []
    group = 0
    for es, fs in pairs:
        e_ids = [0] + [source_ids.setdefault(e, len(source_ids)) for e in es]
        for f in fs:
            f_id = target_ids.setdefault(f, len(target_ids))
            e_list += e_ids
            f_list += [f_id] * len(e_ids)
            g_list += [group] * len(e_ids)
            group += 1
    if not group:
        return {}
    e_arr = np.asarray(e_list, dtype=np.int64)
    f_arr = np.asarray(f_list, dtype=np.int64)
    g_arr = np.asarray(g_list, dtype=np.int64)
    pair_keys, cooc = np.unique(e_arr * len(target_ids) + f_arr, return_inverse=True)
    pair_e = pair_keys // len(target_ids)
    pair_f = pair_keys % len(target_ids)
    t = np.ones(len(pair_keys))
    for _ in range(iterations):
        w = t[cooc]
        z = np.bincount(g_arr, weights=w, minlength=group)
        count = np.bincount(cooc, weights=w / z[g_arr], minlength=len(pair_keys))
        total = np.bincount(pair_e, weights=count, minlength=len(source_ids))
        t = count / total[pair_e]
    sources = list(source_ids)
    targets = list(target_ids)
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for e, f, p in zip(pair_e.tolist(), pair_f.tolist(), t.tolist(), strict=True):
        if e and p >= 0.01:
            table[sources[e]][targets[f]] = p
    return dict(table)
