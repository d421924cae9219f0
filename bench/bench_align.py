"""Sentence alignment (issue 15): strict and lax F1 and time, tmbuilder beside Gale–Church.

    python bench/bench_align.py [--quick]

Documents: IWSLT'15 en-vi TED talks (tst2012 = dev, tuned on; tst2013 = held out, reported
last and never tuned on), cut into 120-line documents in which seeded edits merge adjacent
sentences (6% each side) and drop sentences (3% each side); see align_data.py. Also the
seed articles against their reviewed English (tmx/), sentence-split anew on both sides.
Strict F1: beads with both sides matched exactly; lax F1: the sentence links they imply
(Vecalign's and Bertalign's measures). Time: CPU seconds per 1,000 sentences (both sides),
so other processes on the machine do not count.

Peers, each at its best settings: Gale–Church (`galechurch` from PyPI, its mean ratio set to
the documents' own character ratio, as tmbuilder's length model uses). hunalign (what LF
Aligner runs) has no Debian or PyPI package here.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from align_data import Doc, available, documents, f1, scores  # noqa: E402

from tmbuilder.align.core import align_sentences  # noqa: E402
from tmbuilder.align.lexicon import Lexicon  # noqa: E402

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]
Aligner = Callable[[Sequence[str], Sequence[str]], Beads]


def tmbuilder_aligner(lexicon: Lexicon, realign: bool) -> Aligner:
    def run(vi: Sequence[str], en: Sequence[str]) -> Beads:
        return [(b.vi, b.en) for b in align_sentences(vi, en, lexicon, realign=realign)]

    return run


def gale_church(vi: Sequence[str], en: Sequence[str]) -> Beads:
    import galechurch

    ratio = sum(map(len, en)) / max(1, sum(map(len, vi)))
    block = galechurch.align(list(vi), list(en), mean_xy=ratio)
    return [
        (
            tuple(range(b.source_start, b.source_end)),
            tuple(range(b.target_start, b.target_end)),
        )
        for b in block.beads
    ]


def evaluate(aligner: Aligner, docs: list[Doc]) -> tuple[float, float, float]:
    totals = [0] * 6
    sentences = 0
    start = time.process_time()
    for doc in docs:
        found = aligner(doc.vi, doc.en)
        totals = [a + b for a, b in zip(totals, scores(doc.gold, found), strict=True)]
        sentences += len(doc.vi) + len(doc.en)
    seconds = time.process_time() - start
    return f1(*totals[:3]), f1(*totals[3:]), seconds / sentences * 1000


def seed_documents() -> list[Doc]:
    """The seeds' Vietnamese sentences against their reviewed English, split anew."""
    from tmbuilder.align.english import split_english
    from tmbuilder.formats.tmx import read_tmx

    by_doc: dict[str, list[tuple[int, int, str, str]]] = {}
    for unit in read_tmx(ROOT / "tmx" / "vi-VN_en-US.tmx"):
        key = (int(unit.prop("x-paragraph")), int(unit.prop("x-position")))
        by_doc.setdefault(unit.prop("x-document"), []).append((*key, unit.source, unit.target))
    docs = []
    for rows in by_doc.values():
        doc = Doc([], [], [])
        for _p, _s, vi, en in sorted(rows):
            doc.vi.append(vi)
            first = len(doc.en)
            doc.en += split_english(en)
            doc.gold.append(((len(doc.vi) - 1,), tuple(range(first, len(doc.en)))))
        docs.append(doc)
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one dev seed, no 10k timing")
    args = parser.parse_args()
    lexicon = Lexicon.general()
    aligners: dict[str, Aligner] = {
        "tmbuilder": tmbuilder_aligner(lexicon, True),
        "tmbuilder, one pass": tmbuilder_aligner(lexicon, False),
        "tmbuilder, no lexicon": tmbuilder_aligner(Lexicon(), False),
    }
    try:
        import galechurch  # noqa: F401

        aligners["Gale–Church"] = gale_church
    except ImportError:
        print("galechurch not installed (pip install galechurch): Gale–Church left out")
    sets: list[tuple[str, list[Doc]]] = [("seeds (reviewed English)", seed_documents())]
    if available():
        seeds = (15,) if args.quick else (15, 7, 99)
        for seed in seeds:
            sets.append((f"tst2012 dev, seed {seed}", documents("tst2012", seed=seed)))
        sets.append(("tst2013 HELD OUT", documents("tst2013", seed=15)))
    else:
        print("IWSLT'15 mirror not found: TED sets left out (see bench/align_data.py)")
    print(f"{'set':<28} {'aligner':<22} {'strict F1':>9} {'lax F1':>7} {'s/1000':>7}")
    for name, docs in sets:
        results = {label: evaluate(run, docs) for label, run in aligners.items()}
        for label, (strict, lax, speed) in results.items():
            print(f"{name:<28} {label:<22} {strict:>9.4f} {lax:>7.4f} {speed:>7.3f}")
        if "Gale–Church" in results:
            ratio = results["tmbuilder"][0] / max(results["Gale–Church"][0], 1e-9)
            print(f"{'':<28} {'strict F1 ratio tmbuilder / Gale–Church':<40} {ratio:.3f}")
    if not args.quick and available():
        big = documents("tst2012", lines=10_000)[0]
        vi = (big.vi * 7)[:10_000]
        en = (big.en * 7)[:10_000]
        start = time.process_time()
        align_sentences(vi, en, lexicon)
        seconds = time.process_time() - start
        print(f"10,000 × 10,000 sentences: {seconds:.1f} CPU s ({seconds / 20:.3f} s per 1,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
