"""No leftovers: what a `kill -9` leaves is removed at the next start, and export temporaries
never live where git would see them (issue 14)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from tmbuilder.cli import main
from tmbuilder.formats.atomic import TEMP_SUFFIX
from tmbuilder.leftovers import GRACE
from tmbuilder.project import Project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SEEDS, root / "seeds")
    (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root / "seeds"), "-p", str(root)])
    assert result.exit_code == 0, result.output
    return root


def _child(code: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env)


def _killed_mid_write(target: Path) -> None:
    """A process killed (-9) halfway through writing `target` atomically."""
    child = _child(
        f"""
        import os, signal
        from pathlib import Path
        from tmbuilder.formats.atomic import atomic_text
        with atomic_text(Path({str(target)!r})) as out:
            out.write("<tmx>" * 10000)
            out.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    assert child.wait(timeout=60) == -signal.SIGKILL


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_killed_export_leaves_nothing_git_sees_and_is_cleaned_at_next_start(
    project: Path,
) -> None:
    target = project / "tmx" / "vi-VN_en-US.tmx"
    before = target.read_bytes()
    _killed_mid_write(target)
    assert _hidden(project / "tmx") == []  # nothing for `git add tmx/` to pick up
    assert target.read_bytes() == before  # the old export is intact
    left = list((project / ".tmbuilder" / "tmp").glob(f"*{TEMP_SUFFIX}"))
    assert len(left) == 1
    time.sleep(GRACE + 0.2)
    with closing(Project(project)) as p:
        p.store.stats()  # the next start
    assert list((project / ".tmbuilder" / "tmp").iterdir()) == []


def test_a_live_writers_temporary_is_left_alone(project: Path) -> None:
    target = project / "tmx" / "other.tmx"
    child = _child(
        f"""
        import sys, time
        from pathlib import Path
        from tmbuilder.formats.atomic import atomic_text
        with atomic_text(Path({str(target)!r})) as out:
            out.write("x")
            out.flush()
            print("ready", flush=True)
            time.sleep(60)
        """
    )
    tmp = project / ".tmbuilder" / "tmp"
    deadline = time.monotonic() + 30
    while not list(tmp.glob(f"*{TEMP_SUFFIX}")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(GRACE + 0.2)
    try:
        with closing(Project(project)) as p:
            p.store.stats()
        assert len(list(tmp.glob(f"*{TEMP_SUFFIX}"))) == 1  # still being written: kept
    finally:
        child.kill()
        child.wait()
    time.sleep(0.1)
    with closing(Project(project)) as p:
        p.store.stats()
    assert list(tmp.glob(f"*{TEMP_SUFFIX}")) == []


def test_a_killed_imports_stage_folder_is_removed_at_next_start(project: Path) -> None:
    # The importer holds the stage folder's lock as TailReading does, and is killed.
    child = _child(
        f"""
        import os, signal, tempfile
        from pathlib import Path
        from tmbuilder.leftovers import FolderLock
        from tmbuilder.bigimport.stage import STAGE_PREFIX
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir={str(project / ".tmbuilder")!r}))
        lock = FolderLock(stage)
        (stage / "tail.db").write_bytes(b"0" * 100000)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    assert child.wait(timeout=60) == -signal.SIGKILL
    assert len(list((project / ".tmbuilder").glob("import-stage-*"))) == 1
    time.sleep(GRACE + 0.2)
    with closing(Project(project)) as p:
        p.store.stats()
    assert list((project / ".tmbuilder").glob("import-stage-*")) == []


def test_outside_a_project_the_hidden_temporary_is_cleaned_by_the_next_export(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "elsewhere" / "memory.tmx"
    out.parent.mkdir()
    _killed_mid_write(out)
    assert len(_hidden(out.parent)) == 1 and _hidden(out.parent)[0].endswith(TEMP_SUFFIX)
    time.sleep(GRACE + 0.2)
    result = CliRunner().invoke(
        main, ["export", "tmx", "-o", str(out), "--status", "all", "-p", str(project)]
    )
    assert result.exit_code == 0, result.output
    assert _hidden(out.parent) == [] and out.is_file()


def test_export_in_a_folder_that_is_no_project_creates_no_store(tmp_path: Path) -> None:
    for command in (["tmx", "-o", "x.tmx"], ["po", "-o", "x.po"], ["xliff", "-o", "out"]):
        result = CliRunner().invoke(main, ["export", *command, "-p", str(tmp_path)])
        assert result.exit_code != 0
        assert result.stderr == (
            f"tmbuilder: error: {tmp_path}: no tmbuilder project here; "
            "run `tmbuilder build` first\n"
        )
    assert list(tmp_path.iterdir()) == []
