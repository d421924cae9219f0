"""Source folders are the project's: links out of it are skipped, FIFOs and sockets refused
at once (issue 14). Document text comes from the real seed articles."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from tmbuilder.cli import main
from tmbuilder.project import Project

SEED = sorted(SEEDS.glob("*.txt"))[0]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    shutil.copy(SEED, project / "src" / "article.txt")
    (project / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    return project


def _build(root: Path, *sources: Path) -> tuple[int, str]:
    # a child process with a deadline: a FIFO that is opened would block forever
    done = subprocess.run(
        [sys.executable, "-m", "tmbuilder", "build", *map(str, sources), "-p", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    return done.returncode, done.stdout + done.stderr


def _documents(root: Path) -> list[str]:
    with closing(Project(root)) as p:
        return [d.path for d in p.store.documents()]


def test_a_symlink_out_of_the_project_is_skipped_and_never_read(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    shutil.copy(SEED, secret)
    (root / "src" / "notes.txt").symlink_to(secret)
    (root / "src" / "passwd.txt").symlink_to("/etc/passwd")
    (root / "src" / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    code, out = _build(root, root / "src")
    assert code == 0, out
    assert _documents(root) == ["src/article.txt"]
    assert (
        f"{root / 'src' / 'notes.txt'}: skipped: a symlink to {secret}, outside the project" in out
    )
    assert "passwd.txt: skipped" in out and "elsewhere: skipped" in out


def test_a_symlink_inside_the_project_is_followed(root: Path) -> None:
    (root / "shared").mkdir()
    shutil.copy(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[1], root / "shared" / "b.txt")
    (root / "src" / "b.txt").symlink_to(root / "shared" / "b.txt")
    (root / "src" / "loop").symlink_to(root / "src", target_is_directory=True)
    result = CliRunner().invoke(main, ["build", str(root / "src"), "-p", str(root)])
    assert result.exit_code == 0, result.output
    assert _documents(root) == ["src/article.txt", "shared/b.txt"]


@pytest.mark.parametrize("named", [False, True])
def test_a_fifo_is_refused_at_once(root: Path, named: bool) -> None:
    fifo = root / "src" / "pipe.txt"
    os.mkfifo(fifo)
    code, out = _build(root, fifo if named else root / "src")
    assert code != 0
    assert out.strip() == f"tmbuilder: error: {fifo}: a FIFO, not a regular file: refused"
    assert not (root / ".tmbuilder" / "project.db").exists() or _documents(root) == []


def test_a_socket_is_refused_at_once(tmp_path: Path) -> None:
    # AF_UNIX paths are limited to ~100 bytes: a short folder of our own
    import tempfile

    short = Path(tempfile.mkdtemp(prefix="tmb-"))
    try:
        (short / "src").mkdir()
        shutil.copy(SEED, short / "src" / "a.txt")
        (short / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
        with closing(socket.socket(socket.AF_UNIX)) as sock:
            sock.bind(str(short / "src" / "s.md"))
            code, out = _build(short, short / "src")
        assert code != 0
        assert "s.md: a socket, not a regular file: refused" in out
        assert len(out.strip().splitlines()) == 1
    finally:
        shutil.rmtree(short)
