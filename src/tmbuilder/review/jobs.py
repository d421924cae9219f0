"""Long work the review UI starts from its command palette: exports, QA, drafting.

Each job is a plain function over a Project that calls the same pipeline flow as the CLI and
returns a one-line summary. The UI runs it in a worker thread with a Project of its own (its own
SQLite connection: a connection's transactions must not be shared between threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tmbuilder.events import Sink

if TYPE_CHECKING:
    from tmbuilder.project import Project


@dataclass(frozen=True)
class JobResult:
    summary: str
    reload: bool = False  # segments changed: the review rows must be re-read
    findings: list[Any] = field(default_factory=list)  # QA findings, for the QA filter


JobFunction = Callable[["Project", Sink, threading.Event], JobResult]


def export_tmx_job(project: Project, sink: Sink, _stop: threading.Event) -> JobResult:
    from tmbuilder.pipeline import export_tmx

    report = export_tmx(project, sink=sink)
    extra = f"; {len(report.warnings)} warning(s)" if report.warnings else ""
    return JobResult(f"TMX: {report.units:,} units written to {_rel(project, report.path)}{extra}")


def export_glossary_job(project: Project, sink: Sink, _stop: threading.Event) -> JobResult:
    from tmbuilder.pipeline import export_glossary

    paths = export_glossary(project, sink=sink)
    names = ", ".join(_rel(project, p) for p in paths)
    return JobResult(f"Glossary written: {names}")


def qa_job(project: Project, sink: Sink, _stop: threading.Event) -> JobResult:
    from tmbuilder.events import Progress
    from tmbuilder.pipeline import run_qa

    sink(Progress("qa", 0, 1))
    report = run_qa(project)
    findings = list(report.findings)
    sink(Progress("qa", 1, 1))
    segments = len({f.segment_id for f in findings})
    # counted as `tmbuilder qa` counts them (same run_qa, same severities)
    errors = sum(1 for f in findings if str(getattr(f.severity, "value", f.severity)) == "error")
    return JobResult(
        f"QA: {errors:,} error(s), {len(findings) - errors:,} warning(s) in "
        f"{segments:,} segment(s)",
        findings=findings,
    )


def draft_job(project: Project, sink: Sink, stop: threading.Event) -> JobResult:
    from tmbuilder.pipeline import draft

    report = draft(project, sink=sink, stop=stop)
    parts = [f"{report.tm_exact:,} exact TM", f"{report.mt_translated:,} MT"]
    if report.failed:
        parts.append(f"{report.failed:,} failed")
    if report.left:
        parts.append(f"{report.left:,} left ({report.left_reason})")
    if report.cancelled or stop.is_set():
        parts.append("stopped")
    return JobResult(f"Draft of {report.segments:,} segment(s): {', '.join(parts)}", reload=True)


@dataclass(frozen=True)
class Job:
    """One background job: what the palette calls it, what it does, and how."""

    id: str
    name: str  # palette entry and progress label
    help: str  # one line under the palette entry
    function: JobFunction | None  # None: a control (stop_draft), handled by the app


# The one table of background jobs: the app runs them, the palette lists them (run_qa is
# reached through its key binding's palette entry, so it is not listed twice).
JOBS: dict[str, Job] = {
    job.id: job
    for job in (
        Job(
            "export_tmx",
            "Export TMX",
            "Write the reviewed segments to tmx/ (in the background)",
            export_tmx_job,
        ),
        Job(
            "export_glossary",
            "Export glossary",
            "Write glossary/ as TSV, CSV and TBX (in the background)",
            export_glossary_job,
        ),
        Job("run_qa", "QA", "Check every segment, then list those with findings", qa_job),
        Job(
            "draft",
            "Draft remaining segments",
            "TM then MT for segments without a target (in the background)",
            draft_job,
        ),
        Job("stop_draft", "Stop drafting", "Stop a running draft; finished drafts are kept", None),
    )
}
PALETTE_JOBS = ("export_tmx", "export_glossary", "draft", "stop_draft")


def _rel(project: Project, path: object) -> str:
    from pathlib import Path

    p = Path(str(path))
    try:
        return p.relative_to(project.root).as_posix()
    except ValueError:
        return str(p)
