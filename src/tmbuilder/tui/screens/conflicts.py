"""The merge conflicts screen (alt+m): each unit or term both the store and a file changed.

It shows the store's version and the incoming one side by side; `o` keeps the store's, `t`
takes the incoming. The decision is made by tmbuilder.review.conflicts through the app (this
screen posts ResolveConflict), which hands back the list that is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from tmbuilder.review.conflicts import ReviewConflict
from tmbuilder.tui.bindings import CONFLICT_KEYS, bindings
from tmbuilder.tui.messages import ResolveConflict


def render_conflict(conflict: ReviewConflict) -> Group:
    """Where, the source, then the store's and the file's target, each with its status."""
    kind = "term" if conflict.segment_id is None else "segment"
    head = Text(f"{kind} {conflict.where}", style="bold")
    if conflict.segment_id is not None:
        head.append(f"  {conflict.source}", style="dim")
    ours = Text("  store's:  ", style="bold green")
    ours.append(conflict.ours or "—")
    ours.append(f"  ({conflict.ours_status})", style="dim")
    theirs = Text("  incoming: ", style="bold yellow")
    theirs.append(conflict.theirs or "—")
    theirs.append(f"  ({conflict.theirs_status or '?'}, {conflict.file})", style="dim")
    return Group(head, ours, theirs)


class ConflictsScreen(ModalScreen[None]):
    """The open conflicts, one option each; o / t decide the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(CONFLICT_KEYS))

    def __init__(self, conflicts: Sequence[ReviewConflict]) -> None:
        super().__init__()
        self.conflicts = list(conflicts)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="conflicts-dialog"):
            yield Label("", id="conflicts-title", classes="dialog-title")
            yield OptionList(id="conflicts-list")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show(self.conflicts)
        self.query_one(OptionList).focus()

    def show(self, conflicts: Sequence[ReviewConflict]) -> None:
        """Show `conflicts` (what is left after a decision), keeping the highlight's place."""
        self.conflicts = list(conflicts)
        options = self.query_one(OptionList)
        at = options.highlighted or 0
        options.clear_options()
        options.add_options(Option(render_conflict(c)) for c in self.conflicts)
        if self.conflicts:
            options.highlighted = min(at, len(self.conflicts) - 1)
        title = (
            f"Merge conflicts: {len(self.conflicts)} — o keeps the store's, t takes the incoming"
            if self.conflicts
            else "No merge conflicts left"
        )
        self.query_one("#conflicts-title", Label).update(title)

    def action_decide(self, take_theirs: bool) -> None:
        at = self.query_one(OptionList).highlighted
        if at is None or not 0 <= at < len(self.conflicts):
            return
        self.post_message(ResolveConflict(self.conflicts[at], take_theirs))

    def action_close(self) -> None:
        self.dismiss(None)
