"""Export flows: the project's segments as TMX, PO or XLIFF memory units.

Every unit carries where it came from (x-document, x-paragraph, x-position), how far it got
(x-status, x-origin) and its neighbours (x-context-prev/next), so a later import, ours or a CAT
tool's, can restore and match in context. Writers are atomic (temp file, then rename).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tmbuilder.errors import InputError
from tmbuilder.events import Progress, Sink, ignore
from tmbuilder.model import MemoryUnit, Segment, Status
from tmbuilder.project import Project
from tmbuilder.store.sync_tables import SyncBase

STATUS_FILTERS: dict[str, tuple[Status, ...]] = {
    "reviewed": (Status.REVIEWED,),
    "translated": (Status.TRANSLATED, Status.REVIEWED),
    "all": (Status.DRAFT, Status.TRANSLATED, Status.REVIEWED),
    # for files meant to be finished elsewhere (PO, XLIFF): untranslated segments too
    "every": tuple(Status),
}


@dataclass(frozen=True)
class ExportReport:
    path: Path
    units: int
    warnings: tuple[str, ...] = ()
    unchanged: bool = False  # the file already held these units; left as it was


def _content(unit: MemoryUnit) -> tuple[object, ...]:
    """What a unit says, leaving out when it was said (dates change on every rebuild)."""
    return (
        unit.source,
        unit.target,
        unit.src_lang.lower(),
        unit.tgt_lang.lower(),
        unit.props,
        unit.notes,
    )


def _holds(path: Path, units: list[MemoryUnit]) -> bool:
    """Does the TMX at `path` already hold exactly these units (dates aside)?"""
    from tmbuilder.errors import FormatError
    from tmbuilder.formats.tmx import read_tmx

    if not path.is_file():
        return False
    try:
        return [_content(u) for u in read_tmx(path)] == [_content(u) for u in units]
    except FormatError:
        return False


def default_tmx_path(project: Project) -> Path:
    config = project.config
    return project.tmx_dir / f"{config.source_lang}_{config.target_lang}.tmx"


def segment_units(
    project: Project, status: str = "reviewed", *, document_id: int | None = None
) -> Iterator[MemoryUnit]:
    """The project's translated segments as memory units, in document order."""
    for _seg, unit, _version in _exported(project, status, document_id=document_id):
        yield unit


def _exported(
    project: Project, status: str = "reviewed", *, document_id: int | None = None
) -> Iterator[tuple[Segment, MemoryUnit, SyncBase]]:
    """segment_units with each unit's segment and version (pipeline/merge.py)."""
    from tmbuilder.pipeline.merge import UNIT, local_stamp

    if status not in STATUS_FILTERS:
        known = "|".join(STATUS_FILTERS)
        raise InputError("--status", f"unknown status filter '{status}' ({known})")
    wanted = set(STATUS_FILTERS[status])
    store = project.store
    paths = {d.id: d.path for d in store.documents()}
    bases = store.sync_bases(UNIT)
    config = project.config
    segments = store.segments(document_id=document_id)
    for i, seg in enumerate(segments):
        if seg.status not in wanted or (status != "every" and not seg.target):
            continue
        stamp = local_stamp(seg, bases.get(str(seg.id)))
        unit = _unit(
            seg,
            segments,
            i,
            paths[seg.document_id],
            config.source_lang,
            config.target_lang,
            stamp,
        )
        yield seg, unit, stamp


def _unit(
    seg: Segment,
    segments: Sequence[Segment],
    i: int,
    path: str,
    src: str,
    tgt: str,
    stamp: SyncBase | None = None,
) -> MemoryUnit:
    prev = segments[i - 1].source if i and segments[i - 1].document_id == seg.document_id else ""
    nxt = (
        segments[i + 1].source
        if i + 1 < len(segments) and segments[i + 1].document_id == seg.document_id
        else ""
    )
    props = [
        ("x-document", path),
        ("x-paragraph", str(seg.paragraph)),
        ("x-position", str(seg.position)),
        ("x-status", str(seg.status)),
        ("x-origin", seg.origin),
    ]
    if stamp is not None:
        # how a later import tells a newer unit from an older copy (pipeline/merge.py)
        props.append(("x-version", str(stamp.version)))
        if stamp.parent:
            props.append(("x-parent", stamp.parent))
    if prev:
        props.append(("x-context-prev", prev))
    if nxt:
        props.append(("x-context-next", nxt))
    return MemoryUnit(
        source=seg.source,
        target=seg.target,
        src_lang=src,
        tgt_lang=tgt,
        tuid=f"{path}#{seg.id}",
        created_at=seg.created_at,
        changed_at=seg.updated_at,
        created_by="tmbuilder",
        changed_by="human" if seg.origin == "human" else "tmbuilder",
        props=tuple(props),
    )


