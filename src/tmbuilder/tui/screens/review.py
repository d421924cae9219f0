"""The main screen: the segment list above, the editor and the side panel below.

The screen turns keys into session calls and redraws; the rules (what confirm writes, where
"next unreviewed" is, what a replace changes) live in tmbuilder.review.session. Every edit that
leaves the editor goes through `save_in_progress` first, so moving never drops typing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from tmbuilder.errors import TmBuilderError
from tmbuilder.model import Match, Segment, Term, TermStatus
from tmbuilder.review.assist import Assist, FindingLike, TermHit
from tmbuilder.review.autosave import AutosaveEntry, Autosaver
from tmbuilder.review.filters import SegmentFilter
from tmbuilder.review.replace import Replacement
from tmbuilder.review.session import ReviewSession, suggestion_origin
from tmbuilder.tui.bindings import REVIEW_KEYS, bindings
from tmbuilder.tui.screens.dialogs import FilterDialog, GotoDialog, TermDialog
from tmbuilder.tui.screens.replace import ReplaceDialog
from tmbuilder.tui.widgets.segment_list import SegmentList
from tmbuilder.tui.widgets.side_panel import SidePanel, render_panel
from tmbuilder.tui.widgets.source_view import SourceView
from tmbuilder.tui.widgets.status import STATUS_STYLES, JobBar, ProgressLine, progress_text

if TYPE_CHECKING:
    from tmbuilder.tui.app import ReviewApp

T = TypeVar("T")
QA_DELAY = 0.3  # seconds of quiet typing before the QA warnings are recomputed


class ReviewScreen(Screen[None]):
    """Segment list, source, target, status line and side panel."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(REVIEW_KEYS))
    AUTO_FOCUS = "#target"

    def __init__(
        self,
        session: ReviewSession,
        assist: Assist,
        autosaver: Autosaver,
        restore: AutosaveEntry | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.assist = assist
        self.autosaver = autosaver
        self.restore = restore
        self.search: SegmentFilter | None = None
        self._matches: list[Match] = []
        self._hits: list[TermHit] = []
        self._qa_timer: Timer | None = None

    @property
    def review_app(self) -> ReviewApp:
        from tmbuilder.tui.app import ReviewApp

        assert isinstance(self.app, ReviewApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield ProgressLine(id="progress")
        yield SegmentList(self.session, id="segments")
        with Horizontal(id="work"):
            with Vertical(id="editor"):
                yield SourceView(id="source")
                yield TextArea(
                    id="target", soft_wrap=True, tab_behavior="focus", show_line_numbers=False
                )
                yield Static(id="segment-info")
            yield SidePanel(id="side")
        yield JobBar(id="jobs")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#source", SourceView).border_title = "Source"
        self.query_one("#target", TextArea).border_title = "Target"
        self.query_one("#side", SidePanel).border_title = "Suggestions"
        self.query_one(JobBar).display = False
        self.redraw()
        if self.restore is not None:
            self._restore(self.restore)

    # -- widgets ---------------------------------------------------------------------------------
    @property
    def target(self) -> TextArea:
        return self.query_one("#target", TextArea)

    @property
    def source(self) -> SourceView:
        return self.query_one("#source", SourceView)

    @property
    def segment_list(self) -> SegmentList:
        return self.query_one("#segments", SegmentList)

    # -- drawing ---------------------------------------------------------------------------------
    def redraw(self) -> None:
        """Everything: after a filter, reload, split or merge."""
        self.segment_list.reset()
        self.show_current()
        self.update_progress()

    def show_current(self) -> None:
        """Load the segment under the cursor into the editor and the side panel."""
        seg = self.session.current
        target = self.target
        if seg is None:
            self.source.show(
                "No segment to show: the filter matches nothing (alt+a shows all).", []
            )
            target.load_text("")
            target.read_only = True
            self._matches, self._hits = [], []
            self.query_one(SidePanel).show(Text(""))
            self.query_one("#segment-info", Static).update("")
            return
        self._hits = self.assist.term_hits(seg.source)
        self.source.show(seg.source, self._hits)
        target.load_text(seg.target)
        target.read_only = self.session.read_only
        target.move_cursor(target.document.end)
        self._matches = self.session.store.suggestions(seg.id)
        self._update_panel(seg, seg.target)
        self._update_info(seg, seg.target)
        self.segment_list.show_cursor()

    def _update_panel(self, seg: Segment, text: str) -> None:
        findings: list[FindingLike] = self.assist.findings(seg, text)
        content = render_panel(
            seg.source, self._matches, self._hits, findings, self.assist.diff, self.assist.missing
        )
        self.query_one(SidePanel).show(content)

    def _update_info(self, seg: Segment, text: str) -> None:
        row = self.session.current_row or 0
        info = Text()
        info.append(f"#{self.session.number(row):,} ", "bold")
        info.append(seg.status.value, STATUS_STYLES[seg.status])
        info.append(f" · {seg.origin or 'no origin'}")
        if text != seg.target:
            info.append(" · edited, not saved", "bold yellow")
        if self.session.read_only:
            info.append(" · read-only", "bold red")
        self.query_one("#segment-info", Static).update(info)

    def update_progress(self) -> None:
        session = self.session
        line = self.query_one(ProgressLine)
        line.update(
            progress_text(
                session.progress(),
                shown=len(session.view),
                filter_text=session.filter.describe(),
                read_only=session.read_only,
                width=max(20, self.size.width or 80),
            )
        )

    # -- typing and autosave -----------------------------------------------------------------
    @on(TextArea.Changed, "#target")
    def _typed(self) -> None:
        seg = self.session.current
        if seg is None:
            return
        text = self.target.text
        self.autosaver.note(seg.id, text, seg.target)
        self._update_info(seg, text)
        if self._qa_timer is not None:
            self._qa_timer.stop()
        self._qa_timer = self.set_timer(QA_DELAY, self._recheck)

    def _recheck(self) -> None:
        seg = self.session.current
        if seg is not None:
            self._update_panel(seg, self.target.text)

    def _restore(self, entry: AutosaveEntry) -> None:
        if not self.session.go_to_segment(entry.segment_id):
            return
        self.show_current()
        self.target.load_text(entry.text)
        self.autosaver.adopt(entry)
        row = self.session.current_row or 0
        self.notify(
            f"Restored unsaved typing in segment {self.session.number(row)} (from {entry.at}). "
            "Confirm to keep it.",
            title="Autosave",
            timeout=8,
        )

    # -- the safety net ------------------------------------------------------------------------
    def attempt(self, what: Callable[[], T]) -> tuple[bool, T | None]:
        """Run an edit; tell the user in one line when it is refused, and leave the editor as
        it is (the text is still there, and autosaved) so nothing is lost."""
        try:
            return True, what()
        except TmBuilderError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            if self.session.read_only:
                self.review_app.went_read_only()
        except sqlite3.Error as exc:
            self.notify(
                f"the project store refused the change ({exc}); your text is still in the editor",
                severity="error",
                timeout=8,
            )
        return False, None

    def save_in_progress(self) -> bool:
        """Save a changed target before the cursor leaves its segment; False if that failed."""
        seg = self.session.current
        if seg is None or self.target.text == seg.target:
            return True
        ok, _ = self.attempt(lambda: self.session.leave(self.target.text))
        if ok:
            self.autosaver.clear()
            self.segment_list.refresh()
            self.update_progress()
        return ok

    def go(self, pos: int) -> None:
        if not self.session.view or not self.save_in_progress():
            return
        if self.session.move_to(pos):
            self.show_current()

    # -- list events ---------------------------------------------------------------------------
    @on(SegmentList.MoveRequested)
    def _list_move(self, event: SegmentList.MoveRequested) -> None:
        self.go(event.pos)

    @on(SegmentList.EditRequested)
    def _list_edit(self) -> None:
        self.target.focus()

    # -- actions (ids and keys in tui/bindings.py) -------------------------------------------
    def action_confirm(self) -> None:
        text = self.target.text
        ok, nxt = self.attempt(lambda: self.session.confirm(text))
        if not ok:
            return
        self.autosaver.clear()
        if nxt is None:
            self.notify("Every segment in view is reviewed.", title="Done")
        self.show_current()
        self.segment_list.refresh()
        self.update_progress()

    def action_move(self, delta: int) -> None:
        self.go(self.session.pos + delta)

    def _set_target(self, text: str) -> None:
        """Replace the whole target as one undoable edit (ctrl+z brings the old text back)."""
        target = self.target
        if target.read_only:
            self.notify(self.session.read_only_reason or "read-only", severity="error")
            return
        target.replace(text, target.document.start, target.document.end)
        target.move_cursor(target.document.end)
        target.focus()

    def action_insert_match(self, n: int) -> None:
        if not 1 <= n <= len(self._matches):
            self.notify(f"no suggestion {n} for this segment", severity="warning")
            return
        match = self._matches[n - 1]
        self._set_target(match.target)
        self.session.note_inserted(match.target, suggestion_origin(match))

    def action_copy_source(self) -> None:
        seg = self.session.current
        if seg is not None:
            self._set_target(seg.source)

    def action_reject(self) -> None:
        text = self.target.text
        ok, _ = self.attempt(lambda: self.session.reject(text))
        if ok:
            self.autosaver.clear()
            self.show_current()
            self.segment_list.refresh()
            self.update_progress()

    def _undo_redo(self, undo: bool) -> None:
        if not self.save_in_progress():
            return
        call = self.session.undo_last if undo else self.session.redo_last
        ok, entry = self.attempt(call)
        if not ok:
            return
        if entry is None:
            self.notify("nothing to undo" if undo else "nothing to redo", severity="warning")
            return
        what = "Undid" if undo else "Redid"
        self.notify(f"{what} {entry.label} of {len(entry.edits)} segment(s)")
        self.show_current()
        self.segment_list.refresh()
        self.update_progress()

    def action_undo_change(self) -> None:
        self._undo_redo(True)

    def action_redo_change(self) -> None:
        self._undo_redo(False)

    def action_goto(self) -> None:
        def chosen(number: int | None) -> None:
            if number is None or not self.save_in_progress():
                return
            ok, cleared = self.attempt(lambda: self.session.go_to_number(number))
            if not ok:
                return
            if cleared:
                self.notify(f"Segment {number} was hidden by the filter: showing all.")
                self.segment_list.reset()
                self.update_progress()
            self.show_current()

        self.app.push_screen(GotoDialog(len(self.session.rows)), chosen)

    def action_filter(self) -> None:
        def chosen(result: tuple[str, SegmentFilter] | None) -> None:
            if result is None:
                return
            mode, flt = result
            if mode == "find":
                self.search = flt
                self.action_find_next()
            elif flt.qa_only and not self.review_app.qa_done:
                self.notify("Running QA first; the filter applies when it is done.")
                self.review_app.start_qa(then_filter=flt)
            else:
                self.apply_filter(flt)

        self.app.push_screen(FilterDialog(self.session.filter), chosen)

    def apply_filter(self, flt: SegmentFilter) -> None:
        if not self.save_in_progress():
            return
        ok, count = self.attempt(lambda: self.session.apply_filter(flt))
        if ok:
            if flt.text:
                self.search = flt
            self.notify(f"{count:,} segment(s) shown" if flt.active else "Showing every segment")
            self.redraw()

    def action_find_next(self) -> None:
        search = self.search
        if search is None or not search.text:
            self.notify("Nothing to find yet: ctrl+f, type, Find next.", severity="warning")
            return
        ok, pos = self.attempt(
            lambda: self.session.find_next(
                SegmentFilter(
                    text=search.text,
                    regex=search.regex,
                    case_sensitive=search.case_sensitive,
                    scope=search.scope,
                )
            )
        )
        if ok and pos is None:
            self.notify(f"{search.describe()}: not found", severity="warning")
        elif ok and pos is not None:
            self.go(pos)

    def action_clear_filter(self) -> None:
        self.apply_filter(SegmentFilter())

    def action_replace(self) -> None:
        if not self.save_in_progress():
            return
        session = self.session
        scope = (
            f"{len(session.view):,} filtered segments" if session.filter.active else "all segments"
        )

        def preview(find: str, repl: str, regex: bool, case: bool) -> list[Replacement]:
            return session.replace_preview(find, repl, regex=regex, case_sensitive=case)

        def chosen(plan: list[Replacement] | None) -> None:
            if not plan:
                return
            ok, count = self.attempt(lambda: session.apply_replace(plan))
            if ok:
                self.notify(f"Replaced in {count or 0:,} target(s); alt+z undoes it.")
                self.show_current()
                self.segment_list.refresh()
                self.update_progress()

        self.app.push_screen(ReplaceDialog(preview, session.number, scope), chosen)

    def action_add_term(self) -> None:
        if self.session.current is None:
            return
        selected = self.source.selected_text
        if not selected:
            self.notify("Tip: select the term in the source first (tab, shift+arrows).")

        def chosen(term: Term | None) -> None:
            if term is None:
                return
            ok, saved = self.attempt(lambda: self.session.store.save_term(term))
            if ok and saved is not None:
                self.assist.set_terms(self.session.store.terms())
                self.notify(f"Glossary: {saved.source} → {saved.target or '(no English)'}")
                self.show_current()

        self.app.push_screen(
            TermDialog(Term(source=selected, status=TermStatus.APPROVED), "Add glossary term"),
            chosen,
        )

    def action_split(self) -> None:
        seg = self.session.current
        if seg is None:
            return
        offset = self.source.cursor
        if not 0 < offset < len(seg.source):
            self.notify(
                "Put the source cursor where to split: tab to the source, move with the arrows.",
                severity="warning",
            )
            return
        if not self.save_in_progress():
            return
        ok, parts = self.attempt(lambda: self.session.split(offset))
        if ok and parts is not None:
            row = self.session.current_row or 0
            self.notify(f"Split into segments {row + 1} and {row + 2}.")
            self.redraw()

    def action_merge(self) -> None:
        if not self.save_in_progress():
            return
        ok, merged = self.attempt(self.session.merge_next)
        if ok and merged is not None:
            self.notify(
                f"Merged into segment {self.session.number(self.session.current_row or 0)}."
            )
            self.redraw()

    def action_run_qa(self) -> None:
        self.review_app.start_qa()
