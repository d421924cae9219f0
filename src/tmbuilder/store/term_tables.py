"""Store table for the glossary: one row per concept, keyed by the preferred form's match key.

Written once for both backends on store/sql.py's seam (SqliteStore and PostgresStore mix it in).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace

from tmbuilder.errors import StoreError
from tmbuilder.model import Term, TermForm, TermStatus, utc_now
from tmbuilder.store.base import TermImportReport
from tmbuilder.store.sql import SqlTables

_COLUMNS = (
    "id, source, target, status, note, variants, frequency, documents, score, confidence, "
    "origin, contexts, src_lang, tgt_lang, synonyms, proposals"
)
_WRITE_COLUMNS = (
    "source, key, target, status, note, variants, frequency, documents, score, confidence, "
    "origin, contexts, src_lang, tgt_lang, synonyms"
)
_PLACES = ", ".join("?" * 17)


def _forms_json(forms: Iterable[TermForm]) -> str:
    return json.dumps([[f.text, f.lang, f.status] for f in forms], ensure_ascii=False)


def _forms(text: str) -> tuple[TermForm, ...]:
    return tuple(TermForm(str(t), str(lang), str(status)) for t, lang, status in json.loads(text))


def _values(term: Term, key: str) -> tuple[object, ...]:
    """The row of `term` in _WRITE_COLUMNS order."""
    return (
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
        term.src_lang,
        term.tgt_lang,
        _forms_json(term.synonyms),
    )


def merged_forms(kept: Term, other: Term) -> Term:
    """`kept` with `other`'s English, synonyms and variants added as further forms: what a
    second entry for the same source term in one file becomes (OmegaT writes synonyms so)."""
    forms = list(kept.synonyms)
    seen = {(f.text, f.lang) for f in forms} | {(kept.target, kept.tgt_lang)}
    for form in (TermForm(other.target, other.tgt_lang, other.status.value), *other.synonyms):
        if form.text and (form.text, form.lang) not in seen:
            forms.append(form)
            seen.add((form.text, form.lang))
    variants = list(kept.variants)
    for variant in other.variants:
        if variant not in variants and variant != kept.source:
            variants.append(variant)
    notes = [kept.note] if kept.note else []
    if other.note and other.note not in notes:
        notes.append(other.note)
    return replace(kept, synonyms=tuple(forms), variants=tuple(variants), note="\n".join(notes))


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
        src_lang=str(row[12]),
        tgt_lang=str(row[13]),
        synonyms=_forms(str(row[14])),
        extra={"proposals": str(row[15])} if str(row[15]) != "[]" else {},
    )


def _human_owned(row: Sequence[object]) -> bool:
    """A term a person has decided on: extraction may refresh its counts, never its decision."""
    return str(row[3]) != TermStatus.PROPOSED or str(row[10]).startswith(("human", "import"))


class TermTables(SqlTables):
    """The glossary, for SqliteStore and PostgresStore alike (store/sql.py's seam)."""

    def terms(self, status: str | None = None) -> list[Term]:
        sql = f"SELECT {_COLUMNS} FROM terms"
        args: tuple[object, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            args = (status,)
        sql += f" ORDER BY score DESC, frequency DESC, source{self._sql.bytewise}"
        return [_row_to_term(r) for r in self._sql.execute(sql, args).fetchall()]

    def term(self, term_id: int) -> Term:
        row = self._sql.execute(f"SELECT {_COLUMNS} FROM terms WHERE id = ?", (term_id,)).fetchone()
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
                row = self._sql.execute(
                    f"SELECT {_COLUMNS} FROM terms WHERE key = ?", (key,)
                ).fetchone()
                variants = json.dumps(list(t.variants), ensure_ascii=False)
                contexts = json.dumps(list(t.contexts), ensure_ascii=False)
                proposals = t.extra.get("proposals", "[]")
                if row is None:
                    self._sql.execute(
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
                self._sql.execute(
                    "UPDATE terms SET variants = ?, frequency = ?, documents = ?, score = ?, "
                    "contexts = ?, proposals = ?, updated_at = ? WHERE id = ?",
                    (variants, t.frequency, t.documents, t.score, contexts, proposals, now, row[0]),
                )
                if (
                    not _human_owned(row)
                    and t.target
                    and (not row[2] or t.confidence >= float(row[9]))
                ):
                    self._sql.execute(
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
        with self.transaction():
            term_id = self._write_term(term, key, now)
        return self.term(term_id)

    def _write_term(self, term: Term, key: str, now: str) -> int:
        """Write one term row: update by id, else insert (or take over the row with its key)."""
        values = _values(term, key)
        if term.id:
            assignments = ", ".join(f"{c.strip()} = ?" for c in _WRITE_COLUMNS.split(","))
            self._sql.execute(
                f"UPDATE terms SET {assignments}, updated_at = ? WHERE id = ?",
                (*values, now, term.id),
            )
            return term.id
        return self._sql.insert_id(
            f"INSERT INTO terms({_WRITE_COLUMNS}, created_at, updated_at) VALUES ({_PLACES}) "
            "ON CONFLICT(key) DO UPDATE SET source = excluded.source, "
            "target = excluded.target, status = excluded.status, note = excluded.note, "
            "variants = excluded.variants, origin = excluded.origin, "
            "confidence = excluded.confidence, src_lang = excluded.src_lang, "
            "tgt_lang = excluded.tgt_lang, synonyms = excluded.synonyms, "
            "updated_at = excluded.updated_at RETURNING id",
            (*values, now, now),
        )

    def import_terms(self, terms: Iterable[Term]) -> TermImportReport:
        """Store a glossary file's terms in one pass.

        Each term is looked up in an index of the store's terms (by match key) built once, so
        an import is linear in the file and the store (it was quadratic: 4,000 terms took a
        minute). A term already in the store takes the file's decision (target, status, note,
        forms, languages) and keeps its counts and contexts; a source seen earlier in the same
        file adds its English as a synonym of the first. All or nothing (one transaction).
        """
        from tmbuilder.text.normalize import match_key

        now = utc_now()
        index = {
            str(row[0]): _row_to_term(row[1:])
            for row in self._sql.execute(f"SELECT key, {_COLUMNS} FROM terms").fetchall()
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
            self._sql.execute("DELETE FROM terms WHERE id = ?", (term_id,))
