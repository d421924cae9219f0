"""`tmbuilder align`: pair a Vietnamese document and its English translation, by sentence."""

from __future__ import annotations

from pathlib import Path

import click

from tmbuilder.cli_options import project_option
from tmbuilder.cli_output import ProgressPrinter


@click.command()
@click.argument("vi_path", metavar="VI_FILE", type=click.Path(path_type=Path))
@click.argument("en_path", metavar="EN_FILE", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the pairs as TMX 1.4b here (default: tmx/align-<VI_FILE>.tmx in a project).",
)
@click.option(
    "--segmented", is_flag=True, help="Both files hold one segment per line (as hunalign takes)."
)
@click.option(
    "--no-store", is_flag=True, help="Inside a project, do not keep the pairs as its memory."
)
@project_option
def align(
    vi_path: Path,
    en_path: Path,
    output: Path | None,
    segmented: bool,
    no_store: bool,
    project_dir: Path,
) -> None:
    """Align VI_FILE with its English translation EN_FILE into translation units.

    Both are read with the project's readers (txt, md, html, docx) and split into sentences
    (Vietnamese with the project's rules, English with English ones), then paired by length,
    a Vietnamese–English lexicon, numbers, names and punctuation. Two folders pair their
    files by name. Inside a project the pairs are also stored as a memory of their own
    (origin align:<file>) that draft and QA use; sentences with no counterpart are reported.
    """
    from tmbuilder.pipeline.align import align_files, write_alignment
    from tmbuilder.project import Project

    project = Project(project_dir)
    in_project = project.exists()
    if output is None and not in_project:
        raise click.UsageError("outside a project, give -o OUT.tmx")
    if output is None:
        output = project.tmx_dir / f"align-{vi_path.stem}.tmx"
    progress = ProgressPrinter()
    try:
        report = align_files(project, vi_path, en_path, segmented=segmented, sink=progress)
    finally:
        progress.close()
    write_alignment(project, report, output, store=in_project and not no_store)
    sentences = sum(len(d.vi) for d in report.documents), sum(len(d.en) for d in report.documents)
    click.echo(
        f"{report.pairs} pairs from {sentences[0]} Vietnamese and {sentences[1]} English "
        f"sentences in {len(report.documents)} document(s) → {output}"
    )
    if in_project and not no_store:
        click.echo(f"{report.stored} pairs added to the project's memory")
    project.close()
