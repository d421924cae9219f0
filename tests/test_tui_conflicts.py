"""Merge conflicts in review (issue 14): listed, counted in the status bar, settled by a person.

The conflicts are real ones: two teammates edit the same unit and the same glossary term
between syncs, and `build` keeps the store's side and records the conflict.
"""

from __future__ import annotations

import asyncio
import shutil
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import seed_project_dir
from tmbuilder.cli import main
from tmbuilder.model import Status, Term, TermStatus
from tmbuilder.project import Project
from tmbuilder.review.conflicts import CONFLICT_ACTION, list_conflicts, resolve
from tmbuilder.store.base import UnitChange
from tmbuilder.tui.app import ReviewApp
from tmbuilder.tui.screens.conflicts import ConflictsScreen

OURS, THEIRS = "Alice again.", "Bob again."


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _confirm(root: Path, text: str) -> int:
    with closing(Project(root)) as p:
        seg = p.store.segments()[3]
        p.store.update_unit(UnitChange(seg.id, text, Status.REVIEWED, "human", "reviewer", "edit"))
        return seg.id


def _set_term(root: Path, english: str) -> None:
    with closing(Project(root)) as p:
        old = next((t for t in p.store.terms() if t.source == "hợp tác"), None)
        p.store.save_term(
            Term("hợp tác", english, TermStatus.APPROVED, origin="human", id=old.id if old else 0)
        )


@pytest.fixture(scope="module")
def conflicted_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """Alice's project (base/alice) after pulling the export of Bob's (base/bob): one unit and
    one term in conflict."""
    base = tmp_path_factory.mktemp("conflicts")
    (base / "alice").mkdir()
    alice = seed_project_dir(base / "alice")
    _run("build", str(alice / "docs"), "-p", str(alice))
    seg = _confirm(alice, "Agreed first.")
    _set_term(alice, "cooperation")
    _run("build", "-p", str(alice))
    bob = base / "bob"
    shutil.copytree(alice, bob, ignore=shutil.ignore_patterns(".tmbuilder"))
    _run("build", str(bob / "docs"), "-p", str(bob))
    _confirm(alice, OURS)
    _set_term(alice, "partnership")
    _confirm(bob, THEIRS)
    _set_term(bob, "joint work")
    _run("build", "-p", str(bob))
    _pull(bob, alice)
    out = _run("build", "-p", str(alice))
    assert out.count("conflict:") == 2, out
    return base, seg


def _pull(src: Path, dst: Path) -> None:
    """What a `git pull` brings: the other's exports."""
    for folder in ("tmx", "glossary"):
        shutil.copytree(src / folder, dst / folder, dirs_exist_ok=True)


@pytest.fixture
def conflicted(conflicted_once: tuple[Path, int], tmp_path: Path) -> tuple[Path, int]:
    base, seg = conflicted_once
    shutil.copytree(base, tmp_path, dirs_exist_ok=True)
    return tmp_path / "alice", seg


def _term(root: Path) -> str:
    with closing(Project(root)) as p:
        return next(t for t in p.store.terms() if t.source == "hợp tác").target


def test_both_conflicts_are_listed_with_both_sides(conflicted: tuple[Path, int]) -> None:
    root, seg = conflicted
    with closing(Project(root)) as p:
        listed = list_conflicts(p.store)
    assert [(c.segment_id, c.ours, c.theirs) for c in listed] == [
        (seg, OURS, THEIRS),
        (None, "partnership", "joint work"),
    ]
    assert listed[0].theirs_status == "reviewed" and listed[0].file.endswith(".tmx")


@pytest.mark.parametrize("take_theirs", [True, False])
def test_a_decision_is_in_the_history_and_both_teammates_end_up_with_it(
    conflicted: tuple[Path, int], take_theirs: bool
) -> None:
    root, seg = conflicted
    decided = THEIRS if take_theirs else OURS
    with closing(Project(root)) as p:
        unit = list_conflicts(p.store)[0]
        resolve(p.store, unit, take_theirs=take_theirs, author="carol")
        assert p.store.segment(seg).target == decided
        last = p.store.history(seg)[-1]
        assert last.author == "carol" and "merge conflict" in last.detail
        assert last.action == ("edit" if take_theirs else CONFLICT_ACTION)
        assert [c.kind for c in list_conflicts(p.store)] == ["term"]
        # the term too (left open, Bob's build would rightly list it: both edited it)
        resolve(p.store, list_conflicts(p.store)[0], take_theirs=take_theirs, author="carol")
        assert list_conflicts(p.store) == []
    _pull(root.parent / "bob", root)  # Bob's files again: settled, not raised again
    out = _run("build", "-p", str(root))
    assert "conflict:" not in out
    bob = root.parent / "bob"
    _pull(root, bob)  # Bob pulls Alice's export: the decision reaches him, no conflict
    out = _run("build", "-p", str(bob))
    assert "conflict:" not in out
    term = "joint work" if take_theirs else "partnership"
    for where in (root, bob):
        with closing(Project(where)) as p:
            assert p.store.segment(seg).target == decided, where.name
        assert _term(where) == term, where.name


@pytest.mark.parametrize("take_theirs", [True, False])
def test_a_term_conflict_is_settled_too(conflicted: tuple[Path, int], take_theirs: bool) -> None:
    root, _ = conflicted
    with closing(Project(root)) as p:
        term = list_conflicts(p.store)[1]
        assert resolve(p.store, term, take_theirs=take_theirs, author="carol") is None
        assert [c.kind for c in list_conflicts(p.store)] == ["unit"]
    decided = "joint work" if take_theirs else "partnership"
    assert _term(root) == decided
    _run("build", "-p", str(root))
    assert _term(root) == decided


def test_the_review_ui_counts_lists_and_settles_them(conflicted: tuple[Path, int]) -> None:
    root, seg = conflicted

    async def main() -> None:
        with closing(Project(root)) as project:
            app = ReviewApp(project, author="carol")
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                screen = app.review_screen
                assert screen is not None
                assert " 2 conflicts " in str(screen.query_one("#progress").render())
                await pilot.press("alt+m")
                await pilot.pause()
                assert isinstance(app.screen, ConflictsScreen)
                assert len(app.screen.conflicts) == 2
                await pilot.press("t")  # the unit: take Bob's
                await pilot.pause()
                assert project.store.segment(seg).target == THEIRS
                assert [c.kind for c in app.screen.conflicts] == ["term"]
                assert " 1 conflict " in str(screen.query_one("#progress").render())
                # the session's row follows the store: the list shows Bob's target
                row = screen.session.row_of(seg)
                assert row is not None and screen.session.rows[row].target == THEIRS
                await pilot.press("o")  # the term: keep ours
                await pilot.pause()
                assert app.screen.conflicts == []
                assert "conflict" not in str(screen.query_one("#progress").render())
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is screen
                app.shutdown()
        assert _term(root) == "partnership"

    asyncio.run(main())


def test_the_kinds_agree_with_the_merge_and_the_ui_does_not_import_every_flow() -> None:
    import subprocess
    import sys

    from tmbuilder.pipeline import merge
    from tmbuilder.review import conflicts

    assert (conflicts.UNIT, conflicts.TERM) == (merge.UNIT, merge.TERM)
    # importing the review UI must not pull in the pipeline (engines, sacremoses: ~1.7 s)
    code = "import sys, tmbuilder.tui.app; print('tmbuilder.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
