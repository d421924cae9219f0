"""Small typed modal dialogs: go to, filter, glossary term, yes/no."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tmbuilder.errors import TmBuilderError
from tmbuilder.model import Status, Term, TermStatus
from tmbuilder.review.filters import SCOPES, SegmentFilter

_CANCEL: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", tooltip="Close without changes", id="dialog_cancel")
]


class GotoDialog(ModalScreen[int | None]):
    """Ask for a segment number."""

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, last: int) -> None:
        super().__init__()
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Go to segment (1–{self.last:,})", classes="dialog-title")
            yield Input(placeholder="number", type="integer", id="goto-number")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(int(value) if value.isdigit() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterDialog(ModalScreen[tuple[str, SegmentFilter] | None]):
    """Statuses, text or regex (in source, target or both) and QA warnings.

    Returns ("filter", f) to narrow the list to matches, ("find", f) to jump to the next match
    and keep the list as it is, or None.
    """

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, current: SegmentFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        cur = self.current
        with Vertical(classes="dialog", id="filter-dialog"):
            yield Label("Search and filter", classes="dialog-title")
            yield Input(cur.text, placeholder="text or regular expression", id="filter-text")
            with Horizontal(classes="row"):
                yield Checkbox("Regex", cur.regex, id="filter-regex")
                yield Checkbox("Match case", cur.case_sensitive, id="filter-case")
                yield Select(
                    [(scope, scope) for scope in SCOPES],
                    value=cur.scope,
                    allow_blank=False,
                    id="filter-scope",
                )
            # a grid, not one row: five statuses do not fit 80 columns side by side
            with Grid(classes="statuses"):
                for status in Status:
                    yield Checkbox(
                        status.value, status in cur.statuses, id=f"filter-status-{status.value}"
                    )
            yield Checkbox("Only segments with QA findings", cur.qa_only, id="filter-qa")
            yield Label("", id="filter-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Filter", id="apply", variant="primary")
                yield Button("Find next", id="find")
                yield Button("Show all", id="clear")
                yield Button("Cancel", id="cancel")

    def _read(self) -> SegmentFilter:
        statuses = frozenset(
            s for s in Status if self.query_one(f"#filter-status-{s.value}", Checkbox).value
        )
        return SegmentFilter(
            statuses=statuses,
            text=self.query_one("#filter-text", Input).value,
            regex=self.query_one("#filter-regex", Checkbox).value,
            case_sensitive=self.query_one("#filter-case", Checkbox).value,
            scope=str(self.query_one("#filter-scope", Select).value),
            qa_only=self.query_one("#filter-qa", Checkbox).value,
        )

    def _apply(self, mode: str) -> None:
        flt = self._read()
        try:
            flt.predicate()
        except TmBuilderError as exc:
            self.query_one("#filter-error", Label).update(str(exc))
            return
        if mode == "find" and not flt.text:
            self.query_one("#filter-error", Label).update("type a text to find")
            return
        self.dismiss((mode, flt))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._apply("filter")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self._apply("filter")
        elif event.button.id == "find":
            self._apply("find")
        elif event.button.id == "clear":
            self.dismiss(("filter", SegmentFilter()))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TermDialog(ModalScreen[Term | None]):
    """Edit a glossary term: Vietnamese, English, status and note."""

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, term: Term, title: str = "Glossary term") -> None:
        super().__init__()
        self.term = term
        self.title_text = title

    def compose(self) -> ComposeResult:
        term = self.term
        with Vertical(classes="dialog", id="term-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(term.source, placeholder="Vietnamese term", id="term-source")
            yield Input(term.target, placeholder="English", id="term-target")
            yield Input(term.note, placeholder="note (optional)", id="term-note")
            yield Select(
                [(s.value, s) for s in TermStatus],
                value=term.status,
                allow_blank=False,
                id="term-status",
            )
            yield Label("", id="term-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        # The source is usually prefilled from the selection: start on the English.
        focus = "#term-target" if self.term.source else "#term-source"
        self.query_one(focus, Input).focus()

    def _save(self) -> None:
        source = " ".join(self.query_one("#term-source", Input).value.split())
        target = " ".join(self.query_one("#term-target", Input).value.split())
        if not source:
            self.query_one("#term-error", Label).update("the Vietnamese term is empty")
            return
        status = self.query_one("#term-status", Select).value
        self.dismiss(
            Term(
                id=self.term.id,
                source=source,
                target=target,
                status=status if isinstance(status, TermStatus) else self.term.status,
                note=self.query_one("#term-note", Input).value.strip(),
                variants=self.term.variants,
                frequency=self.term.frequency,
                documents=self.term.documents,
                score=self.term.score,
                confidence=1.0 if target else self.term.confidence,
                origin="human",
                contexts=self.term.contexts,
            )
        )

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question."""

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question)
            with Horizontal(classes="buttons"):
                yield Button(self.yes, id="yes", variant="error")
                yield Button("Cancel", id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)
