"""QA flow: run the checks over the project's translated segments.

The per-segment checks cost about half a millisecond a segment (reading every number of both
sides is most of it), so each distinct (source, target, status) is checked once, and on a big
project a helper process on another core checks the second half of them while this process
checks the first; the project-wide checks, which need every unit, run here. The findings
are those of one `check_project` over all units, in the same order (tested).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tmbuilder.project import Project

if TYPE_CHECKING:
    from tmbuilder.model import Term
    from tmbuilder.qa.checks import Finding, QaUnit

PARALLEL_UNITS = 4000
"""Fewer units than this are checked in one process: a helper takes 0.3 s to start."""
PARENT_SHARE = 45
"""Percent of the distinct units this process checks itself when a helper takes the rest."""


@dataclass(frozen=True)
class QaReport:
    findings: list[Finding]
    units: list[QaUnit]


def qa_units(project: Project) -> list[QaUnit]:
    from tmbuilder.qa.checks import QaUnit

    paths = {d.id: d.path for d in project.store.documents()}
    return [
        QaUnit(s.id, s.source, s.target, str(s.status), paths.get(s.document_id, ""))
        for s in project.store.segments()
    ]


def run_qa(project: Project, *, disabled: Collection[str] | None = None) -> QaReport:
    """Every check, per segment and project-wide, minus those switched off in the config."""
    units = qa_units(project)
    off = set(project.config.qa.disabled) | set(disabled or ())
    findings = check_all(units, project.store.terms(), off)
    return QaReport(findings, units)


def check_all(
    units: Sequence[QaUnit],
    terms: Sequence[Term],
    disabled: Collection[str],
    *,
    parallel: bool | None = None,
) -> list[Finding]:
    """`check_project(units, ...)`: the same findings in the same order, computed once per
    distinct (source, target, status) and on two cores when there are two and enough units."""
    from tmbuilder.qa.checks import check_project
    from tmbuilder.qa.registry import all_checks

    project_wide = {c.id for c in all_checks() if c.project_wide}
    per_segment_only = set(disabled) | project_wide
    # Repeated segments (boilerplate, a sentence in many documents) are checked once.
    first: dict[tuple[str, str, str], QaUnit] = {}
    for unit in units:
        first.setdefault((unit.source, unit.target, unit.status), unit)
    distinct = list(first.values())
    if parallel is None:
        parallel = len(distinct) >= PARALLEL_UNITS and (os.cpu_count() or 1) > 1
    # The project-wide checks, over every unit: every other check switched off.
    only_project = {c.id for c in all_checks()} - (project_wide - set(disabled))
    project_found: list[Finding] | None = None
    if parallel:
        # This process also runs the project-wide checks over every unit (about a tenth of
        # the per-segment work) and the report: the helper takes the larger share.
        half = len(distinct) * PARENT_SHARE // 100
        helper = _TailChecks(distinct[half:], terms, per_segment_only)
        try:
            found = check_project(distinct[:half], terms=terms, disabled=per_segment_only)
            # ... run here while the helper may still be checking its share.
            project_found = check_project(units, terms=(), disabled=only_project)
            tail_found = helper.result()
        finally:
            helper.stop()
        if tail_found is None:  # the helper failed: check its share here
            tail_found = check_project(distinct[half:], terms=terms, disabled=per_segment_only)
        found.extend(tail_found)
    else:
        found = check_project(distinct, terms=terms, disabled=per_segment_only)
    by_checked: dict[int, list[Finding]] = {}
    for finding in found:
        by_checked.setdefault(finding.segment_id, []).append(finding)
    per_segment: dict[int, list[Finding]] = {}
    for unit in units:
        checked = first[(unit.source, unit.target, unit.status)]
        own = by_checked.get(checked.segment_id, [])
        if checked is not unit:
            own = [replace(f, segment_id=unit.segment_id) for f in own]
        per_segment.setdefault(unit.segment_id, []).extend(own)
    if project_found is None:
        project_found = check_project(units, terms=(), disabled=only_project)
    for finding in project_found:
        per_segment.setdefault(finding.segment_id, []).append(finding)
    return [f for findings in per_segment.values() for f in findings]


class _TailChecks:
    """The helper process checking a share of the units (workers/qa_checks.py)."""

    def __init__(self, units: Sequence[QaUnit], terms: Sequence[Term], disabled: set[str]):
        from tmbuilder.workers import start_helper

        self._proc = None
        try:
            self._proc = start_helper("tmbuilder.workers.qa_checks")
            assert self._proc.stdin is not None
            job = (list(units), list(terms), disabled)
            self._proc.stdin.write(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            self._proc.stdin.close()
        except (OSError, ValueError):  # could not start it, or it died at once
            self.stop()

    def result(self) -> list[Finding] | None:
        proc = self._proc
        if proc is None or proc.stdout is None:
            return None
        try:
            data = proc.stdout.read()
            proc.wait()
            if proc.returncode != 0:
                return None
            found: list[Finding] = pickle.loads(data)
            return found
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        finally:
            self.stop()

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._proc = None
