"""The segments of a review in order, the filtered view of them and the cursor.

Everything here works on the in-memory rows: moving, filtering and searching over 100,000
segments never touch the disk. `ReviewSession` adds the edits, which do.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from tmbuilder.errors import TmBuilderError
from tmbuilder.model import Segment, Status
from tmbuilder.review.filters import SegmentFilter
from tmbuilder.store.sqlite import count_words


class ReviewError(TmBuilderError):
    """An edit or move the session refuses, with the reason in one line."""


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


def word_counts(rows: Sequence[Segment]) -> list[int]:
    """Source words of each row, counted as the store's stats count them."""
    return [count_words(seg.source) for seg in rows]


class SegmentView:
    """Rows (the project's active segments), counts by status and words, view and cursor."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.filter = SegmentFilter()
        self.qa_flagged: set[int] = set()
        self.layout_version = 0  # bumped when rows are inserted, removed or reloaded
        self.rows: list[Segment] = []
        self.view: list[int] = []  # indices into rows of the segments shown, ascending
        self.pos = -1  # cursor: index into view, -1 when the view is empty
        # False while the rows after these are still being read (`extend` adds them): scans
        # then stop at the end instead of wrapping, and whole-project edits wait.
        self.complete = True
        self._load(list(segments))

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

    def extend(self, rows: Sequence[Segment], *, complete: bool = True) -> None:
        """Append the rows that follow the loaded ones (the rest of a load begun with the
        first screenful). Row indices, the view and the cursor stay as they are, so the
        reviewer can go on typing and moving while the rest arrives."""
        start = len(self.rows)
        self.rows.extend(rows)
        self._counts.update(seg.status for seg in rows)
        self._ids = None
        self._words = None  # counted once the rows are complete
        self.complete = complete
        if self.filter.active:
            keep = self.filter.predicate(self.qa_flagged)
            self.view.extend(i for i in range(start, len(self.rows)) if keep(self.rows[i]))
        else:
            self.view.extend(range(start, len(self.rows)))
        if self.pos < 0 and self.view:
            self.pos = 0

    def require_complete(self, what: str) -> None:
        """Refuse `what` (it needs every row) while the rest of the rows are loading."""
        if not self.complete:
            raise ReviewError(f"the segments are still loading; {what} in a moment")

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
        if number > len(self.rows):
            self.require_complete(f"go to segment {number}")
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
        # no wrapping round while rows are loading: the next one may be in the part to come
        steps = n if self.complete else n - 1 - start
        for step in range(1, steps + 1):
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
