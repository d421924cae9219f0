"""Import flow: memories into the store, and edits made elsewhere back onto project segments.

Every file is read in full inside one store transaction, and a multi-file import in one
transaction around them all: a file that turns out to be broken halfway leaves nothing behind,
not even the files before it (`keep_going` imports each file on its own instead). A big
file (BULK_BYTES or more) gets the store's bulk transaction: a rollback journal instead of
WAL, which writes its pages once instead of twice but keeps readers waiting until it is done.
Units that name one of the project's documents (x-document, as our TMX, PO and XLIFF exports
write it) also update that document's segments, so a document finished in a CAT tool comes
back with its edits, unit by unit against what the store holds (pipeline/merge.py); every
change lands in the history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tmbuilder.bigimport.parts import (
    PartsFailed,
    TailReading,
    cut_for_import,
    head_units,
    kept,
)
from tmbuilder.bigimport.tail_reader import Keep
from tmbuilder.bigimport.tmx_parts import TmxPart
from tmbuilder.errors import InputError, TmBuilderError
from tmbuilder.events import Progress, Sink, ignore
from tmbuilder.formats.reading import MemoryFilter, ReadOptions
from tmbuilder.formats.tmx_read import VARIANTS_DROPPED
from tmbuilder.inline import strip_codes
from tmbuilder.langtags import LangPair
from tmbuilder.model import MemoryUnit, Segment, Status
from tmbuilder.pipeline.merge import MergeConflict, merge_by_source, merge_units
from tmbuilder.project import Project
from tmbuilder.store.base import MemoryImportReport, ProjectStore
from tmbuilder.text.normalize import match_key
from tmbuilder.tm.persist import refresh_memory_index

_RANK = {s: i for i, s in enumerate(Status)}
# About 20,000 TMX units: below this an import takes a few seconds, too short to be worth
# locking out a concurrent reader (a review session, `stats`) for.
BULK_BYTES = 32 * 1024 * 1024


@dataclass
class FileImport:
    """What one file gave: its memory report, what was skipped and why, its languages."""

    path: str
    memory: MemoryImportReport
    pair: LangPair
    counts: MemoryFilter

    @property
    def units_read(self) -> int:
        """Units the file held: those stored (merged or not) and those left out for a reason."""
        skipped = sum(self.counts.skipped.values()) - self.counts.skipped.get(VARIANTS_DROPPED, 0)
        return self.memory.read + skipped

    @property
    def usable(self) -> int:
        """Units kept that serve the project's pair."""
        return sum(n for (a, b), n in self.counts.languages.items() if self.pair.serves(a, b))

    def lines(self) -> list[str]:
        """What `import` prints about this file beyond the counts of rows."""
        out = []
        kept = sum(self.counts.languages.values())
        if kept > self.usable:
            labels = ", ".join(f"{n} {a}→{b}" for (a, b), n in self.counts.languages.most_common(4))
            more = "" if len(self.counts.languages) <= 4 else ", ..."
            out.append(
                f"{kept} units kept ({labels}{more}), {self.usable} usable for {self.pair.label()}"
            )
        if self.counts.unconfirmed:
            out.append(
                f"{self.counts.unconfirmed} unconfirmed units kept as suggestions "
                "(never exact matches)"
            )
        if self.counts.skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in self.counts.skipped.most_common())
            out.append(f"not imported as memory: {reasons}")
        return out


@dataclass
class ImportReport:
    files: list[tuple[str, MemoryImportReport]] = field(default_factory=list)
    applied: int = 0  # project segments updated from imported units
    details: list[FileImport] = field(default_factory=list)
    conflicts: list[MergeConflict] = field(default_factory=list)  # the store kept its edit
    unchanged: int = 0  # --apply: segments that already held the file's translation
    stale: int = 0  # --apply: rows the last export held, older than the store's segment
    failed: list[tuple[str, str]] = field(default_factory=list)  # --keep-going: file, error

    @property
    def read(self) -> int:
        return sum(r.read for _, r in self.files)

    @property
    def added(self) -> int:
        return sum(r.added for _, r in self.files)

    @property
    def duplicates(self) -> int:
        return sum(r.duplicates for _, r in self.files)

    @property
    def alternatives(self) -> int:
        return sum(r.alternatives for _, r in self.files)


@dataclass(frozen=True)
class ImportSettings:
    """How files are read into memory: languages for files that name none (`--source-lang`,
    `--target-lang`), and which units that are not final translations are kept anyway."""

    source_lang: str = ""
    target_lang: str = ""
    keep_unconfirmed: bool = False
    keep_copies: bool = False


