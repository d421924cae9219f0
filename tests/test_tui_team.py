"""Several reviewers on one project, on both backends: claims, live updates, conflicts.

The review app runs headless (Pilot) as one reviewer; a second reviewer works through a store
of its own on the same project (a second connection to the same SQLite file or PostgreSQL
database), as another terminal would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tmbuilder.model import Segment, Status
from tmbuilder.project import Project
from tmbuilder.review.claims import SegmentClaims
from tmbuilder.review.live import LiveFeed
from tmbuilder.review.session import ReviewSession
from tmbuilder.store.base import UnitChange
from tmbuilder.tui.app import ReviewApp
from tmbuilder.tui.screens.conflict import ConflictScreen
from tmbuilder.tui.screens.review import ReviewScreen
from tui_fixtures import make_project

Flow = Callable[[ReviewApp, Pilot[None]], Awaitable[None]]
POLLS = 3  # "within a few seconds": what the app must pick up in this many polls


@pytest.fixture(params=["sqlite", "postgresql"])
def root(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        monkeypatch.setenv("TMBUILDER_STORE_URL", url)
    make_project(tmp_path / "proj").close()
    return tmp_path / "proj"


@pytest.fixture
def other(root: Path) -> Iterator[Project]:
    """The second reviewer's own connection to the project."""
    project = Project(root)
    yield project
    project.close()


