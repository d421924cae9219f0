"""tmbuilder's number check against translate-toolkit's pofilter `numbers` check, same units.

Run:  python bench/bench_qa_pofilter.py [--repeat N]

Prints, for the Vietnamese/English number cases of tests/test_qa_pofilter.py and the reviewed
seed memory of tests/test_qa_seed_pairs.py, what each tool says next to what is true, then the
false alarms, misses and the time per unit of both tools measured in this run (pofilter through
its in-process StandardChecker, which is what the pofilter command runs per unit).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_qa_pofilter import NUMBER_CASES, checker_flags, tmbuilder_flags
from test_qa_seed_pairs import SEED_PAIRS
from tmbuilder.qa.checks import QaUnit, check_unit
from tmbuilder.qa.number_compare import compare_numbers
from tmbuilder.qa.registry import all_checks

Pairs = list[tuple[str, str]]


def _verdict(flag: bool, wrong: bool) -> str:
    if flag and wrong:
        return "[green]caught[/green]"
    if flag:
        return "[red]false alarm[/red]"
    return "[red]missed[/red]" if wrong else "[green]ok[/green]"


def _our_numbers(pairs: Pairs) -> list[bool]:
    return [not compare_numbers(source, target).ok for source, target in pairs]


def _all_our_checks(pairs: Pairs) -> list[bool]:
    return [bool(check_unit(QaUnit(i, s, t))) for i, (s, t) in enumerate(pairs)]


def _seconds_per_unit(run: Callable[[Pairs], list[bool]], pairs: Pairs, repeat: int) -> float:
    best = float("inf")
    for _ in range(3):  # best of three: the machine is shared
        start = time.perf_counter()
        for _ in range(repeat):
            run(pairs)
        best = min(best, time.perf_counter() - start)
    return best / (repeat * len(pairs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timing repetitions (default 20)")
    args = parser.parse_args()
    console = Console()

    pairs = [(s, t) for s, t, _ in NUMBER_CASES]
    wrong = [not ok for _, _, ok in NUMBER_CASES]
    ours, theirs = tmbuilder_flags(pairs), checker_flags(pairs)
    table = Table(title="Number check on the same units: pofilter vs tmbuilder", show_lines=True)
    for column in ("Vietnamese source", "English target", "truth", "pofilter", "tmbuilder"):
        table.add_column(column, overflow="fold")
    for (source, target), bad, them, us in zip(pairs, wrong, theirs, ours, strict=True):
        truth = "wrong" if bad else "correct"
        table.add_row(source, target, truth, _verdict(them, bad), _verdict(us, bad))
    console.print(table)

    seed_ours, seed_theirs = tmbuilder_flags(SEED_PAIRS), checker_flags(SEED_PAIRS)
    totals = Table(title="Totals")
    for column in ("", "pofilter", "tmbuilder"):
        totals.add_column(column, justify="right")

    def count(flags: list[bool], want_flag: bool, want_wrong: bool) -> int:
        return sum(f == want_flag and w == want_wrong for f, w in zip(flags, wrong, strict=True))

    n_wrong, n_ok = sum(wrong), len(wrong) - sum(wrong)
    totals.add_row(
        f"wrong numbers caught (of {n_wrong})",
        str(count(theirs, True, True)),
        str(count(ours, True, True)),
    )
    totals.add_row(
        f"false alarms on correct cases (of {n_ok})",
        str(count(theirs, True, False)),
        str(count(ours, True, False)),
    )
    totals.add_row(
        f"false alarms on the reviewed seed memory (of {len(SEED_PAIRS)})",
        str(sum(seed_theirs)),
        str(sum(seed_ours)),
    )
    every = pairs + SEED_PAIRS
    theirs_t = _seconds_per_unit(checker_flags, every, args.repeat)
    ours_t = _seconds_per_unit(_our_numbers, every, args.repeat)
    all_t = _seconds_per_unit(_all_our_checks, every, args.repeat)
    totals.add_row("µs per unit, number check", f"{theirs_t * 1e6:.0f}", f"{ours_t * 1e6:.0f}")
    per_segment = sum(not info.project_wide for info in all_checks())
    totals.add_row(f"µs per unit, all {per_segment} per-segment checks", "", f"{all_t * 1e6:.0f}")
    console.print(totals)
    console.print(
        f"number check time per unit, tmbuilder/pofilter: {ours_t / theirs_t:.1f}x "
        f"({len(every)} units x {args.repeat} repetitions, best of 3)"
    )


if __name__ == "__main__":
    main()
