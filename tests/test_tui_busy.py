"""A store another process is writing (issue 14, Deliver 7): the review UI waits visibly.

A second process holds the store's write lock. Confirming then must not freeze the UI: the
status bar names the holder while the screen tries again, the confirm lands once the lock is
released; when [store] busy_timeout runs out, one line says so and the edit stays in the
editor, to be confirmed later.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tmbuilder.model import Status
from tmbuilder.project import Project
from tmbuilder.tui.app import ReviewApp
from tui_fixtures import make_project

HOLD = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


class Holder:
    """Another process holding the store's write lock until `release()`."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "held"

    def release(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=10)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    root = tmp_path / "proj"
    make_project(root).close()
    (root / "tmbuilder.toml").write_text("[store]\nbusy_timeout = 2\n", encoding="utf-8")
    p = Project(root)
    yield p
    p.close()


def progress(app: ReviewApp) -> str:
    screen = app.review_screen
    assert screen is not None
    return str(screen.query_one("#progress").render())


async def until(pilot: Pilot[None], test: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not test():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def run(project: Project, release_after: bool) -> tuple[str, str, list[str]]:
    """Type into segment 2, confirm while another process holds the store; returns the
    status bar while waiting, the editor's text at the end, and the notices."""
    seen: dict[str, str] = {}

    async def main() -> list[str]:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.review_screen
            assert screen is not None
            await pilot.press("ctrl+down")
            screen.target.load_text("The two sides agreed to deepen the great friendship.")
            holder = Holder(Path(project.store.path))
            try:
                started = time.monotonic()
                await pilot.press("ctrl+s")
                # the key returned at once: the UI did not block for the 2 s wait
                assert time.monotonic() - started < 1.5
                await until(pilot, lambda: "waiting for the store" in progress(app))
                seen["waiting"] = progress(app)
                if release_after:
                    holder.release()
                    await until(pilot, lambda: "waiting" not in progress(app))
                else:
                    await until(
                        pilot,
                        lambda: any("Not saved" in (n.title or "") for n in app._notifications),
                    )
                    assert "waiting" not in progress(app)
            finally:
                holder.release()
            seen["target"] = screen.target.text
            notes = [f"{n.title}: {n.message}" for n in app._notifications]
            if not release_after:  # the edit is still there: confirm it now the store is free
                await pilot.press("ctrl+s")
                await pilot.pause()
            app.shutdown()
        return notes

    notes = asyncio.run(main())
    return seen["waiting"], seen["target"], notes


def test_a_busy_store_is_waited_for_visibly_and_the_confirm_lands(project: Project) -> None:
    waiting, _, notes = run(project, release_after=True)
    assert "held by pid" in waiting and "python" in waiting
    assert any("free again" in n for n in notes)
    seg = project.store.segments()[1]
    assert seg.status == Status.REVIEWED and seg.target.endswith("deepen the great friendship.")


def test_when_the_wait_runs_out_one_line_says_so_and_the_edit_stays(project: Project) -> None:
    _, target, notes = run(project, release_after=False)
    (given_up,) = [n for n in notes if n.startswith("Not saved")]
    assert "busy (held by pid" in given_up and "after waiting 2 s" in given_up
    assert "\n" not in given_up and "Traceback" not in given_up
    assert target == "The two sides agreed to deepen the great friendship."
    # nothing was lost: confirmed once the store was free again (in run())
    seg = project.store.segments()[1]
    assert seg.status == Status.REVIEWED and seg.target == target


def test_opening_while_the_store_is_busy_opens_at_once(project: Project) -> None:
    # Opening writes nothing since the project-wide lock gave way to per-segment claims: a
    # held write lock must not keep the reviewer from reading; the claim of the first segment
    # waits for the store like any write (the confirm tests above), without an error.
    async def main() -> tuple[list[str], bool]:
        holder = Holder(Path(project.store.path))
        try:
            app = ReviewApp(project, author="tester")
            async with app.run_test(size=(120, 36)) as pilot:
                await until(pilot, lambda: app.review_screen is not None and app.rows_ready)
                await app.workers.wait_for_complete()
                await pilot.pause()
                opened = app.review_screen is not None and app.review_screen.session.rows != []
                notes = [n.message for n in app._notifications]
                holder.release()
                app.shutdown()
        finally:
            holder.release()
        return notes, opened

    notes, opened = asyncio.run(main())
    assert opened
    assert not any("Traceback" in n or "failed" in n for n in notes)
