"""CLI commands around the memory: draft, engines, search, import, export."""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

import click
from rich.console import Console
from rich.table import Table

from tmbuilder.cli_options import engine_options, every_status_option, project_option
from tmbuilder.cli_output import ProgressPrinter
from tmbuilder.project import Project


def draft_summary(report: object) -> str:
    """One line for what drafting did, and one for what it could not do."""
    from tmbuilder.pipeline.drafts import DraftReport

    assert isinstance(report, DraftReport)
    line = (
        f"{report.segments} segments to draft: {report.tm_exact} exact TM matches, "
        f"{report.tm_fuzzy} with fuzzy matches, {report.mt_translated} machine-translated "
        f"({report.engine or 'no engine'}), {report.cache_hits} from the MT cache"
    )
    if report.left:
        line += (
            f"\n{report.left} segments left without a draft: {report.left_reason}"
            "; run `tmbuilder draft` to pick them up"
        )
    return line


@click.command()
@project_option
@engine_options
@click.option("--retranslate", is_flag=True, help="Draft again segments that are only drafts.")
@click.option(
    "--glossary-terms",
    is_flag=True,
    help="Protect approved glossary terms through MT and put in their approved English.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
def draft(
    project_dir: Path,
    engine: str | None,
    workers: int | None,
    api_key: str | None,
    url: str | None,
    region: str | None,
    timeout: float | None,
    retranslate: bool,
    glossary_terms: bool,
    as_json: bool,
) -> None:
    """Draft translations: translation-memory matches first, then machine translation.

    Segments a person translated or reviewed are never touched. Exact matches (100%, and 101%
    in context) fill the target; fuzzy matches become suggestions; MT fills the rest.
    Ctrl-C keeps every finished draft; a later `draft` picks up the rest.
    """
    from tmbuilder.pipeline.drafts import EngineOptions
    from tmbuilder.pipeline.drafts import draft as run_draft

    project = Project.existing(project_dir)
    options = EngineOptions(engine, api_key, url, region, None, workers, timeout)
    printer = ProgressPrinter(quiet=as_json)
    stop = threading.Event()
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(_sig: int, _frame: FrameType | None) -> None:
        stop.set()  # workers finish their request; finished drafts are already stored

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        report = run_draft(
            project,
            engine=options,
            retranslate=retranslate,
            glossary_terms=glossary_terms,
            sink=printer,
            stop=stop,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
        printer.close()
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(draft_summary(report))
    project.close()
    if report.cancelled:
        sys.exit(130)


@click.command()
def engines() -> None:
    """List the machine-translation engines, whether each needs a key, and vi→en support."""
    from tmbuilder.engines.registry import engine_infos

    table = Table(title="machine-translation engines (through deep-translator)")
    for column in ("engine", "needs key", "vi→en", "max chars", "note"):
        table.add_column(column)
    for info in engine_infos():
        table.add_row(
            info.name,
            "yes" if info.needs_key else "no",
            "yes" if info.vi_en else "no",
            str(info.max_chars),
            info.note,
        )
    Console(file=sys.stdout).print(table)


@click.command()
@click.argument("text")
@project_option
@click.option("--limit", default=5, show_default=True, help="How many matches to show.")
@click.option("--threshold", type=float, help="Lowest score (default: the project's).")
def search(text: str, project_dir: Path, limit: int, threshold: float | None) -> None:
    """Search the project's memory for TEXT: matches with scores, differences highlighted."""
    from tmbuilder.tm.diff import diff_text
    from tmbuilder.tm.leverage import Leverage

    project = Project.existing(project_dir)
    # `is None`, not `or`: --threshold 0 is a real choice (every match, however poor)
    if threshold is None:
        threshold = project.config.tm.fuzzy_threshold
    leverage = Leverage(project.store, threshold=threshold, pair=project.config.pair)
    matches = leverage.lookup(text, limit=limit)
    console = Console(file=sys.stdout)
    if not matches:
        console.print(f"no match ≥ {leverage.threshold:g}%")
    for m in matches:
        console.print(f"[bold]{m.score:5.1f}%[/bold]  ", diff_text(text, m.source), sep="")
        console.print(f"        → {m.target}  [dim]({m.origin})[/dim]", highlight=False)
    project.close()


@click.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@project_option
@click.option(
    "--apply",
    "apply_status",
    type=click.Choice(["translated", "reviewed"]),
    help="Also make each unit the translation of project segments with the same source, "
    "with this status (for a translator's file of finished translations).",
)
@click.option("--source-lang", default="", help="Source language of files that name none (TSV).")
@click.option("--target-lang", default="", help="Target language of files that name none (TSV).")
@click.option(
    "--keep-unconfirmed",
    is_flag=True,
    help="Keep fuzzy/draft/needs-review units as suggestions (never exact matches).",
)
@click.option(
    "--keep-copies", is_flag=True, help="Keep units whose target is a copy of the source."
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Import each file on its own: a refused file is reported and the others imported "
    "(default: all files or none).",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Where the file differs from a reviewed segment and cannot show it is newer, take "
    "the file's translation (default: keep the store's and list the conflict).",
)
def import_(
    files: tuple[Path, ...],
    project_dir: Path,
    apply_status: str | None,
    source_lang: str,
    target_lang: str,
    keep_unconfirmed: bool,
    keep_copies: bool,
    keep_going: bool,
    overwrite: bool,
) -> None:
    """Import memories: TMX 1.1–1.4b, PO, MO, XLIFF 1.2 and 2.x, bilingual TSV/CSV.

    Each unit keeps its file's languages; only units in the project's pair ever match, and a
    file in other languages is kept and reported. Only real translations become memory:
    untranslated, unconfirmed, empty, source-copy and translate="no" units are counted per
    reason and left out. Duplicates are merged, conflicting translations kept as alternatives.
    Units that name one of the project's documents (as tmbuilder's exports do) also update its
    segments. A broken file imports nothing, and neither do the other files given with it
    (see --keep-going).

    A segment a reviewer confirmed is never replaced by a file that cannot show it is newer
    (a TSV or CSV carries no versions): the store keeps it and the conflict is listed, unless
    --overwrite. Rows an earlier export held are older copies and never applied.
    """
    from tmbuilder.model import Status
    from tmbuilder.pipeline.imports import ImportSettings, import_files

    project = Project(project_dir)
    printer = ProgressPrinter()
    status = Status(apply_status) if apply_status else None
    settings = ImportSettings(source_lang, target_lang, keep_unconfirmed, keep_copies)
    try:
        report = import_files(
            project,
            list(files),
            apply_status=status,
            sink=printer,
            settings=settings,
            keep_going=keep_going,
            overwrite=overwrite,
        )
    finally:
        printer.close()
    for (path, r), detail in zip(report.files, report.details, strict=True):
        click.echo(
            f"{path}: {detail.units_read} units read, {r.added} added, "
            f"{r.duplicates} duplicates merged, "
            f"{r.alternatives} alternative translations kept"
        )
        for line in detail.lines():
            click.echo(f"  {line}")
    for line in applied_lines(report, apply_status is not None):
        click.echo(line)
    project.close()
    for _path, problem in report.failed:
        click.echo(f"tmbuilder: error: {problem} (not imported; the other files were)", err=True)
    if report.failed:
        click.echo(
            f"{len(report.files)} of {len(files)} files imported, {len(report.failed)} refused",
            err=True,
        )
        sys.exit(1)


def applied_lines(report: object, apply: bool) -> list[str]:
    """What an import did to the project's segments: applied, left, kept and why."""
    from tmbuilder.pipeline.imports import ImportReport

    assert isinstance(report, ImportReport)
    out = []
    if report.applied or apply:
        out.append(f"{report.applied} project segments updated from the imported files")
    if report.unchanged:
        out.append(f"{report.unchanged} project segments already held the file's translation")
    if report.stale:
        out.append(
            f"{report.stale} rows not applied: an earlier export held them, and the store's "
            "segments have changed since (older copies)"
        )
    if report.conflicts:
        out.append(
            f"{len(report.conflicts)} segments kept the store's translation: a person confirmed "
            "or changed it, and the file cannot show it is newer (--overwrite takes the file's; "
            "the review UI lists them)"
        )
    out.extend(conflict.line() for conflict in report.conflicts)
    return out


@click.group()
def export() -> None:
    """Export the project: TMX, PO/MO, XLIFF, glossary."""


@export.command(name="tmx")
@project_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: tmx/<src>_<tgt>.tmx).",
)
@click.option(
    "--status",
    type=click.Choice(["reviewed", "translated", "all"]),
    default="reviewed",
    show_default=True,
    help="Which units to export.",
)
@click.option("--srclang", help="Source language code (default: the project's).")
@click.option("--tgtlang", help="Target language code (default: the project's).")
def export_tmx_cmd(
    project_dir: Path, output: Path | None, status: str, srclang: str | None, tgtlang: str | None
) -> None:
    """Write a TMX 1.4b memory that OmegaT, Trados and memoQ import."""
    from tmbuilder.pipeline.exports import export_tmx

    project = _project_with_langs(project_dir, srclang, tgtlang)
    report = export_tmx(project, output, status=status)
    _print_export(report.path, report.units, report.warnings)
    project.close()