def drive(root: Path, flow: Flow) -> ReviewApp:
    async def main() -> ReviewApp:
        project = Project(root)
        app = ReviewApp(project, author="tester")
        try:
            async with app.run_test(size=(110, 32)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                await flow(app, pilot)
                app.shutdown()
        finally:
            project.close()
        return app

    return asyncio.run(main())


def screen_of(app: ReviewApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen), app.screen
    return app.screen


def alice_writes(other: Project, seg: Segment, target: str, status: Status) -> Segment:
    """Alice confirms a segment as her session does: on the version she read."""
    return other.store.update_unit(
        UnitChange(seg.id, target, status, "human", "alice", expected_version=seg.version)
    )


async def poll(app: ReviewApp, pilot: Pilot[None], times: int = 1) -> None:
    for _ in range(times):
        app.poll_others()
        await pilot.pause()


def test_two_reviewers_share_a_document_through_claims(root: Path, other: Project) -> None:
    rows = other.store.segments()
    alice = SegmentClaims(other.store, user="alice", host="pc-alice")
    assert alice.claim(rows[1].id) is None

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = screen_of(app)
        await poll(app, pilot)
        assert app.session is not None and app.session.claimed == {rows[1].id: "alice"}
        await pilot.press("ctrl+down")  # onto alice's segment
        assert screen.target.read_only and screen.taken_by == "alice@pc-alice"
        await pilot.press("ctrl+down")  # the next one is free: two reviewers, one document
        assert not screen.target.read_only
        await pilot.press("ctrl+up")
        assert screen.target.read_only
        assert alice.claim(rows[4].id) is None  # alice moves on ...
        await poll(app, pilot, POLLS)
        assert not screen.target.read_only  # ... and her segment is free here
        assert app.claims.held == rows[1].id
        assert alice.claim(rows[1].id) is not None  # now it is ours: she is refused

    drive(root, flow)


def test_other_reviewers_confirmations_show_without_moving_or_losing_typing(
    root: Path, other: Project
) -> None:
    rows = other.store.segments()

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = screen_of(app)
        session = app.session
        assert session is not None
        await pilot.press("ctrl+down", "end")
        screen.target.insert(" (typing)")
        typed = screen.target.text
        cursor = screen.target.cursor_location
        alice_writes(other, rows[4], "Alice's line.", Status.REVIEWED)
        alice_writes(other, rows[1], "Alice's version.", Status.REVIEWED)
        for _ in range(POLLS):
            await poll(app, pilot)
            if session.rows[4].target == "Alice's line.":
                break
        assert (session.rows[4].target, session.rows[4].status) == (
            "Alice's line.",
            Status.REVIEWED,
        )
        assert session.current_row == 1  # the cursor did not move
        assert screen.target.text == typed and screen.target.cursor_location == cursor
        assert session.rows[1].target == rows[1].target  # the row under typing kept as read
        assert any("saving your text will show both" in n.message for n in app._notifications)
        # (moving now would save the typing and meet alice's version: drop it instead)
        screen.target.load_text(rows[1].target)
        # not typing: the editor follows the other reviewer's change at once
        await pilot.press("ctrl+down", "ctrl+down")
        assert session.current_row == 3
        fresh = other.store.segment(rows[3].id)
        alice_writes(other, fresh, "Alice again.", Status.REVIEWED)
        await poll(app, pilot, POLLS)
        assert screen.target.text == "Alice again." and session.current_row == 3

    drive(root, flow)


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_conflict_screen_shows_both_and_loses_nothing(
    root: Path, other: Project, choice: str
) -> None:
    rows = other.store.segments()
    seg = rows[1]

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = screen_of(app)
        await pilot.press("ctrl+down")
        screen.target.load_text("My careful version.")
        # alice (whose claim on it lapsed, or a tool that takes none) changes it meanwhile
        alice_writes(other, seg, "Alice's version.", Status.REVIEWED)
        await pilot.press("ctrl+o")  # confirm (anyway: the QA checks are not the point here)
        await pilot.pause()
        conflict = app.screen
        assert isinstance(conflict, ConflictScreen)
        shown = str(conflict.query_one("#conflict-who").render())
        assert "alice" in shown
        assert "My careful version." in str(conflict.query_one("#conflict-mine").render())
        assert "Alice's version." in str(conflict.query_one("#conflict-theirs").render())
        await pilot.press("t" if choice == "theirs" else "m")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        expected = "Alice's version." if choice == "theirs" else "My careful version."
        assert screen.target.text == expected

    drive(root, flow)
    stored = other.store.segment(seg.id)
    history = other.store.history(seg.id)
    if choice == "theirs":
        assert (stored.target, stored.status) == ("Alice's version.", Status.REVIEWED)
        last = history[-1]
        assert (last.action, last.author, last.old_target) == (
            "conflict",
            "tester",
            "My careful version.",
        )
    else:
        assert (stored.target, stored.status) == ("My careful version.", Status.REVIEWED)
        last = history[-1]
        assert last.old_target == "Alice's version." and "kept over alice" in last.detail
    assert any(e.new_target == "Alice's version." for e in history)  # both on record


def test_keep_mine_meeting_a_newer_change_asks_again(root: Path, other: Project) -> None:
    """Core logic, no UI: a choice made on a version that changed again is itself refused."""
    from tmbuilder.store.base import UnitConflict

    seg = other.store.segments()[1]
    mine = Project(root)
    try:
        session = ReviewSession(mine.store, author="me")
        session.go_to_segment(seg.id)
        alice_writes(other, seg, "A1.", Status.REVIEWED)
        with pytest.raises(UnitConflict) as first:
            session.confirm("Mine.")
        alice_writes(other, other.store.segment(seg.id), "A2.", Status.REVIEWED)
        with pytest.raises(UnitConflict) as second:
            session.keep_mine(first.value)
        assert second.value.current.target == "A2."
        assert session.keep_mine(second.value).target == "Mine."
        assert other.store.segment(seg.id).target == "Mine."
    finally:
        mine.close()


def test_live_feed_reports_each_change_once(root: Path, other: Project) -> None:
    mine = Project(root)
    try:
        session = ReviewSession(mine.store, author="me")
        claims = SegmentClaims(mine.store, user="me")
        feed = LiveFeed(session, claims, server=mine.store.memory_db is None)
        rows = other.store.segments()
        assert feed.poll(typing=False).refreshed == []
        alice_writes(other, rows[2], "Alice.", Status.REVIEWED)
        assert feed.poll(typing=False).refreshed == [rows[2].id]
        assert feed.poll(typing=False).refreshed == []  # seen once, not again
        session.commit("Mine.", Status.TRANSLATED)  # our own change: already in the row
        assert feed.poll(typing=False).refreshed == []
        other.store.split_segment(rows[5].id, 5, "alice")
        assert feed.poll(typing=False).reload  # the list itself changed
    finally:
        mine.close()


def test_a_dropped_server_connection_is_one_line_and_the_edit_can_be_retried(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    monkeypatch.setenv("TMBUILDER_STORE_URL", pg_url)
    make_project(tmp_path / "proj").close()
    root = tmp_path / "proj"

    def drop_connections() -> None:  # what a server restart does to every client
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = screen_of(app)
        await pilot.press("ctrl+down")
        screen.target.load_text("Kept through the outage.")
        drop_connections()
        await pilot.press("ctrl+o")
        await pilot.pause()
        failed = [n.message for n in app._notifications if "PostgreSQL store:" in n.message]
        assert failed and all("\n" not in m for m in failed)
        # the confirm's own message (an autosave tick may fail on the same outage after it)
        confirm = [m for m in failed if not m.startswith("autosave failed")]
        assert "your text is still in the editor" in confirm[-1]
        assert app.is_running and screen.target.text == "Kept through the outage."
        await poll(app, pilot)  # meets the broken connection: said once, in one line
        await poll(app, pilot)  # reconnects
        await pilot.press("ctrl+o")  # the retry goes through
        await pilot.pause()

    drive(root, flow)
    check = Project(root)
    try:
        seg = check.store.segments()[1]
        assert (seg.target, seg.status) == ("Kept through the outage.", Status.REVIEWED)
    finally:
        check.close()


def test_each_reviewer_gets_their_own_autosave_back(root: Path, other: Project) -> None:
    from tmbuilder.review.autosave import Autosaver, autosave_key

    rows = other.store.segments()
    alice = Autosaver(other.store, autosave_key("alice"))
    alice.note(rows[3].id, "Alice's unsaved typing", rows[3].target)
    assert alice.flush()
    mine = Autosaver(other.store, autosave_key("tester"))
    mine.note(rows[4].id, "My unsaved typing", rows[4].target)
    assert mine.flush()

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = screen_of(app)
        assert app.session is not None and app.session.current_row == 4
        assert screen.target.text == "My unsaved typing"  # never alice's

    drive(root, flow)
    assert other.store.get_meta(autosave_key("alice")) is not None  # hers left for her
