"""The segment list: one line per segment, drawn only for the rows on screen.

A `ScrollView` with the Line API: the virtual height is the number of segments in view and
`render_line` formats just the visible rows from the session's in-memory list, so 100,000
segments cost no more to show than 20. Moving the cursor is the screen's job (it must save the
edit in progress first); the list only asks for it with `MoveRequested`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment as RichSegment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tmbuilder.inline import render as render_codes
from tmbuilder.model import Segment, Status
from tmbuilder.review.session import ReviewSession

STATUS_MARKS = {
    Status.NEW: "·",
    Status.DRAFT: "○",
    Status.TRANSLATED: "◑",
    Status.REVIEWED: "✓",
    Status.REJECTED: "✗",
}


class SegmentList(ScrollView, can_focus=True):
    """Status mark, number, source and target of every segment in the session's view."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-list--cursor",
        "segment-list--number",
        "segment-list--rule",
        "segment-list--empty",
        "segment-list--document",
        "segment-list--paragraph",
        *(f"segment-list--{status.value}" for status in Status),
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "request(-1)", "Up", show=False),
        Binding("down", "request(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "request_to(0)", "First", show=False),
        Binding("end", "request_to(-1)", "Last", show=False),
        Binding("enter", "edit", "Edit", show=False),
    ]

    @dataclass
    class MoveRequested(Message):
        """The user wants the cursor at view position `pos` (-1: the last one)."""

        pos: int

    @dataclass
    class EditRequested(Message):
        """The user wants to type in the current segment's target."""

    def __init__(self, session: ReviewSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.document_names: dict[int, str] = {}  # document id -> path, for boundaries

    def set_documents(self, names: dict[int, str]) -> None:
        """Document names to show where each document starts."""
        self.document_names = names
        self.refresh()

    # -- state -----------------------------------------------------------------------------
    def reset(self) -> None:
        """The view changed (filter, reload, split, merge): resize and redraw."""
        self.virtual_size = Size(self.size.width, len(self.session.view))
        self.show_cursor()
        self.refresh()

    def show_cursor(self) -> None:
        """Scroll so the cursor row is visible, with a little context above and below."""
        pos = self.session.pos
        if pos < 0:
            return
        self.scroll_to_region(
            Region(0, pos, 1, 1), animate=False, spacing=None, force=True, immediate=True
        )
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.session.view))

    # -- input -----------------------------------------------------------------------------
    def action_request(self, delta: int) -> None:
        self.post_message(self.MoveRequested(max(0, self.session.pos + delta)))

    def action_page(self, direction: int) -> None:
        step = max(1, self.size.height - 1)
        self.post_message(self.MoveRequested(max(0, self.session.pos + direction * step)))

    def action_request_to(self, pos: int) -> None:
        self.post_message(self.MoveRequested(pos if pos >= 0 else len(self.session.view) - 1))

    def action_edit(self) -> None:
        self.post_message(self.EditRequested())

    def on_click(self, event: events.Click) -> None:
        pos = event.y + self.scroll_offset.y
        if 0 <= pos < len(self.session.view):
            self.post_message(self.MoveRequested(pos))
            if event.chain >= 2:
                self.post_message(self.EditRequested())

    # -- drawing ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        # the scrollbar takes a column: lay out in what is left, so "…" is never cut off
        width = self.scrollable_content_region.width or self.size.width
        pos = self.scroll_offset.y + y
        session = self.session
        base = self.rich_style
        if not 0 <= pos < len(session.view):
            return Strip.blank(width, base)
        row = session.view[pos]
        seg = session.rows[row]
        cursor = pos == session.pos
        line = self._line(row, seg, width, base)
        if cursor:
            highlight = self.get_component_rich_style("segment-list--cursor")
            line = [RichSegment(text, (style or base) + highlight) for text, style, _ in line]
        return Strip(line).adjust_cell_length(width, base)

    def _line(self, row: int, seg: Segment, width: int, base: Style) -> list[RichSegment]:
        style = self.get_component_rich_style
        status, source, target = seg.status, seg.source, seg.target
        digits = len(str(len(self.session.rows)))
        number = f"{self.session.number(row):>{digits}}"
        # ¶ marks the first sentence of a paragraph; a document's first row names it
        paragraph = "¶" if seg.position == 0 else " "
        rows = self.session.rows
        starts_document = row == 0 or rows[row - 1].document_id != seg.document_id
        document = self.document_names.get(seg.document_id, "") if starts_document else ""
        fixed = 2 + len(number) + 1 + 3  # mark, space, number, ¶, two rules
        text_width = max(0, width - fixed)
        src_width = text_width // 2
        tgt_width = text_width - src_width
        rule = style("segment-list--rule")
        empty = not target
        src_cells = max(0, src_width - 1)
        label = f"{_fit(document, max(0, src_cells // 2) - 2).rstrip()} ▸ " if document else ""
        editor = self.session.claimed.get(seg.id)
        if editor is not None:  # another reviewer is editing it now (review/live.py)
            target, empty = f"✎ {editor}: {target or '—'}", False
        parts = [
            RichSegment(STATUS_MARKS[status] + " ", base + style(f"segment-list--{status.value}")),
            RichSegment(number, base + style("segment-list--number")),
            RichSegment(paragraph, base + style("segment-list--paragraph")),
            RichSegment("│ ", base + rule),
            RichSegment(label, base + style("segment-list--document")),
            RichSegment(_fit(source, max(0, src_cells - cell_len(label))) + " ", base),
            RichSegment("│", base + rule),
            RichSegment(
                _fit(target or "—", tgt_width),
                base + style("segment-list--empty") if empty else base,
            ),
        ]
        return parts


def fit_cells(text: str, width: int) -> str:
    """One line of `text` in exactly `width` cells, with an ellipsis when cut."""
    return _fit(text, width)


def _fit(text: str, width: int) -> str:
    """One line of `text` in exactly `width` cells, with an ellipsis when cut (inline codes
    drawn as their short tags)."""
    text = " ".join(render_codes(text).split())
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    if width <= 1:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
