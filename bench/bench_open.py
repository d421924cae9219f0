"""Opening a big project: time and peak RSS to the first fuzzy answer, the index rebuilt per
process (before issue 16) against the index stored with the project (tm/persist), same run.

    python bench/bench_open.py                    # 1,000,000 memory units
    python bench/bench_open.py --units 50000      # quick check

The memory is bench_fuzzy.py's real-shaped one (real Vietnamese sentences recombined and
edited), imported through SqliteStore.add_memory into a fresh project. Each measurement is a
fresh `python` process (so nothing is shared but the OS page cache, warm here: the files were
just written), timed from opening the store to the first answer of a fuzzy query, with its
peak RSS (VmHWM) and, after its lookups, how much of its RSS is private memory and how much
pages of mapped files (page cache, shared between processes and dropped under pressure):

  rebuild   what every process did before: FuzzyIndex over all memory keys, then the lookup
  stored    Leverage as now: map the stored index, look up (first answer), then 20 more
  cli       the whole `python -m tmbuilder search TEXT` command (interpreter and imports too),
            next to `python -m tmbuilder --version` for what Python and click cost alone

Target (issue 16): a project with 1,000,000 units answers its first search in <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_fuzzy import CorpusMaker, load_sentences  # noqa: E402

from tmbuilder.model import MemoryUnit  # noqa: E402
from tmbuilder.store.sqlite import SqliteStore  # noqa: E402
from tmbuilder.tm.persist import refresh_memory_index  # noqa: E402

MODES = ("rebuild", "stored")
_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from tmbuilder.langtags import LangPair
from tmbuilder.store.sqlite import SqliteStore
from tmbuilder.tm.index import FuzzyIndex
from tmbuilder.tm.leverage import Leverage
mode, path, queries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
t1 = time.perf_counter()
store = SqliteStore(__import__("pathlib").Path(path))
leverage = Leverage(store, pair=LangPair())
if mode == "rebuild":
    index = FuzzyIndex()
    index.add_many(store.memory_keys(LangPair()))
    leverage._index = index
first = leverage.lookup(queries[0])
t2 = time.perf_counter()
more, answered = [], int(bool(first))
for q in queries[1:]:
    s = time.perf_counter()
    answered += bool(leverage.lookup(q))
    more.append(time.perf_counter() - s)
status = {l.split(":")[0]: l.split()[1] for l in open("/proc/self/status") if "kB" in l}
hwm = status["VmHWM"]
print(json.dumps({"file_mb": int(status["RssFile"]) / 1024,
                  "anon_mb": int(status["RssAnon"]) / 1024, "first": t2 - t1, "imports": t1 - t0,
                  "answered": answered,
                  "next_median": sorted(more)[len(more) // 2] if more else 0.0,
                  "rss": int(hwm) / 1024}))
"""


# `python -m tmbuilder ARGS`, then its peak RSS on stderr (VmHWM: ru_maxrss survives exec,
# so a child forked from this big process would report this process's peak)
_CLI = r"""
import runpy, sys
sys.argv = ["tmbuilder", *sys.argv[1:]]
try:
    runpy.run_module("tmbuilder", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
print(f"RSS {int(hwm) / 1024:.0f}", file=sys.stderr)
sys.exit(code)
"""


def _cli(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one tmbuilder command in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CLI, *args], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    rss = float(done.stderr.strip().splitlines()[-1].split()[1])
    return wall, rss


def _run(args: list[str]) -> dict[str, float]:
    """What one child process reports (see _CHILD)."""
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    got: dict[str, float] = json.loads(done.stdout)
    return got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    args = parser.parse_args()

    maker = CorpusMaker(load_sentences(), seed=7)
    keys = list(maker.memory(args.units))
    # memory units with 1-3 word edits: fuzzy matches, the lookups that need the index
    queries = [maker.edit(maker.rng.choice(keys), maker.rng.randint(1, 3)) for _ in range(21)]
    with tempfile.TemporaryDirectory(prefix="bench_open_") as temp:
        root = Path(temp)
        (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
        db = root / ".tmbuilder" / "project.db"
        store = SqliteStore(db)
        start = time.perf_counter()
        store.add_memory(
            (MemoryUnit(k, f"translation {i}") for i, k in enumerate(keys)), "bench.tmx"
        )
        imported = time.perf_counter() - start
        start = time.perf_counter()
        refresh_memory_index(store.memory_db, store.path)
        indexed = time.perf_counter() - start
        store.close()
        del keys
        files = sum(p.stat().st_size for p in (root / ".tmbuilder" / "fuzzy").glob("*.npy"))
        print(
            f"{args.units:,} units: import {imported:.1f} s, storing the index {indexed:.1f} s "
            f"(once, at import), {files / 2**20:.0f} MB of index files, "
            f"project.db {db.stat().st_size / 2**20:.0f} MB"
        )
        py = [sys.executable, "-c", _CHILD]
        got = {mode: _run([*py, mode, str(db), json.dumps(queries)]) for mode in MODES}
        for mode, row in got.items():
            print(
                f"  {mode:8} open to first answer {row['first']:6.2f} s"
                f"   peak RSS {row['rss']:6.0f} MB (at the end {row['anon_mb']:.0f} MB private,"
                f" {row['file_mb']:.0f} MB mapped files)"
                f"   next lookups median {row['next_median'] * 1e3:6.1f} ms"
                f"   ({row['answered']:.0f} of {len(queries)} lookups found matches)"
            )
        version, version_rss = _cli(["--version"])
        cli, cli_rss = _cli(["search", queries[0], "-p", str(root)])
        print(
            f"  cli      `tmbuilder search` whole command {cli:5.2f} s, peak RSS {cli_rss:.0f} MB"
            f"   (`tmbuilder --version`: {version:.2f} s, {version_rss:.0f} MB)"
        )
        before, after = got["rebuild"], got["stored"]
        print(
            f"  first answer {before['first'] / after['first']:.0f}x sooner, peak RSS "
            f"{before['rss'] / after['rss']:.1f}x smaller; target <= 1 s: "
            f"{'met' if after['first'] <= 1.0 else 'MISSED'} ({after['first']:.2f} s)"
        )


if __name__ == "__main__":
    main()
