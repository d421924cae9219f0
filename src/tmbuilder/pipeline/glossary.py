"""Glossary flows: extract terms from the project, propose English, check, import, export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tmbuilder.errors import InputError
from tmbuilder.events import Progress, Sink, ignore
from tmbuilder.model import Status, Term, TermStatus
from tmbuilder.project import Project

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
    that translators should not take as the word of the terminologist."""
    from tmbuilder.formats.glossary_csv import write_glossary_csv
    from tmbuilder.formats.glossary_tsv import write_glossary_tsv
    from tmbuilder.formats.tbx import write_tbx
    from tmbuilder.pipeline.merge import mark_seen, record_exported_terms

    terms = [
        t
        for t in project.store.terms()
        if t.target and (include_proposed or t.status != TermStatus.PROPOSED)
    ]
    paths = glossary_paths(project, directory)
    src = project.config.source_lang.split("-")[0]
    tgt = project.config.target_lang.split("-")[0]
    written: list[Path] = []
    for n, name in enumerate(formats, 1):
        if name not in paths:
            raise InputError("--format", f"unknown glossary format '{name}'")
        path = paths[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        if name == "tsv":
            write_glossary_tsv(terms, path)
        elif name == "csv":
            write_glossary_csv(terms, path)
        else:
            write_tbx(terms, path, version=3 if name == "tbx3" else 2, src_lang=src, tgt_lang=tgt)
        written.append(path)
        if path.resolve().is_relative_to(project.glossary_dir.resolve()):
            mark_seen(project, path)  # `build` need not read back what the store wrote
        sink(Progress("export", n, len(formats), str(path)))
    record_exported_terms(project.store, terms)
    return written


def read_glossary_file(path: Path) -> list[Term]:
    from tmbuilder.formats.glossary_csv import read_glossary_csv
    from tmbuilder.formats.glossary_tsv import read_glossary_tsv
    from tmbuilder.formats.tbx import read_tbx

    suffix = path.suffix.lower()
    if suffix in (".tsv", ".txt", ".utf8", ".tab"):
        return read_glossary_tsv(path)
    if suffix == ".csv":
        return read_glossary_csv(path)
    if suffix in (".tbx", ".xml"):
        return read_tbx(path)
    raise InputError(str(path), "unknown glossary format (use .tsv, .csv or .tbx)")


def import_glossary(project: Project, paths: Sequence[Path], *, sink: Sink = ignore) -> int:
    """Import glossary files as decided terms: each file all or nothing."""
    from tmbuilder.pipeline.merge import merge_terms

    count = 0
    for n, path in enumerate(paths, 1):
        # term by term against what store and files last agreed on (pipeline/merge.py)
        merged = merge_terms(project, read_glossary_file(path), str(path))
        count += merged.applied + merged.agreed
        sink(Progress("import", n, len(paths), str(path)))
    return count


def check_glossary(project: Project) -> list[object]:
    """Units whose source has an approved term but whose target lacks its English, and terms
    translated in more than one way."""
    from tmbuilder.glossary.check import check_consistency

    store = project.store
    units = [(s.id, s.source, s.target) for s in store.segments() if s.target]
    return list(check_consistency(store.terms(), units))
