"""QA on unseen real pairs: false alarms and injected errors caught, tmbuilder next to pofilter.

Run:  python bench/bench_qa_dev.py

For the dev and held-out parts of tests/data/qa_dev (IWSLT tst2012, see its SOURCES.md), the
rest of the dev part (every other usable pair of its talks, correct pairs only) and the reviewed
seed memory, prints how many correct pairs raise a finding (a false alarm: any finding,
and errors only) and how many injected errors are caught (by any finding, and by an error),
for tmbuilder's QA and for translate-toolkit's pofilter running its comparable checks (numbers,
endpunc, brackets, doublequoting, doublespacing, start/endwhitespace, doublewords, startcaps,
long, short, unchanged, acronyms, urls, emails, xmltags) on the same pairs. pofilter sees inline
codes in their short form (`<g1>`), as a PO file would carry them. Targets (issue 17): false
alarms ≤ 3% of correct pairs with ≥ 29/30 injected errors caught.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table
from translate.filters import checks as tt_checks

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_qa_seed_pairs import SEED_PAIRS
from tmbuilder.inline import render
from tmbuilder.qa.checks import QaUnit, check_unit, has_errors

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "qa_dev"
POFILTER_CHECKS = [
    *("numbers", "endpunc", "brackets", "doublequoting", "doublespacing", "startwhitespace"),
    *("endwhitespace", "doublewords", "startcaps", "long", "short", "unchanged", "acronyms"),
    *("urls", "emails", "xmltags"),
]

Pair = tuple[str, str]


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def ours(pairs: list[Pair]) -> tuple[list[bool], list[bool], Counter[str]]:
    """Per pair: any finding, an error finding; and findings by check."""
    anything, errors, by_check = [], [], Counter[str]()
    for i, (source, target) in enumerate(pairs):
        found = check_unit(QaUnit(i, source, target))
        anything.append(bool(found))
        errors.append(has_errors(found))
        by_check.update({f.check for f in found})
    return anything, errors, by_check


def pofilter(pairs: list[Pair]) -> tuple[list[bool], Counter[str]]:
    """Per pair: whether any comparable pofilter check fails; and failures by check."""
    checker = tt_checks.StandardChecker()
    flags, by_check = [], Counter[str]()
    for source, target in pairs:
        failed = set()
        for name in POFILTER_CHECKS:
            try:
                getattr(checker, name)(render(source), render(target))
            except tt_checks.FilterFailure:
                failed.add(name)
        flags.append(bool(failed))
        by_check.update(failed)
    return flags, by_check


def _pct(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.1f}%)" if total else "-"


def main() -> None:
    console = Console()
    sets: dict[str, tuple[list[Pair], list[Pair]]] = {
        "seeds (reviewed)": (SEED_PAIRS, []),
    }
    for part in ("dev", "heldout"):
        correct = [(r["source"], r["target"]) for r in _rows(f"correct_{part}.tsv")]
        errors = [(r["source"], r["target"]) for r in _rows(f"errors_{part}.tsv")]
        sets[f"tst2012 {part}"] = (correct, errors)
        if part == "dev":
            rest = [(r["source"], r["target"]) for r in _rows("correct_dev_rest.tsv")]
            sets["tst2012 dev, rest"] = (rest, [])

    table = Table(title="QA on correct pairs and injected errors: tmbuilder vs pofilter")
    for column in (
        "set",
        "false alarms, tmbuilder any",
        "tmbuilder errors",
        "pofilter",
        "caught, tmbuilder any",
        "tmbuilder errors",
        "pofilter",
    ):
        table.add_column(column, justify="right")
    details = []
    for name, (correct, errors) in sets.items():
        c_any, c_err, c_checks = ours(correct)
        c_po, po_checks = pofilter(correct)
        e_any, e_err, _ = ours(errors)
        e_po, _ = pofilter(errors)
        table.add_row(
            name,
            _pct(sum(c_any), len(correct)),
            _pct(sum(c_err), len(correct)),
            _pct(sum(c_po), len(correct)),
            _pct(sum(e_any), len(errors)),
            _pct(sum(e_err), len(errors)),
            _pct(sum(e_po), len(errors)),
        )
        details.append((name, c_checks, po_checks))
    console.print(table)
    for name, c_checks, po_checks in details:
        console.print(
            f"{name}: false alarms by check — tmbuilder {dict(c_checks.most_common())}; "
            f"pofilter {dict(po_checks.most_common())}"
        )


if __name__ == "__main__":
    main()
