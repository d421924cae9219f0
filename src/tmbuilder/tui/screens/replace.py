"""Search and replace across targets: type, preview every change, then apply them all at once."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from tmbuilder.errors import TmBuilderError
from tmbuilder.review.replace import Replacement

PREVIEW_LIMIT = 200  # rows drawn; the count and the apply cover all of them

Previewer = Callable[[str, str, bool, bool], list[Replacement]]


def change_text(old: str, new: str) -> Text:
    """`new` with inserted text highlighted and removed text struck through, inline."""
    out = Text()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(old[a1:a2])
            continue
        if a2 > a1:
            out.append(old[a1:a2], "red strike")
        if b2 > b1:
            out.append(new[b1:b2], "bold green")
    return out


class ReplaceDialog(ModalScreen[list[Replacement] | None]):
    """Returns the previewed replacements to apply, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changes", id="dialog_cancel")
    ]

    def __init__(self, preview: Previewer, number: Callable[[int], int], scope: str) -> None:
        super().__init__()
        self.preview = preview
        self.number = number
        self.scope = scope
        self.plan: list[Replacement] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="replace-dialog"):
            yield Label(f"Replace in targets ({self.scope})", classes="dialog-title")
            yield Input(placeholder="find", id="replace-find")
            yield Input(placeholder="replace with", id="replace-with")
            with Horizontal(classes="row"):
                yield Checkbox("Regex", id="replace-regex")
                yield Checkbox("Match case", id="replace-case")
            yield Label("", id="replace-summary")
            with VerticalScroll(id="replace-preview"):
                yield Static(id="replace-rows")
            with Horizontal(classes="buttons"):
                yield Button("Preview", id="preview", variant="primary")
                yield Button("Replace all", id="apply", variant="warning", disabled=True)
                yield Button("Cancel", id="cancel")

    def _run_preview(self) -> None:
        find = self.query_one("#replace-find", Input).value
        repl = self.query_one("#replace-with", Input).value
        regex = self.query_one("#replace-regex", Checkbox).value
        case = self.query_one("#replace-case", Checkbox).value
        summary = self.query_one("#replace-summary", Label)
        try:
            self.plan = self.preview(find, repl, regex, case)
        except TmBuilderError as exc:
            self.plan = []
            summary.update(Text(str(exc), style="red"))
        else:
            n = sum(item.count for item in self.plan)
            summary.update(f"{n:,} replacement(s) in {len(self.plan):,} segment(s)")
        self.query_one("#replace-rows", Static).update(self._rows(self.plan))
        self.query_one("#apply", Button).disabled = not self.plan

    def _rows(self, plan: Sequence[Replacement]) -> Group:
        rows = [
            Text.assemble((f"{self.number(item.row):>6} ", "bold"), change_text(item.old, item.new))
            for item in plan[:PREVIEW_LIMIT]
        ]
        if len(plan) > PREVIEW_LIMIT:
            rows.append(Text(f"… and {len(plan) - PREVIEW_LIMIT:,} more", style="dim"))
        return Group(*rows)

    @on(Input.Submitted)
    @on(Checkbox.Changed)
    def _inputs(self) -> None:
        self._run_preview()

    @on(Input.Changed)
    def _edited(self) -> None:
        # A stale preview must not be applied: editing the fields asks for a new one.
        self.plan = []
        self.query_one("#apply", Button).disabled = True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "preview":
            self._run_preview()
        elif event.button.id == "apply" and self.plan:
            self.dismiss(self.plan)
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
