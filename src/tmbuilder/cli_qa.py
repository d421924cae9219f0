"""CLI commands for quality: qa and review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from tmbuilder.cli_options import project_option
from tmbuilder.project import Project


@click.command()
@project_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "html"]),
    default="table",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to a file instead of stdout.",
)
@click.option("--disable", multiple=True, help="Switch a check off (repeatable).")
def qa(project_dir: Path, fmt: str, output: Path | None, disable: tuple[str, ...]) -> None:
    """Run the quality checks; exit 1 when errors (not warnings) remain.

    Numbers in both languages' formats, URLs, e-mails, acronyms, glossary terms, consistency,
    punctuation, spacing, capitalization and length. Switch checks off with [qa] disabled.
    """
    from tmbuilder.formats.atomic import atomic_text
    from tmbuilder.pipeline.qa import run_qa
    from tmbuilder.qa.checks import has_errors
    from tmbuilder.qa.registry import validate_disabled
    from tmbuilder.qa.report import write_html, write_json, write_table

    validate_disabled(disable, path="--disable")
    project = Project.existing(project_dir)
    report = run_qa(project, disabled=disable)

    def write(out: TextIO, *, color: bool = False) -> None:
        # streamed: a report of 100,000 segments is never held whole in memory
        if fmt == "table":
            write_table(report.findings, report.units, out, color=color)
        elif fmt == "json":
            write_json(report.findings, report.units, out)
        else:
            write_html(report.findings, report.units, out, title=f"QA — {project.root.name}")

    if output:
        with atomic_text(output, newline="\n") as out:
            write(out)
        click.echo(f"wrote {output}")
    else:
        write(sys.stdout, color=fmt == "table" and sys.stdout.isatty())
        sys.stdout.flush()
    errors = sum(1 for f in report.findings if str(f.severity) == "error")
    click.echo(f"{len(report.findings)} findings, {errors} errors", err=True)
    project.close()
    if has_errors(report.findings):
        sys.exit(1)


@click.command()
@project_option
@click.option(
    "--keys", "show_keys", is_flag=True, help="List review keys and their ids, then exit."
)
def review(project_dir: Path, show_keys: bool) -> None:
    """Review translations in a full-screen, keyboard-first editor (the mouse works too).

    Confirm with ctrl+s (ctrl+enter too where the terminal sends it); press ? or F1 inside
    for every key. Keys are remapped under
    [keys] in tmbuilder.toml by their ids (see --keys).
    """
    project = Project(project_dir)
    if show_keys:
        from tmbuilder.tui.bindings import checked_keymap, keys_table

        where = str(project.config.path or project.root / "tmbuilder.toml")
        click.echo(keys_table(checked_keymap(project.config.keys, where)))
        return
    from tmbuilder.tui.app import run_review

    Project.existing(project_dir).close()  # a clear one-line error before the screen opens
    run_review(project_dir)
