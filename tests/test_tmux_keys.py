"""Every key of the default key map, pressed as raw bytes in a real terminal (tmux).

Each scenario starts `python -m tmbuilder review` in tmux, sends keys as the bytes terminals
send (tests/tmux_harness.py: the legacy encoding xterm, VTE, tmux and Windows Terminal share,
and CSI u for the kitty-protocol aliases), and checks the screen and the store. A final test
proves the scenarios together press every key of every default binding.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tmbuilder.model import Segment, Status, TermStatus
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange
from tmbuilder.tui.bindings import ALL_KEYS
from tmux_harness import TMUX, Review, info_line, key_bytes, pane_text
from tui_fixtures import make_project

needs_tmux = pytest.mark.skipif(
    TMUX is None, reason="tmux is not installed (`make install-test` installs it)"
)

Check = Callable[[Review], None]


@dataclass(frozen=True)
class Press:
    """Press `key` (of binding `id`), then run `check`."""

    id: str
    key: str
    check: Check


@dataclass(frozen=True)
class Do:
    """A step that is not a binding under test: typing, focus moves, closing a dialog."""

    run: Check


Step = Press | Do


# -- checks ---------------------------------------------------------------------------------
def on_segment(n: int) -> Check:
    def run(r: Review) -> None:
        r.wait_for(lambda s: info_line(s).startswith(f"#{n} "), why=f"segment #{n} current")

    return run


def shows(text: str) -> Check:
    def run(r: Review) -> None:
        r.wait_for(text)

    return run


def gone(text: str) -> Check:
    def run(r: Review) -> None:
        r.wait_for(lambda s: text not in s, why=f"{text!r} gone")

    return run


def target_has(text: str) -> Check:
    def run(r: Review) -> None:
        r.wait_for(lambda s: text in pane_text(s, "Target"), why=f"target holds {text!r}")

    return run


def exited(r: Review) -> None:
    r.wait_for(lambda _s: r.dead(), why="the app exits")


def stored(row: int, test: Callable[[Segment], bool]) -> Check:
    return lambda r: r.wait_store(lambda rows: test(rows[row]))


def count(n: int) -> Check:
    return lambda r: r.wait_store(lambda rows: len(rows) == n)


def both(*checks: Check) -> Check:
    def run(r: Review) -> None:
        for check in checks:
            check(r)

    return run


def press(key: str) -> Do:
    """A key that is not under test; the pause lets a focus move land before the next key
    (a person's keystrokes are never 1 ms apart, tmux's send-keys are)."""

    def run(r: Review) -> None:
        r.press(key)
        time.sleep(0.3)

    return Do(run)


def typed(text: str) -> Do:
    return Do(lambda r: r.type(text))


def escape_closes(title: str) -> Do:
    def run(r: Review) -> None:
        r.press("escape")
        r.wait_for(lambda s: title not in s, why=f"{title!r} closed")

    return Do(run)


def term_status(source: str, status: TermStatus | None) -> Check:
    def run(r: Review) -> None:
        def ok(_rows: list[Segment]) -> bool:
            project = Project(r.root)
            try:
                found = [t for t in project.store.terms() if t.source == source]
            finally:
                project.close()
            return (found[0].status if found else None) == status

        r.wait_store(ok)

    return run


# -- scenarios (the fixture: 8 segments; #2 has two TM matches and an MT draft) ------------
MT_2 = "Both sides agreed to enhance the great friendship."
TM1_2 = "The two sides agreed to strengthen friendship."
TM2_2 = "The two sides agreed to boost cooperation."
SOURCE_2 = "Hai bên nhất trí tăng cường"

NAVIGATE: list[Step] = [
    Press("next", "ctrl+down", on_segment(2)),
    Press("next", "alt+n", on_segment(3)),
    Press("next", "alt+down", on_segment(4)),
    Press("previous", "ctrl+up", on_segment(3)),
    Press("previous", "alt+p", on_segment(2)),
    Press("previous", "alt+up", on_segment(1)),
    Press("goto", "ctrl+g", shows("Go to segment")),
    typed("6\r"),
    Do(on_segment(6)),
    Press("find_next", "f3", shows("Nothing to find yet")),
    Press("filter", "ctrl+f", shows("Search and filter")),
    escape_closes("Search and filter"),
    Press("clear_filter", "alt+a", shows("Showing every segment")),
    Press("replace", "ctrl+r", shows("Replace in targets")),
    escape_closes("Replace in targets"),
    Press("add_term", "ctrl+t", shows("Add glossary term")),
    escape_closes("Add glossary term"),
    Press("concordance", "alt+l", shows("Concordance:")),
    typed("hữu nghị"),
    Do(shows("2 hit(s)")),
    escape_closes("Concordance:"),
    Press("help", "f1", shows("Keys — remap")),
    escape_closes("Keys — remap"),
    Press("run_qa", "f9", shows("QA: ")),
    Press("quit", "ctrl+q", exited),
]

INSERT: list[Step] = [
    press("ctrl+down"),
    Do(on_segment(2)),
    Press("insert_1", "alt+1", target_has(TM1_2)),
    Press("insert_2", "alt+2", target_has(TM2_2)),
    Press("insert_3", "alt+3", target_has(MT_2)),
    *(Press(f"insert_{n}", f"alt+{n}", shows(f"no suggestion {n} ")) for n in range(4, 10)),
    Press("insert_1", "ctrl+1", target_has(TM1_2)),
    Press("insert_2", "ctrl+2", target_has(TM2_2)),
    Press("insert_3", "ctrl+3", target_has(MT_2)),
    Press("copy_source", "alt+c", target_has(SOURCE_2)),
    press("alt+1"),
    Do(target_has(TM1_2)),
    Press("copy_source", "ctrl+insert", target_has(SOURCE_2)),
    *(Press(f"insert_{n}", f"ctrl+{n}", shows(f"no suggestion {n} ")) for n in range(4, 10)),
    press("alt+3"),
    Do(target_has(MT_2)),
    Press(
        "confirm",
        "ctrl+s",
        both(stored(1, lambda s: s.status == Status.REVIEWED and s.target == MT_2), on_segment(3)),
    ),
    Press("confirm", "ctrl+enter", both(stored(2, lambda s: s.status == Status.REVIEWED))),
    Do(on_segment(4)),
    # a QA error (the source copied as the target) stops the confirm ...
    press("alt+c"),
    press("ctrl+s"),
    Do(both(shows("not confirmed"), stored(3, lambda s: s.status == Status.DRAFT))),
    # ... and ctrl+o confirms anyway
    Press(
        "confirm_anyway",
        "ctrl+o",
        stored(3, lambda s: s.status == Status.REVIEWED and s.target.startswith("Kim ngạch")),
    ),
    Press("undo", "alt+z", stored(3, lambda s: s.status == Status.DRAFT)),
    Press("redo", "alt+y", stored(3, lambda s: s.status == Status.REVIEWED)),
    press("ctrl+down"),
    Do(on_segment(5)),
    Press("reject", "alt+r", stored(4, lambda s: s.status == Status.REJECTED)),
]

SPLIT_MERGE: list[Step] = [
    press("ctrl+down"),
    Do(on_segment(2)),
    press("shift+tab"),  # focus the source pane: its cursor is where split cuts
    press("ctrl+right"),
    press("ctrl+right"),
    Press("split", "alt+s", both(count(9), shows("Split into segments 2 and 3"))),
    Press("merge", "alt+j", both(count(8), shows("Merged into segment 2"))),
]

GLOSSARY: list[Step] = [
    Press("glossary", "alt+g", shows("Vietnamese")),
    Press("help", "question_mark", shows("Keys — remap")),
    escape_closes("Keys — remap"),
    # focus moves to the search box without a visible change the capture shows; typing
    # before it has moved would go to the table (where "n" is New term), so give it time
    Press("glossary_search", "slash", lambda r: time.sleep(0.5)),
    typed("hữu nghị\r"),
    Do(shows("search “hữu nghị”")),
    Press("glossary_edit", "e", shows("Edit glossary term")),
    escape_closes("Edit glossary term"),
    Press("glossary_new", "n", shows("New term")),
    escape_closes("New term"),
    Press("glossary_forbid", "x", term_status("hữu nghị vĩ đại", TermStatus.FORBIDDEN)),
    Press("glossary_propose", "p", term_status("hữu nghị vĩ đại", TermStatus.PROPOSED)),
    Press("glossary_approve", "a", term_status("hữu nghị vĩ đại", TermStatus.APPROVED)),
    Press("glossary_delete", "delete", shows("from the glossary?")),
    typed("\r"),
    Do(term_status("hữu nghị vĩ đại", None)),
    Press("glossary_back", "escape", both(gone("Vietnamese"), shows("─ Target ─"))),
]

# two merge conflicts noted on segments 1 and 3 (as `build` notes them) before the app starts
THEIRS_1, THEIRS_3 = "A teammate's talks.", "A teammate's documents."

CONFLICTS: list[Step] = [
    Do(shows(" 2 conflicts ")),
    Press("conflicts", "alt+m", shows("Merge conflicts: 2")),
    Press("conflicts_take", "t", stored(0, lambda s: s.target == THEIRS_1)),
    Do(shows("Merge conflicts: 1")),
    Press("conflicts_keep", "o", shows("No merge conflicts left")),
    Do(stored(2, lambda s: s.target.startswith("Viet Nam and Laos"))),
    Press("conflicts_back", "escape", both(gone("No merge conflicts"), shows("─ Target ─"))),
]


def alice_writes(row: int, target: str) -> Do:
    """Another reviewer changes a segment from their own terminal (a store of their own)."""

    def run(r: Review) -> None:
        project = Project(r.root)
        try:
            seg = project.store.segments()[row]
            project.store.update_unit(
                UnitChange(seg.id, target, Status.REVIEWED, "human", "alice", "edit")
            )
        finally:
            project.close()

    return Do(run)


CONFLICT_TITLE = "Changed by another reviewer"

CONFLICT: list[Step] = [
    press("ctrl+down"),
    Do(on_segment(2)),
    typed(" Mine"),  # the cursor is at the end of the target
    Do(target_has("friendship. Mine")),
    alice_writes(1, "Alice's version."),
    press("ctrl+o"),  # confirm (anyway): the conflict screen comes up
    Do(shows(CONFLICT_TITLE)),
    Press("conflict_back", "escape", both(gone(CONFLICT_TITLE), target_has("friendship. Mine"))),
    press("ctrl+o"),
    Do(shows(CONFLICT_TITLE)),
    Press(
        "conflict_theirs",
        "t",
        both(
            gone(CONFLICT_TITLE),  # typing before it has closed would go to the dialog
            target_has("Alice's version."),
            stored(1, lambda s: s.target == "Alice's version."),
        ),
    ),
    typed(" Mine"),
    Do(target_has("Alice's version. Mine")),
    alice_writes(1, "Alice again."),
    press("ctrl+o"),
    Do(shows(CONFLICT_TITLE)),
    Press(
        "conflict_mine",
        "m",
        stored(1, lambda s: s.target == "Alice's version. Mine" and s.status == Status.REVIEWED),
    ),
]

SCENARIOS = {
    "navigate": NAVIGATE,
    "insert": INSERT,
    "split_merge": SPLIT_MERGE,
    "glossary": GLOSSARY,
    "conflicts": CONFLICTS,
    "conflict": CONFLICT,
}


def note_conflicts(root: Path) -> None:
    from tmbuilder.pipeline.merge import UNIT

    project = Project(root)
    try:
        rows = project.store.segments()
        project.store.note_conflicts(
            UNIT,
            "tmx/team.tmx",
            [
                (str(rows[0].id), {"target": THEIRS_1, "status": "reviewed", "version": "2"}),
                (str(rows[2].id), {"target": THEIRS_3, "status": "reviewed", "version": "2"}),
            ],
        )
    finally:
        project.close()


@pytest.fixture
def review(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Review]:
    make_project(tmp_path / "proj").close()
    if request.node.callspec.params.get("name") == "conflicts":
        note_conflicts(tmp_path / "proj")
    r = Review(tmp_path / "proj")
    try:
        r.start()
        # the frame comes first, the segments a moment later (a key before them does nothing)
        r.wait_for(lambda s: info_line(s).startswith("#1 "), why="the segments loaded")
        yield r
    finally:
        r.close()


@needs_tmux
@pytest.mark.parametrize("name", SCENARIOS)
def test_keys_in_tmux(review: Review, name: str) -> None:
    for step in SCENARIOS[name]:
        if isinstance(step, Press):
            review.press(step.key)
            try:
                step.check(review)
            except AssertionError as exc:
                raise AssertionError(f"{step.id} ({step.key}): {exc}") from None
        else:
            step.run(review)


def test_every_default_key_is_pressed_in_a_scenario() -> None:
    pressed = {(s.id, s.key) for steps in SCENARIOS.values() for s in steps if isinstance(s, Press)}
    every = {(spec.id, key) for spec in ALL_KEYS for key in spec.keys.split(",")}
    assert every - pressed == set()
    assert pressed - every == set()  # a scenario that names a key the map no longer has


def test_every_default_key_has_legacy_bytes() -> None:
    """The first key of every binding is one legacy terminals send (kitty only for aliases)."""
    for spec in ALL_KEYS:
        first = spec.keys.split(",")[0]
        _, terminals = key_bytes(first)
        assert "xterm" in terminals and "tmux" in terminals, (spec.id, first)


def test_alt_digit_is_not_a_character() -> None:
    # Textual reads ESC 1 as "¡" unless tui/terminal_keys.py is installed (the bug).
    from tmbuilder.tui import terminal_keys

    terminal_keys.install()
    from textual._xterm_parser import XTermParser

    keys: list[str] = []
    parser = XTermParser()
    for token in parser.feed("\x1b1\x1b[1;3B\x1bb"):
        keys.append(getattr(token, "key", ""))
    # ESC b stays ctrl+left (readline's word-left): the key map uses no alt+b
    assert keys == ["alt+1", "alt+down", "ctrl+left"]
    assert all("alt+b" not in spec.keys.split(",") for spec in ALL_KEYS)
