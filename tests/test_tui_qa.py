"""QA at confirm, the live QA panel, and counts that agree with `tmbuilder qa`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot

from tmbuilder.cli import main
from tmbuilder.model import Match, Status
from tmbuilder.project import Project
from tmbuilder.review.session import suggestion_origin
from tmbuilder.tui.app import ReviewApp
from tmbuilder.tui.screens.review import ReviewScreen
from tmbuilder.tui.widgets.side_panel import SidePanel
from tui_fixtures import make_project

Flow = Callable[[ReviewApp, Pilot[None], ReviewScreen], Awaitable[None]]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = make_project(tmp_path / "proj")
    yield p
    p.close()


def drive(project: Project, flow: Flow) -> list[str]:
    """Run the app headless on segment 5 (new, no target); returns the notifications."""
    notes: list[str] = []

    async def run() -> None:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.review_screen
            assert screen is not None
            screen.go(4)
            await pilot.pause()
            original = app.notify

            def spy(message: str, **kwargs: object) -> None:
                notes.append(f"{kwargs.get('title', '')}: {message}")
                original(message, **kwargs)  # type: ignore[arg-type]

            app.notify = spy  # type: ignore[method-assign]
            await flow(app, pilot, screen)
            app.shutdown()

    asyncio.run(run())
    return notes


def set_target(screen: ReviewScreen, text: str) -> None:
    screen.target.load_text(text)


def row(project: Project, n: int) -> tuple[Status, str]:
    seg = project.store.segments()[n]
    return seg.status, seg.target


# segment 5: "Hai nước sẽ phối hợp chặt chẽ tại các diễn đàn quốc tế." (no number in it)
WRONG_NUMBER = "The two countries will coordinate closely at 3 international forums."
GOOD = "The two countries will coordinate closely at international forums."


def test_an_error_stops_the_confirm_and_ctrl_o_overrides_it(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None], screen: ReviewScreen) -> None:
        set_target(screen, WRONG_NUMBER)
        await pilot.press("ctrl+s")
        assert row(project, 4) == (Status.NEW, "")  # not confirmed, nothing written
        assert app.session is not None and app.session.pos == 4  # still here
        panel = screen.query_one(SidePanel).plain_text()
        assert "✗ error" in panel and "number" in panel
        await pilot.press("ctrl+o")
        assert row(project, 4) == (Status.REVIEWED, WRONG_NUMBER)

    notes = drive(project, flow)
    assert any("not confirmed" in n and "ctrl+o" in n for n in notes)
    seg = project.store.segments()[4]
    last = project.store.history(seg.id)[-1]
    assert last.new_status == "reviewed" and "despite QA error(s): number" in last.detail


def test_warnings_show_without_stopping(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None], screen: ReviewScreen) -> None:
        set_target(screen, GOOD.rstrip("."))  # end punctuation differs: a warning
        await pilot.press("ctrl+s")
        assert row(project, 4) == (Status.REVIEWED, GOOD.rstrip("."))

    notes = drive(project, flow)
    assert any("QA warning" in n and "end-punctuation" in n for n in notes)


def test_panel_follows_typing_and_says_untranslated_only_when_empty(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None], screen: ReviewScreen) -> None:
        def panel() -> str:
            return screen.query_one(SidePanel).plain_text()

        assert "untranslated" in panel()
        screen.target.focus()
        await pilot.press("T")  # a real key: the debounced recheck follows typing
        await pilot.pause(0.5)
        assert "untranslated" not in panel()
        set_target(screen, WRONG_NUMBER)
        await pilot.pause(0.5)
        assert "number" in panel()

    drive(project, flow)


def test_project_qa_counts_agree_with_the_cli(project: Project) -> None:
    root = project.root
    out = CliRunner().invoke(main, ["qa", "-p", str(root), "--format", "json"])
    records = json.loads(out.stdout)
    findings = records["findings"] if isinstance(records, dict) else records
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = len(findings) - errors

    async def flow(app: ReviewApp, pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("f9")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # F9 lists what it found: the list is narrowed to the segments with findings
        session = app.session
        assert session is not None and session.filter.qa_only
        flagged = {f["segment_id"] for f in findings}
        assert {session.rows[r].id for r in session.view} == flagged

    notes = drive(project, flow)
    assert any(f"{errors} error(s), {warnings} warning(s)" in n for n in notes), notes


def test_inserted_match_origin_is_the_score_shown() -> None:
    match = Match(97.6, "nguồn", "target", "project")
    assert f"{match.score:.0f}%" == "98%"
    assert suggestion_origin(match) == "tm:98"
