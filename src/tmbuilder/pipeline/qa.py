"""QA flow: run the checks over the project's translated segments."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from tmbuilder.project import Project


@dataclass(frozen=True)
class QaReport:
    findings: list  # type: ignore[type-arg]  # list[tmbuilder.qa.checks.Finding]
    units: list  # type: ignore[type-arg]  # list[tmbuilder.qa.checks.QaUnit]


def qa_units(project: Project) -> list:  # type: ignore[type-arg]
    from tmbuilder.qa.checks import QaUnit

    paths = {d.id: d.path for d in project.store.documents()}
    return [
        QaUnit(s.id, s.source, s.target, str(s.status), paths.get(s.document_id, ""))
        for s in project.store.segments()
    ]


def run_qa(project: Project, *, disabled: Collection[str] | None = None) -> QaReport:
    """Every check, per segment and project-wide, minus those switched off in the config."""
    from tmbuilder.qa.checks import check_project

    units = qa_units(project)
    off = set(project.config.qa.disabled) | set(disabled or ())
    findings = check_project(units, terms=project.store.terms(), disabled=off)
    return QaReport(findings, units)
