"""Options shared by several commands, as decorators (sqlite-utils style)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def project_option(func: F) -> F:
    """--project DIR, shared by every command that works on a project."""

    @click.option(
        "--project",
        "-p",
        "project_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default=True,
        help="Project directory (holds tmbuilder.toml and .tmbuilder/).",
    )
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def every_status_option(func: F) -> F:
    """--status for the exports that can carry untranslated units too (PO, XLIFF)."""
    decorated: F = click.option(
        "--status",
        type=click.Choice(["reviewed", "translated", "all", "every"]),
        default="every",
        show_default=True,
        help="Which units (every: untranslated too).",
    )(func)
    return decorated


def engine_options(func: F) -> F:
    """The machine-translation engine and its settings (keys also from the environment)."""
    options = [
        click.option(
            "--engine", "-e", help="MT engine (see `tmbuilder engines`; 'none' skips MT)."
        ),
        click.option(
            "--workers",
            "-w",
            type=click.IntRange(1, 64),
            help="Concurrent MT requests (default 4).",
        ),
        click.option(
            "--api-key", help="API key; or TMBUILDER_<ENGINE>_API_KEY in the environment."
        ),
        click.option("--url", help="Server URL (LibreTranslate)."),
        click.option("--region", help="Azure region (Microsoft)."),
        click.option(
            "--timeout",
            type=click.FloatRange(0.1, 600),
            help="Seconds per MT request (default 20).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func
