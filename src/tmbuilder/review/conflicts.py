"""Merge conflicts in review: list them, keep the store's version or take the incoming one.

`build` and `import` leave in `merge_conflicts` the units and terms both sides changed since
they last agreed (pipeline/merge.py); the store kept its own. Here a person decides. Either way
the conflict goes, the decision is in the unit's history, and the agreed stamp (`sync_base`)
moves so the same file does not raise the same conflict again:

- take the incoming: the unit (or term) becomes the file's version, and that version is what
  both sides now agree on;
- keep the store's: the file's version becomes the agreed one, so the store's is the newer
  edit: the next merge of that file skips the unit, the next export carries the store's version
  one step on.

Terms have no history table: a term decision shows only in the term itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tmbuilder.errors import StoreError
from tmbuilder.model import Segment, Status, Term, TermStatus
from tmbuilder.store.base import ProjectStore, UnitChange
from tmbuilder.store.sync_tables import SyncBase
from tmbuilder.text.normalize import match_key

CONFLICT_ACTION = "conflict"  # the history action of a decision that changed nothing
# The kinds pipeline/merge.py stores (a test checks they agree). Not imported from there:
# tmbuilder.pipeline imports every flow (1.7 s), and the review UI counts conflicts at start;
# `resolve` imports it when a person decides (`preload` does it in the background first).
UNIT, TERM = "unit", "term"


def preload() -> None:
    """Import what `resolve` needs, off the UI thread, while the reviewer reads."""
    import tmbuilder.pipeline.merge
    import tmbuilder.pipeline.merge_terms  # noqa: F401


@dataclass(frozen=True)
class ReviewConflict:
    """One conflict as the review UI shows it: the store's side and the file's side."""

    kind: str  # UNIT or TERM
    ref: str  # segment id, or the term's match key
    where: str  # "#12 ¶3.1" or the term's source
    source: str  # the segment's or term's source text
    ours: str  # the store's target
    ours_status: str
    theirs: str  # the file's target
    theirs_status: str
    file: str
    theirs_version: str  # "" when the file carries no versions
    theirs_note: str = ""  # a term's note in the file

    @property
    def segment_id(self) -> int | None:
        return int(self.ref) if self.kind == UNIT else None


def list_conflicts(store: ProjectStore) -> list[ReviewConflict]:
    """Every open conflict: units in document order first, then terms by source."""
    units: list[tuple[tuple[int, int, int, int], ReviewConflict]] = []
    found_terms: list[ReviewConflict] = []
    terms: dict[str, Term] | None = None
    for c in store.stored_conflicts():
        theirs = c.theirs.get("target", "")
        side = (theirs, c.theirs.get("status", ""), c.file, c.theirs.get("version", ""))
        if c.kind == UNIT:
            try:
                seg = store.segment(int(c.ref))
            except (StoreError, ValueError):
                continue  # a segment gone since is no conflict any more
            if seg.archived:
                continue
            where = f"#{seg.id} ¶{seg.paragraph + 1}.{seg.position + 1}"
            order = (seg.document_id, seg.paragraph, seg.position, seg.id)
            ours = (seg.source, seg.target, str(seg.status))
            units.append((order, ReviewConflict(UNIT, c.ref, where, *ours, *side)))
        elif c.kind == TERM:
            if terms is None:
                terms = {match_key(t.source): t for t in store.terms()}
            term = terms.get(c.ref)
            if term is not None:
                ours = (term.source, term.target, str(term.status))
                note = c.theirs.get("note", "")
                found_terms.append(ReviewConflict(TERM, c.ref, term.source, *ours, *side, note))
    units.sort(key=lambda pair: pair[0])
    found_terms.sort(key=lambda c: c.source)
    return [c for _, c in units] + found_terms


def count_conflicts(store: ProjectStore) -> int:
    """How many conflicts are open (what the status bar shows)."""
    return len(list_conflicts(store))


def resolve(
    store: ProjectStore, conflict: ReviewConflict, *, take_theirs: bool, author: str
) -> Segment | None:
    """Decide `conflict`: take the file's version or keep the store's; one transaction.
    Returns the unit's segment as it now is (None for a term)."""
    from tmbuilder.pipeline.merge import unit_content

    if conflict.kind == TERM:
        _resolve_term(store, conflict, take_theirs=take_theirs)
        return None
    segment_id = int(conflict.ref)
    base = store.sync_bases(UNIT).get(conflict.ref)
    try:
        theirs_status = Status(conflict.theirs_status)
    except ValueError:
        theirs_status = Status.TRANSLATED
    theirs_content = unit_content(conflict.theirs, str(theirs_status))
    if conflict.theirs_version.isdigit():
        version = int(conflict.theirs_version)
    else:  # a file without versions: one step on from what was agreed
        version = (base.version if base else 0) + 1
    agreed = SyncBase(theirs_content, max(version, base.version if base else 0))
    with store.transaction():
        if take_theirs:
            store.update_unit(
                UnitChange(
                    segment_id,
                    conflict.theirs,
                    theirs_status,
                    f"import:{conflict.file}",
                    author,
                    "edit",
                    f"merge conflict: took the version of {conflict.file}",
                )
            )
        else:
            store.note_history(
                segment_id,
                CONFLICT_ACTION,
                author,
                f"merge conflict: kept the store's version; {conflict.file} had "
                f"“{conflict.theirs}”",
            )
        store.set_sync_bases(UNIT, [(conflict.ref, agreed)])
        store.clear_conflicts(UNIT, [conflict.ref])
    return store.segment(segment_id)


def _resolve_term(store: ProjectStore, conflict: ReviewConflict, *, take_theirs: bool) -> None:
    from tmbuilder.pipeline.merge_terms import term_content

    term = next((t for t in store.terms() if match_key(t.source) == conflict.ref), None)
    base = store.sync_bases(TERM).get(conflict.ref)
    if conflict.theirs_version.isdigit():
        version = int(conflict.theirs_version)
    else:  # a file without stamps: one step on from what was agreed
        version = (base.version if base else 0) + 1
    version = max(version, base.version if base else 0)
    with store.transaction():
        if term is not None:
            try:
                status = TermStatus(conflict.theirs_status)
            except ValueError:
                status = term.status
            theirs = replace(term, target=conflict.theirs, status=status, note=conflict.theirs_note)
            if take_theirs:
                store.save_term(theirs)
            store.set_sync_bases(TERM, [(conflict.ref, SyncBase(term_content(theirs), version))])
        store.clear_conflicts(TERM, [conflict.ref])
