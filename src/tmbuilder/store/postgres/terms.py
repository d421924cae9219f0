"""The glossary on PostgreSQL: term_tables.py's rules (a person's decisions are kept)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from tmbuilder.errors import StoreError
from tmbuilder.model import Term, utc_now

# The glossary's rules and row layout are term_tables.py's, shared rather than copied.
from tmbuilder.store.term_tables import _COLUMNS, _human_owned, _row_to_term

if TYPE_CHECKING:
    import psycopg


class TermTables:
    """Mixin for PostgresStore; relies on its `_db` connection and `transaction()`."""

    _db: psycopg.Connection[tuple[Any, ...]]

    if TYPE_CHECKING:  # provided by PostgresStore

        def transaction(self) -> AbstractContextManager[None]: ...

    def terms(self, status: str | None = None) -> list[Term]:
        sql = f"SELECT {_COLUMNS} FROM terms"
        args: tuple[object, ...] = ()
        if status is not None:
            sql += " WHERE status = %s"
            args = (status,)
        sql += ' ORDER BY score DESC, frequency DESC, source COLLATE "C"'  # as SQLite sorts
        return [_row_to_term(r) for r in self._db.execute(sql, args).fetchall()]

    def term(self, term_id: int) -> Term:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM terms WHERE id = %s", (term_id,)).fetchone()
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
                    f"SELECT {_COLUMNS} FROM terms WHERE key = %s", (key,)
                ).fetchone()
                variants = json.dumps(list(t.variants), ensure_ascii=False)
                contexts = json.dumps(list(t.contexts), ensure_ascii=False)
                if row is None:
                    self._db.execute(
                        "INSERT INTO terms(source, key, target, status, note, variants, frequency, "
                        "documents, score, confidence, origin, contexts, created_at, updated_at) "
                        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
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
                            now,
                            now,
                        ),
                    )
                    changed += 1
                    continue
                self._db.execute(
                    "UPDATE terms SET variants = %s, frequency = %s, documents = %s, score = %s, "
                    "contexts = %s, updated_at = %s WHERE id = %s",
                    (variants, t.frequency, t.documents, t.score, contexts, now, row[0]),
                )
                if (
                    not _human_owned(row)
                    and t.target
                    and (not row[2] or t.confidence >= float(row[9]))
                ):
                    self._db.execute(
                        "UPDATE terms SET target = %s, confidence = %s, origin = %s WHERE id = %s",
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
                    "UPDATE terms SET source = %s, key = %s, target = %s, status = %s, note = %s, "
                    "variants = %s, frequency = %s, documents = %s, score = %s, confidence = %s, "
                    "origin = %s, contexts = %s, updated_at = %s WHERE id = %s",
                    (*values, now, term.id),
                )
                term_id = term.id
            else:
                self._db.execute(
                    "INSERT INTO terms(source, key, target, status, note, variants, frequency, "
                    "documents, score, confidence, origin, contexts, created_at, updated_at) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT(key) DO UPDATE SET source = excluded.source, "
                    "target = excluded.target, status = excluded.status, note = excluded.note, "
                    "variants = excluded.variants, origin = excluded.origin, "
                    "confidence = excluded.confidence, updated_at = excluded.updated_at",
                    (*values, now, now),
                )
                found = self._db.execute("SELECT id FROM terms WHERE key = %s", (key,)).fetchone()
                term_id = int(found[0]) if found else 0
        return self.term(term_id)

    def delete_term(self, term_id: int) -> None:
        with self.transaction():
            self._db.execute("DELETE FROM terms WHERE id = %s", (term_id,))
