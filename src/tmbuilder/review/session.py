"""A review session: the view of the segments plus every edit, each committed at once.

Each edit goes to the store and is committed before the method returns, so a caller that
moves the cursor afterwards can never lose a confirmed change. The returned segment replaces
its row in memory, so the view stays in step with the store without re-reading it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from tmbuilder.model import Match, Segment, Status
from tmbuilder.review.replace import Replacement, plan_replace
from tmbuilder.review.undo import UndoEntry, UndoStack, UnitEdit, UnitState
from tmbuilder.review.view import ReviewError, ReviewProgress, SegmentView, word_counts
from tmbuilder.store.base import ProjectStore, UnitChange, UnitConflict

if TYPE_CHECKING:
    from tmbuilder.review.claims import SegmentClaims
    from tmbuilder.store.review_tables import ClaimRow

__all__ = [
    "HUMAN",
    "ReadOnlyError",
    "ReviewError",
    "ReviewProgress",
    "ReviewSession",
    "suggestion_origin",
    "word_counts",
]

HUMAN = "human"


class ReadOnlyError(ReviewError):
    """The session is read-only (opened so, or the store cannot be written)."""


def suggestion_origin(match: Match) -> str:
    """The unit origin a target gets when it is a suggestion taken as is."""
    if match.kind == "mt":
        return match.origin if match.origin.startswith("mt:") else f"mt:{match.origin or '?'}"
    # rounded as the side panel shows it (97.6 reads "98%" there, so the origin is tm:98)
    return f"tm:{round(match.score)}"


class ReviewSession(SegmentView):
    """Navigation, filtering (from SegmentView) and editing over a project's segments."""

    def __init__(
        self,
        store: ProjectStore,
        *,
        author: str,
        segments: Sequence[Segment] | None = None,
        claims: SegmentClaims | None = None,
    ) -> None:
        self.store = store
        self.author = author
        # Per-segment claims (review/claims.py): a segment another live session claims is
        # not written here. None: no other session to respect (tests, one-off tools).
        self.claims = claims
        # Segments other reviewers are editing now: id -> who (kept by review/live.py).
        self.claimed: dict[int, str] = {}
        self.claims_detail: dict[int, ClaimRow] = {}
        self.read_only = False
        self.read_only_reason = ""
        self.undo = UndoStack()
        # Suggestions put into the current segment's editor: text -> origin (segment id first).
        self._inserted: tuple[int, dict[str, str]] | None = None
        super().__init__(store.segments() if segments is None else segments)

    # -- edits -----------------------------------------------------------------------------------
    def check_writable(self, segment_ids: Iterable[int] | None = None) -> None:
        """Raise ReadOnlyError when this session may not write, and SegmentTaken when another
        reviewer is editing one of `segment_ids` (default: the current segment)."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason or "this review session is read-only")
        if self.claims is None:
            return
        if segment_ids is None:
            seg = self.current
            segment_ids = () if seg is None else (seg.id,)
        for segment_id in segment_ids:
            self.claims.check(segment_id)

    def claim_current(self) -> ClaimRow | None:
        """Claim the segment under the cursor for editing (giving back the one before);
        returns the other reviewer's claim when it is taken, else None."""
        seg = self.current
        if self.claims is None or seg is None or self.read_only:
            return None
        return self.claims.claim(seg.id)

    def replace_row(self, row: int, seg: Segment) -> None:
        """Put a newer version of a row's segment in place (another reviewer's change)."""
        self._set_row(row, seg)

    def set_read_only(self, reason: str) -> None:
        self.read_only = True
        self.read_only_reason = reason

    def note_inserted(self, text: str, origin: str) -> None:
        """The editor now holds a suggestion verbatim; confirming that text unchanged keeps
        the suggestion's origin (also after inserting another one and undoing back to it)."""
        seg = self.current
        if seg is None:
            return
        if self._inserted is None or self._inserted[0] != seg.id:
            self._inserted = (seg.id, {})
        self._inserted[1][text] = origin

    def origin_for(self, seg: Segment, text: str) -> str:
        inserted = self._inserted
        if inserted is not None and inserted[0] == seg.id and text in inserted[1]:
            return inserted[1][text]
        if text == seg.target and seg.origin:
            return seg.origin
        return HUMAN

    def _current_or_fail(self) -> tuple[int, Segment]:
        row = self.current_row
        if row is None:
            raise ReviewError("no segment selected")
        return row, self.rows[row]

    def commit(self, text: str, status: Status, *, detail: str = "") -> Segment:
        """Write the current segment's target and status; committed when this returns.

        UnitConflict when someone changed the unit since this session read it: nothing is
        written, and `keep_mine` or `take_theirs` settles it."""
        row, seg = self._current_or_fail()
        self.check_writable((seg.id,))
        origin = self.origin_for(seg, text)
        action = "edit" if text != seg.target else "status"
        change = UnitChange(
            seg.id, text, status, origin, self.author, action, detail, expected_version=seg.version
        )
        new = self._write_checked(seg, change)
        self._set_row(row, new)
        self._inserted = None
        before, after = UnitState.of(seg), UnitState.of(new)
        if before != after:
            self.undo.push(UndoEntry(action, (UnitEdit(seg.id, before, after),)))
        return new

    def _write_checked(self, read: Segment, change: UnitChange) -> Segment:
        """Write `change`, made on the version `read`, unless the unit has changed since.

        A store that keeps versions (PostgreSQL) checks `expected_version` itself, under a row
        lock. SQLite has none (version 0), but its write transactions take turns, so reading the
        unit again inside one and comparing it with `read` is just as safe."""
        if read.version:
            return self.store.update_unit(change)
        with self.store.transaction():
            now = self.store.segment(read.id)
            if _unit(now) != _unit(read):
                history = self.store.history(read.id)
                raise UnitConflict(change, now, history[-1].author if history else "")
            return self.store.update_unit(change)

    # -- conflicts (another reviewer changed the unit since it was read) -------------------------
    def keep_mine(self, conflict: UnitConflict) -> Segment:
        """Write the reviewer's version over the other one, as a new version; the other stays
        in the history (as this change's old target). May raise UnitConflict again."""
        theirs = conflict.current
        self.check_writable((theirs.id,))
        who = conflict.changed_by or "someone"
        change = replace(
            conflict.change,
            action="edit",
            detail=f"{conflict.change.detail}; kept over {who}'s version of {theirs.updated_at}"
            if conflict.change.detail
            else f"kept over {who}'s version of {theirs.updated_at}",
            expected_version=theirs.version,
        )
        new = self._write_checked(theirs, change)
        row = self.row_of(theirs.id)
        if row is not None:
            old = self.rows[row]
            self._set_row(row, new)
            if UnitState.of(old) != UnitState.of(new):
                self.undo.push(
                    UndoEntry("edit", (UnitEdit(new.id, UnitState.of(old), UnitState.of(new)),))
                )
        self._inserted = None
        return new

    def take_theirs(self, conflict: UnitConflict) -> Segment:
        """Take the other version as it is in the store; the reviewer's text is written into
        the history (old target of a "conflict" entry), so it is never lost."""
        theirs = conflict.current
        who = conflict.changed_by or "someone"
        self.store.changes.note(
            theirs.id,
            self.author,
            "conflict",
            conflict.change.target,
            theirs.target,
            f"took {who}'s version of {theirs.updated_at}; set aside the reviewer's text",
        )
        row = self.row_of(theirs.id)
        if row is not None:
            self._set_row(row, theirs)
        self._inserted = None
        return theirs

    def confirm(self, text: str, *, overridden: Sequence[str] = ()) -> int | None:
        """Mark the current target reviewed, then go to the next unreviewed segment; returns
        its view position, or None when everything in the view is reviewed (cursor stays).

        `overridden` names the QA errors the reviewer chose to confirm despite; they are
        written into the history entry, so an override can always be found again."""
        row, _ = self._current_or_fail()
        if not text.strip():
            raise ReviewError(
                f"segment {self.number(row)}: the target is empty; nothing to confirm"
            )
        detail = "confirmed in review"
        if overridden:
            detail += f" despite QA error(s): {', '.join(overridden)}"
        self.commit(text, Status.REVIEWED, detail=detail)
        return self._advance()

    def reject(self, text: str) -> int | None:
        """Mark the current target rejected (it needs rework) and move on like `confirm`."""
        self.commit(text, Status.REJECTED, detail="rejected in review")
        return self._advance()

    def _advance(self) -> int | None:
        nxt = self.next_unreviewed()
        if nxt is not None:
            self.pos = nxt
        return nxt

    def leave(self, text: str) -> Segment | None:
        """Save a changed, unconfirmed target before the cursor leaves its segment, so typing
        is never dropped by moving; it becomes `translated` (a human target, not reviewed)."""
        seg = self.current
        if seg is None or text == seg.target:
            return None
        return self.commit(text, Status.TRANSLATED if text.strip() else Status.NEW)

    # -- undo ------------------------------------------------------------------------------------
    def undo_last(self) -> UndoEntry | None:
        """Write back the state before the last action; returns it, or None if nothing."""
        self.check_writable(())
        entry = self.undo.peek_undo()
        if entry is not None:
            self.check_writable(e.segment_id for e in entry.edits)
            with self.store.transaction():  # the check and the write in one turn
                self._check_unchanged(entry, undo=True)
                entry = self.undo.pop_undo()
                if entry is not None:
                    self._write_states(entry, undo=True)
        return entry

    def redo_last(self) -> UndoEntry | None:
        self.check_writable(())
        entry = self.undo.peek_redo()
        if entry is not None:
            self.check_writable(e.segment_id for e in entry.edits)
            with self.store.transaction():
                self._check_unchanged(entry, undo=False)
                entry = self.undo.pop_redo()
                if entry is not None:
                    self._write_states(entry, undo=False)
        return entry

    def _check_unchanged(self, entry: UndoEntry, *, undo: bool) -> None:
        """Refuse (ReviewError, nothing written, the entry kept) when a unit the undo or redo
        would write no longer holds what this session left in it: someone else changed it
        since, and writing the older state back would replace their newer edit."""
        for e in entry.edits:
            now = self.store.segment(e.segment_id)
            if UnitState.of(now) != (e.after if undo else e.before):
                history = self.store.history(e.segment_id)
                who = history[-1].author if history else "someone"
                raise ReviewError(
                    f"segment #{e.segment_id} was changed by {who} since; "
                    f"{'undo' if undo else 'redo'} would replace that newer edit, so nothing "
                    "was written"
                )

    def _write_states(self, entry: UndoEntry, *, undo: bool) -> None:
        action = "undo" if undo else "redo"
        changes = [
            UnitChange(
                e.segment_id,
                (e.before if undo else e.after).target,
                (e.before if undo else e.after).status,
                (e.before if undo else e.after).origin,
                self.author,
                action,
                f"{action} {entry.label}",
            )
            for e in entry.edits
        ]
        self.store.update_units(changes)
        self._refresh_ids([e.segment_id for e in entry.edits])
        self._inserted = None
        self.go_to_segment(entry.edits[0].segment_id)

    def refresh_segment(self, seg: Segment) -> None:
        """Take `seg` as the store now holds it (changed outside the session's edits)."""
        row = self.row_of(seg.id)
        if row is not None:
            self._set_row(row, seg)

    def _refresh_ids(self, segment_ids: Iterable[int]) -> None:
        for segment_id in segment_ids:
            row = self.row_of(segment_id)
            if row is not None:
                self._set_row(row, self.store.segment(segment_id))

    # -- search and replace ----------------------------------------------------------------------
    def replace_preview(
        self, find: str, replace: str, *, regex: bool = False, case_sensitive: bool = False
    ) -> list[Replacement]:
        """What a replace in the targets of the segments in view would change."""
        self.require_complete("replace")
        return plan_replace(
            self.rows, self.view, find, replace, regex=regex, case_sensitive=case_sensitive
        )

    def apply_replace(self, plan: Sequence[Replacement], label: str = "replace") -> int:
        """Apply a previewed replace in one transaction; targets edited since the preview are
        skipped, and so are segments another reviewer is editing. Statuses stay; the origin
        becomes human. Returns how many targets changed."""
        self.check_writable(())
        taken = set(self.claimed)
        edits: list[UnitEdit] = []
        changes: list[UnitChange] = []
        for item in plan:
            row = self.row_of(item.segment_id)
            if row is None or self.rows[row].target != item.old or item.segment_id in taken:
                continue
            seg = self.rows[row]
            after = UnitState(item.new, seg.status, HUMAN)
            edits.append(UnitEdit(seg.id, UnitState.of(seg), after))
            changes.append(
                UnitChange(seg.id, item.new, seg.status, HUMAN, self.author, "edit", label)
            )
        if not changes:
            return 0
        self.store.update_units(changes)
        self._refresh_ids(e.segment_id for e in edits)
        self.undo.push(UndoEntry(label, tuple(edits)))
        return len(changes)

    # -- split and merge -------------------------------------------------------------------------
    def split(self, offset: int) -> tuple[Segment, Segment]:
        """Split the current segment's source at `offset`; the target stays with the first
        part. The store logs it; the undo stack is cleared, as split is not undoable here."""
        self.check_writable()
        row, seg = self._current_or_fail()
        left, right = self.store.split_segment(seg.id, offset, self.author)
        rows = list(self.rows)
        rows[row : row + 1] = [left, right]
        self.undo.clear()
        self._load(rows, left.id, self._spliced_words(row, 1, [left, right]))
        return left, right

    def merge_next(self) -> Segment:
        """Merge the current segment with the next one of its paragraph."""
        self.check_writable()
        row, seg = self._current_or_fail()
        if row + 1 >= len(self.rows):
            self.require_complete("merge")
            raise ReviewError(f"segment {self.number(row)} is the last one; nothing to merge")
        nxt = self.rows[row + 1]
        self.check_writable((nxt.id,))  # the next one is merged away: not while someone edits it
        merged = self.store.merge_segments(seg.id, nxt.id, self.author)
        rows = list(self.rows)
        rows[row : row + 2] = [merged]
        self.undo.clear()
        self._load(rows, merged.id, self._spliced_words(row, 2, [merged]))
        return merged

    def reload(self, segments: Sequence[Segment] | None = None) -> None:
        """Take fresh rows from the store (after a draft or import), keeping the cursor."""
        keep = self.current.id if self.current else None
        self._load(list(self.store.segments() if segments is None else segments), keep)


def _unit(seg: Segment) -> tuple[str, Status, str, str]:
    """What a change to a unit changes: two reads that agree on it saw the same version."""
    return (seg.target, seg.status, seg.origin, seg.updated_at)
