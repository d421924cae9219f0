"""`tmbuilder import a b c` commits all files or none; `--keep-going` each on its own (issue 14).

The memory is the repository's own reviewed TMX of the seed articles (tmx/), the broken file
a copy of it cut short, as a killed download or a full disk leaves it.
"""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, SEEDS
from tmbuilder.cli import main
from tmbuilder.project import Project

MEMORY = REPO / "tmx" / "vi-VN_en-US.tmx"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SEEDS, root / "seeds")
    (root / "tmbuilder.toml").write_text(
        '[engine]\nname = "none"\n[build]\nexport = false\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", str(root / "seeds"), "-p", str(root)])
    assert result.exit_code == 0, result.output
    return root


def _files(tmp_path: Path) -> tuple[Path, Path]:
    good = tmp_path / "good.tmx"
    shutil.copy(MEMORY, good)
    broken = tmp_path / "broken.tmx"
    data = MEMORY.read_bytes()
    broken.write_bytes(data[: len(data) * 2 // 3])
    return good, broken


def _state(root: Path) -> tuple[int, int]:
    with closing(Project(root)) as p:
        translated = sum(1 for s in p.store.segments() if s.target)
        return p.store.memory_count(), translated


def test_a_refused_second_file_leaves_the_first_uncommitted(project: Path, tmp_path: Path) -> None:
    good, broken = _files(tmp_path)
    before = _state(project)
    result = CliRunner().invoke(main, ["import", str(good), str(broken), "-p", str(project)])
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and str(broken) in result.stderr
    assert _state(project) == before == (0, 0)


def test_keep_going_imports_each_file_on_its_own_and_says_so(project: Path, tmp_path: Path) -> None:
    good, broken = _files(tmp_path)
    result = CliRunner().invoke(
        main, ["import", "--keep-going", str(broken), str(good), "-p", str(project)]
    )
    assert result.exit_code == 1
    assert f"{good}: 63 units read, 62 added, 1 duplicates merged" in result.stdout
    assert "(not imported; the other files were)" in result.stderr
    assert "1 of 2 files imported, 1 refused" in result.stderr
    memory, translated = _state(project)
    assert memory == 62 and translated == 63


def test_all_good_files_are_imported_together(project: Path, tmp_path: Path) -> None:
    good, _ = _files(tmp_path)
    other = tmp_path / "again.tmx"
    shutil.copy(good, other)
    result = CliRunner().invoke(main, ["import", str(good), str(other), "-p", str(project)])
    assert result.exit_code == 0, result.output
    assert _state(project) == (62, 63)
