"""How the CLI shows things: progress on stderr, tables and JSON on stdout."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tmbuilder.events import Event, Notice
from tmbuilder.events import Progress as ProgressEvent
from tmbuilder.model import Status
from tmbuilder.store.base import StoreStats

if TYPE_CHECKING:
    from tmbuilder.pipeline.analysis import Analysis


class ProgressPrinter:
    """A progress sink: a rich bar per stage on a terminal, nothing when piped; notices always."""

    def __init__(self, quiet: bool = False) -> None:
        self._console = Console(stderr=True)
        self._quiet = quiet or not self._console.is_terminal
        self._bar: Progress | None = None
        self._tasks: dict[str, object] = {}

    def __call__(self, event: Event) -> None:
        if isinstance(event, Notice):
            click.echo(f"tmbuilder: {event.level}: {event.message}", err=True)
            return
        if self._quiet or not isinstance(event, ProgressEvent):
            return
        if self._bar is None:
            self._bar = Progress(
                TextColumn("{task.description:>10}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._bar.start()
        task = self._tasks.get(event.stage)
        if task is None:
            task = self._bar.add_task(event.stage, total=event.total, detail="")
            self._tasks[event.stage] = task
        self._bar.update(task, completed=event.done, total=event.total, detail=event.detail[-40:])  # type: ignore[arg-type]

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def print_stats(stats: StoreStats, *, as_json: bool = False) -> None:
    if as_json:
        click.echo(json.dumps(asdict(stats), ensure_ascii=False, indent=2, default=dict))
        return
    table = Table(title="tmbuilder project", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("documents", stats.documents),
        ("paragraphs", stats.paragraphs),
        ("segments", stats.segments),
        ("words", stats.words),
        ("reviewed words", stats.reviewed_words),
        ("archived segments", stats.archived),
        ("memory units", stats.memory_units),
        ("glossary terms", stats.terms),
    ):
        table.add_row(label, f"{value:,}")
    for status in Status:
        table.add_row(f"status: {status}", f"{stats.statuses.get(str(status), 0):,}")
    Console(file=sys.stdout).print(table)


def print_analysis(analysis: Analysis, *, as_json: bool = False) -> None:
    if as_json:
        data = {band: {"segments": s, "words": w} for band, (s, w) in analysis.rows.items()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    segments, words = analysis.total
    table = Table(title="analysis against the project's memory")
    for column in ("match", "segments", "words", "% words"):
        table.add_column(column, justify="left" if column == "match" else "right")
    for band, (s, w) in analysis.rows.items():
        share = f"{100 * w / words:.1f}" if words else "0.0"
        table.add_row(band, f"{s:,}", f"{w:,}", share)
    table.add_row("total", f"{segments:,}", f"{words:,}", "100.0" if words else "0.0")
    Console(file=sys.stdout).print(table)
