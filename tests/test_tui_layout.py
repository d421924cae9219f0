"""The whole segment in view: every seed segment readable at 80×24; list boundaries shown."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tmbuilder.project import Project
from tmbuilder.tui.app import ReviewApp
from tmbuilder.tui.widgets.source_view import SourceBox, SourceView
from tui_fixtures import build_seeds_project


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeds_project(tmp_path_factory.mktemp("seeds-layout"))


def _lines(view: SourceView) -> list[str]:
    """The source as the pane draws it: every wrapped line of the sentence."""
    width = view.content_region.width
    return [line.plain for line in view.render().wrap(view.app.console, width)]


def test_no_seed_segment_is_cut_off_at_80x24(seeds: Path) -> None:
    """For each segment: the source pane draws every line of it; what does not fit is
    reachable by scrolling, and then the border says so (a scroll cue) — never silently cut."""
    project = Project(seeds)
    cut: list[int] = []
    scrolled: list[int] = []

    async def main() -> None:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            session = app.session
            assert session is not None and len(session.rows) == 63
            screen = app.review_screen
            assert screen is not None
            for pos in range(len(session.view)):
                screen.go(pos)
                await pilot.pause()
                await pilot.pause()
                box = screen.query_one(SourceBox)
                view = screen.query_one(SourceView)
                seg = session.current
                assert seg is not None
                words = " ".join(_lines(view)).split()
                if words != seg.source.split():
                    cut.append(pos + 1)  # the widget itself drops text
                    continue
                fits = view.region.bottom <= box.content_region.bottom
                if not fits:
                    scrolled.append(pos + 1)
                    if "more line" not in str(box.border_subtitle):
                        cut.append(pos + 1)  # hidden without a cue
                        continue
                    box.scroll_end(animate=False, immediate=True)
                    await pilot.pause()
                    if view.region.bottom > box.content_region.bottom:
                        cut.append(pos + 1)  # not reachable by scrolling
            app.shutdown()

    try:
        asyncio.run(main())
    finally:
        project.close()
    assert cut == []
    # the cue is not decoration: some seed sentences are longer than the pane at 80×24
    assert scrolled


def test_list_shows_documents_and_paragraphs(seeds: Path) -> None:
    project = Project(seeds)

    async def main() -> str:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.review_screen
            assert screen is not None
            screen.go(0)  # another test may have left the saved position elsewhere
            await pilot.pause()
            lines = [
                "".join(seg.text for seg in screen.segment_list.render_line(y))
                for y in range(screen.segment_list.size.height)
            ]
            app.shutdown()
            return "\n".join(lines)

    try:
        text = asyncio.run(main())
    finally:
        project.close()
    first = text.splitlines()[0]
    assert "▸" in first and "vietnam-laos" in first  # the first document's name
    assert text.count("¶") >= 3  # paragraph starts
