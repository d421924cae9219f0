"""Glossary term matching and the QA term checks with a large glossary (issue 7).

    python bench/bench_glossary_check.py [--terms 5000] [--units 2000] [--sample 100]

The glossary: --terms distinct one- to four-syllable phrases of the seed and treebank
sentences (a third proposed, the rest approved, every 97th forbidden), the size where the
per-call index cost 25 ms a segment. The units: the reviewed seed translations
(tests/test_qa_seed_pairs.py), repeated to --units.

Term lookup per segment, same glossary, same sources:
  TermMatcher      tmbuilder.glossary.check.TermMatcher, indexed once, `hits` per segment
  per-call index   find_term_hits(source, terms): the index rebuilt on every call
  TUI prefilter    review.assist.Assist.term_hits: the review UI's workaround (candidate terms
                   by syllable set, then find_term_hits on those)
  terminologymatcher  translate-toolkit's translate.search.match.terminologymatcher (what
                   Virtaal and Pootle use), `matches` per segment
QA per segment: check_unit with a TermChecks prepared once against check_unit(terms=...),
which prepares the glossary per call; then check_project and check_consistency over all units.
The slow paths run on the first --sample units only.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TREEBANK = REPO.parent / "shared" / "eval" / "ud_vi_vtb" / "sentences.txt"
sys.path.insert(0, str(REPO / "tests"))

from test_qa_seed_pairs import SEED_PAIRS  # noqa: E402
from tmbuilder.glossary.check import TermMatcher, check_consistency, find_term_hits  # noqa: E402
from tmbuilder.model import Term, TermStatus  # noqa: E402
from tmbuilder.qa.checks import QaUnit, check_project, check_unit  # noqa: E402
from tmbuilder.qa.checks_terms import TermChecks  # noqa: E402
from tmbuilder.review.assist import Assist  # noqa: E402


def glossary(size: int) -> list[Term]:
    """`size` phrases of the seed and treebank sentences, in mixed statuses."""
    sentences = [source for source, _target in SEED_PAIRS]
    if TREEBANK.exists():
        sentences += [line for line in TREEBANK.read_text(encoding="utf-8").splitlines() if line]
    phrases: dict[str, None] = {}
    for sentence in sentences:
        words = sentence.split()
        for n in (2, 3, 4, 1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i : i + n]).strip('.,;:()"“”')
                if phrase:
                    phrases.setdefault(phrase, None)
    terms = []
    for i, phrase in enumerate(list(phrases)[:size]):
        status = TermStatus.PROPOSED if i % 3 == 0 else TermStatus.APPROVED
        if i % 97 == 0:
            status = TermStatus.FORBIDDEN
        terms.append(Term(phrase, f"term {i}", status))
    return terms


def per_unit(run: Callable[[], object], count: int, repeat: int = 3) -> float:
    """Best of `repeat` runs (the machine is shared), in milliseconds per unit."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000 / count


def terminologymatcher(terms: Sequence[Term]) -> tuple[Any, float] | None:
    """translate-toolkit's matcher over the glossary and its build time, if installed."""
    try:
        from translate.search.match import terminologymatcher as matcher
        from translate.storage.pypo import pofile
    except ImportError:
        return None
    store = pofile()
    for term in terms:
        store.addsourceunit(term.source).target = term.target
    start = time.perf_counter()
    built = matcher(store)
    return built, time.perf_counter() - start


def lookups(terms: list[Term], units: list[QaUnit], sample: list[QaUnit]) -> None:
    sources = [u.source for u in units]
    few = [u.source for u in sample]
    start = time.perf_counter()
    matcher = TermMatcher(terms)
    build = time.perf_counter() - start
    assist = Assist(terms)
    rows = [
        ("TermMatcher", per_unit(lambda: [matcher.hits(s) for s in sources], len(sources))),
        ("per-call index", per_unit(lambda: [find_term_hits(s, terms) for s in few], len(few), 1)),
        ("TUI prefilter", per_unit(lambda: [assist.term_hits(s) for s in sources], len(sources))),
    ]
    peer = terminologymatcher(terms)
    if peer is not None:
        ttk, _build = peer
        rows.append(
            ("terminologymatcher", per_unit(lambda: [ttk.matches(s) for s in few], len(few)))
        )
    ours = rows[0][1]
    print(f"term lookup, {len(terms):,} terms, ms per segment (TermMatcher built in {build:.2f} s)")
    for name, ms in rows:
        print(f"  {name:20}{ms:9.3f} ms   {ms / ours:7.1f}x TermMatcher's time")
    if peer is None:
        print("  terminologymatcher: not measured (pip install translate-toolkit)")
    else:
        print(
            f"  (terminologymatcher built in {peer[1]:.2f} s; it matches substrings, not syllables)"
        )
    same = all(
        matcher.hits(s) == find_term_hits(s, terms)
        and [(h.start, h.end, h.term) for h in assist.term_hits(s)] == matcher.hits(s)
        for s in few
    )
    print(f"  TermMatcher, per-call index and TUI prefilter agree on the sample: {same}")


def qa(terms: list[Term], units: list[QaUnit], sample: list[QaUnit]) -> None:
    prepared = TermChecks(terms)
    once = per_unit(lambda: [check_unit(u, glossary=prepared) for u in units], len(units))
    each = per_unit(lambda: [check_unit(u, terms=terms) for u in sample], len(sample), 1)
    none = per_unit(lambda: [check_unit(u) for u in units], len(units))
    print("\nQA check_unit, ms per segment")
    print(f"  {'glossary prepared once':28}{once:9.3f} ms")
    print(f"  {'glossary prepared per call':28}{each:9.3f} ms   {each / once:7.1f}x")
    print(f"  {'no glossary (other checks)':28}{none:9.3f} ms")
    same = all(check_unit(u, glossary=prepared) == check_unit(u, terms=terms) for u in sample)
    print(f"  same findings on the sample: {same}")
    start = time.perf_counter()
    findings = check_project(units, terms=terms)
    project = time.perf_counter() - start
    triples = [(u.segment_id, u.source, u.target) for u in units]
    start = time.perf_counter()
    issues = check_consistency(terms, triples)
    consistency = time.perf_counter() - start
    print(f"  check_project, {len(units):,} units: {project:.2f} s, {len(findings):,} findings")
    print(f"  check_consistency, {len(units):,} units: {consistency:.2f} s, {len(issues):,} issues")
    print(f"  per-call path, estimated for {len(units):,} units: {each * len(units) / 1000:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=100, help="units for the slow paths")
    args = parser.parse_args()
    terms = glossary(args.terms)
    units = [
        QaUnit(i, source, target, "reviewed")
        for i, (source, target) in enumerate(
            (SEED_PAIRS[i % len(SEED_PAIRS)] for i in range(args.units)), start=1
        )
    ]
    sample = units[: args.sample]
    lookups(terms, units, sample)
    qa(terms, units, sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
