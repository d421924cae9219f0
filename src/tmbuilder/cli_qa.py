"""CLI commands for quality: qa and review."""

from __future__ import annotations

import sys
from pathlib import Path

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
    from rich.console import Console

    from tmbuilder.formats.atomic import atomic_write_text
    from tmbuilder.pipeline.qa import run_qa
    from tmbuilder.qa.checks import has_errors
    from tmbuilder.qa.registry import validate_disabled
    from tmbuilder.qa.report import render_table, to_html, to_json

    validate_disabled(disable, path="--disable")
    project = Project.existing(project_dir)
    report = run_qa(project, disabled=disable)
    if fmt == "table":
        console = Console(file=sys.stdout, width=None if output is None else 160)
        console.print(render_table(report.findings, report.units))
    else:
        text = (
            to_json(report.findings, report.units)
            if fmt == "json"
            else to_html(report.findings, report.units, title=f"QA — {project.root.name}")
        )
        if output:
            atomic_write_text(output, text)
            click.echo(f"wrote {output}")
        else:
            click.echo(text)
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
