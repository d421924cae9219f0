"""Pilot tests of the review UI: each flow is driven by keys and checked in the store."""

from __future__ import annotations

import asyncio
import html
import re
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tmbuilder.errors import ConfigError
from tmbuilder.model import Status, TermStatus
from tmbuilder.project import Project
from tmbuilder.review.autosave import autosave_key
from tmbuilder.review.claims import SegmentClaims
from tmbuilder.store.review_tables import ClaimRow
from tmbuilder.tui.app import ReviewApp
from tmbuilder.tui.screens.dialogs import FilterDialog, TermDialog
from tmbuilder.tui.screens.glossary import GlossaryScreen
from tmbuilder.tui.screens.help import HelpScreen
from tmbuilder.tui.screens.review import ReviewScreen
from tui_fixtures import make_project

Flow = Callable[[ReviewApp, Pilot[None]], Awaitable[None]]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = make_project(tmp_path / "proj")
    yield p
    p.close()


def drive(project: Project, flow: Flow, size: tuple[int, int] = (100, 30)) -> ReviewApp:
    """Run the app headless, let `flow` press keys, then give the claims back like a quit."""

    async def main() -> ReviewApp:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=size) as pilot:
            await started(app, pilot)
            await flow(app, pilot)
            app.shutdown()
        return app

    return asyncio.run(main())


async def started(app: ReviewApp, pilot: Pilot[None]) -> None:
    """Wait for the segments, which load in a worker thread after the screen is up."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def visible_text(app: ReviewApp) -> str:
    """What the terminal shows, as plain text (from the screenshot the app can export)."""
    svg = app.export_screenshot()
    body = svg[svg.index("<g class") :]
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", body)
    return html.unescape(" ".join(texts)).replace("\xa0", " ")


def screen_of(app: ReviewApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen), app.screen
    return app.screen


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type into the focused widget: the first key for real, the rest inserted at the cursor
    (each simulated key press costs ~0.1 s; the test suite must stay short)."""
    await pilot.press({" ": "space"}.get(text[0], text[0]))
    focused = pilot.app.focused
    if isinstance(focused, TextArea):
        focused.insert(text[1:])
    elif isinstance(focused, Input):
        focused.insert_text_at_cursor(text[1:])
    else:
        raise AssertionError(f"cannot type into {focused}")
    await pilot.pause()


def seg_id(project: Project, index: int) -> int:
    return project.store.segments()[index].id


# -- confirm and move ----------------------------------------------------------------------------
def test_confirm_commits_edit_and_goes_to_next_unreviewed(project: Project) -> None:
    second = seg_id(project, 1)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+down")
        screen = screen_of(app)
        assert screen.session.current is not None and screen.session.current.id == second
        await pilot.press("end")
        await type_text(pilot, " Yes")
        await pilot.press("ctrl+s")
        # committed before the cursor moved on
        assert project.store.segment(second).status == Status.REVIEWED
        assert screen.session.pos == 2
        assert screen.target.text == project.store.segments()[2].target

    drive(project, flow)
    stored = project.store.segment(second)
    assert stored.target.endswith("friendship. Yes") and stored.origin == "human"
    assert project.store.history(second)[-1].author == "tester"


def test_moving_away_saves_typing_as_translated(project: Project) -> None:
    fifth = seg_id(project, 4)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+g")
        await type_text(pilot, "5")
        await pilot.press("enter")
        await type_text(pilot, "Close coordination.")
        await pilot.press("ctrl+down")
        assert screen_of(app).session.pos == 5

    drive(project, flow)
    stored = project.store.segment(fifth)
    assert (stored.target, stored.status) == ("Close coordination.", Status.TRANSLATED)


def test_insert_match_and_confirm_keeps_the_match_origin(project: Project) -> None:
    second = seg_id(project, 1)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+down", "alt+1")
        assert screen_of(app).target.text == "The two sides agreed to strengthen friendship."
        await pilot.press("alt+3")  # the MT suggestion comes after the two TM matches
        assert screen_of(app).target.text.startswith("Both sides")
        await pilot.press("ctrl+z")  # typing undo brings the TM match back
        await pilot.press("ctrl+s")

    drive(project, flow)
    stored = project.store.segment(second)
    assert stored.target == "The two sides agreed to strengthen friendship."
    assert (stored.status, stored.origin) == (Status.REVIEWED, "tm:87")


