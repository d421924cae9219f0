"""Merging an export (or any file of units and terms) into the store unit by unit, never by file.

Three-way, against what the store and the files last agreed on (`sync_base`, written by every
export and every merge):

- a side that still holds the agreed content has not changed since; the other side's change
  is taken;
- a unit at an older version than the agreed one (an old copy, a git checkout of an earlier
  export) is ignored;
- when both changed, the store keeps its edit and the conflict is listed (`build` prints it;
  `conflicts()` gives them to the review UI).

Units carry a stamp in their props (every export writes them, every format keeps props):
`x-version`, the agreed version plus one when the store changed since, and `x-parent`, a digest
of the content the edit was made from. Over a person's work a unit is taken only when that
work is unchanged since the last sync and the unit was edited from exactly it — so it is newer
by construction; an edit from anything else is listed as a conflict (a teammate's history may
be older than ours), and a lower version is an old copy, ignored. A file without versions (a
CAT tool's) is taken over a person's work only when that work is unchanged since the last sync
and the file's change date is later. Glossary terms are merged the same way, with their own
stamps (pipeline/merge_terms.py); a file the store wrote or read before is skipped whole
(`seen_file`).

`import --apply` matches a file's rows to segments by source text, and such a file (TSV, CSV,
a CAT tool's memory) cannot show it is newer than anything (`merge_by_source`): it fills and
replaces what no reviewer has confirmed, but a row that differs from a reviewed segment, or
repeats a rejected one, is a conflict, the store keeping its decision, and a row the last
export held is an old copy. `--overwrite` settles conflicts for the file, here and in
`merge_units`; an old copy is never taken.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from tmbuilder.errors import StoreError
from tmbuilder.model import MemoryUnit, Segment, Status, Term
from tmbuilder.store.base import UnitChange
from tmbuilder.store.sync_tables import SyncBase

if TYPE_CHECKING:
    from tmbuilder.project import Project
    from tmbuilder.store.base import ProjectStore

UNIT, TERM = "unit", "term"
VERSION_PROP = "x-version"
PARENT_PROP = "x-parent"
_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")
_SEEN_KEPT = 50  # digests remembered per export file


class Verdict(Enum):
    APPLY = "apply"
    SKIP = "skip"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class MergeConflict:
    """A unit or term both sides changed since they last agreed: the store kept its own."""

    kind: str  # UNIT or TERM
    ref: str  # segment id or term key
    where: str  # "docs/a.txt ¶3.1" or the term's source
    ours: str
    theirs: str
    file: str

    def line(self) -> str:
        return (
            f"conflict: {self.where}: kept the store's “{self.ours}”; "
            f"{self.file} has “{self.theirs}”"
        )


@dataclass
class MergeReport:
    applied: int = 0
    agreed: int = 0
    conflicts: list[MergeConflict] = field(default_factory=list)


def unit_content(target: str, status: str) -> str:
    return hashlib.sha1(f"{target}\x1f{status}".encode()).hexdigest()[:20]


def persons_work(seg: Segment) -> bool:
    """A unit holding a person's decision, not only a machine's or a memory's draft."""
    if seg.status in (Status.REVIEWED, Status.REJECTED):
        return True
    return seg.status == Status.TRANSLATED and not seg.origin.startswith(("mt:", "tm:"))


def local_stamp(seg: Segment, base: SyncBase | None) -> SyncBase:
    """What an export writes for this unit: its content, version and the content it was
    edited from — the agreed stamp as it is, or one version on if the store changed since."""
    content = unit_content(seg.target, str(seg.status))
    if base is None:
        return SyncBase(content, 1, "")
    if base.content == content:
        return base
    return SyncBase(content, base.version + 1, base.content)


def _stamp(unit: MemoryUnit, status: Status) -> SyncBase | None:
    """The unit's stamp as the file carries it; None for a file without versions."""
    try:
        version = int(unit.prop(VERSION_PROP))
    except ValueError:
        return None
    return SyncBase(unit_content(unit.target, str(status)), version, unit.prop(PARENT_PROP))


def _newer(theirs: str, ours: str) -> bool:
    return bool(_ISO.match(theirs) and _ISO.match(ours)) and theirs > ours


