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
    progress: ReviewProgress,
    *,
    shown: int,
    filter_text: str,
    read_only: bool,
    width: int,
    conflicts: int = 0,
) -> Text:
    """`✓ 120/300 (40%) · words 1,203/3,456 · filter … · new:12 draft:40 …`, fit to width.

    Narrower, the statuses are counted under the list's own marks (· ○ ◑ ✓ ✗), then the
    words go, then the percentage, then the filter is shortened: every status count,
    rejected included, stays."""
    marks = {
        Status.NEW: "·",
        Status.DRAFT: "○",
        Status.TRANSLATED: "◑",
        Status.REVIEWED: "✓",
        Status.REJECTED: "✗",
    }

    def build(
        long_statuses: bool, words: bool, filter_room: int | None, percent: bool = True
    ) -> Text:
        text = Text()
        if read_only:
            text.append(" READ-ONLY ", "bold reverse red")
            text.append(" ")
        if conflicts:  # first, so it is never cut: merge conflicts wait for a person (alt+m)
            text.append(
                f" {conflicts} conflict{'s' if conflicts > 1 else ''} ", "bold reverse yellow"
            )
            text.append(" ")
        text.append(f"✓ {progress.reviewed:,}/{progress.total:,}", "bold green")
        if percent:
            text.append(f" ({progress.percent:.0f}%)")
        if words and progress.words is not None and progress.reviewed_words is not None:
            text.append(f" · words {progress.reviewed_words:,}/{progress.words:,}")
        elif words:
            text.append(" · words …", "dim")
        if filter_text:
            shown_filter = filter_text
            if filter_room is not None and len(shown_filter) > filter_room:
                shown_filter = shown_filter[: max(1, filter_room - 1)] + "…"
            text.append(f" · filter {shown_filter} ({shown:,})", "bold magenta")
        text.append(" ·")
        for status in Status:
            count = progress.statuses.get(status, 0)
            label = f" {status.value}:{count:,}" if long_statuses else f" {marks[status]}{count:,}"
            text.append(label, STATUS_STYLES[status])
        return text

    width = max(1, width)
    for long_statuses, words in ((True, True), (False, True), (False, False)):
        text = build(long_statuses, words, None)
        if text.cell_len <= width:
            return text
    text = build(False, False, None, percent=False)
    if text.cell_len <= width:
        return text
    text = build(False, False, 0, percent=False)
    room = max(1, width - text.cell_len)
    text = build(False, False, room, percent=False)
    text.truncate(width, overflow="ellipsis")
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
