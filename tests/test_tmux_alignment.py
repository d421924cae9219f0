"""The alignment review screen in a real tmux, keys pressed as the bytes terminals send."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tmbuilder.cli import main
from tmbuilder.project import Project
from tmbuilder.tui.alignment_app import ALIGNMENT_KEYS
from tmux_harness import TMUX, Review

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make install-test)")

DATA = Path(__file__).parent / "data" / "align"

# The bytes every legacy terminal sends for the screen's keys: plain characters and Enter.
BYTES = {
    "c": b"c",
    "enter": b"\r",
    "w": b"w",
    "m": b"m",
    "s": b"s",
    "left_square_bracket": b"[",
    "right_square_bracket": b"]",
    "left_curly_bracket": b"{",
    "right_curly_bracket": b"}",
    "q": b"q",
}


@pytest.fixture()
def aligned(tmp_path: Path) -> Path:
    vi = (DATA / "lo-basic-properties.vi.txt").read_text(encoding="utf-8").splitlines()[:10]
    en = (DATA / "lo-basic-properties.en.txt").read_text(encoding="utf-8").splitlines()[:10]
    (tmp_path / "p.txt").write_text("\n".join(vi), encoding="utf-8")
    (tmp_path / "p.en.txt").write_text("\n".join(en), encoding="utf-8")
    root = tmp_path / "proj"
    root.mkdir()
    (root / "doc.txt").write_text("Xin chào.\n", encoding="utf-8")
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["build", str(root / "doc.txt"), "-p", str(root), "-e", "none"]
        ).exit_code
        == 0
    )
    args = [
        "align",
        str(tmp_path / "p.txt"),
        str(tmp_path / "p.en.txt"),
        "--segmented",
        "-p",
        str(root),
    ]
    assert runner.invoke(main, args).exit_code == 0
    return root


def pairs(root: Path) -> list[tuple[str, str]]:
    project = Project(root)
    try:
        return [(p.kind, str(p.status)) for p in project.store.alignment("p.txt").pairs]
    finally:
        project.close()


def test_every_alignment_key_reaches_the_screen_as_terminal_bytes(aligned: Path) -> None:
    keys = {k for spec, _a, _l in ALIGNMENT_KEYS for k in spec.split(",")}
    assert keys == set(BYTES), "a key of the alignment screen has no byte test"
    pane = Review(aligned, width=120, height=30)
    try:
        pane.start("Vietnamese", args="alignments p.txt --review")
        n = len(pairs(aligned))
        pane.send(BYTES["c"])  # the first row is confirmed
        pane.wait_for("reviewed")
        assert ("1-1", "reviewed") in pairs(aligned)
        pane.send(BYTES["enter"])  # the next row too
        _wait(lambda: sum(s == "reviewed" for _k, s in pairs(aligned)) == 2)
        pane.send(BYTES["m"])
        _wait(lambda: len(pairs(aligned)) == n - 1)
        pane.send(BYTES["s"])
        _wait(lambda: len(pairs(aligned)) == n)
        pane.send(BYTES["left_square_bracket"])
        _wait(lambda: any(k == "1-2" for k, _s in pairs(aligned)))
        pane.send(BYTES["right_square_bracket"])
        _wait(lambda: all(k == "1-1" for k, _s in pairs(aligned)))
        pane.send(BYTES["left_curly_bracket"])
        _wait(lambda: any(k == "2-1" for k, _s in pairs(aligned)))
        pane.send(BYTES["right_curly_bracket"])
        _wait(lambda: all(k == "1-1" for k, _s in pairs(aligned)))
        pane.send(BYTES["w"])
        _wait(lambda: any(s == "wrong" for _k, s in pairs(aligned)))
        pane.send(BYTES["q"])
        _wait(pane.dead)
    finally:
        pane.close()


def _wait(test: object, timeout: float = 15.0) -> None:
    import time

    assert callable(test)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return
        time.sleep(0.15)
    raise AssertionError("the key had no effect in time")
