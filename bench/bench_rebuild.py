"""Rebuild after a one-line edit of a file of 20,000 repeated sentences (target: ≤ 5 s).

The file is D sentences of the seed articles repeated until it holds N sentences (by default
10, so every sentence occurs 2,000 times, as boilerplate lines do in real document sets).
Times, each in its own process with `--engine none`:
  1. the first `tmbuilder build` of the file,
  2. `tmbuilder build` after one line in the middle was edited (the re-sync aligns the old and
     new sentence lists; difflib took 31 s here),
and then, in this process, the store's `sync_document` of the edit alone, with the old
difflib alignment timed on the same lists for comparison.

    python bench/bench_rebuild.py [--sentences 20000] [--distinct 10]
"""

from __future__ import annotations

import argparse
import difflib
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

QUIET = "[build]\ndraft = false\nglossary = false\nexport = false\n"


def write_file(path: Path, n: int, distinct: int) -> list[str]:
    from tmbuilder.text.segment import Segmenter
    from tmbuilder.text.segment_rules import default_rules

    split = Segmenter(default_rules()).split
    pool = [
        s
        for seed in sorted((REPO / "seeds").glob("*.txt"))
        for line in seed.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for s in split(line.strip())
    ][:distinct]
    lines = []
    count = 0
    while count < n:
        para = [pool[(count + k) % len(pool)] for k in range(min(3, n - count))]
        lines.append(" ".join(para))
        count += len(para)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of a rebuild (CPU too: on a busy machine wall time is mostly
    waiting for a core)."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(
        [sys.executable, "-m", "tmbuilder", "build", "-p", str(root), "--engine", "none", "-q"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start, _cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--distinct", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "tmbuilder.toml").write_text(QUIET, encoding="utf-8")
        doc = root / "boilerplate.txt"
        lines = write_file(doc, args.sentences, args.distinct)
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "tmbuilder",
                "build",
                str(doc),
                "-p",
                str(root),
                "--engine",
                "none",
                "-q",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        first = time.perf_counter() - start
        lines[len(lines) // 2] = "Một dòng đã được sửa lại hoàn toàn. " + lines[len(lines) // 2]
        doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
        again, cpu = timed_build(root)
        print(f"{args.sentences:,} sentences, {args.distinct} distinct")
        print(f"first build:                {first:6.2f} s")
        print(f"rebuild after a 1-line edit: {again:6.2f} s, {cpu:.2f} s CPU (target ≤ 5 s)")

        from tmbuilder.project import Project
        from tmbuilder.store.align import match_sentences

        project = Project(root)
        old = [s.source for s in project.store.segments()]
        new = old[:]
        new[len(new) // 2] = "Một câu mới."
        start = time.perf_counter()
        match_sentences(old, new)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
        theirs = time.perf_counter() - start
        print(f"alignment alone: {ours * 1000:.1f} ms (difflib without autojunk: {theirs:.2f} s)")
        project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
