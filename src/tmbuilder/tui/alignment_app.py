"""The review screen for an alignment: pairs side by side, low confidence first.

Keys are plain characters every terminal sends as they are (no ctrl+enter, no alt+digit):
c or enter confirm, w mark wrong, m merge with the next pair, s split, [ and ] move the
English border below the pair up or down, { and } the Vietnamese one, q quit. Each edit is
stored at once (review/alignment.py) with its history, before the screen moves on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from tmbuilder.errors import TmBuilderError
from tmbuilder.review.alignment import AlignmentReview

if TYPE_CHECKING:
    from tmbuilder.project import Project

ALIGNMENT_KEYS: tuple[tuple[str, str, str], ...] = (
    ("c,enter", "confirm", "Confirm"),
    ("w", "wrong", "Wrong"),
    ("m", "merge", "Merge next"),
    ("s", "split", "Split"),
    ("left_square_bracket", "shift('en', True)", "EN ↑"),
    ("right_square_bracket", "shift('en', False)", "EN ↓"),
    ("left_curly_bracket", "shift('vi', True)", "VI ↑"),
    ("right_curly_bracket", "shift('vi', False)", "VI ↓"),
    ("q", "quit", "Quit"),
)


class AlignmentApp(App[None]):
    """Review one stored alignment of a project."""

    TITLE = "tmbuilder — alignment review"
    CSS = """
    DataTable { height: 1fr; }
    #detail { height: auto; max-height: 12; border-top: solid $primary; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys, action, label) for keys, action, label in ALIGNMENT_KEYS
    ]

    def __init__(self, project: Project, name: str, author: str) -> None:
        super().__init__()
        self.project = project
        self.review = AlignmentReview(project.store, name, author)
        self.rows: list[int] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "conf", "status", "Vietnamese", "English")
        self.refresh_rows()
        table.focus()

    def refresh_rows(self, keep: int = 0) -> None:
        table = self.query_one(DataTable)
        table.clear()
        alignment = self.review.alignment
        self.rows = self.review.order()
        for k in self.rows:
            pair = alignment.pairs[k]
            table.add_row(
                str(k + 1),
                f"{pair.confidence:.2f}",
                str(pair.status),
                _cut(alignment.vi_text(pair)),
                _cut(alignment.en_text(pair)),
            )
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        self.show_detail()

    @property
    def current(self) -> int:
        row = self.query_one(DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else 0

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        if not self.rows:
            self.query_one("#detail", Static).update("No pairs.")
            return
        alignment = self.review.alignment
        pair = alignment.pairs[self.current]
        self.query_one("#detail", Static).update(
            f"[b]Pair {self.current + 1}[/b] {pair.kind}, confidence {pair.confidence:.2f}, "
            f"{pair.status}\n[b]VI[/b] {alignment.vi_text(pair) or '—'}\n"
            f"[b]EN[/b] {alignment.en_text(pair) or '—'}"
        )

    def _edit(self, name: str, *args: object) -> None:
        row = self.query_one(DataTable).cursor_row
        try:
            getattr(self.review, name)(self.current, *args)
        except TmBuilderError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.refresh_rows(keep=row)

    def action_confirm(self) -> None:
        self._edit("confirm")

    def action_wrong(self) -> None:
        self._edit("mark_wrong")

    def action_merge(self) -> None:
        self._edit("merge_next")

    def action_split(self) -> None:
        self._edit("split")

    def action_shift(self, side: str, up: bool) -> None:
        self._edit("shift", side, up)


def _cut(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run_alignment_review(project: Project, name: str, author: str) -> None:
    AlignmentApp(project, name, author).run()
