"""Glossary flows: extract terms from the project, propose English, check, import, export."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tmbuilder.errors import InputError
from tmbuilder.events import Progress, Sink, ignore
from tmbuilder.formats.glossary_read import GlossaryTerms
from tmbuilder.model import Status, Term, TermStatus
from tmbuilder.pipeline.merge import MergeConflict
from tmbuilder.project import Project
from tmbuilder.store.base import TermImportReport

# What `export_glossary` writes, by format name: (file suffix, writer name).
GLOSSARY_FORMATS = ("tsv", "csv", "tbx", "tbx3")


@dataclass(frozen=True)
class GlossaryReport:
    candidates: int
    with_english: int
    stored: int


def project_sentences(project: Project) -> list[tuple[str, str]]:
    return [(str(s.document_id), s.source) for s in project.store.segments()]


def extract_glossary(project: Project, *, min_freq: int = 2, sink: Sink = ignore) -> GlossaryReport:
    """Find recurring terms, group variants, propose English from reviewed units; store them.

    A person's decisions (approved, forbidden, edited English) are kept; counts and contexts
    are refreshed.
    """
    from tmbuilder.glossary.align import propose_translations
    from tmbuilder.glossary.extract import extract_terms
    from tmbuilder.glossary.variants import group_variants

    store = project.store
    sentences = project_sentences(project)
    terms = extract_terms(sentences, min_freq=min_freq)
    sink(Progress("glossary", 1, 3, "extracted"))
    terms = group_variants(terms, sentences)
    sink(Progress("glossary", 2, 3, "variants grouped"))
    pairs = [(s.source, s.target) for s in store.segments(statuses=[Status.REVIEWED]) if s.target]
    terms = propose_translations(terms, pairs)
    stored = store.merge_terms(terms)
    sink(Progress("glossary", 3, 3, "stored"))
    return GlossaryReport(len(terms), sum(1 for t in terms if t.target), stored)


def glossary_as_data(terms: Sequence[Term]) -> list[dict[str, object]]:
    """The glossary as plain data, in the order given (the store's rank order): what
    `glossary list --json` prints for a terminologist's script or a scorer."""
    import json

    rows: list[dict[str, object]] = []
    for rank, t in enumerate(terms, 1):
        rows.append(
            {
                "rank": rank,
                "source": t.source,
                "target": t.target,
                "status": str(t.status),
                "frequency": t.frequency,
                "documents": t.documents,
                "score": t.score,
                "confidence": t.confidence,
                "origin": t.origin,
                "variants": list(t.variants),
                "proposals": json.loads(t.extra.get("proposals", "[]")),
                "note": t.note,
                "contexts": list(t.contexts),
            }
        )
    return rows


def glossary_paths(project: Project, directory: Path | None = None) -> dict[str, Path]:
    config = project.config
    base = (directory or project.glossary_dir) / f"{config.source_lang}_{config.target_lang}"
    return {
        "tsv": base.with_suffix(".tsv"),
        "csv": base.with_suffix(".csv"),
        "tbx": base.with_suffix(".tbx"),  # TBX v2 (martif): what OmegaT and translate-toolkit read
        "tbx3": base.parent / (base.name + ".tbx3.tbx"),  # TBX v3 TBX-Basic (ISO 30042:2019)
    }


def export_glossary(
    project: Project,
    *,
    directory: Path | None = None,
    formats: Sequence[str] = GLOSSARY_FORMATS,
    include_proposed: bool = False,
    sink: Sink = ignore,
) -> list[Path]:
    """Write the glossary in the given formats: the decided terms (approved, and forbidden ones
    flagged as such); proposals only with `include_proposed`, since they are work in progress
    that translators should not take as the word of the terminologist. Each term carries its
    merge stamp (x-version, x-parent), which other tools ignore."""
    from tmbuilder.formats.registry import glossary_format_named
    from tmbuilder.pipeline.merge import mark_seen
    from tmbuilder.pipeline.merge_terms import record_exported_terms, stamp_for_export

    terms = [
        t
        for t in project.store.terms()
        if t.target and (include_proposed or t.status != TermStatus.PROPOSED)
    ]
    terms = stamp_for_export(project.store, terms)  # each term's version (merge_terms.py)
    paths = glossary_paths(project, directory)
    src = project.config.source_lang.split("-")[0]
    tgt = project.config.target_lang.split("-")[0]
    written: list[Path] = []
    for n, name in enumerate(formats, 1):
        if name not in paths:
            raise InputError("--format", f"unknown glossary format '{name}'")
        path = paths[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        glossary_format_named(name).write(terms, path, src_lang=src, tgt_lang=tgt)
        written.append(path)
        if path.resolve().is_relative_to(project.glossary_dir.resolve()):
            mark_seen(project, path)  # `build` need not read back what the store wrote
        sink(Progress("export", n, len(formats), str(path)))
    record_exported_terms(project.store, terms)
    return written


def read_glossary_file(
    path: Path,
    *,
    src_lang: str = "vi",
    tgt_lang: str = "en",
    columns: tuple[str, str] | None = None,
) -> GlossaryTerms:
    """A glossary file's terms, its format chosen by content (formats/registry.py)."""
    from tmbuilder.formats.registry import glossary_format_for

    return glossary_format_for(path).read(
        path, src_lang=src_lang, tgt_lang=tgt_lang, columns=columns
    )


@dataclass
class GlossaryFileReport:
    path: str
    entries: int  # entries (concepts, lines, rows) the file holds
    stored: TermImportReport
    skipped: Counter[str]
    languages: list[str]
    conflicts: list[MergeConflict] = field(default_factory=list)  # the store kept its term


@dataclass
class GlossaryImportReport:
    files: list[GlossaryFileReport] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return sum(f.stored.stored for f in self.files)


def import_glossary(
    project: Project,
    paths: Sequence[Path],
    *,
    columns: tuple[str, str] | None = None,
    sink: Sink = ignore,
    overwrite: bool = False,
) -> GlossaryImportReport:
    """Import glossary files as decided terms, each file all or nothing, in one pass each.

    Terms come in the project's direction (its source language is the source) whatever
    order the file has its languages in; entries lacking either language are skipped and
    counted. `columns` gives the languages of a text file's two columns when it has no
    header naming them. Every path is checked first: a FIFO or device is refused before
    anything is read. Terms stamped by an export (merge_terms.py) never replace a newer
    decision: older copies are left out, and a term that cannot show it is newer than a
    person's decision is a conflict unless `overwrite`.
    """
    from tmbuilder.formats.glossary_read import check_regular
    from tmbuilder.pipeline.merge_terms import sort_stamped

    for path in paths:
        check_regular(path)
    src_lang, tgt_lang = project.config.source_lang, project.config.target_lang
    store = project.store
    report = GlossaryImportReport()
    for n, path in enumerate(paths, 1):
        found = read_glossary_file(path, src_lang=src_lang, tgt_lang=tgt_lang, columns=columns)
        origin = f"import:{path.name}"
        # A term stamped older than the store's (an old export of ours) never reverts it, nor
        # does one changed on both sides since they last agreed (merge_terms.py).
        sorted_ = sort_stamped(store, found, str(path), overwrite=overwrite)
        if sorted_.old_copies:
            found.skipped["older copies of the project's terms (x-version)"] += sorted_.old_copies
        stored = store.import_terms(
            replace(
                term,
                origin=origin,
                src_lang=term.src_lang or src_lang,
                tgt_lang=term.tgt_lang or tgt_lang,
                extra={k: v for k, v in term.extra.items() if not k.startswith("x-")},
            )
            for term in sorted_.terms
        )
        report.files.append(
            GlossaryFileReport(
                str(path),
                found.entries,
                stored,
                found.skipped,
                found.languages,
                sorted_.conflicts,
            )
        )
        sink(Progress("import", n, len(paths), str(path)))
    return report


def check_glossary(project: Project) -> list[object]:
    """Units whose source has an approved term but whose target lacks its English, and terms
    translated in more than one way."""
    from tmbuilder.glossary.check import check_consistency

    store = project.store
    units = [(s.id, s.source, s.target) for s in store.segments() if s.target]
    return list(check_consistency(store.terms(), units))
