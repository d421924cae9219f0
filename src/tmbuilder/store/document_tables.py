"""Store tables for documents and their segments: sync with a file's segmentation, reads, stats.

Written once for both backends on store/sql.py's seam. Unchanged sentences keep their id,
translation and status (matched by source text in order: store/align.py), new ones are added,
vanished ones are archived — never deleted — and an archived sentence that comes back is
restored with its old translation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tmbuilder import inline
from tmbuilder.errors import StoreError
from tmbuilder.inline import InlineCode
from tmbuilder.model import Document, Segment, SourceDocument, Status, utc_now
from tmbuilder.store.align import match_sentences
from tmbuilder.store.base import NewSegment, StoreStats, SyncReport
from tmbuilder.store.sql import SqlTables

_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")

# The 13th column is the unit's version where the backend keeps one (store/sql.py), else 0.
_SEGMENT_SELECT = {
    versions: f"""
SELECT s.id, s.document_id, s.paragraph, s.position, s.source, s.key,
       u.target, u.status, u.origin, u.created_at, u.updated_at, s.archived
       {", u.version" if versions else ""}
FROM segments s JOIN units u ON u.segment_id = s.id
"""
    for versions in (False, True)
}
_DOCUMENT_SELECT = (
    "SELECT id, path, format, encoding, content_hash, added_at, updated_at FROM documents"
)


def count_words(text: str) -> int:
    """Words as CAT tools count them: runs of letters/digits; a Vietnamese syllable is a word."""
    return len(_WORD.findall(text))


_STATUS = {str(s): s for s in Status}
_new = object.__new__
_set = object.__setattr__


def row_to_segment(row: Sequence[Any]) -> Segment:
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


def row_to_versioned_segment(row: Sequence[Any]) -> Segment:
    """row_to_segment of a row with a 13th column, the unit's version (store/sql.py)."""
    segment = row_to_segment(row)
    segment.__dict__["version"] = int(row[12])
    return segment


