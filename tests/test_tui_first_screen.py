"""The first screen comes after the first rows, the rest follow (issue 13: first screen <= 1.5 s
at 100,000 segments; bench/bench_tui.py measures it, these tests check it stays correct)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tmbuilder.model import Segment, Status
from tmbuilder.project import Project
from tmbuilder.review.filters import SegmentFilter
from tmbuilder.review.session import ReviewError, ReviewSession
from tmbuilder.tui import app as app_module
from tmbuilder.tui.app import POSITION_KEY, ReviewApp
from tui_fixtures import make_project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = make_project(tmp_path / "proj", extra_segments=12)  # 20 segments
    yield p
    p.close()


def test_the_two_batches_are_the_rows_of_segments(project: Project) -> None:
    whole = project.store.segments()
    for first in (0, 3, 19, 20, 50):
        head, rest = project.store.segment_batches(first)
        assert len(head) == min(first, len(whole)) and head + rest == whole


def test_extend_keeps_the_cursor_counts_and_filter(project: Project) -> None:
    rows = project.store.segments()
    session = ReviewSession(project.store, author="t", segments=rows[:5])
    session.complete = False
    session.move_to(3)
    session.apply_filter(SegmentFilter(statuses=frozenset({Status.NEW})))
    kept = session.current
    session.extend(rows[5:])
    assert session.complete and session.current == kept
    whole = ReviewSession(project.store, author="t")
    whole.apply_filter(SegmentFilter(statuses=frozenset({Status.NEW})))
    assert session.view == whole.view and session.rows == whole.rows
    assert session.progress() == whole.progress()
    assert session.row_of(rows[-1].id) == len(rows) - 1


def test_while_loading_nothing_wraps_round_and_whole_project_edits_wait(
    project: Project,
) -> None:
    rows = project.store.segments()
    session = ReviewSession(project.store, author="t", segments=rows[:4])
    session.complete = False
    session.move_to(3)  # the last loaded row: what follows is still to come
    assert session.next_unreviewed() is None  # not segment 2 (wrapping round the first 4)
    with pytest.raises(ReviewError, match="still loading"):
        session.go_to_number(10)
    with pytest.raises(ReviewError, match="still loading"):
        session.replace_preview("the", "a")
    with pytest.raises(ReviewError, match="still loading"):
        session.merge_next()
    session.extend(rows[4:])
    assert session.next_unreviewed() == 4  # the row after, unreviewed, now that it is here
    session.go_to_number(10)
    assert session.current_row == 9


def _first_screen(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, object], list[Segment]]:
    """Open the app with a first batch of 3 rows; note what the screen shows when the rest
    arrive (the first screen, shown before them) and the rows in the end."""
    monkeypatch.setattr(app_module, "FIRST_ROWS", 3)
    seen: dict[str, object] = {}
    more = ReviewApp._more_rows

    def spy(self: ReviewApp, rows: list[Segment]) -> None:
        screen = self.review_screen
        assert screen is not None
        seen["pending"] = screen.rows_pending
        seen["loaded"] = len(screen.session.rows)
        seen["current"] = screen.session.current
        seen["target"] = screen.target.text
        seen["progress"] = str(screen.query_one("#progress").render())
        more(self, rows)

    monkeypatch.setattr(ReviewApp, "_more_rows", spy)

    async def main() -> list[Segment]:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.review_screen
            assert screen is not None and screen.session.complete
            seen["final_current"] = screen.session.current
            seen["final_progress"] = str(screen.query_one("#progress").render())
            rows = list(screen.session.rows)
            app.shutdown()
        return rows

    return seen, asyncio.run(main())


def test_the_first_screen_is_up_and_usable_before_the_rest_arrive(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen, rows = _first_screen(project, monkeypatch)
    first = project.store.segments()[0]
    assert seen["pending"] is False and seen["loaded"] == 3
    assert seen["current"] == first and seen["target"] == first.target
    assert "the first 3 are here" in str(seen["progress"])
    assert rows == project.store.segments()
    assert "✓ 1/20" in str(seen["final_progress"])


def test_a_saved_position_beyond_the_first_rows_waits_for_them(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = project.store.segments()[15]
    project.store.set_meta(POSITION_KEY, str(deep.id))
    seen, _ = _first_screen(project, monkeypatch)
    assert seen["pending"] is True  # not shown on the wrong segment
    assert seen["final_current"] == deep


def test_postgres_store_gives_the_same_batches_and_notes_history(pg_url: str) -> None:
    from tmbuilder.model import SourceDocument
    from tmbuilder.store.base import NewSegment
    from tmbuilder.store.postgres.store import PostgresStore

    store = PostgresStore(pg_url)
    try:
        texts = [f"Câu số {i} của bài báo." for i in range(7)]
        doc = SourceDocument("a.txt", "txt", "utf-8", "h", tuple(texts))
        store.sync_document(
            doc, [NewSegment(i, 0, t, t.casefold()) for i, t in enumerate(texts)], "s"
        )
        head, rest = store.segment_batches(3)
        assert len(head) == 3 and head + rest == store.segments()
        store.note_history(head[0].id, "conflict", "carol", "kept the store's version")
        last = store.history(head[0].id)[-1]
        assert (last.action, last.author, last.detail) == (
            "conflict",
            "carol",
            "kept the store's version",
        )
    finally:
        store.close()