@export.command(name="memory")
@project_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output .tmx file (or .xlf for XLIFF 2.1, one language pair).",
)
@click.option(
    "--lang-pair",
    help="Only units serving this pair, e.g. vi-VN:en-US (region fallback: vi serves vi-VN).",
)
@click.option(
    "--origin",
    "origins",
    multiple=True,
    help="Only units imported from this file name (repeatable).",
)
@click.option("--dedupe", is_flag=True, help="Drop duplicate units.")
@click.option("--drop-empty", is_flag=True, help="Drop units with an empty target.")
@click.option("--drop-copies", is_flag=True, help="Drop units whose target copies the source.")
@click.option(
    "--drop-untranslated",
    is_flag=True,
    help="Drop untranslated, unconfirmed and rejected units.",
)
@click.option("--clean", is_flag=True, help="All of --dedupe and the --drop-* options.")
def export_memory_cmd(
    project_dir: Path,
    output: Path,
    lang_pair: str | None,
    origins: tuple[str, ...],
    dedupe: bool,
    drop_empty: bool,
    drop_copies: bool,
    drop_untranslated: bool,
    clean: bool,
) -> None:
    """Write the imported memory as TMX 1.4b: every unit with its own languages, inline codes,
    dates and props (also a TMX cleaner: import, then export with --clean)."""
    from tmbuilder.langtags import LangPair
    from tmbuilder.pipeline.memory_export import MemoryCleaning, export_memory

    try:
        pair = LangPair.parse(lang_pair) if lang_pair else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--lang-pair") from None
    cleaning = MemoryCleaning(
        dedupe or clean, drop_empty or clean, drop_copies or clean, drop_untranslated or clean
    )
    project = Project.existing(project_dir)
    report = export_memory(project, output, pair=pair, origins=origins, cleaning=cleaning)
    if report.dropped:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(report.dropped.items()))
        click.echo(f"left out: {reasons}")
    _print_export(report.path, report.units, report.warnings)
    project.close()


