"""`tmbuilder qa` on 100,000 segments in every output format (target: ≤ 15 s and ≤ 500 MB each).

Builds a project store of N segments from the reviewed seed pairs of tests/test_qa_seed_pairs.py
(real sentences and their reviewed translations), recombined: each segment's number varies, and
a share of the targets carry the slips QA exists for (a dropped or changed number, a double
space, a missing final stop, an untranslated segment), so the report has tens of thousands of
findings. Then times `tmbuilder qa --format F` for table (to stdout, redirected to a file), json
and html (to `-o`), each in its own process, and reports wall time, CPU time (the qa process
and its helper: on a busy machine wall time is mostly waiting for a core) and peak memory (the
largest ru_maxrss of the processes).

    python bench/bench_qa_load.py [--segments 100000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from test_qa_seed_pairs import SEED_PAIRS  # noqa: E402
from tmbuilder.model import SourceDocument, Status  # noqa: E402
from tmbuilder.store.base import NewSegment, UnitChange  # noqa: E402
from tmbuilder.store.sqlite import SqliteStore  # noqa: E402
from tmbuilder.text.normalize import match_key  # noqa: E402

_MEASURE = """
import resource, subprocess, sys, time
out = open(sys.argv[1], "wb")
start = time.perf_counter()
code = subprocess.run(sys.argv[2:], stdout=out).returncode
took = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(f"{took:.2f} {usage.ru_maxrss / 1024:.0f} {code} {cpu:.2f}")
"""


def _slip(rng: random.Random, source: str, target: str, i: int) -> tuple[str, str]:
    """A seed pair numbered i, and now and then a target with a typical slip."""
    source = f"{source} (mục {i})"
    target = f"{target} (item {i})"
    roll = rng.random()
    if roll < 0.10:
        target = target.replace(f"item {i}", f"item {i + 1}")  # wrong number
    elif roll < 0.15:
        target = target.replace(" ", "  ", 1)  # double space
    elif roll < 0.20:
        target = target.rstrip(".)") + ")"
    elif roll < 0.25:
        target = ""  # untranslated
    return source, target


def build_store(root: Path, n: int, per_doc: int = 5000) -> None:
    rng = random.Random(14)
    store = SqliteStore(root / ".tmbuilder" / "project.db")
    made = 0
    doc_no = 0
    while made < n:
        count = min(per_doc, n - made)
        pairs = [
            _slip(rng, *SEED_PAIRS[(made + k) % len(SEED_PAIRS)], made + k) for k in range(count)
        ]
        segments = [NewSegment(k // 4, k % 4, s, match_key(s)) for k, (s, _) in enumerate(pairs)]
        doc = SourceDocument(f"doc{doc_no:03d}.txt", "txt", "utf-8", f"h{doc_no}", ())
        store.sync_document(doc, segments, "rules")
        ids = [s.id for s in store.segments(document_id=store.document(doc.path).id)]  # type: ignore[union-attr]
        store.update_units(
            UnitChange(seg_id, t, Status.TRANSLATED if t else Status.NEW, "human", "bench")
            for seg_id, (_, t) in zip(ids, pairs, strict=True)
        )
        made += count
        doc_no += 1
    store.close()


def measure(root: Path, fmt: str) -> tuple[float, float, int, float]:
    out = root / f"report.{fmt}"
    command = [sys.executable, "-m", "tmbuilder", "qa", "-p", str(root), "--format", fmt]
    if fmt != "table":
        command += ["-o", str(out)]
    line = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(root / f"stdout.{fmt}"), *command],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(line[0]), float(line[1]), int(line[2]), float(line[3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        build_store(root, args.segments)
        print(f"store of {args.segments:,} segments built in {time.perf_counter() - start:.1f} s")
        worst = 0.0
        for fmt in ("table", "json", "html"):
            took, rss, code, cpu = measure(root, fmt)
            worst = max(worst, took)
            size = sum(p.stat().st_size for p in root.glob(f"*.{fmt}")) / 1e6
            print(
                f"qa --format {fmt:5}: {took:6.2f} s ({cpu:.1f} s CPU), peak {rss:6.0f} MB, "
                f"exit {code}, report {size:.1f} MB"
            )
        print(f"slowest format: {worst:.2f} s (target ≤ 15 s, ≤ 500 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
