"""`?` / F1: every key of the review UI, with the config's remaps applied."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tmbuilder.tui.bindings import (
    APP_KEYS,
    CONFLICT_KEYS,
    GLOSSARY_KEYS,
    REVIEW_KEYS,
    VERSION_CONFLICT_KEYS,
    KeySpec,
    effective_keys,
)

SECTIONS: tuple[tuple[str, tuple[KeySpec, ...]], ...] = (
    ("Segments", REVIEW_KEYS),
    ("Anywhere", APP_KEYS),
    ("Glossary screen", GLOSSARY_KEYS),
    ("Merge conflicts screen", CONFLICT_KEYS),
    ("Version conflict screen", VERSION_CONFLICT_KEYS),
)


def keys_table(keymap: Mapping[str, str]) -> Table:
    table = Table(box=None, expand=True, show_header=True, header_style="bold")
    table.add_column("Keys", no_wrap=True, style="bold cyan")
    table.add_column("Action")
    table.add_column("id", style="dim", no_wrap=True)
    for title, specs in SECTIONS:
        table.add_row(f"[b u]{title}[/]", "", "")
        for spec in specs:
            table.add_row(effective_keys(spec, keymap), spec.tooltip, spec.id)
    table.add_row("ctrl+p", "Command palette: every action, export, QA, draft", "")
    table.add_row("tab", "Next pane: list, source, target", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Keys, what they do, and the id to remap them with in tmbuilder.toml [keys]."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,f1,question_mark,q", "dismiss", "Close", tooltip="Close help", id="help_close"
        )
    ]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label('Keys — remap in tmbuilder.toml: [keys] id = "key"', classes="dialog-title")
            with VerticalScroll():
                yield Static(keys_table(self.keymap))
