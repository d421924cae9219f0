"""CLI commands for the glossary: extract, list, set, check, export, import."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from tmbuilder.cli_options import project_option
from tmbuilder.errors import InputError
from tmbuilder.model import TermStatus
from tmbuilder.project import Project

# pipeline.glossary.GLOSSARY_FORMATS, spelled out so `--help` does not load the pipeline
GLOSSARY_FORMATS = ("tsv", "csv", "tbx", "tbx3")


def _open(project_dir: Path) -> Project:
    project = Project.existing(project_dir)
    return project


@click.group()
def glossary() -> None:
    """Find, review, check and export the project's terminology."""


@glossary.command()
@project_option
@click.option("--min-freq", default=2, show_default=True, help="Occurrences a term needs.")
def extract(project_dir: Path, min_freq: int) -> None:
    """Extract recurring terms from the project's segments and propose their English.

    Multi-syllable terms, proper names, acronyms and hyphenated compounds, ranked by termhood
    (C-value); variants grouped; English aligned from reviewed units. Decisions already made
    (approved, forbidden, edited) are kept.
    """
    from tmbuilder.pipeline.glossary import extract_glossary

    project = _open(project_dir)
    report = extract_glossary(project, min_freq=min_freq)
    click.echo(f"{report.candidates} terms, {report.with_english} with a proposed English")
    project.close()


@glossary.command(name="list")
@project_option
@click.option("--status", type=click.Choice([s.value for s in TermStatus]), help="Only these.")
@click.option("--limit", default=0, help="At most this many rows (0: all).")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print every candidate as JSON, in rank order, with its English proposals.",
)
def list_(project_dir: Path, status: str | None, limit: int, as_json: bool) -> None:
    """Show the glossary: term, English, status, frequency, documents, confidence."""
    project = _open(project_dir)
    terms = project.store.terms(status)
    if limit:
        terms = terms[:limit]
    if as_json:
        from tmbuilder.pipeline.glossary import glossary_as_data

        click.echo(json.dumps(glossary_as_data(terms), ensure_ascii=False, indent=1))
        project.close()
        return
    table = Table(title=f"glossary ({len(terms)} terms)")
    for column in ("term", "English", "status", "freq", "docs", "conf.", "variants"):
        table.add_column(column)
    for t in terms:
        table.add_row(
            t.source,
            t.target,
            str(t.status),
            str(t.frequency),
            str(t.documents),
            f"{t.confidence:.2f}",
            "; ".join(t.variants),
        )
    Console(file=sys.stdout).print(table)
    project.close()


@glossary.command(name="set")
@click.argument("term")
@click.argument("english", required=False)
@project_option
@click.option(
    "--status",
    type=click.Choice([s.value for s in TermStatus]),
    default="approved",
    show_default=True,
)
@click.option("--note", help="A note for translators.")
def set_(term: str, english: str | None, project_dir: Path, status: str, note: str | None) -> None:
    """Add or decide a TERM: its ENGLISH, status (approved by default) and note."""
    from tmbuilder.text.normalize import match_key

    project = _open(project_dir)
    existing = {match_key(t.source): t for t in project.store.terms()}
    old = existing.get(match_key(term))
    if old is None and not english:
        raise InputError(term, "new terms need their English")
    base = old if old is not None else None
    new = (
        replace(
            base,
            target=english or base.target,
            status=TermStatus(status),
            note=note if note is not None else base.note,
            origin="human",
        )
        if base
        else None
    )
    if new is None:
        from tmbuilder.model import Term

        new = Term(term, english or "", TermStatus(status), note or "", origin="human")
    saved = project.store.save_term(new)
    click.echo(f"{saved.source} → {saved.target} ({saved.status})")
    project.close()


@glossary.command()
@project_option
def check(project_dir: Path) -> None:
    """List units whose source has an approved term but whose target lacks its English, and
    terms translated in more than one way. Exits 1 when there are any."""
    from tmbuilder.pipeline.glossary import check_glossary

    project = _open(project_dir)
    issues = check_glossary(project)
    for issue in issues:
        click.echo(
            f"#{getattr(issue, 'segment_id', '')} {getattr(issue, 'kind', '')}: "
            f"{getattr(issue, 'message', '')}"
        )
    click.echo(f"{len(issues)} glossary issues")
    project.close()
    if issues:
        sys.exit(1)


@glossary.command(name="export")
@project_option
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(GLOSSARY_FORMATS)),
    help="Formats to write (default: all): OmegaT TSV, CSV, TBX v2, TBX v3.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder (default: glossary/).",
)
@click.option(
    "--include-proposed",
    is_flag=True,
    help="Also write terms nobody has approved yet (marked proposed).",
)
def export_(
    project_dir: Path, formats: tuple[str, ...], output: Path | None, include_proposed: bool
) -> None:
    """Write the glossary as OmegaT TSV, CSV (memoQ, MultiTerm), TBX v2 and TBX v3.

    By default only decided terms: approved ones, and forbidden ones marked as such."""
    from tmbuilder.pipeline.glossary import export_glossary

    project = _open(project_dir)
    for path in export_glossary(
        project,
        directory=output,
        formats=formats or GLOSSARY_FORMATS,
        include_proposed=include_proposed,
    ):
        click.echo(f"wrote {path}")
    project.close()


@glossary.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@project_option
@click.option(
    "--source-lang",
    "file_source",
    metavar="LANG",
    help="Language of a TSV/CSV file's first column when no header row names it.",
)
@click.option(
    "--target-lang",
    "file_target",
    metavar="LANG",
    help="Language of its second column (with --source-lang).",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Take the file's term where its stamp cannot show it is newer than the project's "
    "(default: keep the project's and list the conflict).",
)
def import_(
    files: tuple[Path, ...],
    project_dir: Path,
    file_source: str | None,
    file_target: str | None,
    overwrite: bool,
) -> None:
    """Import glossary files (TBX v2/v3, OmegaT TSV/TXT, CSV; chosen by content); their
    decisions overwrite the project's — except where the version stamps of tmbuilder's own
    exports show a term to be an older copy (left out) or cannot show it is newer than the
    project's decision (a conflict: the project keeps its term and lists it; see --overwrite).

    Terms come in the project's direction whatever order the file has its languages in;
    entries lacking either language are skipped and counted. Several English terms for one
    source are kept as synonyms.
    """
    from tmbuilder.pipeline.glossary import import_glossary

    if (file_source is None) != (file_target is None):
        raise InputError("--source-lang", "give --source-lang and --target-lang together")
    columns = (file_source, file_target) if file_source and file_target else None
    project = Project(project_dir)
    report = import_glossary(project, list(files), columns=columns, overwrite=overwrite)
    for item in report.files:
        stored = item.stored
        line = (
            f"{item.path}: {item.entries} entries, {stored.added} added, "
            f"{stored.updated} updated, {stored.merged} merged as synonyms"
        )
        if item.skipped:
            line += "; skipped: " + ", ".join(f"{n} {why}" for why, n in item.skipped.items())
        click.echo(line)
        for conflict in item.conflicts:  # both sides changed: the store kept its term
            click.echo(f"  {conflict.line()}")
    concepts = sum(f.stored.added + f.stored.updated for f in report.files)
    synonyms = sum(f.stored.merged for f in report.files)
    click.echo(f"{concepts} terms stored, {synonyms} more English kept as synonyms")
    project.close()
