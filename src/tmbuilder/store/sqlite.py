"""The SQLite project store: documents, segments, units and their history.

One file, `.tmbuilder/project.db`, in WAL mode with foreign keys on and `synchronous=FULL`, so a
committed edit survives a killed terminal or a power cut (big imports switch to a rollback journal
for their transaction: see `bulk_transaction`). Memory, suggestions, MT cache and
glossary tables live in mixins beside this file; this module owns the connection.
"""

from __future__ import annotations

import re
import sqlite3
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from tmbuilder import inline
from tmbuilder.errors import StoreError
from tmbuilder.inline import InlineCode
from tmbuilder.model import Document, Edit, Segment, SourceDocument, Status, utc_now
from tmbuilder.store import health
from tmbuilder.store.align import match_sentences
from tmbuilder.store.alignment_tables import AlignmentTables
from tmbuilder.store.base import NewSegment, StoreStats, SyncReport, UnitChange
from tmbuilder.store.connection import BUSY_TIMEOUT, open_connection, set_busy, wait_if_busy
from tmbuilder.store.memory_tables import MemoryTables
from tmbuilder.store.review_tables import ChangeFeed, ClaimTable
from tmbuilder.store.sync_tables import SyncTables
from tmbuilder.store.term_tables import TermTables

_T = TypeVar("_T")
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")

_SEGMENT_SELECT = """
SELECT s.id, s.document_id, s.paragraph, s.position, s.source, s.key,
       u.target, u.status, u.origin, u.created_at, u.updated_at, s.archived
FROM segments s JOIN units u ON u.segment_id = s.id
"""


def count_words(text: str) -> int:
    """Words as CAT tools count them: runs of letters/digits; a Vietnamese syllable is a word."""
    return len(_WORD.findall(text))


_STATUS = {str(s): s for s in Status}


_new = object.__new__
_set = object.__setattr__


def _row_to_segment(row: Sequence[Any]) -> Segment:
    # Called 100,000 times when the review UI opens a big project. A frozen dataclass's
    # __init__ sets each of its 13 fields through object.__setattr__; filling its __dict__ at
    # once builds the same object (equal, same repr) in 60% of the time. Every field is listed:
    # a field added to Segment must be added here (tests compare both ways of building one).
    segment = _new(Segment)
    _set(
        segment,
        "__dict__",
        {
            "id": row[0],
            "document_id": row[1],
            "paragraph": row[2],
            "position": row[3],
            "source": row[4],
            "key": row[5],
            "target": row[6],
            "status": _STATUS[row[7]],
            "origin": row[8],
            "created_at": row[9],
            "updated_at": row[10],
            "archived": bool(row[11]),
            "version": 0,
        },
    )
    return segment


