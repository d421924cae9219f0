"""A review session: the segments in order, the filtered view, the cursor, and every edit.

Each edit goes to the store and is committed before the method returns, so a caller that
moves the cursor afterwards can never lose a confirmed change. The session keeps the loaded
segments in memory (one list, replaced row by row as edits come back from the store) so
navigation and filtering over 100,000 segments never touch the disk.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from tmbuilder.errors import TmBuilderError
from tmbuilder.model import Match, Segment, Status
from tmbuilder.review.filters import SegmentFilter
from tmbuilder.review.lock import LockLost
from tmbuilder.review.replace import Replacement, plan_replace
from tmbuilder.review.undo import UndoEntry, UndoStack, UnitEdit, UnitState
from tmbuilder.store.base import ProjectStore, UnitChange
from tmbuilder.store.sqlite import count_words

HUMAN = "human"


class ReviewError(TmBuilderError):
    """An edit or move the session refuses, with the reason in one line."""


class ReadOnlyError(ReviewError):
    """The session is read-only (another reviewer holds the lock)."""


@dataclass(frozen=True)
class ReviewProgress:
    """What the progress bar shows; words are None until they have been counted."""

    total: int
    reviewed: int
    words: int | None
    reviewed_words: int | None
    statuses: dict[Status, int] = field(default_factory=dict)

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0


def suggestion_origin(match: Match) -> str:
    """The unit origin a target gets when it is a suggestion taken as is."""
    if match.kind == "mt":
        return match.origin if match.origin.startswith("mt:") else f"mt:{match.origin or '?'}"
    return f"tm:{int(match.score)}"


def word_counts(rows: Sequence[Segment]) -> list[int]:
    """Source words of each row, counted as the store's stats count them."""
    return [count_words(seg.source) for seg in rows]


