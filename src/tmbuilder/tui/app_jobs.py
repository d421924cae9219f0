"""The review app's background jobs: start, stop, progress, results (review/jobs.JOBS).

A base class of ReviewApp (tui/app.py), split off so that each file stays readable: the jobs
run in worker threads with a Project of their own and talk to the app only by messages.
"""

from __future__ import annotations

import sqlite3
import threading
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.worker import Worker, WorkerState

from tmbuilder.errors import TmBuilderError
from tmbuilder.events import Event, Notice, Progress
from tmbuilder.review.filters import SegmentFilter
from tmbuilder.review.jobs import JOBS, JobResult
from tmbuilder.review.session import ReviewSession
from tmbuilder.tui.messages import JobFinished, JobNotice, JobProgress
from tmbuilder.tui.screens.review import ReviewScreen
from tmbuilder.tui.widgets.status import JobBar

if TYPE_CHECKING:
    from tmbuilder.project import Project


class JobsApp(App[None]):
    """Job bookkeeping; ReviewApp provides the session, the screen and `_reload_rows`."""

    session: ReviewSession | None
    review_screen: ReviewScreen | None

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.qa_done = False
        self.qa_findings: dict[int, list[object]] = {}
        self._pending_filter: SegmentFilter | None = None
        self._stops: dict[str, threading.Event] = {}
        self._jobs_running: set[str] = set()

    if TYPE_CHECKING:  # provided by ReviewApp, the only app built on this one

        def _reload_rows(self) -> None: ...

    def start_qa(self, then_filter: SegmentFilter | None = None) -> None:
        self._pending_filter = then_filter
        self.start_job("run_qa")

    def start_job(self, job: str) -> None:
        """Run a job of tmbuilder.review.jobs in a worker thread (again: restart it)."""
        if job == "stop_draft":
            stop = self._stops.get("draft")
            if stop is not None and "draft" in self._jobs_running:
                stop.set()
                self.notify("Stopping the draft after the requests in flight…")
            else:
                self.notify("No draft is running.", severity="warning")
            return
        if job == "draft" and self.session is not None and self.session.read_only:
            self.notify(self.session.read_only_reason, severity="error")
            return
        name = JOBS[job].name
        old = self._stops.get(job)
        if old is not None:
            old.set()
        stop = self._stops[job] = threading.Event()
        self._jobs_running.add(job)
        bar = self._job_bar()
        if bar is not None:
            bar.start(name)
        self.run_worker(
            partial(self._run_job, job, stop),
            name=job,
            group=job,
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _run_job(self, job: str, stop: threading.Event) -> None:
        """Worker body: its own Project (own connection), progress posted as messages."""
        from tmbuilder.project import Project

        name, function = JOBS[job].name, JOBS[job].function
        assert function is not None  # controls (stop_draft) never reach a worker

        def sink(event: Event) -> None:
            if isinstance(event, Progress):
                self.post_message(JobProgress(name, event.stage, event.done, event.total))
            elif isinstance(event, Notice):
                self.post_message(JobNotice(name, event.level, event.message))

        project = Project(self.project.root)
        try:
            result: JobResult = function(project, sink, stop)
        except (TmBuilderError, OSError, sqlite3.Error) as exc:
            self.post_message(JobFinished(job, False, f"{name} failed: {exc}"))
            return
        finally:
            project.close()
        if job == "run_qa":
            self.call_from_thread(self._qa_finished, result)
        self.post_message(JobFinished(job, True, result.summary, result.reload))

    def _qa_finished(self, result: JobResult) -> None:
        by_segment: dict[int, list[object]] = {}
        for finding in result.findings:
            by_segment.setdefault(int(finding.segment_id), []).append(finding)
        self.qa_findings = by_segment
        self.qa_done = True
        if self.review_screen is not None:
            self.review_screen.qa_done = True
        if self.session is not None:
            self.session.set_qa_flagged(by_segment)
        flt, self._pending_filter = self._pending_filter, None
        if flt is not None and self.review_screen is not None:
            self.review_screen.apply_filter(flt)

    def _job_bar(self) -> JobBar | None:
        screen = self.review_screen
        return screen.query_one(JobBar) if screen is not None and screen.is_attached else None

    @on(JobProgress)
    def _job_progress(self, message: JobProgress) -> None:
        bar = self._job_bar()
        if bar is not None:
            bar.step(message.job, message.stage, message.done, message.total)

    @on(JobNotice)
    def _job_notice(self, message: JobNotice) -> None:
        self.notify(message.text, title=message.job, severity="warning")

    @on(JobFinished)
    def _job_finished(self, message: JobFinished) -> None:
        self._jobs_running.discard(message.job)
        bar = self._job_bar()
        if bar is not None and not self._jobs_running:
            bar.stop()
        self.notify(message.summary, severity="information" if message.ok else "error", timeout=8)
        if message.ok and message.reload:
            self._reload_rows()

    def job_worker_changed(self, event: Worker.StateChanged) -> None:
        """Errors a job did not expect end up here rather than killing the app."""
        if event.state == WorkerState.ERROR and event.worker.name in self._jobs_running:
            self._jobs_running.discard(event.worker.name)
            bar = self._job_bar()
            if bar is not None and not self._jobs_running:
                bar.stop()
            self.notify(f"{event.worker.name} failed: {event.worker.error}", severity="error")
