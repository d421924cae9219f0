"""Fuzzy TM lookup: FuzzyIndex against rapidfuzz brute-force scans, measured in the same run.

    python bench/bench_fuzzy.py                            # 1,000,000 units, 1,000 queries
    python bench/bench_fuzzy.py --units 50000 --queries 50 # quick check

The memory is synthetic but shaped like a real one, from real news text (the UD Vietnamese
eval sentences and the seed articles): *templates* recombine clauses of 1-3 real sentences and
replace a third of their syllables with syllables drawn by corpus frequency, which puts
templates far (< 75 %) from each other; each unit is a template with a few word-level edits
(a syllable or number changed, a syllable dropped or inserted, a clause dropped), so families
of 1-8 units sit at 75-99 % of each other. Queries are edited memory units (0-9 edits) plus
10 % unrelated held-out sentences. Keys go through tmbuilder's match_key.

Peers, on the first --brute queries:
  extract  rapidfuzz.process.extract(scorer=Levenshtein.normalized_similarity, score_cutoff=0.75)
           over all keys, one thread: the reference answer (recall is measured against it)
  cdist    rapidfuzz.process.cdist of the same scorer with workers=-1 (every core)
"""

from __future__ import annotations

import argparse
import heapq
import random
import re
import resource
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tmbuilder.text.normalize import match_key
from tmbuilder.tm.index import FuzzyIndex

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout, or beside a parent folder (a git worktree under wt/)
SHARED = next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "eval").is_dir()), REPO.parent / "shared"
)
SENTENCES = SHARED / "eval" / "ud_vi_vtb" / "sentences.txt"
SEEDS = REPO / "seeds"

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def load_sentences() -> list[str]:
    """The real sentences the corpus is made of: the UD eval set and the seed articles."""
    out = [line.strip() for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    out = [line for line in out if line]
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            out.extend(s for s in _SENTENCE_END.split(paragraph.strip()) if s)
    return out


class CorpusMaker:
    """Generates memory units and queries from real sentences; deterministic for a seed."""

    def __init__(self, sentences: list[str], seed: int = 7) -> None:
        self.rng = random.Random(seed)
        pool = list(sentences)
        self.rng.shuffle(pool)
        cut = max(1, len(pool) // 10)
        self.held_out = pool[:cut]  # never feeds the memory: the unrelated queries
        self.clauses = [_CLAUSE_END.split(s) for s in pool[cut:]]
        counts = Counter(w for s in pool[cut:] for w in s.split() if w.isalpha())
        self.words = list(counts)
        # cumulative weights once: random.choices recomputes them on every call otherwise
        self.cum_weights = list(accumulate(counts[w] for w in self.words))

    def _words(self, n: int) -> list[str]:
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
            parts.extend(clauses[start : self.rng.randint(start + 1, len(clauses))])
        words = " ".join(parts).split()[:60]
        replace = self._words(len(words))
        for i, word in enumerate(words):
            if word.isalpha() and self.rng.random() < 0.35:
                words[i] = replace[i]
        return " ".join(words)

    def edit(self, text: str, n_edits: int) -> str:
        """Word-level edits of the kinds translators meet; never returns an empty text."""
        words = text.split()
        for _ in range(n_edits):
            if len(words) < 2:
                break
            op, i = self.rng.random(), self.rng.randrange(len(words))
            if op < 0.45:
                words[i] = self._words(1)[0]
            elif op < 0.6:
                numbers = [j for j, w in enumerate(words) if _NUMBER.search(w)]
                if numbers:
                    j = self.rng.choice(numbers)
                    words[j] = _NUMBER.sub(self._number(), words[j], count=1)
                else:
                    words.insert(i, self._number())
            elif op < 0.75:
                del words[i]
            elif op < 0.9:
                words.insert(i, self._words(1)[0])
            else:  # drop the clause the word is in, up to the next comma
                j = i
                while j < len(words) - 1 and not words[j].endswith(","):
                    j += 1
                if j - i < len(words) // 2:
                    del words[i : j + 1]
        return " ".join(words) or text

    def memory(self, n_units: int) -> Iterator[str]:
        """n_units texts: families of 1-8 edited copies of one template."""
        made = 0
        while made < n_units:
            base = self.template()
            for _ in range(min(n_units - made, self.rng.choice((1, 1, 2, 3, 4, 5, 6, 8)))):
                yield self.edit(base, self.rng.choice((0, 1, 1, 2, 2, 3, 4, 6)))
                made += 1

    def queries(self, memory: list[str], n: int) -> list[tuple[str, str]]:
        """(kind, text): edited memory units, and 10 % unrelated held-out sentences."""
        out = []
        for _ in range(n):
            if self.rng.random() < 0.1:
                out.append(("unrelated", " ".join(self.rng.choice(self.held_out).split()[:60])))
            else:
                edits = self.rng.choice((0, 1, 2, 3, 4, 5, 7, 9))
                out.append(("edited", self.edit(self.rng.choice(memory), edits)))
        return out


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _ms(values: list[float]) -> str:
    median, p95 = statistics.median(values) * 1e3, float(np.percentile(values, 95)) * 1e3
    return f"median {median:7.2f} ms   p95 {p95:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--brute", type=int, default=100, help="queries the peers also answer")
    parser.add_argument("--adds", type=int, default=2_000, help="units added one at a time")
    args = parser.parse_args()

    t = time.perf_counter()
    maker = CorpusMaker(load_sentences())
    texts = list(maker.memory(args.units))
    keys = [match_key(text) for text in texts]
    queries = [(kind, match_key(text)) for kind, text in maker.queries(texts, args.queries)]
    print(
        f"memory: {len(keys):,} units, mean key {statistics.mean(map(len, keys)):.0f} chars, "
        f"{len(queries):,} queries (generated in {time.perf_counter() - t:.1f} s)"
    )

    rss = _rss_mb()
    t = time.perf_counter()
    index = FuzzyIndex()
    index.add_many(enumerate(keys))
    build = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(
        f"build:  {build:6.1f} s  ({build / len(keys) * 1e6:.1f} us/unit); index holds "
        f"{index.nbytes() / 2**20:,.0f} MiB (keys included); RSS +{_rss_mb() - rss:,.0f} MiB "
        f"after, +{peak - rss:,.0f} MiB at the peak (over {rss:,.0f} MiB before the build)"
    )

    for _, key in queries[:5]:  # warm caches
        index.search(key)
    times, stats, answers = [], [], []
    for _, key in queries:
        t = time.perf_counter()
        found, info = index.search_stats(key)
        times.append(time.perf_counter() - t)
        stats.append(info)
        answers.append(found)
    print(f"index:  {_ms(times)}   (top-5, >= 75 %, {len(queries):,} queries)")
    print(
        f"        proven exact {sum(s.exact for s in stats) / len(stats):.1%}; median "
        f"{statistics.median(s.postings for s in stats):,.0f} postings counted, "
        f"{statistics.median(s.verified for s in stats):,.0f} units verified"
    )

    brute = queries[: args.brute]
    extract_times, cdist_times, same = [], [], 0
    for (_, key), found in zip(brute, answers, strict=False):
        t = time.perf_counter()
        hits = process.extract(
            key, keys, scorer=Levenshtein.normalized_similarity, score_cutoff=0.75, limit=None
        )
        best = heapq.nsmallest(5, ((-score, j) for _, score, j in hits))
        extract_times.append(time.perf_counter() - t)
        same += found == [(j, -neg * 100.0) for neg, j in best]
        t = time.perf_counter()
        row = process.cdist(
            [key], keys, scorer=Levenshtein.normalized_similarity, score_cutoff=0.75, workers=-1
        )[0]
        top = np.flatnonzero(row)
        _ = top[np.lexsort((top, -row[top]))][:5]
        cdist_times.append(time.perf_counter() - t)
    index_median = statistics.median(times[: len(brute)])
    print(
        f"extract: {_ms(extract_times)}   index is "
        f"{statistics.median(extract_times) / index_median:,.0f}x faster (same queries)"
    )
    print(
        f"cdist:   {_ms(cdist_times)}   index is "
        f"{statistics.median(cdist_times) / index_median:,.0f}x faster (all cores)"
    )
    print(
        f"recall:  {same}/{len(brute)} = {same / len(brute):.1%} of queries return exactly "
        "the brute-force top 5 (ids, scores, order)"
    )
    for kind in ("edited", "unrelated"):
        picked = [i for i, (k, _) in enumerate(queries) if k == kind]
        matched = sum(bool(answers[i]) for i in picked)
        print(f"        {kind}: {len(picked)} queries, {matched} with a match >= 75 %")

    rng = random.Random(3)
    t = time.perf_counter()
    for i in range(args.adds):
        index.add(len(keys) + i, match_key(maker.edit(rng.choice(texts), 2)))
    adds = time.perf_counter() - t
    after = []
    for _, key in queries[:200]:
        t = time.perf_counter()
        index.search(key)
        after.append(time.perf_counter() - t)
    print(
        f"add:     {args.adds:,} units one at a time: {adds / max(args.adds, 1) * 1e6:,.0f} us "
        f"each (seals and merges included); lookups after: {_ms(after)}"
    )


if __name__ == "__main__":
    main()
