"""CLI commands for quality: qa and review."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tmbuilder.cli_options import project_option
from tmbuilder.errors import TmBuilderError
from tmbuilder.project import Project


@click.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table",
              show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to a file instead of stdout.")
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
    project = Project(project_dir)
    if not project.exists():
        raise TmBuilderError(f"{project.root}: no tmbuilder project here; run `tmbuilder build` first")
    report = run_qa(project, disabled=disable)
    if fmt == "table":
        console = Console(file=sys.stdout, width=None if output is None else 160)
        console.print(render_table(report.findings, report.units))
    else:
        text = (to_json(report.findings, report.units) if fmt == "json"
                else to_html(report.findings, report.units, title=f"QA — {project.root.name}"))
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
def review(project_dir: Path) -> None:
    """Review and fix the drafts in a terminal UI (keys: press ? inside)."""
    from tmbuilder.tui.app import run_review

    project = Project(project_dir)
    if not project.exists():
        raise TmBuilderError(f"{project.root}: no tmbuilder project here; run `tmbuilder build` first")
    project.close()
    run_review(project_dir)
