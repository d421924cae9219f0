"""Store tables for units (a segment's translation) and their history; split and merge.

Written once for both backends on store/sql.py's seam. Where the backend keeps versions
(PostgreSQL: several reviewers share one database), every unit carries a version that each
change adds 1 to. A change made with `expected_version` (the Segment.version its author was
shown) is written only if the unit is still at that version: the row is locked (SELECT ...
FOR UPDATE) while it is compared and written, so of two reviewers confirming one segment at
once, the second sees the first's version and gets a UnitConflict carrying it, instead of
overwriting it. SQLite has one writer at a time and no versions (always 0, never checked).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tmbuilder.errors import StoreError
from tmbuilder.model import Edit, Segment, Status, utc_now
from tmbuilder.store.base import UnitChange, UnitConflict
from tmbuilder.store.sql import SqlTables


class UnitTables(SqlTables):
    """Units and history for SqliteStore and PostgresStore alike."""

    if TYPE_CHECKING:  # provided by DocumentTables

        def segment(self, segment_id: int) -> Segment: ...

    def update_unit(self, change: UnitChange) -> Segment:
        """Set a segment's target and status; a real change is committed and logged at once.

        Returns the segment as this change left it (read before the row lock is released, so
        its version is the one this change wrote); UnitConflict: see the module doc."""
        with self.transaction():
            self._apply(change)
            return self.segment(change.segment_id)

    def update_units(self, changes: Iterable[UnitChange]) -> int:
        done = 0
        with self.transaction():
            for change in changes:
                done += self._apply(change)
        return done

    def _apply(self, change: UnitChange) -> int:
        version = "version" if self._sql.versions else "0"
        row = self._sql.execute(
            f"SELECT target, status, origin, {version}, changed_by FROM units "
            "WHERE segment_id = ?" + self._sql.for_update,
            (change.segment_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no segment #{change.segment_id} in this project")
        old_target, old_status, old_origin = str(row[0]), str(row[1]), str(row[2])
        if (
            self._sql.versions
            and change.expected_version
            and int(row[3]) != change.expected_version
        ):
            raise UnitConflict(change, self.segment(change.segment_id), str(row[4]))
        if (old_target, old_status, old_origin) == (
            change.target,
            str(change.status),
            change.origin,
        ):
            return 0
        now = utc_now()
        self._sql.execute(
            "UPDATE units SET target = ?, status = ?, origin = ?, changed_by = ?, "
            f"updated_at = ?{', version = version + 1' if self._sql.versions else ''} "
            "WHERE segment_id = ?",
            (
                change.target,
                str(change.status),
                change.origin,
                change.author,
                now,
                change.segment_id,
            ),
        )
        self._sql.execute(
            "INSERT INTO history(segment_id, at, author, action, old_target, new_target, "
            "old_status, new_status, origin, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                change.segment_id,
                now,
                change.author,
                change.action,
                old_target,
                change.target,
                old_status,
                str(change.status),
                change.origin,
                change.detail,
            ),
        )
        return 1

    def note_history(self, segment_id: int, action: str, author: str, detail: str) -> None:
        with self.transaction():
            self._log(segment_id, action, author, detail)

    def _log(self, segment_id: int, action: str, author: str, detail: str = "") -> None:
        self._sql.execute(
            "INSERT INTO history(segment_id, at, author, action, detail) VALUES (?, ?, ?, ?, ?)",
            (segment_id, utc_now(), author, action, detail),
        )

    def history(self, segment_id: int) -> list[Edit]:
        rows = self._sql.execute(
            "SELECT id, segment_id, at, author, action, old_target, new_target, old_status, "
            "new_status, origin, detail FROM history WHERE segment_id = ? ORDER BY id",
            (segment_id,),
        ).fetchall()
        return [Edit(int(row[0]), int(row[1]), *row[2:]) for row in rows]

    def split_segment(self, segment_id: int, offset: int, author: str) -> tuple[Segment, Segment]:
        """Split a segment's source at `offset`; the target stays with the first part."""
        from tmbuilder.text.normalize import match_key

        seg = self.segment(segment_id)
        left, right = seg.source[:offset].strip(), seg.source[offset:].strip()
        if not left or not right:
            raise StoreError(f"segment #{segment_id}: cannot split at {offset}: a part is empty")
        now = utc_now()
        with self.transaction():
            self._sql.execute(
                "UPDATE segments SET position = position + 1 WHERE document_id = ? AND "
                "paragraph = ? AND position > ? AND archived = FALSE",
                (seg.document_id, seg.paragraph, seg.position),
            )
            self._sql.execute(
                "UPDATE segments SET source = ?, key = ? WHERE id = ?",
                (left, match_key(left), segment_id),
            )
            self._log(segment_id, "split", author, detail=f"split at {offset}; was: {seg.source}")
            new_id = self._sql.insert_id(
                "INSERT INTO segments(document_id, paragraph, position, source, key, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (seg.document_id, seg.paragraph, seg.position + 1, right, match_key(right), now),
            )
            self._sql.execute(
                "INSERT INTO units(segment_id, created_at, updated_at) VALUES (?, ?, ?)",
                (new_id, now, now),
            )
            self._log(new_id, "split", author, detail=f"split from #{segment_id}")
        return self.segment(segment_id), self.segment(new_id)

    def merge_segments(self, first_id: int, second_id: int, author: str) -> Segment:
        """Merge a segment with the next one in its paragraph; the second is archived."""
        from tmbuilder.text.normalize import match_key

        first, second = self.segment(first_id), self.segment(second_id)
        if (first.document_id, first.paragraph, first.position + 1) != (
            second.document_id,
            second.paragraph,
            second.position,
        ):
            raise StoreError(
                f"segments #{first_id} and #{second_id} are not neighbours in one paragraph"
            )
        source = f"{first.source} {second.source}"
        target = " ".join(t for t in (first.target, second.target) if t)
        status = (
            Status.TRANSLATED
            if first.target and second.target
            else (Status.DRAFT if target else Status.NEW)
        )
        now = utc_now()
        with self.transaction():
            self._sql.execute(
                "UPDATE segments SET source = ?, key = ? WHERE id = ?",
                (source, match_key(source), first_id),
            )
            self._sql.execute(
                "UPDATE segments SET archived = TRUE, archived_at = ? WHERE id = ?",
                (now, second_id),
            )
            self._sql.execute(
                "UPDATE segments SET position = position - 1 WHERE document_id = ? AND "
                "paragraph = ? AND position > ? AND archived = FALSE",
                (first.document_id, first.paragraph, second.position),
            )
            self._log(second_id, "merge", author, detail=f"merged into #{first_id}")
            self._apply(
                UnitChange(
                    first_id,
                    target,
                    status,
                    "human",
                    author,
                    "merge",
                    f"merged with #{second_id}; was: {first.source}",
                )
            )
            self._log(first_id, "merge", author, detail=f"absorbed #{second_id}")
        return self.segment(first_id)