def test_copy_source_and_reject(project: Project) -> None:
    fifth, sixth = seg_id(project, 4), seg_id(project, 5)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen_of(app).session.move_to(4)
        screen_of(app).show_current()
        await pilot.press("alt+c", "alt+r")

    drive(project, flow)
    stored = project.store.segment(fifth)
    assert stored.target == stored.source and stored.status == Status.REJECTED
    assert project.store.segment(sixth).status == Status.REJECTED  # untouched fixture state


def test_undo_and_redo_of_a_confirmed_change(project: Project) -> None:
    second = seg_id(project, 1)
    before = project.store.segment(second)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+down", "ctrl+s")
        assert project.store.segment(second).status == Status.REVIEWED
        await pilot.press("alt+z")
        assert project.store.segment(second).status == before.status
        current = screen_of(app).session.current
        assert current is not None and current.id == second
        await pilot.press("alt+y")

    drive(project, flow)
    actions = [e.action for e in project.store.history(second)]
    assert actions[-3:] == ["status", "undo", "redo"]
    assert project.store.segment(second).status == Status.REVIEWED


# -- filter and search ---------------------------------------------------------------------------
def test_filter_by_status_and_text_then_show_all(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, FilterDialog)
        await pilot.click("#filter-status-new")
        await pilot.click("#apply")
        session = screen_of(app).session
        assert [session.rows[i].status for i in session.view] == [Status.NEW] * 3
        await pilot.press("ctrl+f")
        await pilot.click("#filter-status-new")  # off again
        app.screen.query_one("#filter-text", Input).value = "hữu nghị"
        await pilot.click("#apply")
        assert [session.number(i) for i in session.view] == [2, 7]
        # the cursor was on segment 5, now hidden: it goes to the next one shown
        assert session.current_row == 6
        assert str(screen_of(app).source.source) == session.rows[6].source
        await pilot.press("alt+a")
        assert len(session.view) == 8

    drive(project, flow)


