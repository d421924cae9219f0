"""The current segment's source: glossary terms highlighted, a cursor and a selection.

Read-only, but focusable: the cursor marks where `split` cuts, and shift+arrows select the
words that `add term` takes to the glossary. A mouse selection works too (Textual's own).
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tmbuilder.inline import has_codes, is_code, parse_char, short_form
from tmbuilder.model import TermStatus
from tmbuilder.review.assist import TermHit

_WORD_START = re.compile(r"\b\w")


def display_text(source: str) -> tuple[str, list[int]]:
    """`source` as drawn (each inline code as its short tag) and, for every offset 0..len,
    where that character starts in the drawn text."""
    if not has_codes(source):
        return source, list(range(len(source) + 1))
    out: list[str] = []
    starts: list[int] = []
    at = 0
    for ch in source:
        starts.append(at)
        parsed = parse_char(ch) if is_code(ch) else None
        piece = short_form(*parsed) if parsed else ch
        out.append(piece)
        at += len(piece)
    starts.append(at)
    return "".join(out), starts


def code_tokens(source: str) -> list[tuple[int, int, str]]:
    """(offset, offset + 1, short tag) of every inline code in `source`."""
    if not has_codes(source):
        return []
    found = []
    for i, ch in enumerate(source):
        parsed = parse_char(ch) if is_code(ch) else None
        if parsed:
            found.append((i, i + 1, short_form(*parsed)))
    return found


class SourceView(Widget, can_focus=True):
    """Shows a source sentence; keeps a cursor offset and an optional selection."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-view--term-approved",
        "source-view--term-proposed",
        "source-view--term-forbidden",
        "source-view--selection",
        "source-view--cursor",
        "source-view--code",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Left", show=False),
        Binding("right", "move(1)", "Right", show=False),
        Binding("shift+left", "move(-1, True)", "Select left", show=False),
        Binding("shift+right", "move(1, True)", "Select right", show=False),
        Binding("ctrl+left", "word(-1)", "Word left", show=False),
        Binding("ctrl+right", "word(1)", "Word right", show=False),
        Binding("ctrl+shift+left", "word(-1, True)", "Select word left", show=False),
        Binding("ctrl+shift+right", "word(1, True)", "Select word right", show=False),
        Binding("home", "edge(0)", "Start", show=False),
        Binding("end", "edge(1)", "End", show=False),
        Binding("shift+home", "edge(0, True)", "Select to start", show=False),
        Binding("shift+end", "edge(1, True)", "Select to end", show=False),
        Binding("up", "scroll_lines(-1)", "Scroll up", show=False),
        Binding("down", "scroll_lines(1)", "Scroll down", show=False),
        Binding("pageup", "scroll_lines(-5)", "Page up", show=False),
        Binding("pagedown", "scroll_lines(5)", "Page down", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    """Offset in the source where split cuts (0..len)."""
    mark: reactive[int | None] = reactive(None)
    """Other end of the keyboard selection, or None when nothing is selected."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""
        self.hits: list[TermHit] = []

    def show(self, source: str, hits: list[TermHit]) -> None:
        """Display a new sentence; the cursor goes to its start, the selection is dropped."""
        self.source = source
        self.hits = hits
        self.mark = None
        self.cursor = 0
        self.refresh(layout=True)

    @property
    def selection(self) -> tuple[int, int] | None:
        if self.mark is None or self.mark == self.cursor:
            return None
        return min(self.mark, self.cursor), max(self.mark, self.cursor)

    @property
    def selected_text(self) -> str:
        """The keyboard selection, else a mouse selection inside this widget, else ''."""
        span = self.selection
        if span is not None:
            return self.source[span[0] : span[1]].strip()
        mouse = self.text_selection
        if mouse is not None:
            got = self.get_selection(mouse)
            if got and got[0].strip() and got[0].strip() in self.source:
                return got[0].strip()
        return ""

    # -- keys ------------------------------------------------------------------------------
    def _put(self, offset: int, select: bool) -> None:
        offset = max(0, min(offset, len(self.source)))
        if select and self.mark is None:
            self.mark = self.cursor
        elif not select:
            self.mark = None
        self.cursor = offset

    def action_move(self, delta: int, select: bool = False) -> None:
        self._put(self.cursor + delta, select)

    def action_word(self, direction: int, select: bool = False) -> None:
        starts = [m.start() for m in _WORD_START.finditer(self.source)] + [len(self.source)]
        if direction > 0:
            target = next((s for s in starts if s > self.cursor), len(self.source))
        else:
            target = next((s for s in reversed(starts) if s < self.cursor), 0)
        self._put(target, select)

    def action_edge(self, end: int, select: bool = False) -> None:
        self._put(len(self.source) if end else 0, select)

    def action_scroll_lines(self, lines: int) -> None:
        box = self.parent
        if isinstance(box, SourceBox):
            box.scroll_relative(y=lines, animate=False)

    # -- drawing ---------------------------------------------------------------------------
    def render(self) -> Text:
        # Inline codes (one private-use character each, tmbuilder.inline) are drawn as
        # their OmegaT short tags, <g1>…</g1>, <x2/>; spans below are source offsets, mapped
        # to where each character starts on screen.
        display, starts = display_text(self.source or " ")
        text = Text(display, end="")

        def span(a: int, b: int) -> tuple[int, int]:
            return starts[a], starts[b]

        for start, end, _tag in code_tokens(self.source):
            text.stylize(self.get_component_rich_style("source-view--code"), *span(start, end))
        for hit in self.hits:
            text.stylize(self._term_style(hit.term.status), *span(hit.start, hit.end))
        sel = self.selection
        if sel is not None:
            text.stylize(self.get_component_rich_style("source-view--selection"), *span(*sel))
        if self.has_focus:
            cursor = self.get_component_rich_style("source-view--cursor")
            if self.cursor >= len(self.source):
                text.append(" ", cursor)
            else:
                text.stylize(cursor, *span(self.cursor, self.cursor + 1))
        return text

    def _term_style(self, status: TermStatus) -> Style:
        return self.get_component_rich_style(f"source-view--term-{status.value}", partial=True)

    def watch_cursor(self) -> None:
        self.refresh()

    def watch_mark(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def _one_line(label: str, text: str) -> Text:
    return Text.assemble(
        (label, "bold"), " ", text, style="dim", end="", no_wrap=True, overflow="ellipsis"
    )


class SourceBox(VerticalScroll, can_focus=False):
    """The source pane: previous segment, the source (every line), next segment; it grows with
    the sentence up to its max height, then scrolls, and its subtitle says what is hidden."""

    _pending: tuple[str, list[TermHit], str | None, str | None] | None = None

    def on_mount(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.show(*pending)

    def compose(self) -> ComposeResult:
        yield Static(id="source-prev", classes="source-context")
        yield SourceView(id="source")
        yield Static(id="source-next", classes="source-context")

    def show(
        self, source: str, hits: list[TermHit], previous: str | None, following: str | None
    ) -> None:
        """The current source with its neighbours in the same document (None: there is none)."""
        if not self.query("#source-prev"):  # not composed yet: show it once mounted
            self._pending = (source, hits, previous, following)
            return
        prev_line = self.query_one("#source-prev", Static)
        next_line = self.query_one("#source-next", Static)
        # The neighbours are context: they give way when the sentence itself needs the room.
        room = self._room()
        needed = self._lines_of(source)
        spare = room - needed if room else 2
        prev_line.display = previous is not None and spare >= 2
        next_line.display = following is not None and spare >= 2
        prev_line.update(_one_line("↑", previous or ""))
        next_line.update(_one_line("↓", following or ""))
        self.query_one(SourceView).show(source, hits)
        self.scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self.update_cue)

    def _room(self) -> int:
        """Lines the pane can show before it must scroll (0 when not laid out yet)."""
        parent = self.parent
        if not isinstance(parent, Widget) or not parent.size.height:
            return 0
        max_height = self.styles.max_height
        limit = parent.size.height
        if max_height is not None:
            limit = int(max_height.resolve(parent.size, self.app.size))
        return max(0, limit - 2)  # the border

    def _lines_of(self, source: str) -> int:
        width = self.content_region.width or self.size.width
        if width <= 0:
            return 1
        return len(Text(display_text(source)[0]).wrap(self.app.console, width))

    def update_cue(self) -> None:
        """Say in the border how much of the source is out of view (the scrollbar shows it too)."""
        view = self.query_one(SourceView)
        if not self.is_attached:
            return
        hidden_below = max(0, view.region.bottom - self.content_region.bottom)
        hidden_above = max(0, self.content_region.y - view.region.y)
        parts = []
        if hidden_above:
            parts.append(f"↑ {hidden_above} line(s)")
        if hidden_below:
            parts.append(f"↓ {hidden_below} more line(s)")
        subtitle = " · ".join(parts) + " (scroll)" if parts else ""
        # Only touch what changed: a class change restyles the subtree, and doing that on
        # every segment doubled the time of confirm-and-next (bench/bench_tui.py).
        if subtitle != self.border_subtitle:
            self.border_subtitle = subtitle
        clipped = bool(parts)
        if clipped != self.has_class("-clipped"):
            self.set_class(clipped, "-clipped")

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.update_cue()

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_cue)
