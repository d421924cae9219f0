"""A synthetic but realistic Vietnamese translation memory for the fuzzy-index benchmark.

Real memories are clusters of near-duplicates (the same sentence with a name, a number or a
clause changed) in a sea of unrelated sentences. We build that shape from real news text: each
*template* recombines clauses of two or three real sentences and replaces about a third of their
syllables with syllables drawn by corpus frequency, which puts templates far (< 75 %) from each
other; each memory unit is then a template with a few light edits (a syllable or number changed,
a syllable dropped or inserted, a clause dropped), which puts the members of one family at
75-99 % of each other. Queries are edited variants of memory units (the case a translator
meets) plus unrelated held-out sentences.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SENTENCES = SHARED / "eval" / "ud_vi_vtb" / "sentences.txt"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def load_sentences() -> list[str]:
    """The real sentences the corpus is made of: the UD eval set and the seed articles."""
    lines = [line.strip() for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    out = [line for line in lines if line]
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            out.extend(s for s in _SENTENCE_END.split(paragraph.strip()) if s)
    return out


class CorpusMaker:
    """Generates templates, memory units and queries from a list of real sentences."""

    def __init__(self, sentences: list[str], seed: int = 7) -> None:
        self.rng = random.Random(seed)
        pool = list(sentences)
        self.rng.shuffle(pool)
        cut = max(1, len(pool) // 10)
        # held-out sentences never feed the memory: they make the unrelated queries
        self.held_out = pool[:cut]
        self.sentences = pool[cut:]
        self.clauses = [_CLAUSE_END.split(s) for s in self.sentences]
        counts = Counter(w for s in self.sentences for w in s.split() if w.isalpha())
        self.words = list(counts)
        # cumulative weights once: random.choices recomputes them on every call otherwise
        self.cum_weights = list(accumulate(counts[w] for w in self.words))

    def _random_words(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum_weights, k=n)

    def _number(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return str(self.rng.randint(1, 31))
        if r < 0.8:
            return str(self.rng.randint(1990, 2030))
        return f"{self.rng.randint(1, 999)}.{self.rng.randint(0, 999):03d}"

    def template(self) -> str:
        """Clauses of 1-3 real sentences, a third of their syllables replaced."""
        parts: list[str] = []
        for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
            clauses = self.rng.choice(self.clauses)
            start = self.rng.randrange(len(clauses))
            stop = self.rng.randint(start + 1, len(clauses))
            parts.extend(clauses[start:stop])
        words = " ".join(parts).split()
        if len(words) > 60:  # keep sentence-sized units
            words = words[:60]
        replace = self._random_words(len(words))
        for i in range(len(words)):
            if self.rng.random() < 0.35 and words[i].isalpha():
                words[i] = replace[i]
        return " ".join(words)

    def edit(self, text: str, n_edits: int) -> str:
        """Apply light, word-level edits of the kinds translators meet."""
        words = text.split()
        for _ in range(n_edits):
            if not words:
                break
            op = self.rng.random()
            i = self.rng.randrange(len(words))
            if op < 0.45:
                words[i] = self._random_words(1)[0]
            elif op < 0.6:
                numbers = [j for j, w in enumerate(words) if _NUMBER.search(w)]
                j = self.rng.choice(numbers) if numbers else i
                words[j] = _NUMBER.sub(self._number(), words[j], count=1) if numbers else (
                    self._number()
                )
            elif op < 0.75:
                del words[i]
            elif op < 0.9:
                words.insert(i, self._random_words(1)[0])
            else:
                # drop the clause the word belongs to (up to the next comma)
                j = i
                while j < len(words) and not words[j].endswith(","):
                    j += 1
                if j - i < len(words) // 2:
                    del words[i : j + 1]
        return " ".join(words)

    def memory(self, n_units: int) -> Iterator[str]:
        """n_units memory texts: families of 1-8 edited copies of one template."""
        made = 0
        while made < n_units:
            base = self.template()
            for _ in range(min(n_units - made, self.rng.choice((1, 1, 2, 3, 4, 5, 6, 8)))):
                n_edits = self.rng.choice((0, 1, 1, 2, 2, 3, 4, 6))
                yield self.edit(base, n_edits)
                made += 1

    def queries(self, memory: list[str], n_queries: int, unrelated: float = 0.1) -> list[str]:
        """Edited variants of memory entries, plus a share of unrelated held-out sentences."""
        out: list[str] = []
        for _ in range(n_queries):
            if self.rng.random() < unrelated:
                words = self.rng.choice(self.held_out).split()
                out.append(" ".join(words[:60]))
            else:
                n_edits = self.rng.choice((0, 1, 2, 3, 4, 5, 7, 9))
                out.append(self.edit(self.rng.choice(memory), n_edits))
        return out
