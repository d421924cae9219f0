"""Export flows: the project's segments as TMX, PO or XLIFF memory units.

Every unit carries where it came from (x-document, x-paragraph, x-position), how far it got
(x-status, x-origin) and its neighbours (x-context-prev/next), so a later import, ours or a CAT
tool's, can restore and match in context. Writers are atomic (temp file, then rename).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tmbuilder.errors import InputError
from tmbuilder.events import Progress, Sink, ignore
from tmbuilder.model import MemoryUnit, Segment, Status
from tmbuilder.project import Project

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
    if status not in STATUS_FILTERS:
        known = "|".join(STATUS_FILTERS)
        raise InputError("--status", f"unknown status filter '{status}' ({known})")
    wanted = set(STATUS_FILTERS[status])
    store = project.store
    paths = {d.id: d.path for d in store.documents()}
    config = project.config
    segments = store.segments(document_id=document_id)
    for i, seg in enumerate(segments):
        if seg.status not in wanted or (status != "every" and not seg.target):
            continue
        yield _unit(
            seg, segments, i, paths[seg.document_id], config.source_lang, config.target_lang
        )


def _unit(
    seg: Segment, segments: Sequence[Segment], i: int, path: str, src: str, tgt: str
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


def export_tmx(
    project: Project, path: Path | None = None, *, status: str = "reviewed", sink: Sink = ignore
) -> ExportReport:
    """Write the project's memory as TMX 1.4b (default: tmx/<src>_<tgt>.tmx)."""
    from tmbuilder.formats.tmx import TmxHeader, write_tmx

    target = path or default_tmx_path(project)
    target.parent.mkdir(parents=True, exist_ok=True)
    units = list(segment_units(project, status))
    if _holds(target, units):
        # a rebuild that changes nothing leaves the file, and a team's git status, untouched
        return ExportReport(target, len(units), unchanged=True)
    result = write_tmx(units, target, TmxHeader(srclang=project.config.source_lang))
    sink(Progress("export", 1, 1, str(target)))
    return ExportReport(target, result.units, tuple(result.warnings))


def export_po(
    project: Project, path: Path, *, status: str = "every", sink: Sink = ignore
) -> ExportReport:
    """Write the project's segments as a PO file (or MO, by extension)."""
    from tmbuilder.formats.po import write_mo, write_po

    config = project.config
    units = list(segment_units(project, status))
    writer = write_mo if path.suffix.lower() == ".mo" else write_po
    result = writer(units, path, src_lang=config.source_lang, tgt_lang=config.target_lang)
    sink(Progress("export", 1, 1, str(path)))
    return ExportReport(path, result.units, tuple(result.warnings))


def export_xliff(
    project: Project, directory: Path, *, status: str = "every", sink: Sink = ignore
) -> list[ExportReport]:
    """Write one XLIFF 1.2 file per document into `directory`."""
    from tmbuilder.formats.xliff import write_xliff

    config = project.config
    directory.mkdir(parents=True, exist_ok=True)
    reports: list[ExportReport] = []
    docs = project.store.documents()
    for n, doc in enumerate(docs, 1):
        units = list(segment_units(project, status, document_id=doc.id))
        out = directory / (Path(doc.path).name + ".xlf")
        result = write_xliff(
            units,
            out,
            original=doc.path,
            src_lang=config.source_lang,
            tgt_lang=config.target_lang,
        )
        reports.append(ExportReport(out, result.units, tuple(result.warnings)))
        sink(Progress("export", n, len(docs), str(out)))
    return reports
