"""Snapshots of the main and glossary screens at 80x24 and 120x40 (pytest-textual-snapshot).

Regenerate after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tmbuilder.project import Project
from tmbuilder.tui.app import ReviewApp
from tui_fixtures import make_project

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = make_project(tmp_path / "proj")
    yield p
    p.close()


async def _settle(pilot: Pilot[None]) -> None:
    # Word counts arrive from a worker, and the cursor blinks: wait for one, stop the other,
    # so the picture is the same on every run.
    await pilot.app.workers.wait_for_complete()
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(
    project: Project, snap_compare: Callable[..., Any], size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot)  # the segments load in a worker
        await pilot.press("ctrl+down")  # segment 2: TM and MT suggestions, an approved term
        await _settle(pilot)

    assert snap_compare(
        ReviewApp(project, author="tester"), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_glossary_screen(
    project: Project, snap_compare: Callable[..., Any], size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        await pilot.press("alt+g")
        await _settle(pilot)  # the contexts are found in a worker

    assert snap_compare(
        ReviewApp(project, author="tester"), terminal_size=size, run_before=run_before
    )
