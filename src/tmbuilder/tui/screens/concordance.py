"""The concordance panel: a phrase, looked up in the project and the memory as you type.

The lookup (tmbuilder.review.concordance over every row, memory included) runs in a worker
thread through the `lookup` function the app hands in — with a Project of its own, since a
SQLite connection is not shared between threads; a newer query cancels an older one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Static

from tmbuilder.review.concordance import ConcordanceHit

Lookup = Callable[[str, bool], Sequence[ConcordanceHit]]
TYPING_DELAY = 0.25  # seconds of quiet typing before the lookup runs


def render_hits(phrase: str, hits: Sequence[ConcordanceHit]) -> RenderableType:
    """Each hit: where it is, then source and target with the phrase in reverse video."""
    if not phrase.strip():
        return Text("Type a phrase (Vietnamese or English).", style="dim")
    if not hits:
        return Text(f"“{phrase}”: not found", style="dim")
    parts: list[RenderableType] = [Text(f"{len(hits)} hit(s) for “{phrase}”", style="bold")]
    for hit in hits:
        row = hit.row
        status = f" · {row.status}" if row.status else ""
        parts.append(Text(f"{row.where}: {row.ref}{status}", style="dim"))
        for label, text, spans in (
            ("vi", row.source, hit.source_spans),
            ("en", row.target or "—", hit.target_spans),
        ):
            line = Text(f" {label} ", style="bold")
            body = Text(text)
            for start, end in spans:
                body.stylize("bold reverse", start, end)
            parts.append(line.append_text(body))
    return Group(*parts)


class ConcordanceScreen(ModalScreen[None]):
    """Search box, a diacritics switch and the hits; escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", show=False)]

    def __init__(self, phrase: str, lookup: Lookup) -> None:
        super().__init__()
        self.phrase = phrase
        self.lookup = lookup
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="concordance-dialog"):
            yield Label(
                "Concordance: project and memory, source and target", classes="dialog-title"
            )
            with Horizontal(classes="row"):
                yield Input(self.phrase, placeholder="phrase", id="concordance-phrase")
                yield Checkbox("ignore diacritics", id="concordance-fold")
            with VerticalScroll(id="concordance-hits"):
                yield Static(id="concordance-results")

    def on_mount(self) -> None:
        self.query_one("#concordance-phrase", Input).focus()
        self._search()

    @on(Input.Changed, "#concordance-phrase")
    @on(Checkbox.Changed, "#concordance-fold")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPING_DELAY, self._search)

    @on(Input.Submitted, "#concordance-phrase")
    def _submitted(self) -> None:
        self._search()

    def _search(self) -> None:
        phrase = self.query_one("#concordance-phrase", Input).value
        fold = self.query_one("#concordance-fold", Checkbox).value
        if not phrase.strip():
            self._show(phrase, [])
            return
        self.query_one("#concordance-results", Static).update(Text("Searching…", style="dim"))
        self._run(phrase, fold)

    @work(thread=True, exclusive=True, exit_on_error=False, group="concordance")
    def _run(self, phrase: str, fold: bool) -> None:
        hits = self.lookup(phrase, fold)
        self.app.call_from_thread(self._show, phrase, hits)

    def _show(self, phrase: str, hits: Sequence[ConcordanceHit]) -> None:
        if self.is_attached:
            self.query_one("#concordance-results", Static).update(render_hits(phrase, hits))

    def action_close(self) -> None:
        self.dismiss(None)
