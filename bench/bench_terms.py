"""Glossary extraction: tmbuilder against translate-toolkit's poterminology, same text.

    python bench/bench_terms.py [--sentences 100000] [--speed-only | --quality-only]

Part 1, quality, on the two seed articles (segmented by tmbuilder's Segmenter): how many
candidates each tool proposes, its top 30, and how many of the terms a terminologist lists
(EXPECTED) each finds, compared by matching key (case, tone placement folded). poterminology
runs on a POT holding one sentence per msgid (pip install translate-toolkit) at the settings
that suit Vietnamese best: `-t 6` and a stoplist of tmbuilder's function words.

Then, on the dev set under tests/data/terms_dev/ (bench_terms_dev.py: legal text, technical
docs, TED talk pairs; its held-out part after it): recall of the gold terms that recur, share
of real terms among the top 50, English proposals judged correct / partly / wrong, with
poterminology at its best settings beside tmbuilder.

Part 2, speed: `extract_terms` then `group_variants` (what `tmbuilder build` runs) over
--sentences sentences made by repeating and splicing the treebank sentences and the seed
sentences (half of them the first half of one sentence joined to the second half of another,
so the text is not just copies), 50 sentences per document. poterminology is timed on the
first 10,000 of the same sentences for the ratio (it is much slower; its time on the full set
would be most of the run). The machine is shared, so the CPU time (this process and the word
tagger's helper process) and the load average are printed beside the wall time, and then the
CPU time of each stage run in one process.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

from tmbuilder.glossary.extract import extract_terms
from tmbuilder.glossary.stopwords import FUNCTION_WORDS
from tmbuilder.glossary.variants import group_variants
from tmbuilder.model import Term
from tmbuilder.text.normalize import match_key
from tmbuilder.text.segment import Segmenter

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
TREEBANK = (
    next(
        (p for p in (REPO.parent / "shared", Path("/work/shared")) if p.exists()),
        REPO.parent / "shared",
    )
    / "eval"
    / "ud_vi_vtb"
    / "sentences.txt"
)

# The terms tests/test_glossary_extract.py expects too.
EXPECTED = tuple(
    line
    for line in (REPO / "tests" / "seed_terms.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
)


def seed_sentences() -> list[tuple[str, str]]:
    segmenter = Segmenter()
    return [
        (path.name, sentence)
        for path in SEEDS
        for paragraph in path.read_text(encoding="utf-8").splitlines()
        for sentence in segmenter.split(paragraph)
        if sentence.strip()
    ]


def vietnamese_stoplist(directory: Path) -> Path:
    """poterminology's stoplist format, from tmbuilder's function words: a phrase holding one
    is no term, and none is a term alone ('@'); case folded ('!I')."""
    path = directory / "stoplist-vi"
    lines = ["!I", *(f"@{word}" for word in sorted(FUNCTION_WORDS))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def poterminology(sentences: list[str], *, best: bool = False) -> tuple[list[str], float]:
    """poterminology's candidates (best first, as it sorts them) and its wall time; `best`:
    the settings that suit Vietnamese (terms up to 6 words, `-t 6`, and a Vietnamese stoplist),
    otherwise its defaults."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = polib.POFile()
        for i, sentence in enumerate(sentences):
            pot.append(polib.POEntry(msgid=sentence, msgstr="", msgctxt=str(i)))
        source = Path(tmp) / "input.pot"
        output = Path(tmp) / "terms.pot"
        pot.save(str(source))
        extra = ["-t", "6", "-S", str(vietnamese_stoplist(Path(tmp)))] if best else []
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "translate.tools.poterminology",
                "--progress=none",
                *extra,
                "-i",
                str(source),
                "-o",
                str(output),
            ],
            check=True,
            capture_output=True,
        )
        elapsed = time.perf_counter() - start
        return [entry.msgid for entry in polib.pofile(str(output))], elapsed


def found(expected: tuple[str, ...], candidates: list[str]) -> list[str]:
    keys = {match_key(c) for c in candidates}
    return [term for term in expected if match_key(term) in keys]


def quality() -> None:
    sentences = seed_sentences()
    start = time.perf_counter()
    ours = group_variants(extract_terms(sentences), sentences)
    ours_time = time.perf_counter() - start
    theirs, theirs_time = poterminology([s for _d, s in sentences], best=True)
    our_forms = [form for term in ours for form in (term.source, *term.variants)]
    print(f"seeds: {len(sentences)} sentences")
    print(f"{'':22}{'tmbuilder':>12}{'poterminology':>16}")
    print(f"{'candidates':22}{len(ours):>12}{len(theirs):>16}")
    ours_found, theirs_found = found(EXPECTED, our_forms), found(EXPECTED, theirs)
    print(
        f"{'expected terms found':22}{len(ours_found):>9}/{len(EXPECTED)}"
        f"{len(theirs_found):>13}/{len(EXPECTED)}"
    )
    print(f"{'time (s)':22}{ours_time:>12.3f}{theirs_time:>16.3f}")
    missed = [t for t in EXPECTED if t not in theirs_found]
    print(f"poterminology misses: {', '.join(missed)}")
    print(f"\ntop 30 side by side\n{'tmbuilder':40}poterminology")
    for i in range(30):
        left = ours[i].source if i < len(ours) else ""
        right = theirs[i] if i < len(theirs) else ""
        print(f"{left:40}{right}")


