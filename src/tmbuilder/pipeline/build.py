"""The flows the CLI and the TUI share: build (ingest, segment, store), and what follows it.

Each flow takes a `Project` and a progress sink and returns a report; none prints or asks.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tmbuilder import inline
from tmbuilder.events import Notice, Progress, Sink, ignore
from tmbuilder.ingest import read_source
from tmbuilder.model import SourceDocument
from tmbuilder.pipeline.merge import MergeConflict
from tmbuilder.pipeline.sources import collect_sources
from tmbuilder.project import Project
from tmbuilder.store.base import NewSegment, SyncReport
from tmbuilder.text.normalize import match_key


@dataclass
class BuildReport:
    documents: list[SyncReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(d.added for d in self.documents)

    @property
    def archived(self) -> int:
        return sum(d.archived for d in self.documents)

    @property
    def unchanged(self) -> int:
        return sum(1 for d in self.documents if d.unchanged)


def segment_document(project: Project, doc: SourceDocument) -> list[NewSegment]:
    segmenter = project.segmenter
    out: list[NewSegment] = []
    for p_index, paragraph in enumerate(doc.paragraphs):
        codes = doc.paragraph_codes(p_index)
        for position, sentence in enumerate(segmenter.split(paragraph)):
            # each sentence keeps the records of the code characters it holds
            kept = inline.dumps([c for c in codes if c.char in sentence]) if codes else ""
            out.append(NewSegment(p_index, position, sentence, match_key(sentence), kept))
    return out


def read_documents(
    project: Project, paths: Iterable[Path], sink: Sink = ignore
) -> list[SourceDocument]:
    """Read every file first: one unreadable file stops the build before anything is stored."""
    paths = list(paths)
    docs: list[SourceDocument] = []
    for index, path in enumerate(paths):
        doc = read_source(path)
        docs.append(dataclasses.replace(doc, path=project.relpath(path)))
        for warning in doc.warnings:
            sink(Notice("warning", f"{path}: {warning}"))
        sink(Progress("read", index + 1, len(paths), str(path)))
    return docs


def build_sources(project: Project, sources: Sequence[Path], sink: Sink = ignore) -> BuildReport:
    """Ingest, normalize, segment and store the sources; a no-op on unchanged files."""
    report = BuildReport()
    docs = read_documents(project, collect_sources(project, sources, sink), sink)
    seg_hash = project.rules.fingerprint()
    store = project.store
    for index, doc in enumerate(docs):
        segments = segment_document(project, doc)
        report.documents.append(store.sync_document(doc, segments, seg_hash))
        report.warnings.extend(f"{doc.path}: {w}" for w in doc.warnings)
        sink(Progress("segment", index + 1, len(docs), doc.path))
    return report


@dataclass
class FullBuildReport:
    sources: BuildReport
    restored_units: int = 0
    restored_terms: int = 0
    conflicts: list[MergeConflict] = field(default_factory=list)  # the store kept its edits
    draft: object | None = None  # pipeline.draft.DraftReport
    glossary: object | None = None  # pipeline.glossary.GlossaryReport
    exports: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def mark_in_sync(project: Project, path: Path) -> None:
    """Record that the store and this export file say the same thing (the store wrote it)."""
    from tmbuilder.pipeline.merge import mark_seen

    mark_seen(project, path)


@dataclass
class RestoreReport:
    units: int = 0
    terms: int = 0
    conflicts: list[MergeConflict] = field(default_factory=list)


def restore_exports(project: Project, sink: Sink = ignore) -> RestoreReport:
    """Read back the project's own exports (tmx/*.tmx, the glossary TBX) changed from outside.

    The store is git-ignored; the exports are what a team commits. On a fresh clone (or after a
    pull) this brings back every reviewed translation and glossary decision, so `build`
    rebuilds the same project. The merge is unit by unit (pipeline/merge.py): a unit is taken
    only when it is newer than the store's; when both changed since they last agreed, the
    store keeps its edit and the conflict is reported. A file the store wrote or read before
    is skipped whole.
    """
    from tmbuilder.pipeline.glossary import glossary_paths, read_glossary_file
    from tmbuilder.pipeline.imports import import_files
    from tmbuilder.pipeline.merge import file_digest, mark_seen, seen_file
    from tmbuilder.pipeline.merge_terms import merge_terms

    report = RestoreReport()
    for path in sorted(project.tmx_dir.glob("*.tmx")):
        digest = file_digest(path)
        if seen_file(project, path, digest):
            continue
        imported = import_files(project, [path], sink=sink)
        report.units += imported.applied
        report.conflicts.extend(imported.conflicts)
        mark_seen(project, path, digest)
    tbx = glossary_paths(project)["tbx"]
    if tbx.exists():
        digest = file_digest(tbx)
        if not seen_file(project, tbx, digest):
            merged = merge_terms(project, read_glossary_file(tbx), str(tbx))
            report.terms += merged.applied
            report.conflicts.extend(merged.conflicts)
            mark_seen(project, tbx, digest)
    return report


def build(
    project: Project,
    sources: Sequence[Path],
    *,
    engine: object | None = None,
    sink: Sink = ignore,
    stop: threading.Event | None = None,
) -> FullBuildReport:
    """The main job: sources into the store, then restore, draft, glossary and export as the
    project's [build] settings say. Offline, drafting reports what it could not do and the
    build still completes."""
    from tmbuilder.pipeline.drafts import EngineOptions, draft
    from tmbuilder.pipeline.exports import export_tmx
    from tmbuilder.pipeline.glossary import export_glossary, extract_glossary

    settings = project.config.build
    report = FullBuildReport(build_sources(project, sources, sink))
    restored = restore_exports(project, sink)
    report.restored_units, report.restored_terms = restored.units, restored.terms
    report.conflicts = restored.conflicts
    if settings.draft:
        options = engine if isinstance(engine, EngineOptions) else EngineOptions()
        report.draft = draft(project, engine=options, sink=sink, stop=stop)
    if settings.glossary:
        report.glossary = extract_glossary(project, sink=sink)
    if settings.export:
        tmx = export_tmx(project, sink=sink)
        if not tmx.unchanged:
            report.exports.append(tmx.path)
        report.exports.extend(export_glossary(project, sink=sink))
    return report
