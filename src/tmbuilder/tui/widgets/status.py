"""Always-visible orientation: review progress, the filter, read-only state, running jobs."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar, Static

from tmbuilder.model import Status
from tmbuilder.review.session import ReviewProgress

STATUS_STYLES = {
    Status.NEW: "dim",
    Status.DRAFT: "yellow",
    Status.TRANSLATED: "cyan",
    Status.REVIEWED: "green",
    Status.REJECTED: "red",
}


def progress_text(
    progress: ReviewProgress, *, shown: int, filter_text: str, read_only: bool, width: int
) -> Text:
    """`✓ 120/300 (40%) · words 1,203/3,456 · filter … · new:12 draft:40 …`, fit to width."""
    text = Text()
    if read_only:
        text.append(" READ-ONLY ", "bold reverse red")
        text.append(" ")
    text.append(f"✓ {progress.reviewed:,}/{progress.total:,}", "bold green")
    text.append(f" ({progress.percent:.0f}%)")
    if progress.words is not None and progress.reviewed_words is not None:
        text.append(f" · words {progress.reviewed_words:,}/{progress.words:,}")
    else:
        text.append(" · words …", "dim")
    if filter_text:
        text.append(f" · filter {filter_text} ({shown:,})", "bold magenta")
    if width >= 100 or not filter_text:
        text.append(" ·")
        for status in Status:
            count = progress.statuses.get(status, 0)
            text.append(f" {status.value}:{count:,}", STATUS_STYLES[status])
    text.truncate(max(1, width), overflow="ellipsis")
    return text


class ProgressLine(Static):
    """One line at the top: reviewed / total, words, counts by status, the active filter."""


class JobBar(Horizontal):
    """Shown while a background job runs: its name, stage and a progress bar."""

    def compose(self) -> ComposeResult:
        yield Label("", id="job-label")
        yield ProgressBar(total=None, show_eta=False, id="job-progress")

    def start(self, job: str) -> None:
        self.query_one("#job-label", Label).update(f"{job}…")
        self.query_one("#job-progress", ProgressBar).update(total=None, progress=0)
        self.display = True

    def step(self, job: str, stage: str, done: int, total: int) -> None:
        self.query_one("#job-label", Label).update(f"{job}: {stage}")
        bar = self.query_one("#job-progress", ProgressBar)
        bar.update(total=total or None, progress=done)

    def stop(self) -> None:
        self.display = False
