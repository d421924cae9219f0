"""Run every benchmark in bench/ one after the other (`make bench`): each prints its ratios
against the peers named in its issue, measured in the same run.

    python bench/run_all.py [--quick]

--quick passes each benchmark its smaller size, for a check that they all still run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# benchmark -> arguments for a quick run
QUICK = {
    "bench_segment.py": ["--mb", "0.5"],
    "bench_build.py": ["--sentences", "10000"],
    "bench_draft.py": ["--n", "100"],
    "bench_fuzzy.py": ["--units", "50000", "--queries", "50", "--brute", "50"],
    "bench_open.py": ["--units", "50000"],
    "bench_tmx.py": ["--units", "20000"],
    "bench_terms.py": ["--sentences", "10000"],
    "bench_qa_pofilter.py": [],
    "bench_tui.py": ["--segments", "10000"],
    "bench_glossary_check.py": ["--units", "500", "--sample", "30"],
    "bench_qa_load.py": ["--segments", "5000"],
    "bench_glossary_import.py": ["--terms", "2000", "--line-mb", "5"],
    "bench_pg.py": ["--units", "20000", "--queries", "50", "--segments", "200"],
}


def main() -> int:
    quick = "--quick" in sys.argv
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        args = QUICK.get(script.name, []) if quick else []
        if subprocess.run([sys.executable, str(script), *args]).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
