"""The seeds' reviewed memory in tmx/: complete, reviewed, and accepted by real CAT-tool readers.

- every seed segment has a reviewed English translation in tmx/vi-VN_en-US.tmx;
- a fresh build of seeds/ restores every translation from it (the store is rebuilt from files);
- OmegaT (Debian's package, headless console-translate) auto-translates the seeds from it;
- translate-toolkit reads it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from omegat_project import console_translate, make_project
from tmbuilder.cli import main
from tmbuilder.formats.tmx import read_tmx
from tmbuilder.model import Status
from tmbuilder.project import Project

REPO = Path(__file__).resolve().parent.parent
SEEDS_TMX = REPO / "tmx" / "vi-VN_en-US.tmx"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A fresh clone's build: seeds/ and tmx/ copied, no store, MT off (offline here)."""
    root = tmp_path_factory.mktemp("fresh-clone")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "tmx", root / "tmx")
    (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root / "seeds"), "-p", str(root)])
    assert result.exit_code == 0, result.output
    return Project(root)


def test_every_seed_segment_is_reviewed_from_the_committed_tmx(rebuilt: Project) -> None:
    segments = rebuilt.store.segments()
    assert len(segments) >= 60
    not_done = [s.source for s in segments if s.status != Status.REVIEWED or not s.target]
    assert not_done == []


def test_committed_tmx_is_what_the_build_exports(rebuilt: Project) -> None:
    committed = [(u.source, u.target) for u in read_tmx(SEEDS_TMX)]
    exported = [(u.source, u.target) for u in read_tmx(rebuilt.tmx_dir / SEEDS_TMX.name)]
    assert committed == exported
    assert all(u.prop("x-status") == "reviewed" for u in read_tmx(SEEDS_TMX))


def test_omegat_auto_translates_the_seeds_from_our_tmx(tmp_path: Path) -> None:
    make_project(tmp_path / "omegat")
    for seed in (REPO / "seeds").glob("*.txt"):
        shutil.copy(seed, tmp_path / "omegat" / "source" / seed.name)
    shutil.copy(SEEDS_TMX, tmp_path / "omegat" / "tm" / "auto" / SEEDS_TMX.name)
    run = console_translate(tmp_path / "omegat", home=tmp_path)
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-2000:]
    assert "Reading of TMX file complete" in log
    assert "TMXR_WARNING" not in log and "TMXR_ERROR" not in log
    targets = sorted((tmp_path / "omegat" / "target").glob("*.txt"))
    translated = "\n".join(p.read_text(encoding="utf-8") for p in targets)
    units = list(read_tmx(SEEDS_TMX))
    found = [u for u in units if u.target in translated]
    # OmegaT segments with its own default rules; where they agree with ours (nearly
    # everywhere) the sentence comes out in our English.
    assert len(found) >= 0.9 * len(units), [u.source for u in units if u not in found]


def test_translate_toolkit_reads_our_tmx() -> None:
    from translate.storage.tmx import tmxfile

    store = tmxfile.parsefile(str(SEEDS_TMX))
    ours = list(read_tmx(SEEDS_TMX))
    assert len(store.units) == len(ours)
    assert [u.source for u in store.units] == [u.source for u in ours]
    assert [u.target for u in store.units] == [u.target for u in ours]
