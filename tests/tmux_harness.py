"""Drive `python -m tmbuilder review` inside a real tmux, pressing keys as raw bytes.

Pilot sends Textual key names; a terminal sends bytes, and Textual's parser decides what they
mean. This harness sends the bytes (`send-keys -H`, which tmux passes to the program in the
pane unchanged) and reads the screen back with `capture-pane -p`, so a key that a real
terminal cannot deliver, or that Textual decodes as something else, fails a test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tmbuilder.model import Segment
from tmbuilder.project import Project

TMUX = shutil.which("tmux")
SRC = Path(__file__).resolve().parent.parent / "src"

# What terminals send for each key in legacy mode (no kitty keyboard protocol): xterm with
# metaSendsEscape (alt as ESC prefix; Debian's default XTerm*metaSendsEscape is off, see the
# README), VTE (GNOME Terminal, Tilix), tmux 3.x with its default config (extended-keys off),
# Windows Terminal, and macOS Terminal with "Use Option as Meta key". For every key of the
# review key map these terminals agree byte for byte, which is why the map uses only them.
LEGACY_TERMINALS = ("xterm", "vte", "tmux", "windows-terminal", "macos-terminal")
KITTY = ("kitty protocol",)  # kitty, WezTerm, foot, Ghostty, iTerm2 with CSI u on

_NAMED: dict[str, bytes] = {
    "f1": b"\x1bOP",
    "f2": b"\x1bOQ",
    "f3": b"\x1bOR",
    "f4": b"\x1bOS",
    "f5": b"\x1b[15~",
    "f6": b"\x1b[17~",
    "f7": b"\x1b[18~",
    "f8": b"\x1b[19~",
    "f9": b"\x1b[20~",
    "f10": b"\x1b[21~",
    "f11": b"\x1b[23~",
    "f12": b"\x1b[24~",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "ctrl+up": b"\x1b[1;5A",
    "ctrl+down": b"\x1b[1;5B",
    "ctrl+right": b"\x1b[1;5C",
    "ctrl+left": b"\x1b[1;5D",
    "alt+up": b"\x1b[1;3A",
    "alt+down": b"\x1b[1;3B",
    "shift+tab": b"\x1b[Z",
    "ctrl+insert": b"\x1b[2;5~",
    "delete": b"\x1b[3~",
    "escape": b"\x1b",
    "enter": b"\r",
    "tab": b"\t",
    "question_mark": b"?",
    "slash": b"/",
}


def key_bytes(key: str) -> tuple[bytes, tuple[str, ...]]:
    """The bytes a terminal sends for a Textual key name, and which terminals send them.

    Keys that need the kitty keyboard protocol (ctrl+enter, ctrl+digit) come as CSI u, the
    only way any terminal sends them; every other key comes as the legacy terminals send it.
    """
    if key in _NAMED:
        return _NAMED[key], LEGACY_TERMINALS
    if key == "ctrl+enter":
        return b"\x1b[13;5u", KITTY
    if re.fullmatch(r"ctrl\+\d", key):
        return f"\x1b[{ord(key[-1])};5u".encode(), KITTY
    if re.fullmatch(r"ctrl\+[a-z]", key):
        return bytes([ord(key[-1]) - 96]), LEGACY_TERMINALS
    if re.fullmatch(r"alt\+[a-z0-9]", key):
        return b"\x1b" + key[-1].encode(), LEGACY_TERMINALS
    if re.fullmatch(r"[a-z0-9]", key):
        return key.encode(), LEGACY_TERMINALS
    raise KeyError(f"no byte encoding known for {key!r}: add it to tests/tmux_harness.py")


class Review:
    """One `tmbuilder review` in a detached tmux session on a private server (-L)."""

    def __init__(self, root: Path, *, width: int = 120, height: int = 40) -> None:
        assert TMUX is not None
        self.root = root
        self.socket = f"tmbuilder-test-{uuid.uuid4().hex[:10]}"
        self.size = (width, height)

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, ready: str = "─ Target ─", args: str = "review") -> None:
        """Run `python -m tmbuilder ARGS -p ROOT` in the pane; wait until `ready` shows."""
        env = dict(os.environ)
        # the tree under test first, as the suite runs it (PYTHONPATH=$PWD/src)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p
        )
        command = f"{sys.executable} -m tmbuilder {args} -p {self.root}"
        width, height = self.size
        subprocess.run(
            [
                *(TMUX or "tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d"),
                *("-x", str(width), "-y", str(height), "-s", "review", command),
                *(";", "set-option", "-g", "remain-on-exit", "on"),
            ],
            env=env,
            check=True,
            timeout=20,
        )
        self.wait_for(ready, timeout=30)

    def close(self) -> None:
        subprocess.run(
            [TMUX or "tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False
        )

    # -- input ---------------------------------------------------------------------------------
    def send(self, data: bytes) -> None:
        self.tmux("send-keys", "-t", "review", "-H", *[f"{b:02x}" for b in data])
        if data == b"\x1b":
            time.sleep(0.3)  # a lone ESC is a key only after Textual's escape delay (100 ms)

    def press(self, key: str) -> None:
        self.send(key_bytes(key)[0])

    def type(self, text: str) -> None:
        self.send(text.encode("utf-8"))

    # -- output --------------------------------------------------------------------------------
    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "review")

    def dead(self) -> bool:
        return self.tmux("list-panes", "-t", "review", "-F", "#{pane_dead}").strip() == "1"

    def wait_for(
        self, what: str | Callable[[str], bool], *, timeout: float = 15.0, why: str = ""
    ) -> str:
        """Poll the screen until `what` (text on it, or a test of it) holds."""
        test = (lambda s: what in s) if isinstance(what, str) else what
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.1)
        label = what if isinstance(what, str) else why or "condition"
        raise AssertionError(f"waited {timeout:g}s for {label!r}; the screen:\n{screen}")

    def wait_store(self, test: Callable[[list[Segment]], bool], *, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        rows: list[Segment] = []
        while time.monotonic() < deadline:
            rows = self.rows()
            if test(rows):
                return
            time.sleep(0.15)
        raise AssertionError(
            "store never reached the expected state: "
            + "; ".join(f"{s.status.value}:{s.target[:30]!r}" for s in rows)
            + "\n"
            + self.screen()
        )

    def rows(self) -> list[Segment]:
        project = Project(self.root)
        try:
            return project.store.segments()
        finally:
            project.close()


def pane_text(screen: str, title: str) -> str:
    """The text inside the bordered pane titled `title` (e.g. "Target"), lines joined."""
    lines = screen.splitlines()
    for i, line in enumerate(lines):
        at = line.find(f"─ {title} ─")
        if at < 0:
            continue
        left = line.rfind("╭", 0, at)
        right = line.find("╮", at)
        body = []
        for below in lines[i + 1 :]:
            if below[left : left + 1] == "╰":
                break
            body.append(below[left + 1 : right].strip(" │"))
        return " ".join(" ".join(body).split())
    return ""


def info_line(screen: str) -> str:
    """The segment-info line under the target: "#3 draft · mt:google …"."""
    found = re.search(r"#\d[\d,]* (new|draft|translated|reviewed|rejected)[^\n│╰]*", screen)
    return found.group(0) if found else ""
