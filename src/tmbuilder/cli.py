"""The command line: a thin click layer over tmbuilder.pipeline.

Each command parses its options, calls the library and prints the result. Library errors
become one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from tmbuilder import __version__
from tmbuilder.cli_align import align, alignments
from tmbuilder.cli_concordance import concordance
from tmbuilder.cli_glossary import glossary
from tmbuilder.cli_memory import draft, engines, export, import_, search
from tmbuilder.cli_options import engine_options, project_option
from tmbuilder.cli_output import ProgressPrinter, print_stats
from tmbuilder.cli_qa import qa, review
from tmbuilder.cli_store import store
from tmbuilder.errors import TmBuilderError
from tmbuilder.project import Project
from tmbuilder.store import health


class TmbuilderGroup(click.Group):
    """Turns tmbuilder's own errors (and file-system errors) into one line and exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        health.set_wait_notice(lambda message: click.echo(f"tmbuilder: {message}", err=True))
        try:
            return super().invoke(ctx)
        except TmBuilderError as exc:
            click.echo(f"tmbuilder: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except sqlite3.Error as exc:  # full disk, read-only, damaged, locked: the store says which
            click.echo(f"tmbuilder: error: {health.describe(exc)}", err=True)
            ctx.exit(1)
        except UnicodeDecodeError as exc:
            store_error = health.from_undecodable(exc)
            if store_error is None:
                raise
            click.echo(f"tmbuilder: error: {store_error}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # `tmbuilder qa | head`: the reader has gone. Nothing left to say; keep Python from
            # complaining again when it flushes stdout at exit.
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)
        except OSError as exc:
            where = exc.filename or ""
            problem = exc.strerror or str(exc) or type(exc).__name__
            click.echo(f"tmbuilder: error: {where}{': ' if where else ''}{problem}", err=True)
            ctx.exit(1)
        except MemoryError:
            click.echo("tmbuilder: error: out of memory; finished work is saved", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("tmbuilder: interrupted; finished work is saved", err=True)
            ctx.exit(130)
        except Exception as exc:
            from tmbuilder.store.postgres.connect import server_error

            if (message := server_error(exc)) is None:
                raise
            click.echo(f"tmbuilder: error: {message}", err=True)
            ctx.exit(1)


@click.group(cls=TmbuilderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tmbuilder")
def main() -> None:
    """Build a Vietnamese to English translation memory and glossary.

    Start with `tmbuilder build seeds/`, then see `tmbuilder stats`.
    """


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@project_option
@engine_options
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary and warnings.")
def build(
    sources: tuple[Path, ...],
    project_dir: Path,
    engine: str | None,
    workers: int | None,
    api_key: str | None,
    url: str | None,
    region: str | None,
    timeout: float | None,
    quiet: bool,
) -> None:
    """Ingest SOURCES (files or folders), normalize, segment and store them; then draft,
    extract the glossary and export tmx/ and glossary/ (see [build] in tmbuilder.toml).

    Without SOURCES, re-reads the documents the project already has. Re-running on
    unchanged files changes nothing; on an edited file, unchanged sentences keep their
    translations, new ones are added and removed ones are archived. `--engine none` skips
    machine translation; offline, the build completes and says what is left undrafted.
    """
    from tmbuilder.cli_memory import draft_summary
    from tmbuilder.pipeline import EngineOptions
    from tmbuilder.pipeline import build as run_build

    project = Project(project_dir)
    printer = ProgressPrinter(quiet=quiet)
    options = EngineOptions(engine, api_key, url, region, None, workers, timeout)
    try:
        report = run_build(project, list(sources), engine=options, sink=printer)
    finally:
        printer.close()
    for doc in report.sources.documents:
        if doc.unchanged:
            state = "unchanged"
        elif doc.created:
            state = f"new, {doc.added} segments"
        else:
            state = f"updated: {doc.added} added, {doc.kept} kept, {doc.archived} archived" + (
                f", {doc.restored} restored" if doc.restored else ""
            )
        click.echo(f"{doc.path}: {state}")
    if report.restored_units or report.restored_terms:
        click.echo(
            f"restored from exports: {report.restored_units} segment translations, "
            f"{report.restored_terms} glossary terms"
        )
    for conflict in report.conflicts:  # both sides changed: the store kept its edit
        click.echo(conflict.line())
    if report.draft is not None:
        click.echo(f"draft: {draft_summary(report.draft)}")
    if report.glossary is not None:
        g = report.glossary
        click.echo(
            f"glossary: {getattr(g, 'candidates', 0)} terms, "
            f"{getattr(g, 'with_english', 0)} with English"
        )
    for path in report.exports:
        click.echo(f"wrote {path}")
    stats = project.store.stats()
    click.echo(
        f"project {project.root}: {stats.documents} documents, {stats.segments} segments, "
        f"{stats.words} words, {stats.statuses.get('reviewed', 0)} reviewed"
    )
    project.close()


@main.command()
@click.argument("file", required=False, type=click.Path(allow_dash=True, path_type=Path))
@project_option
@click.option(
    "--export-srx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the segmentation rules as SRX 2.0 for OmegaT: Vietnamese (built-in plus the "
    "project's) for vi.*, English for en.*.",
)
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Language of the text: the Vietnamese rules (with the project's) or the English ones.",
)
def segment(file: Path | None, project_dir: Path, export_srx: Path | None, lang: str) -> None:
    """Print the sentences of FILE, one per line, a blank line between paragraphs.

    FILE may be any supported document, or `-` to read paragraphs from stdin, one per line.
    The project's extra segmentation rules (tmbuilder.toml) apply to Vietnamese.
    """
    from tmbuilder import inline
    from tmbuilder.ingest import read_source
    from tmbuilder.text.segment import LANGUAGES, Segmenter, rules_for_language

    project = Project(project_dir)
    if export_srx is not None:
        from tmbuilder.formats.srx import write_srx

        name, pattern = LANGUAGES["en"]
        write_srx(project.rules, export_srx, others=[(name, pattern, rules_for_language("en"))])
        click.echo(f"wrote {export_srx}", err=True)
        if file is None:
            return
    if file is None:
        raise click.UsageError("give a FILE, `-` for stdin, or --export-srx")
    codes: list[dict[tuple[inline.CodeKind, int], inline.InlineCode]] = []
    if str(file) == "-":
        # Decode strictly ourselves: stdin's own encoding follows the locale, and click's
        # get_text_stream is deprecated since click 8.2.
        buffer = getattr(sys.stdin, "buffer", None)
        stdin = (
            io.TextIOWrapper(buffer, encoding="utf-8", errors="strict", newline=None)
            if buffer is not None
            else sys.stdin
        )
        try:
            paragraphs = [line.strip() for line in stdin]
        except UnicodeDecodeError:
            raise TmBuilderError("<stdin>: not UTF-8 text") from None
    else:
        document = read_source(file)
        paragraphs = list(document.paragraphs)
        codes = [inline.by_key(document.paragraph_codes(i)) for i in range(len(paragraphs))]
    segmenter = project.segmenter if lang == "vi" else Segmenter.for_language(lang)
    out = sys.stdout
    first = True
    for index, paragraph in enumerate(paragraphs):
        if not paragraph:
            continue
        if not first:
            out.write("\n")
        first = False
        for sentence in segmenter.split(paragraph):
            # inline codes are shown as the document wrote them (`<nav>`), not as the
            # private-use characters that stand for them in the store
            out.write(inline.render(sentence, codes[index] if codes else None) + "\n")
    out.flush()


@main.command()
@project_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--analysis",
    is_flag=True,
    help="Words and segments per match band against the project's memory "
    "(repetitions, 101%, 100%, 95-99, 85-94, 75-84, 50-74, no match).",
)
def stats(project_dir: Path, as_json: bool, analysis: bool) -> None:
    """Documents, paragraphs, segments, words and statuses of the project."""
    project = Project.existing(project_dir)
    if analysis:
        from tmbuilder.cli_output import print_analysis
        from tmbuilder.pipeline.analysis import analyse

        print_analysis(analyse(project), as_json=as_json)
    else:
        print_stats(project.store.stats(), as_json=as_json)
    project.close()


for _command in (
    *(draft, engines, search, concordance, import_, export, glossary, qa, review),
    *(align, alignments, store),
):
    main.add_command(_command)
