"""`tmbuilder concordance`: every segment of the project and the memory containing a phrase."""

from __future__ import annotations

import json
import sys
from itertools import chain
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from tmbuilder.cli_options import project_option
from tmbuilder.project import Project


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize("bold reverse", start, end)
    return out


@click.command()
@click.argument("phrase")
@project_option
@click.option(
    "--in",
    "side",
    type=click.Choice(["both", "source", "target"]),
    default="both",
    show_default=True,
    help="Where to look for the phrase.",
)
@click.option(
    "--ignore-diacritics",
    "-d",
    "fold",
    is_flag=True,
    help="Match without diacritics: 'hop tac' finds 'hợp tác', 'dong' finds 'đồng'.",
)
@click.option(
    "--scope",
    type=click.Choice(["all", "project", "memory"]),
    default="all",
    show_default=True,
    help="Search the project's segments, the imported memory, or both.",
)
@click.option(
    "--limit", "-n", default=50, show_default=True, type=click.IntRange(1), help="Most hits shown."
)
@click.option("--json", "as_json", is_flag=True, help="Hits as JSON lines (spans included).")
def concordance(
    phrase: str, project_dir: Path, side: str, fold: bool, scope: str, limit: int, as_json: bool
) -> None:
    """Find PHRASE in the sources and targets of the project and its memory (concordance).

    Whole words or syllables, case-insensitive, any tone-mark placement (hoà = hòa); hits
    are highlighted. For whole-segment fuzzy matches with scores, use `tmbuilder search`.
    """
    from tmbuilder.review.concordance import search_rows
    from tmbuilder.store.concordance_rows import memory_rows, project_rows

    if not phrase.split():
        raise click.BadParameter("give a phrase to look for", param_hint="PHRASE")
    project = Project.existing(project_dir)
    try:
        store = project.store
        sources = []
        if scope in ("all", "project"):
            sources.append(project_rows(store))
        if scope in ("all", "memory"):
            sources.append(memory_rows(store))
        hits = search_rows(chain(*sources), phrase, side=side, fold=fold, limit=limit)
    finally:
        project.close()
    if as_json:
        for hit in hits:
            row = hit.row
            record = {
                "where": row.where,
                "ref": row.ref,
                "status": row.status,
                "source": row.source,
                "target": row.target,
                "source_spans": hit.source_spans,
                "target_spans": hit.target_spans,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    console = Console(file=sys.stdout, highlight=False)
    if not hits:
        console.print(f"“{phrase}” not found")
        return
    for hit in hits:
        row = hit.row
        label = f"{row.ref}" + (f" · {row.status}" if row.status else "")
        console.print(Text(label, style="dim"))
        console.print(Text("  vi  ").append_text(_marked(row.source, hit.source_spans)))
        console.print(Text("  en  ").append_text(_marked(row.target or "—", hit.target_spans)))
    more = " (limit reached: --limit for more)" if len(hits) >= limit else ""
    console.print(f"{len(hits)} hit(s){more}")
