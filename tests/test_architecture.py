"""House rules that keep the code's shape: the core never imports Textual; the CLI is documented."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

import tmbuilder
from tmbuilder.cli import main

REPO = Path(__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(tmbuilder.__path__, "tmbuilder."):
        if info.name.startswith("tmbuilder.tui"):
            continue
        names.append(info.name)
    return names


def test_importing_the_whole_core_leaves_textual_out() -> None:
    modules = _core_modules()
    assert "tmbuilder.store.sqlite" in modules and "tmbuilder.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        out.append((full, command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, full + " "))
    return out


@pytest.mark.parametrize("name,command", _commands(main))
def test_every_command_has_help_and_is_in_the_readme(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, f"{name} needs --help text"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"tmbuilder {re.escape(name)}\b", readme), f"`tmbuilder {name}` not in README"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tmbuilder", "--version"], capture_output=True, text=True, check=True
    )
    assert tmbuilder.__version__ in result.stdout
