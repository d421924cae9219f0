"""Store table for the glossary: one row per concept, keyed by the preferred form's match key."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from tmbuilder.errors import StoreError
from tmbuilder.model import Term, TermStatus, utc_now

_COLUMNS = (
    "id, source, target, status, note, variants, frequency, documents, score, confidence, "
    "origin, contexts, proposals"
)


def _row_to_term(row: Sequence[object]) -> Term:
    return Term(
        id=int(row[0]),  # type: ignore[call-overload]
        source=str(row[1]),
        target=str(row[2]),
        status=TermStatus(str(row[3])),
        note=str(row[4]),
        variants=tuple(json.loads(str(row[5]))),
        frequency=int(row[6]),  # type: ignore[call-overload]
        documents=int(row[7]),  # type: ignore[call-overload]
        score=float(row[8]),  # type: ignore[arg-type]
        confidence=float(row[9]),  # type: ignore[arg-type]
        origin=str(row[10]),
        contexts=tuple(json.loads(str(row[11]))),
        extra={"proposals": str(row[12])} if str(row[12]) != "[]" else {},
    )


def _human_owned(row: Sequence[object]) -> bool:
    """A term a person has decided on: extraction may refresh its counts, never its decision."""
    return str(row[3]) != TermStatus.PROPOSED or str(row[10]).startswith(("human", "import"))


class TermTables:
    """Mixin for SqliteStore; relies on its `_db` connection and `transaction()`."""

    _db: sqlite3.Connection

    if TYPE_CHECKING:  # provided by SqliteStore

        def transaction(self) -> AbstractContextManager[None]: ...

    def terms(self, status: str | None = None) -> list[Term]:
        sql = f"SELECT {_COLUMNS} FROM terms"
        args: tuple[object, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            args = (status,)
        sql += " ORDER BY score DESC, frequency DESC, source"
        return [_row_to_term(r) for r in self._db.execute(sql, args)]

    def term(self, term_id: int) -> Term:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM terms WHERE id = ?", (term_id,)).fetchone()
        if row is None:
            raise StoreError(f"no glossary term #{term_id} in this project")
        return _row_to_term(row)

    def merge_terms(self, terms: Iterable[Term]) -> int:
        """Add extracted terms or refresh existing ones; a person's decisions are kept.

        Counts, score, variants and contexts always follow the latest extraction. Target,
        status and note change only on terms nobody has decided on yet, and a proposal
        replaces an older one only when it is at least as confident.
        """
        from tmbuilder.text.normalize import match_key

        now = utc_now()
        changed = 0
        with self.transaction():
            for t in terms:
                key = match_key(t.source)
                row = self._db.execute(
                    f"SELECT {_COLUMNS} FROM terms WHERE key = ?", (key,)
                ).fetchone()
                variants = json.dumps(list(t.variants), ensure_ascii=False)
                contexts = json.dumps(list(t.contexts), ensure_ascii=False)
                proposals = t.extra.get("proposals", "[]")
                if row is None:
                    self._db.execute(
                        "INSERT INTO terms(source, key, target, status, note, variants, frequency, "
                        "documents, score, confidence, origin, contexts, proposals, created_at, "
                        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            t.source,
                            key,
                            t.target,
                            str(t.status),
                            t.note,
                            variants,
                            t.frequency,
                            t.documents,
                            t.score,
                            t.confidence,
                            t.origin,
                            contexts,
                            proposals,
                            now,
                            now,
                        ),
                    )
                    changed += 1
                    continue
                self._db.execute(
                    "UPDATE terms SET variants = ?, frequency = ?, documents = ?, score = ?, "
                    "contexts = ?, proposals = ?, updated_at = ? WHERE id = ?",
                    (variants, t.frequency, t.documents, t.score, contexts, proposals, now, row[0]),
                )
                if (
                    not _human_owned(row)
                    and t.target
                    and (not row[2] or t.confidence >= float(row[9]))
                ):
                    self._db.execute(
                        "UPDATE terms SET target = ?, confidence = ?, origin = ? WHERE id = ?",
                        (t.target, t.confidence, t.origin, row[0]),
                    )
                changed += 1
        return changed

    def save_term(self, term: Term) -> Term:
        """Write a term exactly as given (a person's edit or an import); returns it with its id."""
        from tmbuilder.text.normalize import match_key

        now = utc_now()
        key = match_key(term.source)
        values = (
            term.source,
            key,
            term.target,
            str(term.status),
            term.note,
            json.dumps(list(term.variants), ensure_ascii=False),
            term.frequency,
            term.documents,
            term.score,
            term.confidence,
            term.origin,
            json.dumps(list(term.contexts), ensure_ascii=False),
        )
        with self.transaction():
            if term.id:
                self._db.execute(
                    "UPDATE terms SET source = ?, key = ?, target = ?, status = ?, note = ?, "
                    "variants = ?, frequency = ?, documents = ?, score = ?, confidence = ?, "
                    "origin = ?, contexts = ?, updated_at = ? WHERE id = ?",
                    (*values, now, term.id),
                )
                term_id = term.id
            else:
                cur = self._db.execute(
                    "INSERT INTO terms(source, key, target, status, note, variants, frequency, "
                    "documents, score, confidence, origin, contexts, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET source = excluded.source, "
                    "target = excluded.target, status = excluded.status, note = excluded.note, "
                    "variants = excluded.variants, origin = excluded.origin, "
                    "confidence = excluded.confidence, updated_at = excluded.updated_at",
                    (*values, now, now),
                )
                found = self._db.execute("SELECT id FROM terms WHERE key = ?", (key,)).fetchone()
                term_id = int(found[0]) if found else int(cur.lastrowid or 0)
        return self.term(term_id)

    def delete_term(self, term_id: int) -> None:
        with self.transaction():
            self._db.execute("DELETE FROM terms WHERE id = ?", (term_id,))
