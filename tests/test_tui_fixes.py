"""The review UI's smaller faults from issue 13, each pinned by a test."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from rich.color import Color
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable

from tmbuilder.model import Status, Term, TermStatus
from tmbuilder.project import Project
from tmbuilder.review.autosave import Autosaver, autosave_key
from tmbuilder.review.view import ReviewProgress
from tmbuilder.store.review_tables import ClaimRow
from tmbuilder.tui.app import ReviewApp
from tmbuilder.tui.screens.dialogs import FilterDialog, GotoDialog
from tmbuilder.tui.screens.glossary import GlossaryScreen
from tmbuilder.tui.widgets.status import progress_text
from tui_fixtures import make_project

Flow = Callable[[ReviewApp, Pilot[None]], Awaitable[None]]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = make_project(tmp_path / "proj")
    yield p
    p.close()


def drive(project: Project, flow: Flow, size: tuple[int, int] = (100, 30)) -> ReviewApp:
    async def main() -> ReviewApp:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await flow(app, pilot)
            app.shutdown()
        return app

    return asyncio.run(main())


def test_taken_segment_refuses_typing_at_once_and_says_so(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = app.review_screen
        assert screen is not None
        await pilot.press("ctrl+down", "end")
        seg = app.session.current if app.session else None
        assert seg is not None
        # our claim lapsed (a long stall) and bob took the segment
        with project.store.transaction():
            project.store.claims.put(
                ClaimRow(seg.id, "bob-token", "bob", "far", 1, "now", time.time()),
                replacing=app.claims.token,
            )
        await pilot.press("x")  # one key, no save attempted
        await pilot.pause()
        assert screen.target.read_only
        assert any("Segment taken" in (n.title or "") for n in app._notifications)
        await pilot.press("y")
        assert screen.target.text.endswith("x")  # the second key went nowhere
        assert app.is_running  # still open, not quit

    drive(project, flow)


def test_goto_leaves_focus_in_the_target(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        app.screen.query_one("#source").focus()
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, GotoDialog)
        await pilot.press("5", "enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "target"

    drive(project, flow)


def test_restored_typing_puts_the_cursor_at_its_end(project: Project) -> None:
    seg = project.store.segments()[3]
    saver = Autosaver(project.store, autosave_key("tester"))
    saver.note(seg.id, seg.target + " more words", seg.target)
    assert saver.flush()

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = app.review_screen
        assert screen is not None
        target = screen.target
        assert target.text.endswith("more words")
        assert target.cursor_location == target.document.end
        assert app.focused is target

    drive(project, flow)


def test_status_bar_keeps_every_count_at_80_columns() -> None:
    progress = ReviewProgress(
        total=12345,
        reviewed=6789,
        statuses={
            Status.NEW: 1000,
            Status.DRAFT: 2000,
            Status.TRANSLATED: 1556,
            Status.REVIEWED: 6789,
            Status.REJECTED: 1000,
        },
        words=234567,
        reviewed_words=123456,
    )
    for filter_text in ("", "status draft, text “hợp tác toàn diện” in source"):
        line = progress_text(
            progress, shown=50, filter_text=filter_text, read_only=True, width=80
        ).plain
        assert len(line) <= 80
        assert "✗1,000" in line or "rejected:1,000" in line, line
    wide = progress_text(progress, shown=5, filter_text="", read_only=False, width=160).plain
    assert "rejected:1,000" in wide and "words" in wide


def test_filter_dialog_shows_every_status_at_80_columns(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, FilterDialog)
        await pilot.pause()
        for status in Status:
            box = app.screen.query_one(f"#filter-status-{status.value}", Checkbox)
            label_region = box.content_region
            assert label_region.right <= 80 and label_region.width >= len(status.value) + 4
        unticked = app.screen.query_one("#filter-status-new", Checkbox)
        style = unticked.get_component_rich_style("toggle--button")
        assert style.color is not None and style.bgcolor is not None
        assert _contrast(style.color, style.bgcolor) >= 1.5  # the "X" visible on its box

    drive(project, flow, size=(80, 24))


def _contrast(a: Color, b: Color) -> float:
    def luminance(color: Color) -> float:
        r, g, b_ = (c / 255 for c in color.get_truecolor())
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b_)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_glossary_columns_stay_on_screen_at_80x24(project: Project) -> None:
    long = Term(
        "Ủy ban nhân dân Thành phố Hồ Chí Minh và các sở ban ngành liên quan " * 2,
        "People's Committee of Ho Chi Minh City and the relevant departments " * 2,
        TermStatus.PROPOSED,
    )
    saved = project.store.save_term(long)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("alt+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        await pilot.pause()
        table = screen.query_one(DataTable)
        right = sum(c.get_render_width(table) for c in table.columns.values())
        assert right <= table.size.width  # Status and Freq are on screen
        project.store.delete_term(saved.id)
        screen.load()
        await pilot.pause()
        right = sum(c.get_render_width(table) for c in table.columns.values())
        assert right <= table.size.width
        assert not screen.query_one("#concordance-box").display  # too narrow for contexts

    drive(project, flow, size=(80, 24))


def test_list_cuts_long_text_with_an_ellipsis_at_80_columns(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = app.review_screen
        assert screen is not None
        seglist = screen.segment_list
        line = "".join(s.text for s in seglist.render_line(0)).rstrip()
        assert len(line) <= seglist.scrollable_content_region.width
        assert line.endswith("…")  # segment 1's target is longer than its column

    drive(project, flow, size=(80, 24))


def test_footer_keys_fit_whole_at_80_columns(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        footer = app.screen.query_one("Footer")
        keys = list(footer.query("FooterKey"))
        assert keys
        for key in keys:
            assert key.region.right <= 80, key  # none cut at the edge
        actions = {key.action for key in keys}  # type: ignore[attr-defined]
        assert {"confirm", "move(1)", "insert_match(1)", "split", "merge"} <= actions

    drive(project, flow, size=(80, 24))
