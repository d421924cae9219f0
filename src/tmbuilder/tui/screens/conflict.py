"""The conflict screen: another reviewer changed the unit since you read it; choose a version.

Shown when a save meets review.session's UnitConflict. Both versions side by side, with who
changed the other one and when; the keys (tui/bindings.py VERSION_CONFLICT_KEYS) keep
yours (saved as a new version, theirs stays in the history), take theirs (yours is written into
the history), or go back to editing. Nothing is lost whichever is chosen. The choice itself is
made by the session (review/session.py keep_mine, take_theirs); this screen only asks.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from tmbuilder.store.base import UnitConflict
from tmbuilder.tui.bindings import VERSION_CONFLICT_KEYS, bindings

Choice = Literal["mine", "theirs", ""]


def describe_conflict(conflict: UnitConflict) -> str:
    theirs = conflict.current
    return (
        f"{conflict.changed_by or 'Someone'} changed segment #{theirs.id} at {theirs.updated_at} "
        f"({theirs.status.value}) after you opened it."
    )


class ConflictScreen(ModalScreen[Choice]):
    """Mine or theirs (see the module doc); dismisses with "mine", "theirs" or ""."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(VERSION_CONFLICT_KEYS))

    def __init__(self, conflict: UnitConflict) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        theirs = self.conflict.current
        mine = self.conflict.change
        with Vertical(classes="dialog", id="conflict-dialog"):
            yield Label("Changed by another reviewer", classes="dialog-title")
            yield Static(describe_conflict(self.conflict), id="conflict-who")
            with Horizontal(id="conflict-versions"):
                with Vertical(classes="conflict-version"):
                    yield Label(f"Yours ({mine.status.value})", classes="conflict-label")
                    yield Static(Text(mine.target or "(empty)"), id="conflict-mine")
                with Vertical(classes="conflict-version"):
                    who = self.conflict.changed_by or "theirs"
                    yield Label(f"{who} ({theirs.status.value})", classes="conflict-label")
                    yield Static(Text(theirs.target or "(empty)"), id="conflict-theirs")
            with Horizontal(classes="buttons"):
                yield Button("Keep mine (m)", id="mine", variant="primary")
                yield Button("Take theirs (t)", id="theirs", variant="warning")
                yield Button("Back (esc)", id="back")
        yield Footer(compact=True, show_command_palette=False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id or ""
        self.action_choose(choice if choice in ("mine", "theirs") else "")

    def action_choose(self, choice: str) -> None:
        self.dismiss("mine" if choice == "mine" else "theirs" if choice == "theirs" else "")
