"""Progress events that pipeline steps report, for the CLI's progress bar and the TUI's workers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    stage: str  # "read", "segment", "draft", "glossary", "export", ...
    done: int
    total: int
    detail: str = ""


@dataclass(frozen=True)
class Notice:
    level: str  # "info", "warning"
    message: str


Event = Progress | Notice
Sink = Callable[[Event], None]


def ignore(_event: Event) -> None:
    """A sink for callers that do not show progress."""