def test_find_next_jumps_without_filtering(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+f")
        app.screen.query_one("#filter-text", Input).value = "Lào"
        await pilot.click("#find")
        session = screen_of(app).session
        assert session.pos == 2 and len(session.view) == 8
        await pilot.press("f3")
        assert session.pos == 0  # wrapped to the first segment

    drive(project, flow)


def test_bad_regex_stays_in_the_dialog_with_the_reason(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+f")
        app.screen.query_one("#filter-text", Input).value = "([a-z"
        await pilot.click("#filter-regex")
        await pilot.click("#apply")
        assert isinstance(app.screen, FilterDialog)
        assert "not a valid regular expression" in visible_text(app)

    drive(project, flow)


# -- replace ----------------------------------------------------------------------------------
def test_replace_across_targets_with_preview_and_undo(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+r")
        app.screen.query_one("#replace-find", Input).value = "Viet Nam"
        app.screen.query_one("#replace-with", Input).value = "Vietnam"
        await pilot.click("#preview")
        assert "1 replacement(s) in 1 segment(s)" in visible_text(app)
        await pilot.click("#apply")
        assert project.store.segments()[2].target.startswith("Vietnam and Laos")
        await pilot.press("alt+z")

    drive(project, flow)
    third = project.store.segments()[2]
    assert third.target.startswith("Viet Nam and Laos")
    assert [e.action for e in project.store.history(third.id)][-2:] == ["edit", "undo"]


# -- split and merge ----------------------------------------------------------------------------
def test_split_at_the_source_cursor_then_merge_back(project: Project) -> None:
    original = project.store.segments()[1]

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+down")
        screen = screen_of(app)
        screen.source.focus()
        await pilot.press("home", *["ctrl+right"] * 4)
        assert screen.source.cursor == original.source.index("tăng")
        await pilot.press("alt+s")
        rows = project.store.segments()
        assert len(rows) == 9
        assert (rows[1].source, rows[2].source) == (
            "Hai bên nhất trí",
            "tăng cường quan hệ hữu nghị vĩ đại.",
        )
        assert screen.session.number(screen.session.current_row or 0) == 2
        await pilot.press("alt+j")

    drive(project, flow)
    rows = project.store.segments()
    assert len(rows) == 8 and rows[1].source == original.source
    actions = [e.action for e in project.store.history(original.id)]
    assert "split" in actions and "merge" in actions


def test_split_without_a_cursor_position_explains_itself(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("alt+s")
        assert len(project.store.segments()) == 8
        assert any("source cursor" in n.message for n in app._notifications)

    drive(project, flow)


# -- glossary -----------------------------------------------------------------------------------
def test_add_selected_source_text_as_a_glossary_term(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+g")
        await type_text(pilot, "4")
        await pilot.press("enter")
        screen_of(app).source.focus()
        await pilot.press("home", "ctrl+shift+right", "ctrl+shift+right", "ctrl+shift+right")
        assert screen_of(app).source.selected_text == "Kim ngạch thương"
        await pilot.press("shift+left", "shift+left", "shift+left", "shift+left")
        await pilot.press("shift+left", "shift+left", "shift+left", "shift+left")
        assert screen_of(app).source.selected_text == "Kim ngạch"
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, TermDialog)
        await type_text(pilot, "trade value")
        await pilot.press("enter")

    drive(project, flow)
    term = next(t for t in project.store.terms() if t.source == "Kim ngạch")
    assert (term.target, term.status, term.origin) == ("trade value", TermStatus.APPROVED, "human")


def test_glossary_screen_forbids_approves_and_shows_contexts(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("alt+g")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        first = screen.current
        assert first is not None
        assert "Contexts" in visible_text(app)
        assert "→ General Secretary To Lam" in visible_text(app)  # a context and its English
        await pilot.press("x")
        assert project.store.term(first.id).status == TermStatus.FORBIDDEN
        await pilot.press("a")
        assert project.store.term(first.id).status == TermStatus.APPROVED
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)

    drive(project, flow)


# -- claims, read-only, autosave ----------------------------------------------------------------
def _foreign_claim(project: Project, index: int) -> SegmentClaims:
    """Alice, on another host, is editing segment `index` (a live claim)."""
    alice = SegmentClaims(project.store, user="alice", host="elsewhere", pid=4242)
    assert alice.claim(seg_id(project, index)) is None
    return alice


def test_second_reviewer_sees_the_claimed_segment_taken_and_edits_the_others(
    project: Project,
) -> None:
    _foreign_claim(project, 0)
    first, second = seg_id(project, 0), seg_id(project, 1)
    before = project.store.segment(first)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        screen = screen_of(app)
        app.poll_others()
        await pilot.pause()
        assert screen.target.read_only  # segment 1 is alice's
        assert "being edited by alice@elsewhere" in visible_text(app)
        assert "✎ alice" in visible_text(app)  # the list marks it too
        await pilot.press("ctrl+s", "alt+r", "alt+c")
        assert any("alice@elsewhere" in n.message for n in app._notifications)
        # one document, two reviewers: the next segment is free
        await pilot.press("ctrl+down")
        assert not screen.target.read_only
        await pilot.press("end")
        await type_text(pilot, " ok")
        await pilot.press("ctrl+o")
        assert project.store.segment(second).status == Status.REVIEWED
        current = app.session.current if app.session else None
        assert current is not None and current.id != second  # moved on to the next one ...
        mine = project.store.claims.get(current.id)
        assert mine is not None and mine.author == "tester"  # ... and claimed it
        assert project.store.claims.get(second) is None  # the one left is given back

    drive(project, flow)
    assert project.store.segment(first) == before
    assert [c.author for c in project.store.claims.all()] == ["alice"]  # ours given back
    stored = project.store.claims.get(first)
    assert stored is not None and stored.author == "alice"  # hers left alone


def test_a_lapsed_claim_frees_the_segment(project: Project) -> None:
    alice = _foreign_claim(project, 0)
    row = project.store.claims.get(alice.held or 0)
    assert row is not None
    with project.store.transaction():  # her session stopped beating long ago
        project.store.claims.put(replace(row, heartbeat=row.heartbeat - 3600))

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        assert not screen_of(app).target.read_only
        await pilot.press("ctrl+s")
        assert project.store.segments()[0].status == Status.REVIEWED

    drive(project, flow)
    assert alice.refresh() is False  # her next heartbeat learns she lost it


def test_claim_taken_away_mid_session_turns_edits_into_clear_refusals(project: Project) -> None:
    second = seg_id(project, 1)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+down", "end")
        await type_text(pilot, " X")
        # our claim lapsed (a long stall) and bob took the segment
        bob = SegmentClaims(project.store, user="bob", host="far")
        with project.store.transaction():
            project.store.claims.put(
                ClaimRow(second, bob.token, "bob", "far", 1, "now", bob.now()),
                replacing=app.claims.token,
            )
        await pilot.press("ctrl+s")
        assert any("being edited by bob@far" in n.message for n in app._notifications)
        assert screen_of(app).target.read_only
        assert screen_of(app).target.text.endswith(" X")  # the typing is still on screen
        assert app.is_running

    drive(project, flow)
    assert project.store.segment(second).status == Status.DRAFT


_VICTIM = """
import asyncio, sys
from pathlib import Path
from tmbuilder.project import Project
from tmbuilder.tui.app import ReviewApp

async def main():
    app = ReviewApp(Project(Path(sys.argv[1])), author="tester")  # reopened as the same
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+down", "ctrl+s")  # segment 2 confirmed, now on segment 3
        app.screen.target.insert("Half typed ")
        await pilot.pause()
        print("TYPED", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


def test_kill_9_loses_at_most_the_edit_in_progress(project: Project) -> None:
    second, third = seg_id(project, 1), seg_id(project, 2)
    old_third = project.store.segment(third).target
    victim = subprocess.Popen(
        [sys.executable, "-c", _VICTIM, str(project.root)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert victim.stdout is not None and victim.stdout.readline().strip() == "TYPED"
        # The 2 s bound is AUTOSAVE_EVERY's; the test only waits for the write (no clock
        # assertions: the machine may be busy), with a generous cap against hanging.
        deadline = time.monotonic() + 60
        while (
            project.store.get_meta(autosave_key("tester")) is None and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        assert project.store.get_meta(autosave_key("tester")) is not None, "never autosaved"
    finally:
        victim.kill()  # SIGKILL: no cleanup of any kind
        victim.wait()
    assert project.store.segment(second).status == Status.REVIEWED  # the confirmed edit
    assert project.store.segment(third).target == old_third  # typing is not a unit change

    async def reopened(app: ReviewApp, pilot: Pilot[None]) -> None:
        # The dead session's claim has lapsed (same host, process gone): the segment is free.
        screen = screen_of(app)
        assert screen.session.current is not None and screen.session.current.id == third
        assert screen.target.text == old_third + "Half typed "
        assert any("Restored unsaved typing" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")

    drive(project, reopened)
    assert project.store.segment(third).target == old_third + "Half typed "
    assert project.store.get_meta(autosave_key("tester")) is None


# -- keys, help, palette ------------------------------------------------------------------------
def test_keys_are_remapped_from_the_config(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    make_project(root).close()
    (root / "tmbuilder.toml").write_text('[keys]\nconfirm = "f8"\n', encoding="utf-8")
    project = Project(root)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+down", "ctrl+s")
        assert project.store.segments()[1].status == Status.DRAFT
        await pilot.press("f8")
        assert project.store.segments()[1].status == Status.REVIEWED
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = visible_text(app)
        assert "f8" in shown and "Save the target as reviewed" in shown

    try:
        drive(project, flow)
    finally:
        project.close()


def test_unknown_key_action_in_config_is_a_config_error(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    make_project(root).close()
    (root / "tmbuilder.toml").write_text('[keys]\nconfirn = "f8"\n', encoding="utf-8")
    project = Project(root)
    try:
        with pytest.raises(ConfigError, match=r"tmbuilder.toml: \[keys\] has unknown action"):
            ReviewApp(project)
    finally:
        project.close()


def test_command_palette_lists_every_action_with_its_keys(project: Project) -> None:
    from tmbuilder.tui.bindings import APP_KEYS, REVIEW_KEYS
    from tmbuilder.tui.commands import ReviewCommands

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        provider = ReviewCommands(app.screen)
        hits = [hit async for hit in provider.discover()]
        texts = [str(hit.text) for hit in hits]
        helps = [str(hit.help) for hit in hits]
        for spec in REVIEW_KEYS + APP_KEYS:
            assert (spec.title or spec.label) in texts, spec.id
            assert any(f"(id {spec.id})" in h for h in helps)
        for job in ("Export TMX", "Export glossary", "Run QA", "Draft remaining segments"):
            assert job in texts
        system = [c.title for c in app.get_system_commands(app.screen)]
        assert len(texts) == len(set(texts)), "an entry is listed twice"
        assert not set(texts) & set(system), "an entry duplicates one of Textual's"
        assert "Quit" in texts and "Quit" not in system
        found = [hit async for hit in provider.search("confirm")]
        assert found and "ctrl+s" in str(found[0].help)
        qa = sorted([hit async for hit in provider.search("QA")], key=lambda h: -h.score)
        assert str(qa[0].text) == "Run QA"
        assert "Search and filter" not in [str(h.text) for h in qa]

    drive(project, flow)


def test_footer_shows_the_main_bindings_at_80_columns(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        footer = app.screen.query_one("Footer")
        actions = {key.action for key in footer.query("FooterKey")}  # type: ignore[attr-defined]
        assert {"confirm", "move(1)", "insert_match(1)", "split", "merge"} <= actions
        bottom = visible_text(app)
        assert all(label in bottom for label in ("Confirm", "Next", "Prev"))

    drive(project, flow, size=(80, 24))


def test_mouse_click_selects_a_row_and_quit_saves_and_unlocks(project: Project) -> None:
    third = seg_id(project, 2)

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.click("#segments", offset=(5, 2))  # third line of the list
        assert screen_of(app).session.current_row == 2
        await pilot.click("#target")
        await type_text(pilot, "!")
        await pilot.press("ctrl+q")

    async def main() -> None:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await started(app, pilot)
            await flow(app, pilot)

    asyncio.run(main())
    stored = project.store.segment(third)
    assert "!" in stored.target and stored.status == Status.TRANSLATED
    assert project.store.claims.all() == []  # claims given back on quitting
    assert project.store.get_meta("review_position") == str(third)


def test_run_review_outside_a_project_is_a_one_line_error(tmp_path: Path) -> None:
    from tmbuilder.errors import InputError
    from tmbuilder.tui.app import run_review

    with pytest.raises(InputError, match="no tmbuilder project here") as info:
        run_review(tmp_path)
    assert "\n" not in str(info.value)


def test_editor_keeps_typing_focus(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "?")  # '?' is help only outside the editor
        assert not isinstance(app.screen, HelpScreen)

    drive(project, flow)


# -- background jobs ------------------------------------------------------------------------------
async def _finish_jobs(app: ReviewApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()  # a finished draft starts a reload
    await pilot.pause()


def test_exports_run_in_workers_and_report_where_they_wrote(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        app.start_job("export_tmx")
        app.start_job("export_glossary")
        assert app.screen.query_one("JobBar").display
        await _finish_jobs(app, pilot)
        messages = " ".join(n.message for n in app._notifications)
        assert "TMX: 1 units written to tmx/" in messages  # only segment 1 is reviewed
        assert "Glossary written: glossary/" in messages
        assert not app.screen.query_one("JobBar").display

    drive(project, flow)
    assert list((project.root / "tmx").glob("*.tmx"))
    assert list((project.root / "glossary").glob("*.tsv"))


def test_qa_filter_runs_qa_first_then_shows_flagged_segments(project: Project) -> None:
    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+f")
        await pilot.click("#filter-qa")
        await pilot.click("#apply")
        await _finish_jobs(app, pilot)
        session = screen_of(app).session
        shown = {session.rows[i].id for i in session.view}
        assert shown and shown == set(app.qa_findings)
        new_ids = {s.id for s in session.rows if s.status == Status.NEW}
        assert new_ids <= shown  # untranslated segments are QA findings

    drive(project, flow)


def test_draft_job_fills_segments_and_the_list_reloads(tmp_path: Path) -> None:
    from tmbuilder.model import MemoryUnit

    root = tmp_path / "proj"
    make_project(root).close()
    (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    project = Project(root)
    fifth = project.store.segments()[4]
    project.store.add_memory([MemoryUnit(fifth.source, "Close coordination abroad.")], "old.tmx")

    async def flow(app: ReviewApp, pilot: Pilot[None]) -> None:
        app.start_job("draft")
        await _finish_jobs(app, pilot)
        session = screen_of(app).session
        row = session.row_of(fifth.id)
        assert row is not None and session.rows[row].target == "Close coordination abroad."
        assert any("Draft of" in n.message for n in app._notifications)

    try:
        drive(project, flow)
        assert project.store.segment(fifth.id).origin == "tm:100"
    finally:
        project.close()
