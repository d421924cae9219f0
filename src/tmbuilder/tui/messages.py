"""Messages background jobs post to the app: progress, notices and the end of a job.

Dataclass messages (as toolong does); `JobProgress.can_replace` lets Textual drop a queued
progress message when a newer one of the same job arrives, so a fast job cannot flood the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tmbuilder.review.conflicts import ReviewConflict


@dataclass
class JobProgress(Message):
    job: str  # "Export TMX", "Draft", ...
    stage: str
    done: int
    total: int
    detail: str = ""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, JobProgress) and message.job == self.job


@dataclass
class JobNotice(Message):
    job: str
    level: str  # "info" or "warning"
    text: str


@dataclass
class JobFinished(Message):
    job: str
    ok: bool
    summary: str  # one line for a notification
    reload: bool = False  # segments changed in the store: reload the review rows


# -- what screens ask of the app ------------------------------------------------------------
# Screens never import the app (tui/app.py imports them): they post these, the app handles
# them with @on. That keeps the import graph app -> screens -> widgets, without cycles.


@dataclass
class StartJob(Message):
    """Run a job of tmbuilder.review.jobs.JOBS (or "stop_draft") in the background."""

    job: str


@dataclass
class RunQa(Message):
    """Run project QA; when it is done, apply `then_filter` (a QA filter waiting for it)."""

    then_filter: object | None = None  # a tmbuilder.review.filters.SegmentFilter


@dataclass
class OpenConcordance(Message):
    """Open the concordance panel on `phrase`."""

    phrase: str


@dataclass
class WentReadOnly(Message):
    """The session became read-only (the lock was taken over): stop editing, say so."""


@dataclass
class ResolveConflict(Message):
    """Settle a merge conflict: take the incoming file's version, or keep the store's."""

    conflict: ReviewConflict
    take_theirs: bool