def _synced(project: Project, exported: list[tuple[Segment, MemoryUnit, SyncBase]]) -> None:
    """Every export is a sync point: its units are what the store and the file agree on."""
    from tmbuilder.pipeline.merge import record_exported_units

    record_exported_units(project.store, ((s, v) for s, _u, v in exported))


def export_tmx(
    project: Project, path: Path | None = None, *, status: str = "reviewed", sink: Sink = ignore
) -> ExportReport:
    """Write the project's memory as TMX 1.4b (default: tmx/<src>_<tgt>.tmx)."""
    from tmbuilder.formats.tmx import TmxHeader, write_tmx
    from tmbuilder.pipeline.merge import mark_seen

    target = path or default_tmx_path(project)
    target.parent.mkdir(parents=True, exist_ok=True)
    exported = list(_exported(project, status))
    units = [u for _s, u, _v in exported]
    if _holds(target, units):
        # a rebuild that changes nothing leaves the file, and a team's git status, untouched
        result_units, warnings, unchanged = len(units), tuple[str, ...](), True
    else:
        result = write_tmx(units, target, TmxHeader(srclang=project.config.source_lang))
        result_units, warnings, unchanged = result.units, tuple(result.warnings), False
        sink(Progress("export", 1, 1, str(target)))
    _synced(project, exported)
    if _inside(target, project.tmx_dir):
        mark_seen(project, target)  # `build` need not read back what the store wrote
    return ExportReport(target, result_units, warnings, unchanged)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def export_po(
    project: Project, path: Path, *, status: str = "every", sink: Sink = ignore
) -> ExportReport:
    """Write the project's segments as a PO file (or MO, by extension)."""
    from tmbuilder.formats.po import write_mo, write_po

    config = project.config
    exported = list(_exported(project, status))
    units = [u for _s, u, _v in exported]
    writer = write_mo if path.suffix.lower() == ".mo" else write_po
    result = writer(units, path, src_lang=config.source_lang, tgt_lang=config.target_lang)
    _synced(project, exported)
    sink(Progress("export", 1, 1, str(path)))
    return ExportReport(path, result.units, tuple(result.warnings))


def export_xliff(
    project: Project, directory: Path, *, status: str = "every", sink: Sink = ignore
) -> list[ExportReport]:
    """Write one XLIFF 1.2 file per document into `directory`, named after the document's path
    in the project (`a/news.txt` -> `a/news.txt.xlf`), so no two documents share a file."""
    from tmbuilder.formats.xliff import write_xliff

    config = project.config
    docs = project.store.documents()
    outputs = document_outputs(directory, [d.path for d in docs], ".xlf")
    reports: list[ExportReport] = []
    for n, (doc, out) in enumerate(zip(docs, outputs, strict=True), 1):
        exported = list(_exported(project, status, document_id=doc.id))
        out.parent.mkdir(parents=True, exist_ok=True)
        result = write_xliff(
            [u for _s, u, _v in exported],
            out,
            original=doc.path,
            src_lang=config.source_lang,
            tgt_lang=config.target_lang,
        )
        _synced(project, exported)
        reports.append(ExportReport(out, result.units, tuple(result.warnings)))
        sink(Progress("export", n, len(docs), str(out)))
    return reports


def document_outputs(directory: Path, documents: Sequence[str], suffix: str) -> list[Path]:
    """One output path per document, mirroring its path in the project; refused before
    anything is written if two would be the same file (on a case-insensitive disk too)."""
    outputs: list[Path] = []
    taken: dict[str, str] = {}
    for stored in documents:
        relative = PurePosixPath(stored)
        parts = [p for p in relative.parts if p not in ("/", "", ".", "..")]
        if relative.is_absolute():
            parts.insert(0, "_outside")  # a document outside the project keeps its whole path
        out = directory.joinpath(*parts[:-1], parts[-1] + suffix)
        key = out.as_posix().casefold()
        if key in taken:
            raise InputError(
                str(out), f"two documents would be written here: {taken[key]} and {stored}"
            )
        taken[key] = stored
        outputs.append(out)
    return outputs
