"""`tmbuilder align`: pair a Vietnamese document and its English translation, by sentence."""

from __future__ import annotations

from pathlib import Path

import click

from tmbuilder.cli_options import engine_options, project_option
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
@click.option(
    "--replace",
    "replace_reviewed",
    is_flag=True,
    help="Align a file again even if its earlier alignment has reviewed pairs.",
)
@engine_options
@project_option
def align(
    vi_path: Path,
    en_path: Path,
    output: Path | None,
    segmented: bool,
    no_store: bool,
    replace_reviewed: bool,
    project_dir: Path,
    engine: str | None,
    workers: int | None,
    api_key: str | None,
    url: str | None,
    region: str | None,
    timeout: float | None,
) -> None:
    """Align VI_FILE with its English translation EN_FILE into translation units.

    Both are read with the project's readers (txt, md, html, docx) and split into sentences
    (Vietnamese with the project's rules, English with English ones), then paired by length,
    a Vietnamese–English lexicon, numbers, names and punctuation. Two folders pair their
    files by name. Inside a project the pairs are also stored as a memory of their own
    (origin align:<file>) that draft and QA use; sentences with no counterpart are reported.
    With --engine, each Vietnamese sentence's machine translation is one more score
    (offline, the alignment goes on without it and says so).
    """
    from tmbuilder.pipeline.align import align_files, write_alignment
    from tmbuilder.pipeline.drafts import EngineOptions
    from tmbuilder.project import Project
    from tmbuilder.review.claims import current_user as reviewer_name

    project = Project(project_dir)
    in_project = project.exists()
    if output is None and not in_project:
        raise click.UsageError("outside a project, give -o OUT.tmx")
    if output is None:
        output = project.tmx_dir / f"align-{vi_path.stem}.tmx"
    progress = ProgressPrinter()
    try:
        options = EngineOptions(engine or "none", api_key, url, region, None, workers, timeout)
        report = align_files(
            project, vi_path, en_path, segmented=segmented, engine=options, sink=progress
        )
    finally:
        progress.close()
    write_alignment(
        project,
        report,
        output,
        store=in_project and not no_store,
        author=reviewer_name(),
        replace_reviewed=replace_reviewed,
    )
    sentences = sum(len(d.vi) for d in report.documents), sum(len(d.en) for d in report.documents)
    click.echo(
        f"{report.pairs} pairs from {sentences[0]} Vietnamese and {sentences[1]} English "
        f"sentences in {len(report.documents)} document(s) → {output}"
    )
    if in_project and not no_store:
        click.echo(f"{report.stored} pairs added to the project's memory")
    project.close()


@click.command()
@click.argument("name", required=False)
@click.option("--review", is_flag=True, help="Open NAME's pairs in the review screen.")
@project_option
def alignments(name: str | None, review: bool, project_dir: Path) -> None:
    """List the project's alignments (pairs, reviewed, wrong, low confidence), or review one.

    `tmbuilder alignments NAME --review` shows NAME's pairs side by side, lowest confidence
    first: c/enter confirm, w wrong, m merge with the next pair, s split, [ ] move the English
    border below a pair up/down, { } the Vietnamese one, q quit. Every change is stored at once
    with its history; confirmed pairs become reviewed memory.
    """
    from tmbuilder.project import Project
    from tmbuilder.review.claims import current_user as reviewer_name

    project = Project.existing(project_dir)
    try:
        if review:
            if not name:
                raise click.UsageError("--review needs the alignment's NAME")
            project.store.alignment(name)  # a missing name is one line, before the screen
            from tmbuilder.tui.alignment_app import run_alignment_review

            run_alignment_review(project, name, reviewer_name())
            return
        names = [name] if name else project.store.alignment_names()
        if not names:
            click.echo("no alignments yet: see `tmbuilder align --help`")
        for each in names:
            record = project.store.alignment(each)
            paired = [p for p in record.pairs if p.paired]
            reviewed = sum(1 for p in paired if p.status == "reviewed")
            wrong = sum(1 for p in paired if p.status == "wrong")
            low = sum(1 for p in paired if p.confidence < LOW_CONFIDENCE)
            click.echo(
                f"{each}: {len(paired)} pairs, {reviewed} reviewed, {wrong} wrong, "
                f"{low} below {LOW_CONFIDENCE:.1f} confidence"
            )
    finally:
        project.close()


LOW_CONFIDENCE = 0.5