def decide_unit(seg: Segment, unit: MemoryUnit, status: Status, base: SyncBase | None) -> Verdict:
    """What to do with a unit whose content differs from the segment's."""
    theirs = _stamp(unit, status)
    content = unit_content(unit.target, str(status))
    if not persons_work(seg):
        stale = (
            base is not None
            and theirs is not None
            and (
                theirs.version < base.version
                or (theirs.version == base.version and content == base.content)
            )
        )
        return Verdict.SKIP if stale else Verdict.APPLY
    ours_changed = base is None or base.content != unit_content(seg.target, str(seg.status))
    if base is not None and content == base.content:
        return Verdict.SKIP  # the file still holds what we agreed on: only we changed
    if theirs is None:
        newer = _newer(unit.changed_at, seg.updated_at)
        verdict = Verdict.APPLY if not ours_changed and newer else Verdict.CONFLICT
    elif base is not None and theirs.version < base.version:
        return Verdict.SKIP  # an older copy than the one we agreed on
    elif not ours_changed and base is not None and theirs.parent == base.content:
        verdict = Verdict.APPLY  # edited from what we hold: newer by construction
    else:
        # Changed on both sides, or on theirs from something we never held (their
        # history may be older than ours): a person decides.
        verdict = Verdict.CONFLICT
    if verdict is Verdict.APPLY and seg.status == Status.REVIEWED and status != Status.REVIEWED:
        return Verdict.CONFLICT  # newer, but it would demote a reviewed unit: a person decides
    return verdict


def merge_units(
    store: ProjectStore,
    matched: Sequence[tuple[Segment, MemoryUnit, Status]],
    *,
    author: str,
    file: str,
    overwrite: bool = False,
) -> MergeReport:
    """Apply units matched to project segments, unit by unit (module doc); one transaction."""
    report = MergeReport()
    bases = store.sync_bases(UNIT)
    paths = {d.id: d.path for d in store.documents()}
    changes: list[UnitChange] = []
    agreed: dict[str, SyncBase] = {}
    conflicts: list[tuple[str, dict[str, str]]] = []
    for seg, unit, status in matched:
        ref = str(seg.id)
        base = bases.get(ref)
        theirs = _stamp(unit, status)
        ours = local_stamp(seg, base)
        if unit_content(unit.target, str(status)) == ours.content:
            newest = theirs if theirs is not None and theirs.version > ours.version else ours
            agreed[ref] = newest
            report.agreed += 1
            continue
        verdict = decide_unit(seg, unit, status, base)
        if verdict is Verdict.CONFLICT and overwrite:
            verdict = Verdict.APPLY  # the person said the file wins where the order is unknown
        if verdict is Verdict.APPLY:
            origin = unit.prop("x-origin") or author
            changes.append(UnitChange(seg.id, unit.target, status, origin, author, "import"))
            if theirs is None:  # a file without versions: one step on from what we held
                theirs = SyncBase(
                    unit_content(unit.target, str(status)), ours.version + 1, ours.content
                )
            agreed[ref] = theirs
        elif verdict is Verdict.CONFLICT:
            where = f"{paths.get(seg.document_id, '?')} ¶{seg.paragraph + 1}.{seg.position + 1}"
            report.conflicts.append(MergeConflict(UNIT, ref, where, seg.target, unit.target, file))
            version = "" if theirs is None else str(theirs.version)
            conflicts.append(
                (ref, {"target": unit.target, "status": str(status), "version": version})
            )
    with store.transaction():
        report.applied = store.update_units(changes)
        store.set_sync_bases(UNIT, agreed.items())
        store.clear_conflicts(UNIT, agreed)
        store.note_conflicts(UNIT, file, conflicts)
    return report


def decide_by_source(
    seg: Segment, target: str, status: Status, base: SyncBase | None, *, overwrite: bool
) -> Verdict | None:
    """What `import --apply` does with a row of a file without stamps matched to `seg` by
    source (module doc); None when the segment already holds it (a status is never lowered)."""
    if seg.target == target:
        if seg.status == status or (seg.status, status) == (Status.REVIEWED, Status.TRANSLATED):
            return None
        if seg.status == Status.REJECTED and not overwrite:
            return Verdict.CONFLICT  # a reviewer rejected exactly this translation
        return Verdict.APPLY  # the same words, confirmed by the file
    if base is not None and base.content == unit_content(target, str(status)):
        return Verdict.SKIP  # what the last export held: the store changed since
    if seg.status == Status.REVIEWED and not overwrite:
        return Verdict.CONFLICT  # nothing shows the file is newer than the confirmation
    return Verdict.APPLY


