"""Shared by the fault suites (tests/test_faults_*.py): a real project, a checker of what must
hold after any fault, and tmbuilder run as a child process that can be killed.

The project holds the real seed articles under seeds/, untranslated but for a few confirmed
edits of a reviewer that no fault may lose. The memory the imports read is the repository's
reviewed memory of the seeds (tmx/), its units numbered so that many copies stay distinct.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from click.testing import CliRunner

from conftest import REPO, SEEDS
from tmbuilder.cli import main
from tmbuilder.formats.atomic import TEMP_SUFFIX
from tmbuilder.formats.tmx import read_tmx, write_tmx
from tmbuilder.leftovers import GRACE
from tmbuilder.model import MemoryUnit, Status
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange

LONG = bool(os.environ.get("TMBUILDER_LONG"))
MEMORY = REPO / "tmx" / "vi-VN_en-US.tmx"
CONFIG = '[engine]\nname = "none"\n[build]\nglossary = false\n'


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def make_project(root: Path) -> dict[int, str]:
    """A project at `root`; returns the reviewer's confirmed edits (segment id -> target)."""
    shutil.copytree(SEEDS, root / "seeds")
    (root / "tmbuilder.toml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root / "seeds"), "-p", str(root)])
    assert result.exit_code == 0, result.output
    confirmed: dict[int, str] = {}
    with closing(Project(root)) as p:
        for seg in p.store.segments()[::7]:
            text = f"{seg.target or seg.source} (confirmed)"
            p.store.update_unit(UnitChange(seg.id, text, Status.REVIEWED, "human", "reviewer"))
            confirmed[seg.id] = text
    return confirmed


def big_memory(path: Path, copies: int) -> int:
    """The real memory's units `copies` times, each numbered: distinct units; returns count."""
    units = list(read_tmx(MEMORY))
    out = [
        MemoryUnit(f"{u.source} [{n}]", f"{u.target} [{n}]", u.src_lang, u.tgt_lang)
        for n in range(copies)
        for u in units
    ]
    write_tmx(out, path)
    return len(out)


@dataclass
class Child:
    process: subprocess.Popen[str]
    started: float
    out: IO[str]

    def kill_after(self, seconds: float) -> bool:
        """SIGKILL after `seconds` (True), unless it ended before (False)."""
        try:
            self.process.wait(timeout=max(0.0, self.started + seconds - time.monotonic()))
            return False
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return True

    def output(self) -> str:
        """What it printed (to a file, not a pipe: a full pipe would stall it)."""
        self.out.seek(0)
        return self.out.read()


def _start(argv: list[str], preexec: object) -> Child:
    out = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - outlives this call
    process = subprocess.Popen(
        argv,
        stdout=out,
        stderr=subprocess.STDOUT,
        text=True,
        env=env(),
        preexec_fn=preexec,  # type: ignore[arg-type]
    )
    return Child(process, time.monotonic(), out)


def tmbuilder(*args: str, preexec: object = None) -> Child:
    return _start([sys.executable, "-m", "tmbuilder", *args], preexec)


def python(code: str, preexec: object = None) -> Child:
    return _start([sys.executable, "-c", textwrap.dedent(code)], preexec)


REVIEW = """
    import sys
    from pathlib import Path
    from tmbuilder.project import Project
    from tmbuilder.review.session import ReviewSession
    project = Project(Path({root!r}))
    session = ReviewSession(project.store, author="{author}", segments=project.store.segments())
    session.pos = session.next_unreviewed()  # never over an edit the test already counts
    for n in range({count}):
        seg = session.current
        text = f"{{seg.source}} <{author} {{n}}>"
        more = session.confirm(text)
        print(f"confirmed {{seg.id}} {{text}}", flush=True)  # committed: it must survive
        if more is None:
            break
"""


def review(root: Path, author: str, count: int, preexec: object = None) -> Child:
    """A review session (review/, no UI) confirming `count` segments, saying each it did."""
    return python(REVIEW.format(root=str(root), author=author, count=count), preexec)


_CONFIRMED = re.compile(r"^confirmed (\d+) (.*)$", re.MULTILINE)


def confirmations(output: str) -> dict[int, str]:
    return {int(m[1]): m[2] for m in _CONFIRMED.finditer(output)}


def memory_by_origin(root: Path) -> dict[str, int]:
    with closing(sqlite3.connect(root / ".tmbuilder" / "project.db")) as db:
        return dict(db.execute("SELECT origin, COUNT(*) FROM memory GROUP BY origin").fetchall())


def check_after_fault(root: Path, confirmed: dict[int, str]) -> None:
    """What must hold after any fault, once the next run has started: the store is sound, no
    confirmed edit is lost or reverted, and nothing a killed run made is left behind."""
    time.sleep(GRACE + 0.1)  # leftovers younger than this are presumed alive
    with closing(Project(root)) as p:  # the next start
        store = p.store
        by_id = {s.id: s for s in store.segments(include_archived=True)}
        for seg_id, text in confirmed.items():
            seg = by_id[seg_id]
            assert (seg.target, seg.status) == (text, Status.REVIEWED), f"lost edit #{seg_id}"
    with closing(sqlite3.connect(root / ".tmbuilder" / "project.db")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    state = root / ".tmbuilder"
    assert list(state.glob("import-stage-*")) == []
    assert list(state.glob(f"tmp/*{TEMP_SUFFIX}")) == []
    for folder in (root / "tmx", root / "glossary"):
        if folder.is_dir():
            assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def check_tmx_whole(path: Path, expected_units: int | None = None) -> None:
    """An export is there whole (parses to the end) or not at all."""
    if path.exists():
        units = list(read_tmx(path))
        if expected_units is not None:
            assert len(units) == expected_units
