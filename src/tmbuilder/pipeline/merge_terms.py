"""Merging glossary files into the store term by term, with the same rule as units (merge.py).

Every glossary export (TSV, CSV, TBX) stamps each term as merge.py stamps units: `x-version`,
the agreed version plus one when the store changed the term since, and `x-parent`, a digest of
the content the edit was made from (formats/glossary_read.py says where each format keeps
them). Against what the store and the files last agreed on (`sync_base`, kind "term"):

- a term still holding the agreed content, or stamped with an older version than the agreed
  one, is an old copy: ignored (a stale glossary restored from git never reverts a newer
  decision);
- over a person's decision, a file term is taken only when the store has not changed it since
  the last sync and the file's term was edited from exactly that; any other change is a
  conflict, the store keeping its own and the conflict listed;
- a file without stamps (another tool's) is taken over a person's decision only when the store
  has not changed it since the last sync.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tmbuilder.formats.glossary_read import stamp_of, stamped
from tmbuilder.model import Term, TermStatus
from tmbuilder.pipeline.merge import TERM, MergeConflict, MergeReport, Verdict
from tmbuilder.store.sync_tables import SyncBase
from tmbuilder.text.normalize import match_key

if TYPE_CHECKING:
    from tmbuilder.project import Project
    from tmbuilder.store.base import ProjectStore


def term_content(term: Term) -> str:
    return hashlib.sha1(f"{term.target}\x1f{term.status}\x1f{term.note}".encode()).hexdigest()[:20]


def term_owned(term: Term) -> bool:
    """A term a person decided on (as the store's extraction merge sees it)."""
    return term.status != TermStatus.PROPOSED or term.origin.startswith(("human", "import"))


def local_term_stamp(term: Term, base: SyncBase | None) -> SyncBase:
    """What an export writes for this term: the agreed stamp as it is, or one version on
    (edited from the agreed content) when the store changed the term since."""
    content = term_content(term)
    if base is None:
        return SyncBase(content, 1, "")
    if base.content == content:
        return base
    return SyncBase(content, base.version + 1, base.content)


def file_stamp(term: Term) -> SyncBase | None:
    """The term's stamp as its file carried it; None for a file without stamps."""
    version, parent = stamp_of(term)
    try:
        return SyncBase(term_content(term), int(version), parent)
    except ValueError:
        return None


def stale_copy(term: Term, base: SyncBase | None) -> bool:
    """A stamped term older than, or the same as, what the store and the files agreed on."""
    theirs = file_stamp(term)
    if base is None or theirs is None:
        return False
    return theirs.version < base.version or (
        theirs.version == base.version and theirs.content == base.content
    )


def decide_term(old: Term | None, term: Term, base: SyncBase | None) -> Verdict:
    """What to do with a file's term whose content differs from the store's (module doc)."""
    if old is None:
        return Verdict.APPLY
    if not term_owned(old):
        return Verdict.SKIP if stale_copy(term, base) else Verdict.APPLY
    theirs = file_stamp(term)
    ours_unchanged = base is not None and base.content == term_content(old)
    if base is not None and term_content(term) == base.content:
        return Verdict.SKIP  # the file holds what we agreed on: only the store changed
    if theirs is None:
        return Verdict.APPLY if ours_unchanged else Verdict.CONFLICT
    if base is not None and theirs.version < base.version:
        return Verdict.SKIP  # an older copy than the one we agreed on
    if ours_unchanged and base is not None and theirs.parent == base.content:
        return Verdict.APPLY  # edited from what we hold: newer by construction
    return Verdict.CONFLICT


def merge_terms(project: Project, terms: Sequence[Term], file: str) -> MergeReport:
    """Glossary terms from `file` into the store, term by term (module doc); one transaction.
    A source met again in the file (a TSV's synonym line) is its first entry's."""
    store = project.store
    report = MergeReport()
    bases = store.sync_bases(TERM)
    existing = {match_key(t.source): t for t in store.terms()}
    agreed: dict[str, SyncBase] = {}
    conflicts: list[tuple[str, dict[str, str]]] = []
    in_file: set[str] = set()
    with store.transaction():
        for term in terms:
            key = match_key(term.source)
            if key in in_file:
                continue
            in_file.add(key)
            old = existing.get(key)
            base = bases.get(key)
            theirs = file_stamp(term)
            ours = local_term_stamp(old, base) if old is not None else None
            if old is not None and ours is not None and term_content(old) == term_content(term):
                agreed[key] = (
                    theirs if theirs is not None and theirs.version > ours.version else ours
                )
                report.agreed += 1
                continue
            verdict = decide_term(old, term, base)
            if verdict is Verdict.SKIP:
                continue
            if verdict is Verdict.CONFLICT and old is not None:
                report.conflicts.append(
                    MergeConflict(TERM, key, old.source, old.target, term.target, file)
                )
                theirs_fields = {"target": term.target, "status": str(term.status)}
                # the file's version, so a decision in the review UI can agree on it
                version = str(theirs.version) if theirs is not None else ""
                conflicts.append((key, {**theirs_fields, "note": term.note, "version": version}))
                continue
            saved = store.save_term(
                replace(
                    term,
                    id=old.id if old else 0,
                    origin=term.origin or f"import:{Path(file).name}",
                    frequency=old.frequency if old else term.frequency,
                    documents=old.documents if old else term.documents,
                    score=old.score if old else term.score,
                    contexts=old.contexts if old and not term.contexts else term.contexts,
                    extra=dict(old.extra) if old else {},  # the stamp is no term data
                )
            )
            existing[key] = saved
            if theirs is None:  # a file without stamps: one step on from what we held
                theirs = SyncBase(
                    term_content(term),
                    ours.version + 1 if ours else 1,
                    ours.content if ours else "",
                )
            agreed[key] = theirs
            report.applied += 1
        store.set_sync_bases(TERM, agreed.items())
        store.clear_conflicts(TERM, agreed)
        store.note_conflicts(TERM, file, conflicts)
    return report


def stamp_for_export(store: ProjectStore, terms: Sequence[Term]) -> list[Term]:
    """The terms carrying the stamps an export writes (module doc)."""
    bases = store.sync_bases(TERM)
    out = []
    for term in terms:
        stamp = local_term_stamp(term, bases.get(match_key(term.source)))
        out.append(stamped(term, str(stamp.version), stamp.parent))
    return out


def record_exported_terms(store: ProjectStore, terms: Iterable[Term]) -> None:
    """An export is a sync: the files now hold these terms with the stamps they carry."""
    agreed = []
    for term in terms:
        stamp = file_stamp(term)
        agreed.append((match_key(term.source), stamp or SyncBase(term_content(term), 1, "")))
    store.set_sync_bases(TERM, agreed)


@dataclass
class StampedSort:
    """A glossary file's terms as `glossary import` takes them (`sort_stamped`)."""

    terms: list[Term] = field(default_factory=list)
    old_copies: int = 0
    conflicts: list[MergeConflict] = field(default_factory=list)


def sort_stamped(
    store: ProjectStore, terms: Sequence[Term], file: str, *, overwrite: bool = False
) -> StampedSort:
    """`glossary import`: a file's terms less those whose stamps show them to be older copies
    of what the store holds, or that cannot show they are newer than a person's decision (a
    conflict, recorded; the store keeps its own; `overwrite` takes the file's) — every line of
    such a source. Terms without stamps are the file's decisions, as the command promises."""
    out = StampedSort()
    if not any(file_stamp(t) for t in terms):
        out.terms = list(terms)  # another tool's file: nothing to compare
        return out
    bases = store.sync_bases(TERM)
    current = {match_key(t.source): t for t in store.terms()}
    left_out: set[str] = set()
    for term in terms:
        key = match_key(term.source)
        old, base = current.get(key), bases.get(key)
        if key in left_out or old is None or file_stamp(term) is None:
            continue
        if term_content(old) == term_content(term):
            continue
        verdict = decide_term(old, term, base)
        if verdict is Verdict.SKIP:
            out.old_copies += 1
            left_out.add(key)
        elif verdict is Verdict.CONFLICT and not overwrite:
            out.conflicts.append(
                MergeConflict(TERM, key, old.source, old.target, term.target, file)
            )
            left_out.add(key)
    store.note_conflicts(
        TERM,
        file,
        ((c.ref, {"target": c.theirs, "status": "", "note": ""}) for c in out.conflicts),
    )
    out.terms = [t for t in terms if match_key(t.source) not in left_out]
    return out
