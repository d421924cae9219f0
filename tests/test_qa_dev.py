"""QA on unseen real pairs: the targets of issue 17 on the dev part of tests/data/qa_dev.

Correct pairs are published IWSLT tst2012 translations; injected errors are realistic slips made
by rule (tests/data/qa_dev/SOURCES.md). The held-out part is measured in bench/bench_qa_dev.py,
never asserted or tuned on here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tmbuilder.qa.checks import QaUnit, check_unit

DATA = Path(__file__).parent / "data" / "qa_dev"
MAX_FALSE_ALARM_RATE = 0.03
MIN_CAUGHT = 29


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def flagged(row: dict[str, str]) -> bool:
    return bool(check_unit(QaUnit(int(row["line"]), row["source"], row["target"])))


def test_dev_set_is_what_sources_md_describes() -> None:
    correct, errors = rows("correct_dev.tsv"), rows("errors_dev.tsv")
    assert len(correct) == 200 and len(errors) == 30
    assert all(1 <= int(r["line"]) <= 776 for r in correct + errors)
    held = rows("correct_heldout.tsv") + rows("errors_heldout.tsv")
    assert all(777 <= int(r["line"]) <= 1553 for r in held)
    kinds = {r["kind"] for r in errors}
    assert {"number-changed", "measured-number-dropped", "code-dropped", "untranslated"} <= kinds


def test_false_alarms_on_correct_dev_pairs_within_target() -> None:
    correct = rows("correct_dev.tsv")
    alarms = [r["line"] for r in correct if flagged(r)]
    assert len(alarms) <= MAX_FALSE_ALARM_RATE * len(correct), alarms


def test_false_alarms_on_the_rest_of_the_dev_part_within_target() -> None:
    rest = rows("correct_dev_rest.tsv")
    assert len(rest) > 500 and all(1 <= int(r["line"]) <= 776 for r in rest)
    alarms = [r["line"] for r in rest if flagged(r)]
    assert len(alarms) <= MAX_FALSE_ALARM_RATE * len(rest), alarms


def test_injected_dev_errors_are_caught() -> None:
    errors = rows("errors_dev.tsv")
    missed = [(r["kind"], r["change"]) for r in errors if not flagged(r)]
    assert len(errors) - len(missed) >= MIN_CAUGHT, missed


@pytest.mark.parametrize("kind", ["number-changed", "measured-number-dropped", "code-dropped"])
def test_each_error_kind_is_reported_by_its_check(kind: str) -> None:
    expected = {
        "number-changed": "number-mismatch",
        "measured-number-dropped": "number-mismatch",
        "code-dropped": "inline-codes",
    }[kind]
    for row in rows("errors_dev.tsv"):
        if row["kind"] == kind:
            unit = QaUnit(int(row["line"]), row["source"], row["target"])
            assert expected in {f.check for f in check_unit(unit)}, row["change"]
