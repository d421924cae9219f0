"""Waiting for a store another process is writing, without freezing the review UI.

The CLI blocks while it waits (store/connection.py says so on stderr). The review UI cannot
block: its store gives up on a busy store after a short step (`STEP`), the edit stays in the
editor, and the screen tries the same action again every `RETRY_EVERY` seconds while it
shows who holds the store, until `[store] busy_timeout` has passed; then it says so in one
line, and the edit is still there to try again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from tmbuilder.store import health
from tmbuilder.store.health import BusyError

__all__ = ["RETRY_EVERY", "STEP", "BusyError", "StoreWait"]

STEP = 0.1  # seconds one write waits for the store before the UI gets control back
RETRY_EVERY = 0.5  # seconds between tries while waiting


@dataclass
class StoreWait:
    """One wait for a busy store: since when, how long at most, and who holds it."""

    path: Path
    limit: float  # [store] busy_timeout
    started: float = field(default_factory=time.monotonic)
    holder: str = ""

    def __post_init__(self) -> None:
        who = health.holders(self.path)
        self.holder = f"held by {', '.join(who)}" if who else "held by another program"

    def expired(self) -> bool:
        return time.monotonic() - self.started >= self.limit

    def waiting_text(self) -> str:
        return f"waiting for the store ({self.holder})…"

    def notice(self) -> str:
        return (
            f"The project store is busy ({self.holder}). Waiting up to {self.limit:g} s "
            "([store] busy_timeout); your edit stays in the editor and is saved when it is free."
        )

    def given_up(self) -> str:
        return (
            f"{health.busy(self.path, self.limit)} (your edit is still in the editor: "
            "press the key again to retry)"
        )