def import_files(
    project: Project,
    paths: Sequence[Path],
    *,
    apply_status: Status | None = None,
    sink: Sink = ignore,
    settings: ImportSettings | None = None,
    keep_going: bool = False,
    overwrite: bool = False,
) -> ImportReport:
    """Import memories (TMX, PO, MO, XLIFF, TSV, CSV): all files or nothing.

    Only real translations become memory: untranslated, unconfirmed, rejected, empty,
    source-copy and translate="no" units are counted per reason and left out (they still
    update project segments, as below). Each unit keeps its file's languages; units in another
    pair than the project's are kept and reported, and never match.

    With `apply_status`, every unit also becomes the translation of the project segments with
    the same source (by match key), with that status: how a translator's bilingual file of
    finished translations is entered into a project. Such a file cannot show it is newer than
    a reviewer's confirmation: a differing row over a reviewed segment is a conflict, the
    store keeping its own (pipeline/merge.py), unless `overwrite` says the file wins.

    With `keep_going`, each file on its own instead: a refused file is listed in
    `report.failed` and the others are imported.
    """
    if keep_going:
        return _import_each(project, paths, apply_status, sink, settings, overwrite)
    from tmbuilder.formats.registry import format_for

    settings = settings or ImportSettings()

    report = ImportReport()
    formats = []
    for path in paths:
        if not path.is_file():
            raise InputError(str(path), "no such file")
        formats.append((path, format_for(path)))
    documents = frozenset(d.path for d in project.store.documents())
    keep = Keep(documents, everything=apply_status is not None)
    apply = _Apply(apply_status, overwrite)
    pair = project.config.pair
    with _all_files(project.store, paths):
        for n, (path, fmt) in enumerate(formats, 1):
            # two cores only for a file on its own: a failed part rolls back its transaction,
            # which inside the all-files transaction would roll back the other files too
            parts = cut_for_import(path) if fmt.name == "tmx" and len(formats) == 1 else None
            result: MemoryImportReport | None = None
            options = ReadOptions(pair, settings.source_lang, settings.target_lang)
            memory = MemoryFilter(options.skipped, settings.keep_unconfirmed, settings.keep_copies)
            if parts is not None:
                result = _import_in_parts(
                    project, path, parts, keep, apply, report, options, memory
                )
            if result is None:
                options.skipped.clear()
                memory = MemoryFilter(
                    options.skipped, settings.keep_unconfirmed, settings.keep_copies
                )
                read = partial(fmt.read, options=options)
                result = _import_whole(project, path, read, keep, apply, report, memory)
            report.files.append((str(path), result))
            report.details.append(FileImport(str(path), result, pair, memory))
            sink(Progress("import", n, len(formats), str(path)))
    # the new units join the fuzzy index stored with the project now, not in the next search
    # (a local store only: a server's memory is searched on the server)
    if (db := project.store.memory_db) is not None:
        refresh_memory_index(db, Path(project.store.path))
    return report


def _all_files(store: ProjectStore, paths: Sequence[Path]) -> AbstractContextManager[None]:
    """One transaction around every file of a multi-file import: all or nothing."""
    if len(paths) < 2:
        return nullcontext()
    if sum(p.stat().st_size for p in paths) >= BULK_BYTES:
        return store.bulk_transaction()
    return store.transaction()


def _import_each(
    project: Project,
    paths: Sequence[Path],
    apply_status: Status | None,
    sink: Sink,
    settings: ImportSettings | None,
    overwrite: bool,
) -> ImportReport:
    """--keep-going: every file in its own transaction; refusals listed, not raised."""
    report = ImportReport()
    for path in paths:
        try:
            one = import_files(
                project,
                [path],
                apply_status=apply_status,
                sink=sink,
                settings=settings,
                overwrite=overwrite,
            )
        except TmBuilderError as exc:
            report.failed.append((str(path), str(exc)))
            continue
        report.files.extend(one.files)
        report.details.extend(one.details)
        report.applied += one.applied
        report.conflicts.extend(one.conflicts)
        report.unchanged += one.unchanged
        report.stale += one.stale
    return report


def _import_whole(
    project: Project,
    path: Path,
    reader: Callable[[Path], Iterable[MemoryUnit]],
    keep: Keep,
    apply: _Apply,
    report: ImportReport,
    memory: MemoryFilter,
) -> MemoryImportReport:
    """One file into the store, read by this process; all or nothing."""
    store, origin = project.store, path.name
    units: list[MemoryUnit] = []
    with import_transaction(store, path):
        result = store.add_memory(filter(memory, kept(reader(path), keep, units)), origin)
        report.applied += apply_to_project(
            project,
            units,
            author=f"import:{origin}",
            apply_status=apply.status,
            file=str(path),
            report=report,
            overwrite=apply.overwrite,
        )
    return result


