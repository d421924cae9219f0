"""The glossary on PostgreSQL: term_tables.py's rules (a person's decisions are kept)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tmbuilder.errors import StoreError
from tmbuilder.model import Term, utc_now
from tmbuilder.store.base import TermImportReport

# The glossary's rules and row layout are term_tables.py's, shared rather than copied.
from tmbuilder.store.term_tables import (
    _COLUMNS,
    _WRITE_COLUMNS,
    _human_owned,
    _row_to_term,
    _values,
    merged_forms,
)

_PLACES = ", ".join(["%s"] * (len(_WRITE_COLUMNS.split(",")) + 2))

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
                proposals = t.extra.get("proposals", "[]")
                if row is None:
                    self._db.execute(
                        "INSERT INTO terms(source, key, target, status, note, variants, frequency, "
                        "documents, score, confidence, origin, contexts, proposals, created_at, "
                        "updated_at) "
                        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
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
                    "UPDATE terms SET variants = %s, frequency = %s, documents = %s, score = %s, "
                    "contexts = %s, proposals = %s, updated_at = %s WHERE id = %s",
                    (variants, t.frequency, t.documents, t.score, contexts, proposals, now, row[0]),
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
        with self.transaction():
            term_id = self._write_term(term, key, now)
        return self.term(term_id)

    def _write_term(self, term: Term, key: str, now: str) -> int:
        """Write one term row: update by id, else insert (or take over the row with its key)."""
        values = _values(term, key)
        if term.id:
            assignments = ", ".join(f"{c.strip()} = %s" for c in _WRITE_COLUMNS.split(","))
            self._db.execute(
                f"UPDATE terms SET {assignments}, updated_at = %s WHERE id = %s",
                (*values, now, term.id),
            )
            return term.id
        found = self._db.execute(
            f"INSERT INTO terms({_WRITE_COLUMNS}, created_at, updated_at) VALUES ({_PLACES}) "
            "ON CONFLICT(key) DO UPDATE SET source = excluded.source, "
            "target = excluded.target, status = excluded.status, note = excluded.note, "
            "variants = excluded.variants, origin = excluded.origin, "
            "confidence = excluded.confidence, src_lang = excluded.src_lang, "
            "tgt_lang = excluded.tgt_lang, synonyms = excluded.synonyms, "
            "updated_at = excluded.updated_at RETURNING id",
            (*values, now, now),
        ).fetchone()
        return int(found[0]) if found else 0

    def import_terms(self, terms: Iterable[Term]) -> TermImportReport:
        """Store a glossary file's terms in one pass, as term_tables.py's import_terms does: an
        index of the store's terms by match key built once; a term already there takes the
        file's decision and keeps its counts; a source seen earlier in the file adds its English
        as a synonym of the first. All or nothing (one transaction)."""
        from tmbuilder.text.normalize import match_key

        now = utc_now()
        index = {
            str(row[0]): _row_to_term(row[1:])
            for row in self._db.execute(f"SELECT key, {_COLUMNS} FROM terms").fetchall()
        }
        in_file: set[str] = set()
        added = updated = merged = 0
        with self.transaction():
            for term in terms:
                key = match_key(term.source)
                old = index.get(key)
                if key in in_file and old is not None:
                    new = merged_forms(old, term)
                    merged += 1
                elif old is not None:
                    new = replace(
                        term,
                        id=old.id,
                        frequency=old.frequency,
                        documents=old.documents,
                        score=old.score,
                        contexts=term.contexts or old.contexts,
                    )
                    updated += 1
                else:
                    new = term
                    added += 1
                index[key] = replace(new, id=self._write_term(new, key, now))
                in_file.add(key)
        return TermImportReport(added=added, updated=updated, merged=merged)

    def delete_term(self, term_id: int) -> None:
        with self.transaction():
            self._db.execute("DELETE FROM terms WHERE id = %s", (term_id,))
