"""The main screen's layout and safety net: list above, editor and side panel below.

Drawing the current segment, following the typing (autosave, live QA) and saving it before
the cursor leaves are here; the key actions are in screens/review.py. Every edit that leaves
the editor goes through `save_in_progress` first, so moving never drops typing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial, wraps
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from tmbuilder.errors import TmBuilderError
from tmbuilder.model import Match, Segment
from tmbuilder.review.assist import Assist, FindingLike, TermHit
from tmbuilder.review.autosave import AutosaveEntry, Autosaver
from tmbuilder.review.claims import SegmentTaken
from tmbuilder.review.live import LiveUpdate
from tmbuilder.review.session import ReviewSession
from tmbuilder.review.store_wait import RETRY_EVERY, BusyError, StoreWait
from tmbuilder.store.base import UnitConflict
from tmbuilder.store.postgres.connect import server_error
from tmbuilder.tui.messages import WentReadOnly
from tmbuilder.tui.screens.conflict import Choice, ConflictScreen
from tmbuilder.tui.widgets.segment_list import SegmentList
from tmbuilder.tui.widgets.side_panel import SidePanel, render_panel
from tmbuilder.tui.widgets.source_view import SourceBox, SourceView
from tmbuilder.tui.widgets.status import STATUS_STYLES, JobBar, ProgressLine, progress_text
from tmbuilder.tui.widgets.target_area import TargetArea

T = TypeVar("T")
P = ParamSpec("P")
S = TypeVar("S", bound="EditorScreen")
QA_DELAY = 0.3  # seconds of quiet typing before the QA warnings are recomputed


def retried(method: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], T]:
    """Mark a key action as one to run again when a write in it found the store busy
    (`EditorScreen.attempt`): it runs again as a whole, on what the editor then holds."""

    def run(self: S, *args: P.args, **kwargs: P.kwargs) -> T:
        outer = self._retry is None
        if outer:  # the key's own action, not one it calls (move -> save_in_progress)
            self._retry = partial(run, self, *args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        finally:
            if outer:
                self._retry = None

    # wraps: Textual counts an action's parameters on the original (`confirm(True)`)
    return cast("Callable[Concatenate[S, P], T]", wraps(method)(run))


def store_trouble(exc: BaseException) -> str | None:
    """One line for a store failure met mid-session (SQLite busy or damaged, the PostgreSQL
    server gone), or None when `exc` is not one: that is a bug, and shows as one."""
    if isinstance(exc, sqlite3.Error):
        return f"the project store refused the change ({exc})"
    return server_error(exc)


class EditorScreen(Screen[None]):
    """Segment list, source, target, status line and side panel; ReviewScreen adds the keys."""

    AUTO_FOCUS = "#target"

    def __init__(self, session: ReviewSession, assist: Assist, autosaver: Autosaver) -> None:
        super().__init__()
        self.session = session
        self.assist = assist
        self.autosaver = autosaver
        self.rows_pending = True  # until the app hands over the rows (rows_loaded)
        self.conflicts = 0  # open merge conflicts, counted by the app (alt+m lists them)
        self._matches: list[Match] = []
        self._hits: list[TermHit] = []
        self._qa_timer: Timer | None = None
        self._panel_text: str | None = None  # the target text the side panel was drawn for
        self.busy_wait = 60.0  # [store] busy_timeout: how long an edit waits for a busy store
        self._retry: Callable[[], object] | None = None  # the key action running (@retried)
        self._store_wait: StoreWait | None = None  # waiting for a busy store to try again
        self._retry_timer: Timer | None = None
        self.taken_by: str = ""  # the other reviewer editing the current segment ('' if none)

    def compose(self) -> ComposeResult:
        yield ProgressLine(id="progress")
        yield SegmentList(self.session, id="segments")
        with Horizontal(id="work"):
            with Vertical(id="editor"):
                yield SourceBox(id="source-box")
                yield TargetArea(
                    id="target", soft_wrap=True, tab_behavior="focus", show_line_numbers=False
                )
                yield Static(id="segment-info")
            yield SidePanel(id="side")
        yield JobBar(id="jobs")
        # compact, without the palette hint: at 80 columns every shown key fits whole
        # (the rest are in help, f1, and the palette, ctrl+p)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(SourceBox).border_title = "Source"
        self.query_one("#target", TextArea).border_title = "Target"
        self.query_one("#side", SidePanel).border_title = "Suggestions"
        self.query_one(JobBar).display = False
        if self.rows_pending:
            self.redraw()
        else:
            # the rows (and maybe a restored autosave) arrived before this screen mounted:
            # reloading the target now would drop the restored typing
            self.segment_list.reset()
            self.update_progress()

    def rows_loaded(self, restore: AutosaveEntry | None) -> None:
        """The session has its rows: show them, and an autosaved edit if there is one."""
        self.rows_pending = False
        self.redraw()
        if restore is not None:
            self._restore(restore)

    def rows_completed(self) -> None:
        """The rest of the rows arrived after the first screenful: let the list reach them."""
        self.segment_list.reset()
        self.update_progress()

    def assist_ready(self, assist: Assist) -> None:
        """The glossary and QA helpers are loaded: highlight terms, fill the side panel, and
        leave the target (the reviewer may be typing already) alone."""
        self.assist = assist
        seg = self.session.current
        if seg is not None and not self.rows_pending:  # else the segment is drawn when shown
            self._hits = assist.term_hits(seg.source)
            self.source.show(seg.source, self._hits)
            self._update_panel(seg, self.target.text)

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
            self.query_one(SourceBox).show(
                "No segment to show: the filter matches nothing (alt+a shows all).", [], None, None
            )
            target.load_text("")
            target.read_only = True
            self._matches, self._hits = [], []
            self.query_one(SidePanel).show(Text(""))
            self.query_one("#segment-info", Static).update("")
            return
        self._hits = self.assist.term_hits(seg.source)
        self.query_one(SourceBox).show(seg.source, self._hits, *self._neighbours())
        target.load_text(seg.target)
        self._claim_current()
        target.read_only = self.session.read_only or bool(self.taken_by)
        target.move_cursor(target.document.end)
        try:
            self._matches = self.session.store.suggestions(seg.id)
        except Exception as exc:
            trouble = store_trouble(exc)
            if trouble is None:
                raise
            self._matches = []  # the segment is still shown and editable; saving will retry
            self.notify(f"{trouble}; suggestions not loaded", severity="error", timeout=8)
        self._update_panel(seg, seg.target)
        self._update_info(seg, seg.target)
        self.segment_list.show_cursor()

    def _neighbours(self) -> tuple[str | None, str | None]:
        """The sources before and after the current one in its document (None at its edges)."""
        row = self.session.current_row
        rows = self.session.rows
        if row is None:
            return None, None
        doc = rows[row].document_id
        before = rows[row - 1].source if row > 0 and rows[row - 1].document_id == doc else None
        after = (
            rows[row + 1].source
            if row + 1 < len(rows) and rows[row + 1].document_id == doc
            else None
        )
        return before, after

    def _update_panel(self, seg: Segment, text: str) -> None:
        self._panel_text = text
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
        elif self.taken_by:
            info.append(f" · being edited by {self.taken_by}", "bold red")
        self.query_one("#segment-info", Static).update(info)

    def update_progress(self) -> None:
        session = self.session
        line = self.query_one(ProgressLine)
        if self.rows_pending:
            line.update(Text("Loading segments…", style="bold"))
            return
        if not session.complete:
            line.update(
                Text(f"Loading segments… the first {len(session.rows):,} are here", style="bold")
            )
            return
        width = max(20, self.size.width or 80)
        waiting = Text()
        if self._store_wait is not None:  # first: the reviewer must see why nothing saves
            waiting.append(f" {self._store_wait.waiting_text()} ", "bold reverse yellow")
            waiting.append(" ")
        progress = progress_text(
            session.progress(),
            shown=len(session.view),
            filter_text=session.filter.describe(),
            read_only=session.read_only,
            width=max(20, width - waiting.cell_len),
            conflicts=self.conflicts,
        )
        line.update(waiting + progress if waiting else progress)

    # -- typing and autosave -----------------------------------------------------------------
    @on(TextArea.Changed, "#target")
    def _typed(self) -> None:
        seg = self.session.current
        if seg is None:
            return
        text = self.target.text
        if text != seg.target and not self._still_writable():
            return
        self.autosaver.note(seg.id, text, seg.target)
        self._update_info(seg, text)
        if self._qa_timer is not None:
            self._qa_timer.stop()
            self._qa_timer = None
        if text != self._panel_text:  # loading a segment fires this too: its panel is drawn
            self._qa_timer = self.set_timer(QA_DELAY, self._recheck)

    def _still_writable(self) -> bool:
        """On each keystroke, check that no other reviewer has the segment (one small read
        of the claims table, tens of microseconds on SQLite), so a session whose claim lapsed
        and was taken stops taking typing at once and says so, instead of failing on save."""
        session = self.session
        if session.read_only:
            return False
        try:
            session.check_writable()
        except SegmentTaken as exc:
            self._taken_away(exc)
            return False
        except TmBuilderError:
            self.post_message(WentReadOnly())
            return False
        except Exception as exc:
            if store_trouble(exc) is None:
                raise
            return True  # store busy or unreachable: saving will say so, and keep the text
        return True

    def _recheck(self) -> None:
        seg = self.session.current
        if seg is not None:
            self._update_panel(seg, self.target.text)

    def _restore(self, entry: AutosaveEntry) -> None:
        if not self.session.go_to_segment(entry.segment_id):
            return
        self.show_current()
        target = self.target
        target.load_text(entry.text)
        target.move_cursor(target.document.end)  # carry on typing where it stopped
        target.focus()
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
            done = what()
        except BusyError:
            self._store_busy()
            return False, None
        except UnitConflict as exc:
            self.resolve_conflict(exc)
        except SegmentTaken as exc:
            self._taken_away(exc)
        except TmBuilderError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            if self.session.read_only:
                self.post_message(WentReadOnly())
        except Exception as exc:
            trouble = store_trouble(exc)
            if trouble is None:
                raise
            self.notify(
                f"{trouble}; your text is still in the editor: try again",
                severity="error",
                timeout=8,
            )
        else:
            if self._store_wait is not None:
                self._store_wait = None
                self.notify("The project store is free again: saved.", title="Store")
                self.update_progress()
            return True, done
        return False, None

    def _store_busy(self) -> None:
        """A write found the store held by another process: keep the edit, show who holds
        it, and run the key's action again shortly, until [store] busy_timeout has passed."""
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        wait, retry = self._store_wait, self._retry
        if wait is not None and wait.expired():
            self._store_wait = None
            self.notify(wait.given_up(), title="Not saved", severity="error", timeout=12)
            self.update_progress()
            return
        if wait is None:
            wait = StoreWait(Path(self.session.store.path), self.busy_wait)
            if retry is None:  # a dialog's answer: nothing to run again by itself
                self.notify(
                    f"The project store is busy ({wait.holder}); nothing was changed. "
                    "Try again in a moment.",
                    severity="warning",
                    timeout=8,
                )
                return
            self._store_wait = wait
            self.notify(wait.notice(), title="Store busy", severity="warning", timeout=10)
            self.update_progress()
        if retry is not None:
            self._retry_timer = self.set_timer(RETRY_EVERY, retry)

    # -- other reviewers ---------------------------------------------------------------------
    def _claim_current(self) -> None:
        """Claim the segment now in the editor; when another reviewer has it, the editor is
        read-only for it and the info line says who."""
        self.taken_by = ""
        try:
            other = self.session.claim_current()
        except Exception as exc:
            if not isinstance(exc, TmBuilderError) and store_trouble(exc) is None:
                raise
            return  # the store is unreachable: saving will say so
        if other is not None:
            self.taken_by = f"{other.author}@{other.host}"

    def _taken_away(self, exc: SegmentTaken) -> None:
        """Another reviewer has the segment (our claim lapsed, say): stop taking typing here at
        once and say so; what was typed stays on screen and in the autosave."""
        claim = exc.claim
        self.taken_by = f"{claim.author}@{claim.host}"
        self.target.read_only = True
        seg = self.session.current
        if seg is not None:
            self._update_info(seg, self.target.text)
        self.notify(str(exc), title="Segment taken", severity="error", timeout=10)

    def resolve_conflict(self, conflict: UnitConflict) -> None:
        """Show both versions and settle the conflict as the reviewer chooses."""
        segment_id = conflict.change.segment_id

        def chosen(choice: Choice | None) -> None:
            seg = self.session.current
            if not choice or seg is None or seg.id != segment_id:
                return  # back to editing: the text is still in the editor
            if choice == "mine":
                ok, _ = self.attempt(lambda: self.session.keep_mine(conflict))
                if ok:
                    who = f"{conflict.changed_by}'s" if conflict.changed_by else "the other"
                    self.notify(f"Kept yours; {who} version is in the segment's history.")
            else:
                ok, _ = self.attempt(lambda: self.session.take_theirs(conflict))
                if ok:
                    self.notify("Took theirs; your text is in the segment's history.")
            if ok:
                self.autosaver.clear()
                self.show_current()
                self.segment_list.refresh()
                self.update_progress()

        self.app.push_screen(ConflictScreen(conflict), chosen)

    def live_update(self, update: LiveUpdate) -> None:
        """Other reviewers' changes and claims, found by the app's poll (review/live.py)."""
        seg = self.session.current
        if seg is None:
            return
        if update.refreshed or update.claims_changed:
            self.segment_list.refresh()
            self.update_progress()
        if seg.id in update.refreshed and self.target.text != seg.target:
            # the editor held the old text, unchanged by the reviewer: show the new one
            self.show_current()
        elif update.current_changed is not None:
            other = update.current_changed
            self.notify(
                f"Another reviewer changed this segment at {other.updated_at}: saving your "
                "text will show both versions to choose from.",
                severity="warning",
                timeout=8,
            )
        if self.taken_by and seg.id not in self.session.claimed:
            self._claim_current()  # they moved on: the segment is free again
            if not self.taken_by and not self.session.read_only:
                self.target.read_only = False
                self._update_info(seg, self.target.text)
        elif not self.taken_by and seg.id in self.session.claimed:
            claim = self.session.claims_detail.get(seg.id)
            if claim is not None:
                self._taken_away(SegmentTaken(claim, claim.heartbeat))

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

    @retried
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