def _import_in_parts(
    project: Project,
    path: Path,
    parts: tuple[TmxPart, TmxPart],
    keep: Keep,
    apply: _Apply,
    report: ImportReport,
    options: ReadOptions,
    memory: MemoryFilter,
) -> MemoryImportReport | None:
    """_import_whole on two cores (bigimport/parts); None if that did not work out,
    with nothing written: the file must then be read whole."""
    store, origin = project.store, path.name
    head, tail = parts
    units: list[MemoryUnit] = []
    applied = 0
    try:
        # The helper outlives the transaction: its stage file stays attached until the end.
        with (
            TailReading(tail, origin, keep, project.state_dir, options, memory) as helper,
            import_transaction(store, path),
        ):
            result = store.add_memory(
                filter(memory, kept(head_units(head, options), keep, units)),
                origin,
                then=helper.finish,
            )
            memory.add(helper.counts)
            units.extend(helper.kept())
            applied = apply_to_project(
                project,
                units,
                author=f"import:{origin}",
                apply_status=apply.status,
                file=str(path),
                report=report,
                overwrite=apply.overwrite,
            )
    except PartsFailed:
        return None
    report.applied += applied
    return result


@dataclass(frozen=True)
class _Apply:
    """How imported units update project segments: `--apply`'s status, and `--overwrite`."""

    status: Status | None
    overwrite: bool


def import_transaction(store: ProjectStore, path: Path) -> AbstractContextManager[None]:
    """The store transaction one file is imported in: the bulk one for a big file."""
    if path.stat().st_size >= BULK_BYTES:
        return store.bulk_transaction()
    return store.transaction()


def apply_to_project(
    project: Project,
    units: Sequence[MemoryUnit],
    *,
    author: str,
    apply_status: Status | None = None,
    file: str = "",
    report: ImportReport | None = None,
    overwrite: bool = False,
) -> int:
    """Update project segments from units that name their document (or, with `apply_status`,
    from every unit, onto every segment with the same source), unit by unit as
    pipeline/merge.py decides; returns how many changed. Conflicts and what was left as it
    was go to `report`."""
    if not units:
        return 0
    store = project.store
    docs = {d.path: d.id for d in store.documents()}
    by_doc: dict[int, dict[str, list[int]]] = {}
    segments = {s.id: s for s in store.segments()}
    for seg in segments.values():
        by_doc.setdefault(seg.document_id, {}).setdefault(seg.key, []).append(seg.id)
    if apply_status is not None:
        by_key: dict[str, list[int]] = {}
        for seg in segments.values():
            by_key.setdefault(seg.key, []).append(seg.id)
        rows = [
            (segments[seg_id], unit.target)
            for unit in units
            if unit.target
            for seg_id in by_key.get(match_key(strip_codes(unit.source)), [])
        ]
        by_source = merge_by_source(
            store, rows, apply_status, author=author, file=file or author, overwrite=overwrite
        )
        if report is not None:
            report.conflicts.extend(by_source.conflicts)
            report.unchanged += by_source.agreed
            report.stale += by_source.stale
        return by_source.applied
    matched: list[tuple[Segment, MemoryUnit, Status]] = []
    for unit in units:
        doc_id = docs.get(unit.prop("x-document"))
        if doc_id is None or not unit.target:
            continue
        candidates = by_doc.get(doc_id, {}).get(match_key(strip_codes(unit.source)), [])
        if not candidates:
            continue
        seg = _closest(
            [segments[c] for c in candidates], unit.prop("x-paragraph"), unit.prop("x-position")
        )
        try:
            status = Status(unit.prop("x-status") or "translated")
        except ValueError:
            status = Status.TRANSLATED
        if status != Status.NEW:
            matched.append((seg, unit, status))
    # unit by unit against what the store and the files last agreed on (pipeline/merge.py)
    merged = merge_units(store, matched, author=author, file=file or author, overwrite=overwrite)
    if report is not None:
        report.conflicts.extend(merged.conflicts)
    return merged.applied


def _closest(candidates: list[Segment], paragraph: str, position: str) -> Segment:
    """Among segments with the same source, the one at the unit's recorded place."""
    try:
        para, pos = int(paragraph), int(position)
    except ValueError:
        return candidates[0]
    return min(candidates, key=lambda s: (abs(s.paragraph - para), abs(s.position - pos)))
