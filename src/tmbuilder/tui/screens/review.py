"""The main screen's keys: confirm, move, insert, undo, search, replace, glossary, split.

The screen turns keys into session calls and redraws; the rules (what confirm writes, where
"next unreviewed" is, what a replace changes) live in tmbuilder.review.session. The keys and
their ids are in tui/bindings.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.binding import BindingType

from tmbuilder.model import Term, TermStatus
from tmbuilder.review.assist import Assist, is_error
from tmbuilder.review.autosave import Autosaver
from tmbuilder.review.filters import SegmentFilter
from tmbuilder.review.replace import Replacement
from tmbuilder.review.session import ReviewSession, suggestion_origin
from tmbuilder.tui.bindings import REVIEW_KEYS, bindings, first_key
from tmbuilder.tui.messages import OpenConcordance, RunQa
from tmbuilder.tui.screens.dialogs import FilterDialog, GotoDialog, TermDialog
from tmbuilder.tui.screens.editor import EditorScreen, retried
from tmbuilder.tui.screens.replace import ReplaceDialog


class ReviewScreen(EditorScreen):
    """The review screen: EditorScreen plus every action of REVIEW_KEYS."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings(REVIEW_KEYS))

    def __init__(
        self,
        session: ReviewSession,
        assist: Assist,
        autosaver: Autosaver,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(session, assist, autosaver)
        self.keymap: Mapping[str, str] = keymap or {}
        self.qa_done = False  # project QA has run: a QA filter can apply at once
        self.search: SegmentFilter | None = None  # the last "find", repeated by find_next

    # -- actions (ids and keys in tui/bindings.py) -------------------------------------------
    @retried
    def action_confirm(self, anyway: bool = False) -> None:
        """Confirm after the segment's QA checks: an error stops here (shown in the panel and
        a notice) unless `anyway` (confirm_anyway's key), which records the override."""
        seg = self.session.current
        if seg is None:
            return
        if self.assist.placeholder:
            # the first second after start: confirming now would skip the checks
            self.notify("The QA checks are still loading; confirm again in a moment.")
            return
        text = self.target.text
        findings = self.assist.findings(seg, text) if text.strip() else []
        errors = [f for f in findings if is_error(f)]
        if errors and not anyway:
            self._update_panel(seg, text)
            keys = first_key("confirm_anyway", self.keymap)
            first = errors[0]
            self.notify(
                f"{first.check}: {first.message}"
                + (f" (+{len(errors) - 1} more)" if len(errors) > 1 else "")
                + f" — fix it, or {keys} to confirm anyway",
                title="QA error: not confirmed",
                severity="error",
                timeout=8,
            )
            return
        overridden = sorted({f.check for f in errors})
        ok, nxt = self.attempt(lambda: self.session.confirm(text, overridden=overridden))
        if not ok:
            return
        warnings = [f for f in findings if not is_error(f)]
        if overridden:
            self.notify(f"Confirmed despite {', '.join(overridden)} (recorded in the history).")
        elif warnings:
            self.notify(
                "; ".join(f"{w.check}: {w.message}" for w in warnings[:2]),
                title=f"Confirmed with {len(warnings)} QA warning(s)",
                severity="warning",
            )
        self.autosaver.clear()
        if nxt is None and self.session.complete:
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

    @retried
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

    @retried
    def action_undo_change(self) -> None:
        self._undo_redo(True)

    @retried
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
            self.target.focus()  # ready to type in the segment asked for

        self.app.push_screen(GotoDialog(len(self.session.rows)), chosen)

    def action_filter(self) -> None:
        def chosen(result: tuple[str, SegmentFilter] | None) -> None:
            if result is None:
                return
            mode, flt = result
            if mode == "find":
                self.search = flt
                self.action_find_next()
            elif flt.qa_only and not self.qa_done:
                self.notify("Running QA first; the filter applies when it is done.")
                self.post_message(RunQa(then_filter=flt))
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
            more = "" if self.session.complete else " yet (the rest are still loading)"
            self.notify(f"{search.describe()}: not found{more}", severity="warning")
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

            def save() -> Term:
                self.session.check_writable(())  # a term is no segment's: no claim needed
                return self.session.store.save_term(term)

            ok, saved = self.attempt(save)
            if ok and saved is not None:
                self.assist.set_terms(self.session.store.terms())
                self.notify(f"Glossary: {saved.source} → {saved.target or '(no English)'}")
                self.show_current()

        self.app.push_screen(
            TermDialog(Term(source=selected, status=TermStatus.APPROVED), "Add glossary term"),
            chosen,
        )

    @retried
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

    @retried
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
        self.post_message(RunQa())

    def action_concordance(self) -> None:
        """Open the concordance on the source selection, else on nothing (type a phrase)."""
        self.post_message(OpenConcordance(self.source.selected_text))
