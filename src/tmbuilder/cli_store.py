"""CLI commands for where a project is stored: `store push` and `store pull`."""

from __future__ import annotations

from pathlib import Path

import click

from tmbuilder.cli_options import project_option
from tmbuilder.project import Project


@click.group()
def store() -> None:
    """Move a project between its local SQLite file and a team's PostgreSQL database."""


def _report(table: str, rows: int) -> None:
    click.echo(f"{table}: {rows} rows")


@store.command()
@click.argument("url")
@project_option
def push(url: str, project_dir: Path) -> None:
    """Copy the local project store into the empty PostgreSQL database at URL, all or nothing.

    The password comes from PGPASSWORD or ~/.pgpass. Afterwards, point the project at the
    server with [store] url in tmbuilder.toml or TMBUILDER_STORE_URL.
    """
    from tmbuilder.store.postgres.transfer import push as push_store

    project = Project.existing(project_dir)
    push_store(project.store_path, url, _report)
    click.echo(f"pushed {project.store_path} to the server")


@store.command()
@click.argument("url")
@project_option
def pull(url: str, project_dir: Path) -> None:
    """Copy the PostgreSQL database at URL into a new local project store, all or nothing."""
    from tmbuilder.store.postgres.transfer import pull as pull_store

    project = Project(project_dir)
    pull_store(url, project.store_path, _report)
    ignore = project.state_dir / ".gitignore"  # as Project.store makes it: state, not sources
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    click.echo(f"pulled the server's project into {project.store_path}")