class SqliteStore(MemoryTables, TermTables, AlignmentTables, SyncTables):
    """A project store in one SQLite file."""

    def __init__(self, path: Path, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self._depth = 0
        self._attached: list[str] = []
        self._db = open_connection(path, busy_timeout)
        # what open review sessions share (store/review_tables.py)
        self.claims = ClaimTable(self._db, self.transaction, server=False)
        self.changes = ChangeFeed(self._db, self.transaction, server=False)
        health.remember(path)
        marker = health.mark_open(path)
        self._finalizer = weakref.finalize(self, health.unmark, marker)

    # -- plumbing --------------------------------------------------------------------------
    def _set_busy(self, seconds: float) -> None:
        set_busy(self._db, seconds)

    def _wait_if_busy(self, op: Callable[[], _T]) -> _T:
        return wait_if_busy(self._db, self.path, self.busy_timeout, op)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nests (inner blocks join the outer transaction)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._wait_if_busy(lambda: self._db.execute("BEGIN IMMEDIATE"))
        self._depth = 1
        failed = True
        try:
            yield
            self._db.execute("COMMIT")
            failed = False
        except BaseException:
            # After a full disk or an I/O error SQLite may have rolled back already; a
            # failing ROLLBACK must not bury the error that says what happened.
            if self._db.in_transaction:
                with suppress(sqlite3.Error):  # else the journal is rolled back at next open
                    self._db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
            while self._attached:  # stage files merged in this transaction (add_memory)
                try:
                    self._db.execute(f"DETACH DATABASE {self._attached.pop()}")
                except sqlite3.Error:
                    if not failed:
                        raise

    @contextmanager
    def bulk_transaction(self) -> Iterator[None]:
        """transaction() for a write of very many rows, with SQLite's rollback journal.

        In WAL mode every page of a big import is written twice, into the WAL and then by the
        checkpoint into the database, fsync'd both times; a rollback journal saves only the
        pages that existed before, so new pages are written once (a million-unit TMX import:
        69 s in WAL mode, 51 s this way). It is as crash-safe: a hot journal is rolled back
        at the next open. The price is that readers wait until the commit, so the switch is
        only made when no other connection has the store open (a review session keeps WAL
        and its concurrency). The store goes back to WAL afterwards, or at its next open.
        """
        if self._depth:
            with self.transaction():
                yield
            return
        switched = self._set_journal("delete")
        try:
            with self.transaction():
                yield
        finally:
            if switched:
                self._set_journal("wal")

    def _set_journal(self, mode: str) -> bool:
        """Switch journal mode if that can be done at once; whether it was done."""
        # Leaving WAL needs the database to ourselves; without a busy timeout, SQLite says
        # at once when someone else has it open, instead of making us wait for them.
        self._db.execute("PRAGMA busy_timeout = 0")
        try:
            row = self._db.execute(f"PRAGMA journal_mode = {mode}").fetchone()
        except sqlite3.OperationalError:  # "database is locked"
            return False
        finally:
            self._set_busy(self.busy_timeout)
        return row is not None and str(row[0]).lower() == mode

    def close(self) -> None:
        self._db.close()
        self._finalizer()

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            if value is None:
                self._db.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self._db.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    # -- documents -----------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        rows = self._db.execute(
            "SELECT id, path, format, encoding, content_hash, added_at, updated_at "
            "FROM documents ORDER BY id"
        ).fetchall()
        return [Document(*row) for row in rows]

    def document(self, path: str) -> Document | None:
        row = self._db.execute(
            "SELECT id, path, format, encoding, content_hash, added_at, updated_at "
            "FROM documents WHERE path = ?",
            (path,),
        ).fetchone()
        return None if row is None else Document(*row)

    def sync_document(
        self, doc: SourceDocument, segments: Sequence[NewSegment], seg_hash: str
    ) -> SyncReport:
        """Bring a document's segments in line with a fresh segmentation of its file.

        Unchanged sentences keep their id, translation and status (matched by source text in
        order), new ones are added, vanished ones are archived — never deleted — and an archived
        sentence that comes back is restored with its old translation.
        """
        now = utc_now()
        row = self._db.execute(
            "SELECT id, content_hash, seg_hash FROM documents WHERE path = ?", (doc.path,)
        ).fetchone()
        if row is not None and row[1] == doc.content_hash and row[2] == seg_hash:
            return SyncReport(path=doc.path, unchanged=True)
        with self.transaction():
            if row is None:
                cur = self._db.execute(
                    "INSERT INTO documents(path, format, encoding, content_hash, seg_hash, "
                    "added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (doc.path, doc.format, doc.encoding, doc.content_hash, seg_hash, now, now),
                )
                doc_id = int(cur.lastrowid or 0)
                self._insert_segments(doc_id, segments, now)
                return SyncReport(path=doc.path, created=True, added=len(segments))
            doc_id = int(row[0])
            self._db.execute(
                "UPDATE documents SET format = ?, encoding = ?, content_hash = ?, seg_hash = ?, "
                "updated_at = ? WHERE id = ?",
                (doc.format, doc.encoding, doc.content_hash, seg_hash, now, doc_id),
            )
            return self._resync(doc.path, doc_id, segments, now)

    def _insert_segments(self, doc_id: int, segments: Sequence[NewSegment], now: str) -> None:
        for seg in segments:
            cur = self._db.execute(
                "INSERT INTO segments(document_id, paragraph, position, source, key, codes, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc_id, seg.paragraph, seg.position, seg.source, seg.key, seg.codes, now),
            )
            self._db.execute(
                "INSERT INTO units(segment_id, created_at, updated_at) VALUES (?, ?, ?)",
                (cur.lastrowid, now, now),
            )

    def _resync(self, path: str, doc_id: int, new: Sequence[NewSegment], now: str) -> SyncReport:
        old = self._db.execute(
            "SELECT id, source, archived FROM segments WHERE document_id = ? "
            "ORDER BY archived, paragraph, position, id",
            (doc_id,),
        ).fetchall()
        active = [(int(r[0]), str(r[1])) for r in old if not r[2]]
        archived: dict[str, list[int]] = defaultdict(list)
        for r in old:
            if r[2]:
                archived[str(r[1])].append(int(r[0]))
        pairs = match_sentences([s for _, s in active], [s.source for s in new])
        matched_new = {b: active[a][0] for b, a in pairs.items()}
        kept_ids = set(matched_new.values())
        added = restored = 0
        for index, seg in enumerate(new):
            seg_id = matched_new.get(index)
            if seg_id is None and archived.get(seg.source):
                seg_id = archived[seg.source].pop(0)
                self._db.execute(
                    "UPDATE segments SET archived = 0, archived_at = '' WHERE id = ?", (seg_id,)
                )
                self._log(seg_id, "restore", "tmbuilder", detail="sentence is back in the file")
                restored += 1
            if seg_id is None:
                self._insert_segments(doc_id, [seg], now)
                added += 1
                continue
            self._db.execute(
                "UPDATE segments SET paragraph = ?, position = ?, key = ?, codes = ? WHERE id = ?",
                (seg.paragraph, seg.position, seg.key, seg.codes, seg_id),
            )
        gone = [seg_id for seg_id, _ in active if seg_id not in kept_ids]
        for seg_id in gone:
            self._db.execute(
                "UPDATE segments SET archived = 1, archived_at = ? WHERE id = ?", (now, seg_id)
            )
            self._log(seg_id, "archive", "tmbuilder", detail="sentence no longer in the file")
        return SyncReport(
            path=path, added=added, kept=len(kept_ids), archived=len(gone), restored=restored
        )

    # -- segments and units --------------------------------------------------------------------
    def segments(
        self,
        *,
        document_id: int | None = None,
        statuses: Iterable[Status] | None = None,
        include_archived: bool = False,
    ) -> list[Segment]:
        where: list[str] = []
        args: list[object] = []
        if not include_archived:
            where.append("s.archived = 0")
        if document_id is not None:
            where.append("s.document_id = ?")
            args.append(document_id)
        if statuses is not None:
            wanted = [str(s) for s in statuses]
            where.append(f"u.status IN ({','.join('?' * len(wanted))})")
            args.extend(wanted)
        sql = _SEGMENT_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY s.document_id, s.paragraph, s.position, s.id"
        return [_row_to_segment(r) for r in self._db.execute(sql, args)]

    def segment_codes(self, segment_id: int) -> tuple[InlineCode, ...]:
        """The inline codes of a segment's source (what its private-use characters stand for)."""
        row = self._db.execute("SELECT codes FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is None:
            raise StoreError(f"no segment #{segment_id} in this project")
        return inline.loads(str(row[0]))

    def segment(self, segment_id: int) -> Segment:
        row = self._db.execute(_SEGMENT_SELECT + " WHERE s.id = ?", (segment_id,)).fetchone()
        if row is None:
            raise StoreError(f"no segment #{segment_id} in this project")
        return _row_to_segment(row)

    def update_unit(self, change: UnitChange) -> Segment:
        """Set a segment's target and status; a real change is committed and logged at once."""
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
            "SELECT target, status, origin FROM units WHERE segment_id = ?", (change.segment_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no segment #{change.segment_id} in this project")
        old_target, old_status, old_origin = str(row[0]), str(row[1]), str(row[2])
        if (old_target, old_status, old_origin) == (
            change.target,
            str(change.status),
            change.origin,
        ):
            return 0
        now = utc_now()
        self._db.execute(
            "UPDATE units SET target = ?, status = ?, origin = ?, changed_by = ?, updated_at = ? "
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
        self._db.execute(
            "INSERT INTO history(segment_id, at, author, action, old_target, new_target, "
            "old_status, new_status, origin, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

    def _log(self, segment_id: int, action: str, author: str, detail: str = "") -> None:
        self._db.execute(
            "INSERT INTO history(segment_id, at, author, action, detail) VALUES (?, ?, ?, ?, ?)",
            (segment_id, utc_now(), author, action, detail),
        )

    def history(self, segment_id: int) -> list[Edit]:
        rows = self._db.execute(
            "SELECT id, segment_id, at, author, action, old_target, new_target, old_status, "
            "new_status, origin, detail FROM history WHERE segment_id = ? ORDER BY id",
            (segment_id,),
        ).fetchall()
        return [Edit(*row) for row in rows]

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
                "UPDATE segments SET position = position + 1 WHERE document_id = ? AND "
                "paragraph = ? AND position > ? AND archived = 0",
                (seg.document_id, seg.paragraph, seg.position),
            )
            self._db.execute(
                "UPDATE segments SET source = ?, key = ? WHERE id = ?",
                (left, match_key(left), segment_id),
            )
            self._log(segment_id, "split", author, detail=f"split at {offset}; was: {seg.source}")
            cur = self._db.execute(
                "INSERT INTO segments(document_id, paragraph, position, source, key, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (seg.document_id, seg.paragraph, seg.position + 1, right, match_key(right), now),
            )
            new_id = int(cur.lastrowid or 0)
            self._db.execute(
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
            self._db.execute(
                "UPDATE segments SET source = ?, key = ? WHERE id = ?",
                (source, match_key(source), first_id),
            )
            self._db.execute(
                "UPDATE segments SET archived = 1, archived_at = ? WHERE id = ?", (now, second_id)
            )
            self._db.execute(
                "UPDATE segments SET position = position - 1 WHERE document_id = ? AND "
                "paragraph = ? AND position > ? AND archived = 0",
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

    def stats(self) -> StoreStats:
        db = self._db
        statuses = dict(
            db.execute(
                "SELECT u.status, COUNT(*) FROM units u JOIN segments s ON s.id = u.segment_id "
                "WHERE s.archived = 0 GROUP BY u.status"
            ).fetchall()
        )
        words = reviewed = 0
        for source, status in db.execute(
            "SELECT s.source, u.status FROM segments s JOIN units u ON u.segment_id = s.id "
            "WHERE s.archived = 0"
        ):
            n = count_words(source)
            words += n
            if status == Status.REVIEWED:
                reviewed += n
        return StoreStats(
            documents=int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]),
            paragraphs=int(
                db.execute(
                    "SELECT COUNT(*) FROM (SELECT DISTINCT document_id, paragraph FROM segments "
                    "WHERE archived = 0)"
                ).fetchone()[0]
            ),
            segments=sum(int(v) for v in statuses.values()),
            archived=int(
                db.execute("SELECT COUNT(*) FROM segments WHERE archived = 1").fetchone()[0]
            ),
            words=words,
            statuses={str(k): int(v) for k, v in statuses.items()},
            reviewed_words=reviewed,
            memory_units=self.memory_count(),
            terms=int(db.execute("SELECT COUNT(*) FROM terms").fetchone()[0]),
        )