def corpus(size: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    base = [line.strip() for line in TREEBANK.read_text(encoding="utf-8").splitlines()]
    base = [line for line in base if line] + [s for _d, s in seed_sentences()]
    sentences = []
    for i in range(size):
        sentence = rng.choice(base)
        if i % 2:
            head, tail = sentence.split(), rng.choice(base).split()
            sentence = " ".join(head[: len(head) // 2] + tail[len(tail) // 2 :])
        sentences.append((f"doc{i // 50}", sentence))
    return sentences


def _cpu() -> float:
    """CPU seconds of this process and of its finished helper processes (the word tagger)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + helpers.ru_utime + helpers.ru_stime


def _extract(sentences: list[tuple[str, str]]) -> tuple[list[Term], float, float, float]:
    """What `tmbuilder build` runs: extract_terms then group_variants; the terms, each wall
    time, and the CPU time of both (helper process included)."""
    cpu = _cpu()
    start = time.perf_counter()
    terms = extract_terms(sentences)
    extracted = time.perf_counter()
    grouped = group_variants(terms, sentences)
    return grouped, extracted - start, time.perf_counter() - extracted, _cpu() - cpu


def speed(size: int) -> None:
    sentences = corpus(size)
    syllables = sum(len(s.split()) for _d, s in sentences)
    distinct = len({s for _d, s in sentences})
    load = os.getloadavg()
    terms, extract_time, group_time, cpu = _extract(sentences)
    elapsed = extract_time + group_time
    print(f"\nspeed: {size:,} sentences ({distinct:,} distinct), {syllables:,} syllables")
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 cores shared)")
    verdict = (
        f"budget 30 s for 100,000: {'ok' if elapsed <= 30 else 'OVER'}"
        if size >= 100_000
        else "(the 30 s budget is for --sentences 100000; time does not scale linearly)"
    )
    print(
        f"tmbuilder extract_terms + group_variants: {elapsed:.2f} s wall "
        f"({extract_time:.2f} + {group_time:.2f}; {size / elapsed:,.0f} sentences/s), "
        f"{cpu:.2f} s CPU (both processes), {len(terms):,} entries; {verdict}"
    )
    stages(sentences)
    peer_size = min(size, 10_000)
    sample = sentences[:peer_size]
    _terms, small_extract, small_group, _cpu_small = _extract(sample)
    ours_small = small_extract + small_group
    _terms_peer, theirs_small = poterminology([s for _d, s in sample])
    print(
        f"on {peer_size:,} sentences: tmbuilder {ours_small:.2f} s (variants grouped), "
        f"poterminology {theirs_small:.2f} s (process included): "
        f"ratio {theirs_small / ours_small:.1f}x"
    )


def stages(sentences: list[tuple[str, str]]) -> None:
    """CPU time per stage, in this process alone: words and tags of the distinct sentences
    (`tagged.analyse_many`), the rest of extract_terms, group_variants."""
    from tmbuilder.glossary import tagged

    distinct = list(dict.fromkeys(s for _d, s in sentences))
    start = time.process_time()
    tagged.analyse_many(distinct)
    words = time.process_time() - start
    parallel, tagged.PARALLEL_FROM = tagged.PARALLEL_FROM, len(sentences) + 1
    try:
        start = time.process_time()
        terms = extract_terms(sentences)
        extract = time.process_time() - start
    finally:
        tagged.PARALLEL_FROM = parallel
    start = time.process_time()
    group_variants(terms, sentences)
    group = time.process_time() - start
    print(
        f"CPU per stage, one process: words and tags {words:.2f} s, rest of extract_terms "
        f"{extract - words:.2f} s, group_variants {group:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--quality-only", action="store_true", help="skip the speed part")
    parser.add_argument("--speed-only", action="store_true", help="skip the quality part")
    args = parser.parse_args()
    if not args.speed_only:
        quality()
        from bench_terms_dev import report_dev_set

        for part in ("dev", "heldout"):
            report_dev_set(part)
    if not args.quality_only:
        speed(args.sentences)
    return 0


if __name__ == "__main__":
    sys.exit(main())
