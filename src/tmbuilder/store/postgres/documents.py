"""Documents and their segments on PostgreSQL: sync with a file's segmentation, reads, stats.

The same rules as SqliteStore (store/sqlite.py): unchanged sentences keep their id and
translation, vanished ones are archived, never deleted, and come back with their translation.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Generator, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tmbuilder import inline
from tmbuilder.errors import StoreError
from tmbuilder.inline import InlineCode
from tmbuilder.model import Document, Segment, SourceDocument, Status, utc_now
from tmbuilder.store.base import NewSegment, StoreStats, SyncReport
from tmbuilder.store.sqlite import count_words

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import psycopg

SEGMENT_SELECT = """
SELECT s.id, s.document_id, s.paragraph, s.position, s.source, s.key,
       u.target, u.status, u.origin, u.created_at, u.updated_at, s.archived, u.version
FROM segments s JOIN units u ON u.segment_id = s.id
"""
_DOCUMENT_SELECT = (
    "SELECT id, path, format, encoding, content_hash, added_at, updated_at FROM documents"
)
_STATUS = {str(s): s for s in Status}


def row_to_segment(row: Sequence[Any]) -> Segment:
    return Segment(
        id=int(row[0]),
        document_id=int(row[1]),
        paragraph=row[2],
        position=row[3],
        source=row[4],
        key=row[5],
        target=row[6],
        status=_STATUS[row[7]],
        origin=row[8],
        created_at=row[9],
        updated_at=row[10],
        archived=bool(row[11]),
        version=int(row[12]),
    )


class DocumentTables:
    """Mixin for PostgresStore; relies on its `_db` connection and `transaction()`."""

    _db: psycopg.Connection[tuple[Any, ...]]

    if TYPE_CHECKING:  # provided by PostgresStore and UnitTables

        def transaction(self) -> AbstractContextManager[None]: ...

        def _log(self, segment_id: int, action: str, author: str, detail: str = "") -> None: ...

        def memory_count(self) -> int: ...

    def documents(self) -> list[Document]:
        rows = self._db.execute(f"{_DOCUMENT_SELECT} ORDER BY id").fetchall()
        return [Document(*row) for row in rows]

    def document(self, path: str) -> Document | None:
        row = self._db.execute(f"{_DOCUMENT_SELECT} WHERE path = %s", (path,)).fetchone()
        return None if row is None else Document(*row)

    def sync_document(
        self, doc: SourceDocument, segments: Sequence[NewSegment], seg_hash: str
    ) -> SyncReport:
        """Bring a document's segments in line with a fresh segmentation of its file."""
        now = utc_now()
        with self.transaction():
            # FOR UPDATE: two team members building at once sync one document after the other.
            row = self._db.execute(
                "SELECT id, content_hash, seg_hash FROM documents WHERE path = %s FOR UPDATE",
                (doc.path,),
            ).fetchone()
            if row is not None and row[1] == doc.content_hash and row[2] == seg_hash:
                return SyncReport(path=doc.path, unchanged=True)
            if row is None:
                found = self._db.execute(
                    "INSERT INTO documents(path, format, encoding, content_hash, seg_hash, "
                    "added_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                    (doc.path, doc.format, doc.encoding, doc.content_hash, seg_hash, now, now),
                ).fetchone()
                assert found is not None
                self._insert_segments(int(found[0]), segments, now)
                return SyncReport(path=doc.path, created=True, added=len(segments))
            doc_id = int(row[0])
            self._db.execute(
                "UPDATE documents SET format = %s, encoding = %s, content_hash = %s, "
                "seg_hash = %s, updated_at = %s WHERE id = %s",
                (doc.format, doc.encoding, doc.content_hash, seg_hash, now, doc_id),
            )
            return self._resync(doc.path, doc_id, segments, now)

    def _insert_segment(self, doc_id: int, seg: NewSegment, now: str) -> int:
        found = self._db.execute(
            "WITH s AS (INSERT INTO segments(document_id, paragraph, position, source, key, "
            "codes, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id) "
            "INSERT INTO units(segment_id, created_at, updated_at) SELECT id, %s, %s FROM s "
            "RETURNING segment_id",
            (doc_id, seg.paragraph, seg.position, seg.source, seg.key, seg.codes, now, now, now),
        ).fetchone()
        assert found is not None
        return int(found[0])

    def _insert_segments(self, doc_id: int, segments: Sequence[NewSegment], now: str) -> None:
        if not segments:
            return
        # One round trip for a whole document: ids come back in input order (ORDINALITY).
        self._db.execute(
            "WITH new AS (SELECT * FROM unnest(%s::int[], %s::int[], %s::text[], %s::text[], "
            "%s::text[]) WITH ORDINALITY AS n(paragraph, position, source, key, codes, i)), "
            "ins AS (INSERT INTO segments(document_id, paragraph, position, source, key, codes, "
            "created_at) SELECT %s, paragraph, position, source, key, codes, %s FROM new "
            "ORDER BY i RETURNING id) "
            "INSERT INTO units(segment_id, created_at, updated_at) SELECT id, %s, %s FROM ins",
            (
                [s.paragraph for s in segments],
                [s.position for s in segments],
                [s.source for s in segments],
                [s.key for s in segments],
                [s.codes for s in segments],
                doc_id,
                now,
                now,
                now,
            ),
        )

    def _resync(self, path: str, doc_id: int, new: Sequence[NewSegment], now: str) -> SyncReport:
        old = self._db.execute(
            "SELECT id, source, archived FROM segments WHERE document_id = %s "
            "ORDER BY archived, paragraph, position, id",
            (doc_id,),
        ).fetchall()
        active = [(int(r[0]), str(r[1])) for r in old if not r[2]]
        archived: dict[str, list[int]] = defaultdict(list)
        for r in old:
            if r[2]:
                archived[str(r[1])].append(int(r[0]))
        matcher = difflib.SequenceMatcher(
            None, [s for _, s in active], [s.source for s in new], autojunk=False
        )
        matched_new: dict[int, int] = {}
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                matched_new[block.b + k] = active[block.a + k][0]
        kept_ids = set(matched_new.values())
        added = restored = 0
        for index, seg in enumerate(new):
            seg_id = matched_new.get(index)
            if seg_id is None and archived.get(seg.source):
                seg_id = archived[seg.source].pop(0)
                self._db.execute(
                    "UPDATE segments SET archived = false, archived_at = '' WHERE id = %s",
                    (seg_id,),
                )
                self._log(seg_id, "restore", "tmbuilder", detail="sentence is back in the file")
                restored += 1
            if seg_id is None:
                self._insert_segment(doc_id, seg, now)
                added += 1
                continue
            self._db.execute(
                "UPDATE segments SET paragraph = %s, position = %s, key = %s, codes = %s "
                "WHERE id = %s",
                (seg.paragraph, seg.position, seg.key, seg.codes, seg_id),
            )
        gone = [seg_id for seg_id, _ in active if seg_id not in kept_ids]
        for seg_id in gone:
            self._db.execute(
                "UPDATE segments SET archived = true, archived_at = %s WHERE id = %s",
                (now, seg_id),
            )
            self._log(seg_id, "archive", "tmbuilder", detail="sentence no longer in the file")
        return SyncReport(
            path=path, added=added, kept=len(kept_ids), archived=len(gone), restored=restored
        )

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
            where.append("NOT s.archived")
        if document_id is not None:
            where.append("s.document_id = %s")
            args.append(document_id)
        if statuses is not None:
            where.append("u.status = ANY(%s)")
            args.append([str(s) for s in statuses])
        sql = SEGMENT_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY s.document_id, s.paragraph, s.position, s.id"
        return [row_to_segment(r) for r in self._db.execute(sql, args)]

    def segment_batches(self, first: int) -> Generator[list[Segment], None, None]:
        # one query (one snapshot), split after reading: the server sends it all at once
        rows = self.segments()
        yield rows[:first]
        yield rows[first:]

    def segment(self, segment_id: int) -> Segment:
        row = self._db.execute(SEGMENT_SELECT + " WHERE s.id = %s", (segment_id,)).fetchone()
        if row is None:
            raise StoreError(f"no segment #{segment_id} in this project")
        return row_to_segment(row)

    def segment_codes(self, segment_id: int) -> tuple[InlineCode, ...]:
        """The inline codes of a segment's source (what its private-use characters stand for)."""
        row = self._db.execute("SELECT codes FROM segments WHERE id = %s", (segment_id,)).fetchone()
        if row is None:
            raise StoreError(f"no segment #{segment_id} in this project")
        return inline.loads(str(row[0]))

    def stats(self) -> StoreStats:
        db = self._db
        statuses = {
            str(k): int(v)
            for k, v in db.execute(
                "SELECT u.status, COUNT(*) FROM units u JOIN segments s ON s.id = u.segment_id "
                "WHERE NOT s.archived GROUP BY u.status"
            ).fetchall()
        }
        words = reviewed = 0
        for source, status in db.execute(
            "SELECT s.source, u.status FROM segments s JOIN units u ON u.segment_id = s.id "
            "WHERE NOT s.archived"
        ):
            n = count_words(source)
            words += n
            if status == Status.REVIEWED:
                reviewed += n

        def count(sql: str) -> int:
            row = db.execute(sql).fetchone()
            return int(row[0]) if row else 0

        return StoreStats(
            documents=count("SELECT COUNT(*) FROM documents"),
            paragraphs=count(
                "SELECT COUNT(*) FROM (SELECT DISTINCT document_id, paragraph FROM segments "
                "WHERE NOT archived) p"
            ),
            segments=sum(statuses.values()),
            archived=count("SELECT COUNT(*) FROM segments WHERE archived"),
            words=words,
            statuses=statuses,
            reviewed_words=reviewed,
            memory_units=self.memory_count(),
            terms=count("SELECT COUNT(*) FROM terms"),
        )