class DocumentTables(SqlTables):
    """Documents and segments for SqliteStore and PostgresStore alike."""

    if TYPE_CHECKING:  # provided by UnitTables and the store's memory tables

        def _log(self, segment_id: int, action: str, author: str, detail: str = "") -> None: ...

        def memory_count(self) -> int: ...

    @property
    def _segment_select(self) -> str:
        return _SEGMENT_SELECT[self._sql.versions]

    @property
    def _row_to_segment(self) -> Callable[[Sequence[Any]], Segment]:
        return row_to_versioned_segment if self._sql.versions else row_to_segment

    def documents(self) -> list[Document]:
        rows = self._sql.execute(f"{_DOCUMENT_SELECT} ORDER BY id").fetchall()
        return [Document(*row) for row in rows]

    def document(self, path: str) -> Document | None:
        row = self._sql.execute(f"{_DOCUMENT_SELECT} WHERE path = ?", (path,)).fetchone()
        return None if row is None else Document(*row)

    def sync_document(
        self, doc: SourceDocument, segments: Sequence[NewSegment], seg_hash: str
    ) -> SyncReport:
        """Bring a document's segments in line with a fresh segmentation of its file (see the
        module doc)."""
        now = utc_now()
        check = "SELECT id, content_hash, seg_hash FROM documents WHERE path = ?"
        # An unchanged document is told without a write transaction (a build of a big project
        # mostly finds its documents unchanged, and SQLite has one writer at a time) ...
        row = self._sql.execute(check, (doc.path,)).fetchone()
        if row is not None and row[1] == doc.content_hash and row[2] == seg_hash:
            return SyncReport(path=doc.path, unchanged=True)
        with self.transaction():
            # ... and told again inside it, the row locked where the backend has row locks:
            # two team members building at once sync one document after the other.
            row = self._sql.execute(check + self._sql.for_update, (doc.path,)).fetchone()
            if row is not None and row[1] == doc.content_hash and row[2] == seg_hash:
                return SyncReport(path=doc.path, unchanged=True)
            if row is None:
                doc_id = self._sql.insert_id(
                    "INSERT INTO documents(path, format, encoding, content_hash, seg_hash, "
                    "added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (doc.path, doc.format, doc.encoding, doc.content_hash, seg_hash, now, now),
                )
                self._insert_segments(doc_id, segments, now)
                return SyncReport(path=doc.path, created=True, added=len(segments))
            doc_id = int(row[0])
            self._sql.execute(
                "UPDATE documents SET format = ?, encoding = ?, content_hash = ?, seg_hash = ?, "
                "updated_at = ? WHERE id = ?",
                (doc.format, doc.encoding, doc.content_hash, seg_hash, now, doc_id),
            )
            return self._resync(doc.path, doc_id, segments, now)

    def _insert_segments(self, doc_id: int, segments: Sequence[NewSegment], now: str) -> None:
        """Add segments (ids in the given order) and their empty units: two statements for a
        whole document, whatever its size."""
        if not segments:
            return
        self._sql.executemany(
            "INSERT INTO segments(document_id, paragraph, position, source, key, codes, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, s.paragraph, s.position, s.source, s.key, s.codes, now) for s in segments],
        )
        self._sql.execute(
            "INSERT INTO units(segment_id, created_at, updated_at) SELECT s.id, ?, ? "
            "FROM segments s LEFT JOIN units u ON u.segment_id = s.id "
            "WHERE s.document_id = ? AND u.segment_id IS NULL ORDER BY s.id",
            (now, now, doc_id),
        )

    def _resync(self, path: str, doc_id: int, new: Sequence[NewSegment], now: str) -> SyncReport:
        old = self._sql.execute(
            "SELECT id, source, archived, paragraph, position, key, codes FROM segments "
            "WHERE document_id = ? ORDER BY archived, paragraph, position, id",
            (doc_id,),
        ).fetchall()
        # Where each sentence stands now: a kept one is rewritten only if that changed (an
        # edit moves few; a round trip per kept sentence made a server's resync slow).
        placed = {int(r[0]): (r[3], r[4], r[5], r[6]) for r in old}
        moves: list[tuple[object, ...]] = []
        active = [(int(r[0]), str(r[1])) for r in old if not r[2]]
        archived: dict[str, list[int]] = defaultdict(list)
        for r in old:
            if r[2]:
                archived[str(r[1])].append(int(r[0]))
        pairs = match_sentences([s for _, s in active], [s.source for s in new])
        matched_new = {b: active[a][0] for b, a in pairs.items()}
        kept_ids = set(matched_new.values())
        added: list[NewSegment] = []
        restored = 0
        for index, seg in enumerate(new):
            seg_id = matched_new.get(index)
            if seg_id is None and archived.get(seg.source):
                seg_id = archived[seg.source].pop(0)
                self._sql.execute(
                    "UPDATE segments SET archived = FALSE, archived_at = '' WHERE id = ?",
                    (seg_id,),
                )
                self._log(seg_id, "restore", "tmbuilder", detail="sentence is back in the file")
                restored += 1
            if seg_id is None:
                added.append(seg)
                continue
            place = (seg.paragraph, seg.position, seg.key, seg.codes)
            if placed[seg_id] != place:
                moves.append((*place, seg_id))
        self._sql.executemany(
            "UPDATE segments SET paragraph = ?, position = ?, key = ?, codes = ? WHERE id = ?",
            moves,
        )
        # New sentences get their ids in file order, as when they were added one by one.
        self._insert_segments(doc_id, added, now)
        gone = [seg_id for seg_id, _ in active if seg_id not in kept_ids]
        for seg_id in gone:
            self._sql.execute(
                "UPDATE segments SET archived = TRUE, archived_at = ? WHERE id = ?", (now, seg_id)
            )
            self._log(seg_id, "archive", "tmbuilder", detail="sentence no longer in the file")
        return SyncReport(
            path=path, added=len(added), kept=len(kept_ids), archived=len(gone), restored=restored
        )

    # -- segments --------------------------------------------------------------------------
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
            where.append("s.archived = FALSE")
        if document_id is not None:
            where.append("s.document_id = ?")
            args.append(document_id)
        if statuses is not None:
            condition, values = self._sql.any_of("u.status", [str(s) for s in statuses])
            where.append(condition)
            args.extend(values)
        sql = self._segment_select
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY s.document_id, s.paragraph, s.position, s.id"
        to_segment = self._row_to_segment
        return [to_segment(r) for r in self._sql.execute(sql, args)]

    def segment_batches(self, first: int) -> Generator[list[Segment], None, None]:
        # One statement, so both parts come from the same read snapshot (no row can be
        # missed or doubled by a write that lands between them). SQLite streams the rest;
        # PostgreSQL's client cursor has it all after the first fetch, which is still one
        # snapshot.
        cursor = self._sql.execute(
            self._segment_select
            + " WHERE s.archived = FALSE ORDER BY s.document_id, s.paragraph, s.position, s.id"
        )
        to_segment = self._row_to_segment
        try:
            # (fetchmany(0) would not read nothing: it reads `arraysize` rows)
            yield [to_segment(r) for r in cursor.fetchmany(first)] if first > 0 else []
            yield [to_segment(r) for r in cursor]
        finally:
            cursor.close()

    def segment(self, segment_id: int) -> Segment:
        row = self._sql.execute(self._segment_select + " WHERE s.id = ?", (segment_id,)).fetchone()
        if row is None:
            raise StoreError(f"no segment #{segment_id} in this project")
        return self._row_to_segment(row)

    def segment_codes(self, segment_id: int) -> tuple[InlineCode, ...]:
        """The inline codes of a segment's source (what its private-use characters stand for)."""
        row = self._sql.execute("SELECT codes FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is None:
            raise StoreError(f"no segment #{segment_id} in this project")
        return inline.loads(str(row[0]))

    def stats(self) -> StoreStats:
        sql = self._sql
        statuses = {
            str(k): int(v)
            for k, v in sql.execute(
                "SELECT u.status, COUNT(*) FROM units u JOIN segments s ON s.id = u.segment_id "
                "WHERE s.archived = FALSE GROUP BY u.status"
            ).fetchall()
        }
        words = reviewed = 0
        for source, status in sql.execute(
            "SELECT s.source, u.status FROM segments s JOIN units u ON u.segment_id = s.id "
            "WHERE s.archived = FALSE"
        ):
            n = count_words(source)
            words += n
            if status == Status.REVIEWED:
                reviewed += n

        def count(query: str) -> int:
            row = sql.execute(query).fetchone()
            return int(row[0]) if row else 0

        return StoreStats(
            documents=count("SELECT COUNT(*) FROM documents"),
            paragraphs=count(
                "SELECT COUNT(*) FROM (SELECT DISTINCT document_id, paragraph FROM segments "
                "WHERE archived = FALSE) p"
            ),
            segments=sum(statuses.values()),
            archived=count("SELECT COUNT(*) FROM segments WHERE archived = TRUE"),
            words=words,
            statuses=statuses,
            reviewed_words=reviewed,
            memory_units=self.memory_count(),
            terms=count("SELECT COUNT(*) FROM terms"),
        )
