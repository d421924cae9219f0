"""Units (a segment's translation) and their history on PostgreSQL; split and merge.

Several reviewers share one database, so every unit carries a version that each change adds 1
to. A change made with `expected_version` (the Segment.version its author was shown) is written
only if the unit is still at that version: the row is locked (SELECT ... FOR UPDATE) while it
is compared and written, so of two reviewers confirming one segment at once, the second sees
the first's version and gets a UnitConflict carrying it, instead of overwriting it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tmbuilder.errors import StoreError
from tmbuilder.model import Edit, Segment, Status, utc_now
from tmbuilder.store.base import UnitChange, UnitConflict

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import psycopg


class UnitTables:
    """Mixin for PostgresStore; relies on its `_db` connection and `transaction()`."""

    _db: psycopg.Connection[tuple[Any, ...]]

    if TYPE_CHECKING:  # provided by PostgresStore and DocumentTables

        def transaction(self) -> AbstractContextManager[None]: ...

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
        row = self._db.execute(
            "SELECT target, status, origin, version, changed_by FROM units "
            "WHERE segment_id = %s FOR UPDATE",
            (change.segment_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no segment #{change.segment_id} in this project")
        old_target, old_status, old_origin = str(row[0]), str(row[1]), str(row[2])
        if change.expected_version and int(row[3]) != change.expected_version:
            raise UnitConflict(change, self.segment(change.segment_id), str(row[4]))
        if (old_target, old_status, old_origin) == (
            change.target,
            str(change.status),
            change.origin,
        ):
            return 0
        now = utc_now()
        self._db.execute(
            "UPDATE units SET target = %s, status = %s, origin = %s, changed_by = %s, "
            "updated_at = %s, version = version + 1 WHERE segment_id = %s",
            (
                change.target,
                str(change.status),
                change.origin,
                change.author,
                now,
                change.segment_id,
            ),
        )
        self._db.execute(
            "INSERT INTO history(segment_id, at, author, action, old_target, new_target, "
            "old_status, new_status, origin, detail) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
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
        self._db.execute(
            "INSERT INTO history(segment_id, at, author, action, detail) "
            "VALUES (%s, %s, %s, %s, %s)",
            (segment_id, utc_now(), author, action, detail),
        )

    def history(self, segment_id: int) -> list[Edit]:
        rows = self._db.execute(
            "SELECT id, segment_id, at, author, action, old_target, new_target, old_status, "
            "new_status, origin, detail FROM history WHERE segment_id = %s ORDER BY id",
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
            self._db.execute(
                "UPDATE segments SET position = position + 1 WHERE document_id = %s AND "
                "paragraph = %s AND position > %s AND NOT archived",
                (seg.document_id, seg.paragraph, seg.position),
            )
            self._db.execute(
                "UPDATE segments SET source = %s, key = %s WHERE id = %s",
                (left, match_key(left), segment_id),
            )
            self._log(segment_id, "split", author, detail=f"split at {offset}; was: {seg.source}")
            found = self._db.execute(
                "INSERT INTO segments(document_id, paragraph, position, source, key, created_at) "
                "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                (seg.document_id, seg.paragraph, seg.position + 1, right, match_key(right), now),
            ).fetchone()
            assert found is not None
            new_id = int(found[0])
            self._db.execute(
                "INSERT INTO units(segment_id, created_at, updated_at) VALUES (%s, %s, %s)",
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
            self._db.execute(
                "UPDATE segments SET source = %s, key = %s WHERE id = %s",
                (source, match_key(source), first_id),
            )
            self._db.execute(
                "UPDATE segments SET archived = true, archived_at = %s WHERE id = %s",
                (now, second_id),
            )
            self._db.execute(
                "UPDATE segments SET position = position - 1 WHERE document_id = %s AND "
                "paragraph = %s AND position > %s AND NOT archived",
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