@dataclass
class SourceMergeReport(MergeReport):
    stale: int = 0  # rows the last export held, older than the store's segment


def merge_by_source(
    store: ProjectStore,
    matched: Sequence[tuple[Segment, str]],
    status: Status,
    *,
    author: str,
    file: str,
    overwrite: bool = False,
) -> SourceMergeReport:
    """`import --apply`: each (segment, target) matched by source text becomes the segment's
    translation with `status`, as `decide_by_source` says; one transaction. Of several rows
    for one segment, the last one decides."""
    report = SourceMergeReport()
    bases = store.sync_bases(UNIT)
    paths = {d.id: d.path for d in store.documents()}
    changes: dict[int, UnitChange] = {}
    conflicts: dict[str, MergeConflict] = {}
    agreed: set[str] = set()
    for seg, target in matched:
        ref = str(seg.id)
        verdict = decide_by_source(seg, target, status, bases.get(ref), overwrite=overwrite)
        changes.pop(seg.id, None)
        conflicts.pop(ref, None)
        agreed.discard(ref)
        if verdict is None:
            report.agreed += 1
            agreed.add(ref)
        elif verdict is Verdict.APPLY:
            changes[seg.id] = UnitChange(seg.id, target, status, "human", author, "import")
            agreed.add(ref)
        elif verdict is Verdict.SKIP:
            report.stale += 1
        else:
            where = f"{paths.get(seg.document_id, '?')} ¶{seg.paragraph + 1}.{seg.position + 1}"
            conflicts[ref] = MergeConflict(UNIT, ref, where, seg.target, target, file)
    report.conflicts = list(conflicts.values())
    theirs = {"status": str(status), "version": ""}
    with store.transaction():
        report.applied = store.update_units(changes.values())
        store.clear_conflicts(UNIT, agreed)
        store.note_conflicts(
            UNIT, file, ((ref, {"target": c.theirs, **theirs}) for ref, c in conflicts.items())
        )
    return report


def record_exported_units(
    store: ProjectStore, exported: Iterable[tuple[Segment, SyncBase]]
) -> None:
    """An export is a sync: the file now holds what the store holds, with these stamps."""
    store.set_sync_bases(UNIT, ((str(s.id), stamp) for s, stamp in exported))


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seen_file(project: Project, path: Path, digest: str) -> bool:
    """Has the store written or read exactly this file before (then it has nothing new)?"""
    return digest in _seen(project, path)


def mark_seen(project: Project, path: Path, digest: str | None = None) -> None:
    """Remember that the store and this file agree (it wrote or merged it)."""
    digest = digest or file_digest(path)
    seen = [d for d in _seen(project, path) if d != digest]
    seen.append(digest)
    project.store.set_meta(f"seen:{path.name}", json.dumps(seen[-_SEEN_KEPT:]))


def _seen(project: Project, path: Path) -> list[str]:
    raw = project.store.get_meta(f"seen:{path.name}")
    legacy = project.store.get_meta(f"imported:{path.name}")  # before per-unit merging
    seen = [str(d) for d in json.loads(raw)] if raw else []
    return [legacy, *seen] if legacy else seen


def conflicts(project: Project) -> list[MergeConflict]:
    """The conflicts the last merges left, for the review UI: the store kept its own side."""
    store = project.store
    out: list[MergeConflict] = []
    terms: dict[str, Term] = {}
    for c in store.stored_conflicts():
        if c.kind == UNIT:
            try:
                seg = store.segment(int(c.ref))
            except StoreError:  # a segment gone since is no conflict any more
                continue
            where = f"#{seg.id} ¶{seg.paragraph + 1}.{seg.position + 1}"
            out.append(
                MergeConflict(UNIT, c.ref, where, seg.target, c.theirs.get("target", ""), c.file)
            )
        else:
            if not terms:
                from tmbuilder.text.normalize import match_key

                terms = {match_key(t.source): t for t in store.terms()}
            term = terms.get(c.ref)
            if term is not None:
                out.append(
                    MergeConflict(
                        TERM, c.ref, term.source, term.target, c.theirs.get("target", ""), c.file
                    )
                )
    return out
