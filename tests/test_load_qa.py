"""QA at scale: the two-process check gives the one-process findings; reports stream.

Speed itself is measured in bench/bench_qa_load.py, never asserted here.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from test_qa_seed_pairs import SEED_PAIRS
from tmbuilder.cli import main
from tmbuilder.model import SourceDocument, Status, Term, TermStatus
from tmbuilder.pipeline import qa as qa_flow
from tmbuilder.qa.checks import QaUnit, check_project
from tmbuilder.qa.report import to_json, write_json, write_table
from tmbuilder.store.base import NewSegment, UnitChange
from tmbuilder.store.sqlite import SqliteStore


def _units() -> list[QaUnit]:
    """Real reviewed pairs, repeated with changes so every kind of finding appears: slips,
    untranslated units, and repeated sources translated two ways (project-wide checks)."""
    units = []
    for i in range(3 * len(SEED_PAIRS)):
        source, target = SEED_PAIRS[i % len(SEED_PAIRS)]
        if i % 7 == 3:
            target = target.replace(" ", "  ", 1)
        if i % 11 == 5:
            target = ""
        if i >= len(SEED_PAIRS) and i % 5 == 0:
            target = "Another rendering: " + target  # the same source translated two ways
        units.append(QaUnit(i + 1, source, target, "translated" if target else "new", "d.txt"))
    return units


TERMS = [Term("Tổng Bí thư", "General Secretary", TermStatus.APPROVED)]


@pytest.mark.parametrize("disabled", [set(), {"length-ratio", "inconsistent-target"}])
def test_two_processes_find_what_one_finds_in_the_same_order(disabled: set[str]) -> None:
    units = _units()
    one = check_project(units, terms=TERMS, disabled=disabled)
    assert {f.check for f in one} >= {"untranslated", "double-space"}
    assert any(f.check.startswith("inconsistent-") for f in one)
    assert len({(u.source, u.target) for u in units}) < len(units)  # repeats, checked once
    assert qa_flow.check_all(units, TERMS, disabled, parallel=True) == one
    assert qa_flow.check_all(units, TERMS, disabled, parallel=False) == one


def test_a_failed_helper_is_recovered_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import tmbuilder.workers as workers

    real = workers.start_helper
    monkeypatch.setattr(workers, "start_helper", lambda module: real("tmbuilder.no_such_worker"))
    units = _units()
    assert qa_flow.check_all(units, TERMS, set(), parallel=True) == check_project(
        units, terms=TERMS
    )


def test_table_is_one_line_per_finding_even_with_line_breaks_in_targets() -> None:
    units = [QaUnit(1, "Năm 2025 có 10 tỷ USD.", "In 2024\nthere\u2028were  10 billion")]
    found = check_project(units)
    out = io.StringIO()
    write_table(found, units, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 + len(found) + 1
    assert lines[-1].startswith("1 error(s)")
    assert all("\u2028" not in line for line in lines)


def test_streamed_json_is_the_json_report() -> None:
    units = _units()
    found = check_project(units)
    out = io.StringIO()
    write_json(found, units, out)
    data = json.loads(out.getvalue())
    assert data == json.loads(to_json(found, units))
    assert len(data["findings"]) == len(found)
    assert json.loads(to_json([], units))["findings"] == []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    store = SqliteStore(tmp_path / ".tmbuilder" / "project.db")
    units = _units()
    doc = SourceDocument("d.txt", "txt", "utf-8", "h", ())
    store.sync_document(
        doc, [NewSegment(i, 0, u.source, u.source.casefold()) for i, u in enumerate(units)], "r"
    )
    ids = [s.id for s in store.segments()]
    store.update_units(
        UnitChange(seg_id, u.target, Status.TRANSLATED, "human", "t")
        for seg_id, u in zip(ids, units, strict=True)
        if u.target
    )
    store.close()
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "json", "html"])
def test_qa_command_writes_every_format_to_stdout_and_to_a_file(project: Path, fmt: str) -> None:
    runner = CliRunner()
    to_stdout = runner.invoke(main, ["qa", "-p", str(project), "--format", fmt])
    assert to_stdout.exit_code == 1, to_stdout.output  # the untranslated units are errors
    target = project / f"report.{fmt}"
    to_file = runner.invoke(main, ["qa", "-p", str(project), "--format", fmt, "-o", str(target)])
    assert to_file.exit_code == 1
    written = target.read_text(encoding="utf-8")
    assert written.strip() == to_stdout.stdout.strip()
    count = int(to_stdout.stderr.split()[0])  # "N findings, M errors"
    if fmt == "json":
        assert len(json.loads(written)["findings"]) == count
    elif fmt == "html":
        page = lxml.html.fromstring(written)
        assert len(page.xpath("//div[@class='segment']//li")) == count
    else:
        assert len(written.splitlines()) == count + 3
