"""Glossary import: time and peak memory of `glossary import` on a big OmegaT TSV, and of
refusing a one-line file (issue 14: 4,000 terms took 62 s, a 100 MB one-line TSV 2.26 GB).

    python bench/bench_glossary_import.py [--terms 20000] [--line-mb 100]

Runs `python -m tmbuilder glossary import` in a child process per case (this tree first on
PYTHONPATH) and reports its wall time and peak RSS as GNU time measures them (start-up
included: `python -m tmbuilder --help` alone takes about 0.8 s here). Peer: the
same file read by translate-toolkit's OmegaT glossary reader (`translate.storage.omegat`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of one child, as GNU time reports them, and its last
    line of output."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    timed = ["/usr/bin/time", "-f", "@@ %e %M", *args]
    done = subprocess.run(timed, capture_output=True, text=True, env=env, check=False)
    lines = (done.stdout + done.stderr).strip().splitlines()
    stats = next(line for line in reversed(lines) if line.startswith("@@ "))
    _, seconds, kilobytes = stats.split()
    out = [line for line in lines if not line.startswith(("@@ ", "Command exited"))]
    return float(seconds), int(kilobytes) / 1024, out[-1] if out else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=20000)
    parser.add_argument("--line-mb", type=int, default=100)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        glossary = root / "big.txt"
        glossary.write_text(
            "".join(f"thuật ngữ {i}\tterm {i}\tnote {i}\n" for i in range(options.terms)),
            encoding="utf-8",
        )
        project = root / "p"
        tool = [sys.executable, "-m", "tmbuilder", "glossary", "import"]
        seconds, peak, last = run([*tool, str(glossary), "-p", str(project)])
        print(f"import {options.terms:,} terms: {seconds:.2f} s, peak {peak:.0f} MB ({last})")
        seconds, peak, last = run([*tool, str(glossary), "-p", str(project)])
        print(f"again onto those terms: {seconds:.2f} s, peak {peak:.0f} MB ({last})")
        line = root / "line.txt"
        with open(line, "w", encoding="utf-8") as handle:
            chunk = "x" * (1024 * 1024)
            for _ in range(options.line_mb):
                handle.write(chunk)
            handle.write("\ty\n")
        seconds, peak, last = run([*tool, str(line), "-p", str(project)])
        print(f"{options.line_mb} MB one-line TSV: {seconds:.2f} s, peak {peak:.0f} MB ({last})")
        peer = (
            "import sys, time; from translate.storage.omegat import OmegaTFile;"
            "t = time.perf_counter(); f = OmegaTFile.parsefile(sys.argv[1]);"
            "print(len(f.units), 'units', round(time.perf_counter() - t, 2), 's')"
        )
        seconds, peak, last = run([sys.executable, "-c", peer, str(glossary)])
        print(f"translate-toolkit OmegaTFile: {seconds:.2f} s, peak {peak:.0f} MB ({last})")


if __name__ == "__main__":
    main()
