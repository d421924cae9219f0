"""Sentence segmentation: throughput and boundary F1 of tmbuilder against its peers.

    python bench/bench_segment.py [--mb 5] [--repeat 3]     # throughput
    python bench/bench_segment.py --quality                 # boundary F1 per genre

Quality: boundary precision / recall / F1 (whitespace-free offsets, as ../shared/eval/seg_eval.py
counts them) on the genres of tests/data/seg_dev/ (its `dev` part, which the rules may be tuned
on, and its `heldout` part, which they never are), for tmbuilder, the plain regex baseline and
underthesea's `sent_tokenize`; then the UD_Vietnamese-VTB figure of seg_eval.py for
`tmbuilder segment -`, and English (tests/data/seg_dev_en/) with tmbuilder's English rules.

The text is the treebank evaluation paragraphs plus the seed paragraphs, repeated to about
`--mb` megabytes of UTF-8. Each segmenter splits every paragraph; the best of `--repeat` runs
counts. Throughput is UTF-8 bytes of input per second on one core. Peers:

* underthesea `sent_tokenize` (pip install underthesea), skipped with a note if missing;
* a plain regex splitter: after `.!?…` and whitespace, before an upper-case letter (the
  baseline of the evaluation README).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tmbuilder.text.segment import Segmenter

REPO = Path(__file__).resolve().parent.parent
GOLD_PARAGRAPHS = next(
    (
        p / "shared" / "eval" / "ud_vi_vtb" / "paragraphs.txt"
        for p in REPO.parents
        if (p / "shared" / "eval" / "ud_vi_vtb" / "paragraphs.txt").exists()
    ),
    REPO.parent / "shared" / "eval" / "ud_vi_vtb" / "paragraphs.txt",
)

_UPPER = "".join(chr(c) for c in range(0x10000) if chr(c).isupper())
_PLAIN = re.compile(f"(?<=[.!?…])\\s+(?=[{re.escape(_UPPER)}])")


def plain_regex_split(paragraph: str) -> list[str]:
    """The naive baseline: split after terminal punctuation before a capital."""
    return _PLAIN.split(paragraph)


def load_paragraphs(target_bytes: int) -> list[str]:
    sources = sorted((REPO / "seeds").glob("*.txt"))
    if GOLD_PARAGRAPHS.exists():
        sources.append(GOLD_PARAGRAPHS)
    else:
        print(f"note: {GOLD_PARAGRAPHS} not found, using the seeds only")
    base = [
        line for path in sources for line in path.read_text("utf-8").splitlines() if line.strip()
    ]
    size = sum(len(p.encode()) + 1 for p in base)
    return base * max(1, round(target_bytes / size))


def measure(
    split: Callable[[str], list[str]], paragraphs: list[str], repeat: int
) -> tuple[float, int]:
    """Best wall time over `repeat` runs, and the number of sentences produced."""
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = sum(len(split(p)) for p in paragraphs)
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the text in MB (UTF-8)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per segmenter; best counts")
    parser.add_argument("--quality", action="store_true", help="boundary F1 per genre instead")
    args = parser.parse_args()
    if args.quality:
        from bench_segment_quality import report

        return report()

    paragraphs = load_paragraphs(int(args.mb * 1_000_000))
    nbytes = sum(len(p.encode()) + 1 for p in paragraphs)
    print(f"text: {len(paragraphs)} paragraphs, {nbytes / 1e6:.2f} MB UTF-8")

    segmenter = Segmenter()
    peers: list[tuple[str, Callable[[str], list[str]]]] = [
        ("tmbuilder Segmenter", segmenter.split),
        ("plain regex splitter", plain_regex_split),
    ]
    try:
        from underthesea import sent_tokenize

        sent_tokenize("Khởi động. Xong.")  # loads its model outside the timing
        peers.append(("underthesea sent_tokenize", sent_tokenize))
    except ImportError:
        print("note: underthesea is not installed (pip install underthesea); peer skipped")

    results: dict[str, float] = {}
    for name, split in peers:
        seconds, sentences = measure(split, paragraphs, args.repeat)
        results[name] = nbytes / 1e6 / seconds
        print(f"{name:28} {results[name]:8.2f} MB/s  {seconds:6.2f} s  {sentences} sentences")

    ours = results["tmbuilder Segmenter"]
    for name, speed in results.items():
        if name != "tmbuilder Segmenter":
            print(f"tmbuilder / {name}: {ours / speed:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