@export.command(name="po")
@project_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output .po (or .mo) file.",
)
@every_status_option
def export_po_cmd(project_dir: Path, output: Path, status: str) -> None:
    """Write a PO file (msgctxt carries document and position; comments carry status)."""
    from tmbuilder.pipeline.exports import export_po

    project = Project.existing(project_dir)  # never a new store where there is no project
    report = export_po(project, output, status=status)
    _print_export(report.path, report.units, report.warnings)
    project.close()


@export.command(name="xliff")
@project_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder: one .xlf per document.",
)
@every_status_option
def export_xliff_cmd(project_dir: Path, output: Path, status: str) -> None:
    """Write XLIFF 1.2, one file per document, to finish in a CAT tool and import back."""
    from tmbuilder.pipeline.exports import export_xliff

    project = Project.existing(project_dir)
    for report in export_xliff(project, output, status=status):
        _print_export(report.path, report.units, report.warnings)
    project.close()


def _project_with_langs(project_dir: Path, srclang: str | None, tgtlang: str | None) -> Project:
    from dataclasses import replace

    project = Project.existing(project_dir)  # never a new store where there is no project
    if srclang or tgtlang:
        languages = replace(
            project.config.languages,
            source=srclang or project.config.source_lang,
            target=tgtlang or project.config.target_lang,
        )
        project.config = replace(project.config, languages=languages)
    return project


def _print_export(path: Path, units: int, warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        click.echo(f"tmbuilder: warning: {path}: {warning}", err=True)
    click.echo(f"wrote {path} ({units} units)")