class ReviewSession:
    """Navigation, filtering and editing over a project's active segments."""

    def __init__(
        self,
        store: ProjectStore,
        *,
        author: str,
        segments: Sequence[Segment] | None = None,
        guard: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.author = author
        self.guard = guard  # called before every write; raises LockLost when not ours
        self.read_only = False
        self.read_only_reason = ""
        self.filter = SegmentFilter()
        self.qa_flagged: set[int] = set()
        self.undo = UndoStack()
        self.layout_version = 0  # bumped when rows are inserted, removed or reloaded
        # Suggestions put into the current segment's editor: text -> origin (segment id first).
        self._inserted: tuple[int, dict[str, str]] | None = None
        self.rows: list[Segment] = []
        self.view: list[int] = []  # indices into rows of the segments shown, ascending
        self.pos = -1  # cursor: index into view, -1 when the view is empty
        self._load(list(store.segments()) if segments is None else list(segments))

    # -- rows and counts -----------------------------------------------------------------------
    def _load(
        self, rows: list[Segment], keep_id: int | None = None, words: list[int] | None = None
    ) -> None:
        self.rows = rows
        self.layout_version += 1
        self._ids: dict[int, int] | None = None
        self._words: list[int] | None = None
        self._reviewed_words = 0
        self._counts: Counter[Status] = Counter(seg.status for seg in rows)
        if words is not None:
            self.set_word_counts(self.layout_version, words)
        self._refilter(keep_id)

    def _spliced_words(self, row: int, removed: int, added: Sequence[Segment]) -> list[int] | None:
        if self._words is None:
            return None
        words = list(self._words)
        words[row : row + removed] = word_counts(added)
        return words

    def _set_row(self, row: int, seg: Segment) -> None:
        old = self.rows[row]
        self.rows[row] = seg
        self._counts[old.status] -= 1
        self._counts[seg.status] += 1
        if self._words is not None:
            words = self._words[row]
            self._reviewed_words += words * (
                (seg.status == Status.REVIEWED) - (old.status == Status.REVIEWED)
            )

    def word_counts_pending(self) -> tuple[int, list[Segment]] | None:
        """(layout version, rows) to count words of, if not counted yet; the counting may run
        in a thread and hand its result to `set_word_counts`."""
        return None if self._words is not None else (self.layout_version, list(self.rows))

    def set_word_counts(self, version: int, counts: list[int]) -> bool:
        """Accept word counts made for layout `version`; stale ones (rows moved since) are
        refused and must be recounted."""
        if version != self.layout_version or len(counts) != len(self.rows):
            return False
        self._words = counts
        self._reviewed_words = sum(
            n for n, seg in zip(counts, self.rows, strict=True) if seg.status == Status.REVIEWED
        )
        return True

    def progress(self) -> ReviewProgress:
        words = None if self._words is None else sum(self._words)
        return ReviewProgress(
            total=len(self.rows),
            reviewed=self._counts[Status.REVIEWED],
            words=words,
            reviewed_words=None if self._words is None else self._reviewed_words,
            statuses={s: self._counts[s] for s in Status},
        )

    def row_of(self, segment_id: int) -> int | None:
        if self._ids is None:
            self._ids = {seg.id: i for i, seg in enumerate(self.rows)}
        return self._ids.get(segment_id)

    @staticmethod
    def number(row: int) -> int:
        """The segment number people see and type: its 1-based place in the project."""
        return row + 1

    # -- cursor ----------------------------------------------------------------------------------
    @property
    def current_row(self) -> int | None:
        return self.view[self.pos] if 0 <= self.pos < len(self.view) else None

    @property
    def current(self) -> Segment | None:
        row = self.current_row
        return None if row is None else self.rows[row]

    def move_to(self, pos: int) -> bool:
        """Put the cursor on view position `pos` (clamped); True if it moved."""
        if not self.view:
            return False
        pos = max(0, min(pos, len(self.view) - 1))
        moved = pos != self.pos
        self.pos = pos
        return moved

    def move(self, delta: int) -> bool:
        return self.move_to(self.pos + delta)

    def view_pos(self, row: int) -> int | None:
        """Where row `row` is in the view, or None when the filter hides it."""
        at = bisect_left(self.view, row)
        return at if at < len(self.view) and self.view[at] == row else None

    def go_to_number(self, number: int) -> bool:
        """Go to segment `number`; clears the filter when it hides that segment (returns True
        then, so the caller can say so)."""
        if not 1 <= number <= len(self.rows):
            raise ReviewError(f"no segment {number}: the project has 1 to {len(self.rows)}")
        row = number - 1
        cleared = False
        if self.view_pos(row) is None:
            self.clear_filter()
            cleared = True
        self.pos = self.view_pos(row) or 0
        return cleared

    def go_to_segment(self, segment_id: int) -> bool:
        row = self.row_of(segment_id)
        pos = None if row is None else self.view_pos(row)
        if pos is None:
            return False
        self.pos = pos
        return True

    def _scan(self, keep: Callable[[Segment], bool], start: int) -> int | None:
        """The first view position after `start` (wrapping round) whose segment passes."""
        n = len(self.view)
        rows, view = self.rows, self.view
        for step in range(1, n + 1):
            pos = (start + step) % n
            if keep(rows[view[pos]]):
                return pos
        return None

    def next_unreviewed(self) -> int | None:
        """The next segment still to review, after the cursor, wrapping round; None if done."""
        if not self.view:
            return None
        return self._scan(lambda seg: seg.status != Status.REVIEWED, self.pos)

    def find_next(self, search: SegmentFilter) -> int | None:
        """The next segment matching `search` (text, regex, scope), after the cursor."""
        if not self.view:
            return None
        return self._scan(search.predicate(self.qa_flagged), self.pos)

    # -- filter ----------------------------------------------------------------------------------
    def apply_filter(self, flt: SegmentFilter) -> int:
        """Show only segments passing `flt`; returns how many. The cursor stays on its segment
        when still shown, else goes to the next shown one. Raises PatternError (nothing changes)
        for a bad regular expression."""
        flt.predicate(self.qa_flagged)  # validate before touching the view
        keep = self.current.id if self.current else None
        self.filter = flt
        self._refilter(keep)
        return len(self.view)

    def clear_filter(self) -> None:
        self.apply_filter(SegmentFilter())

    def set_qa_flagged(self, segment_ids: Iterable[int]) -> None:
        """Segments with QA findings (from the last QA run), for the QA filter."""
        self.qa_flagged = set(segment_ids)
        if self.filter.qa_only:
            self._refilter(self.current.id if self.current else None)

    def _refilter(self, keep_id: int | None) -> None:
        old_row = self.row_of(keep_id) if keep_id is not None else None
        if self.filter.active:
            keep = self.filter.predicate(self.qa_flagged)
            self.view = [i for i, seg in enumerate(self.rows) if keep(seg)]
        else:
            self.view = list(range(len(self.rows)))
        if not self.view:
            self.pos = -1
        elif old_row is None:
            self.pos = 0
        else:
            self.pos = min(bisect_left(self.view, old_row), len(self.view) - 1)

    # -- edits -----------------------------------------------------------------------------------
    def check_writable(self) -> None:
        """Raise ReadOnlyError when this session may not write (read-only, or lock lost)."""
        if not self.read_only and self.guard is not None:
            try:
                self.guard()
            except LockLost as exc:
                self.set_read_only(str(exc))
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason or "this review session is read-only")

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
        """Write the current segment's target and status; committed when this returns."""
        self.check_writable()
        row, seg = self._current_or_fail()
        origin = self.origin_for(seg, text)
        action = "edit" if text != seg.target else "status"
        new = self.store.update_unit(
            UnitChange(seg.id, text, status, origin, self.author, action, detail)
        )
        self._set_row(row, new)
        self._inserted = None
        before, after = UnitState.of(seg), UnitState.of(new)
        if before != after:
            self.undo.push(UndoEntry(action, (UnitEdit(seg.id, before, after),)))
        return new

    def confirm(self, text: str) -> int | None:
        """Mark the current target reviewed, then go to the next unreviewed segment; returns
        its view position, or None when everything in the view is reviewed (cursor stays)."""
        row, _ = self._current_or_fail()
        if not text.strip():
            raise ReviewError(
                f"segment {self.number(row)}: the target is empty; nothing to confirm"
            )
        self.commit(text, Status.REVIEWED, detail="confirmed in review")
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
        self.check_writable()
        entry = self.undo.pop_undo()
        if entry is not None:
            self._write_states(entry, undo=True)
        return entry

    def redo_last(self) -> UndoEntry | None:
        self.check_writable()
        entry = self.undo.pop_redo()
        if entry is not None:
            self._write_states(entry, undo=False)
        return entry

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
        return plan_replace(
            self.rows, self.view, find, replace, regex=regex, case_sensitive=case_sensitive
        )

    def apply_replace(self, plan: Sequence[Replacement], label: str = "replace") -> int:
        """Apply a previewed replace in one transaction; targets edited since the preview are
        skipped. Statuses stay; the origin becomes human. Returns how many targets changed."""
        self.check_writable()
        edits: list[UnitEdit] = []
        changes: list[UnitChange] = []
        for item in plan:
            row = self.row_of(item.segment_id)
            if row is None or self.rows[row].target != item.old:
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
            raise ReviewError(f"segment {self.number(row)} is the last one; nothing to merge")
        nxt = self.rows[row + 1]
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
