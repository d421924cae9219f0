"""The glossary screen: browse, search, edit, approve and forbid terms, with their contexts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.widgets.data_table import ColumnKey

from tmbuilder.errors import TmBuilderError
from tmbuilder.model import Segment, Term, TermStatus
from tmbuilder.review.concordance import concordance
from tmbuilder.store.base import ProjectStore
from tmbuilder.tui.bindings import GLOSSARY_KEYS, bindings
from tmbuilder.tui.screens.dialogs import ConfirmDialog, TermDialog
from tmbuilder.tui.widgets.segment_list import fit_cells

STATUS_WIDTH, FREQ_WIDTH = 9, 5  # "forbidden"; counts up to 99,999
CONTEXTS_FROM = 100  # columns: narrower, the contexts box gives its room to the table
STATUS_STYLES = {
    TermStatus.APPROVED: "green",
    TermStatus.PROPOSED: "yellow",
    TermStatus.FORBIDDEN: "red",
}
CONTEXT_LIMIT = 30


class GlossaryScreen(Screen[bool]):
    """Dismisses with True when a term changed, so the review screen re-highlights."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(GLOSSARY_KEYS))
    AUTO_FOCUS = "#terms"

    def __init__(
        self,
        store: ProjectStore,
        rows: Sequence[Segment],
        check_writable: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self.store = store
        self.rows = rows
        self.check_writable = check_writable  # raises when this session may not write
        self.changed = False
        self.terms: list[Term] = []

    def compose(self) -> ComposeResult:
        yield Static(id="glossary-title")
        yield Input(
            placeholder="search terms (Vietnamese or English), enter to apply", id="term-search"
        )
        with Horizontal(id="glossary-body"):
            yield DataTable(id="terms", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="concordance-box"):
                yield Static(id="concordance")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#terms", DataTable)
        # Fixed widths, recomputed on resize: auto widths let one long term push Status and
        # Freq off screen (and keep them off after the term is deleted).
        table.add_column("Vietnamese", key="source", width=20)
        table.add_column("English", key="target", width=20)
        table.add_column("Status", key="status", width=STATUS_WIDTH)
        table.add_column("Freq", key="freq", width=FREQ_WIDTH)
        self.query_one("#concordance-box").border_title = "Contexts"
        self.load()

    # -- data ------------------------------------------------------------------------------------
    @property
    def table(self) -> DataTable[object]:
        return self.query_one("#terms", DataTable)

    def on_resize(self) -> None:
        self.query_one("#concordance-box").display = self.size.width >= CONTEXTS_FROM
        self.call_after_refresh(self._fit_columns)

    def _text_widths(self) -> tuple[int, int]:
        table = self.table
        # each column has one cell of padding on both sides; one more column for the scrollbar
        room = max(10, (table.size.width or self.size.width) - STATUS_WIDTH - FREQ_WIDTH - 9)
        source = max(5, room * 11 // 20)
        return source, max(5, room - source)

    def _fit_columns(self) -> None:
        source, target = self._text_widths()
        columns = self.table.columns
        widths = (columns[ColumnKey("source")].width, columns[ColumnKey("target")].width)
        if widths != (source, target):
            self.load()

    def load(self, select_id: int | None = None) -> None:
        """(Re)read the terms, apply the search, keep the selection where possible."""
        query = self.query_one("#term-search", Input).value.strip().casefold()
        all_terms = self.store.terms()
        self.terms = [
            t
            for t in all_terms
            if not query or query in t.source.casefold() or query in t.target.casefold()
        ]
        table = self.table
        if select_id is None and self.current is not None:
            select_id = self.current.id
        table.clear()
        source_width, target_width = self._text_widths()
        for key, width in (("source", source_width), ("target", target_width)):
            table.columns[ColumnKey(key)].width = width
            table.columns[ColumnKey(key)].auto_width = False
        for term in self.terms:
            table.add_row(
                fit_cells(term.source, source_width).rstrip(),
                fit_cells(term.target, target_width).rstrip()
                if term.target
                else Text("—", style="dim"),
                Text(term.status.value, style=STATUS_STYLES[term.status]),
                str(term.frequency),
                key=str(term.id),
            )
        counts = {s: sum(1 for t in all_terms if t.status == s) for s in TermStatus}
        title = Text.assemble(
            ("Glossary ", "bold"),
            f"{len(all_terms):,} terms: ",
            *[(f"{counts[s]:,} {s.value}  ", STATUS_STYLES[s]) for s in TermStatus],
        )
        if query:
            title.append(f"· search “{query}”: {len(self.terms):,}", "magenta")
        self.query_one("#glossary-title", Static).update(title)
        if select_id is not None:
            for index, term in enumerate(self.terms):
                if term.id == select_id:
                    table.move_cursor(row=index)
                    break
        self.show_contexts()

    @property
    def current(self) -> Term | None:
        table = self.query_one("#terms", DataTable)
        if not self.terms or table.cursor_row < 0 or table.cursor_row >= len(self.terms):
            return None
        return self.terms[table.cursor_row]

    # -- concordance -----------------------------------------------------------------------------
    @on(DataTable.RowHighlighted, "#terms")
    def _highlighted(self) -> None:
        self.show_contexts()

    def show_contexts(self) -> None:
        term = self.current
        if term is None:
            self.query_one("#concordance", Static).update(Text("no term selected", style="dim"))
            return
        self._find_contexts(term)

    @work(thread=True, exclusive=True, exit_on_error=False, group="concordance")
    def _find_contexts(self, term: Term) -> None:
        # A regex pass over every source: on a big project that takes a moment, and the table
        # must keep answering the arrow keys meanwhile.
        found = concordance(self.rows, [term.source, *term.variants], CONTEXT_LIMIT)
        lines: list[Text] = []
        if term.note:
            lines.append(Text(f"note: {term.note}", style="italic"))
        for occ in found:
            seg = self.rows[occ.row]
            line = Text.assemble((f"{occ.row + 1:>6} ", "dim"), seg.source)
            line.stylize("bold reverse", 7 + occ.start, 7 + occ.end)
            lines.append(line)
            if seg.target:
                lines.append(Text(f"       → {seg.target}", style="dim"))
        if not found:
            lines.extend(Text(f"• {c}") for c in term.contexts[:CONTEXT_LIMIT])
        if not lines:
            lines.append(Text("no contexts in this project", style="dim"))
        self.app.call_from_thread(self._show_lines, term.id, lines)

    def _show_lines(self, term_id: int, lines: list[Text]) -> None:
        if self.current is not None and self.current.id == term_id:
            self.query_one("#concordance", Static).update(Group(*lines))

    # -- edits -----------------------------------------------------------------------------------
    def _writable(self) -> bool:
        try:
            self.check_writable()
        except TmBuilderError as exc:
            self.notify(str(exc), severity="error")
            return False
        return True

    def _save(self, term: Term) -> None:
        if not self._writable():  # checked again: the lock may have gone while the dialog was open
            return
        try:
            saved = self.store.save_term(term)
        except TmBuilderError as exc:
            self.notify(str(exc), severity="error")
            return
        self.changed = True
        self.load(select_id=saved.id)

    def action_edit_term(self) -> None:
        term = self.current
        if term is None or not self._writable():
            return

        def chosen(edited: Term | None) -> None:
            if edited is not None:
                self._save(edited)

        self.app.push_screen(TermDialog(term, "Edit glossary term"), chosen)

    @on(DataTable.RowSelected, "#terms")
    def _selected(self) -> None:
        self.action_edit_term()

    def action_new_term(self) -> None:
        if not self._writable():
            return

        def chosen(term: Term | None) -> None:
            if term is not None:
                self._save(term)

        self.app.push_screen(
            TermDialog(Term(source="", status=TermStatus.APPROVED), "New term"), chosen
        )

    def action_set_status(self, status: str) -> None:
        term = self.current
        if term is None or not self._writable():
            return
        if status == TermStatus.APPROVED and not term.target:
            self.notify(
                "Give the term its English first (e) before approving it.", severity="warning"
            )
            return
        self._save(replace(term, status=TermStatus(status), origin="human"))

    def action_delete_term(self) -> None:
        term = self.current
        if term is None or not self._writable():
            return

        def chosen(yes: bool | None) -> None:
            if yes and self._writable():
                self.store.delete_term(term.id)
                self.changed = True
                self.load()

        self.app.push_screen(
            ConfirmDialog(f"Delete “{term.source}” from the glossary?", "Delete"), chosen
        )

    def action_search_terms(self) -> None:
        self.query_one("#term-search", Input).focus()

    @on(Input.Submitted, "#term-search")
    def _search(self) -> None:
        self.load()
        self.table.focus()

    def action_close(self) -> None:
        self.dismiss(self.changed)
