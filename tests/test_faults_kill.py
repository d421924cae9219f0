"""kill -9 at random points of import, build, export, draft and review (issue 14).

After every kill the next start must find the store sound (`PRAGMA integrity_check`), every
confirmed edit in place, each import all or nothing, exports whole or untouched and no
leftovers. Kill points are drawn from a fixed seed per run (reproducible in CI); the delay
spans the command's own uninterrupted duration, measured once. `TMBUILDER_LONG=1` (or
`make faults`) kills each command eight times instead of once.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from faults_common import (
    LONG,
    Child,
    big_memory,
    check_after_fault,
    check_tmx_whole,
    confirmations,
    make_project,
    memory_by_origin,
    review,
    tmbuilder,
)
from mt_servers import MTServer

RUNS = 8 if LONG else 1


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[int, str]]]:
    root = tmp_path_factory.mktemp("faults") / "project"
    confirmed = make_project(root)
    big_memory(root.parent / "big-a.tmx", 30)
    big_memory(root.parent / "big-b.tmx", 31)
    yield root, confirmed


@pytest.fixture(scope="module")
def mt() -> Iterator[MTServer]:
    with MTServer("libre", delay=0.03) as server:
        yield server


def _copy(template: tuple[Path, dict[int, str]], where: Path) -> tuple[Path, dict[int, str]]:
    root, confirmed = template
    shutil.copytree(root, where / "project")
    for name in ("big-a.tmx", "big-b.tmx"):
        shutil.copy(root.parent / name, where / name)
    return where / "project", dict(confirmed)


def _commands(root: Path, mt: MTServer) -> dict[str, Callable[[], Child]]:
    folder = root.parent
    return {
        "import": lambda: tmbuilder(
            "import", str(folder / "big-a.tmx"), str(folder / "big-b.tmx"), "-p", str(root)
        ),
        "build": lambda: tmbuilder("build", "-p", str(root), "--engine", "none"),
        "export": lambda: tmbuilder("export", "tmx", "--status", "all", "-p", str(root)),
        "draft": lambda: tmbuilder("draft", "-p", str(root), "--engine", "libre", "--url", mt.url),
        "review": lambda: review(root, "killed-reviewer", 200),
    }


def _prepare(root: Path, command: str) -> None:
    if command == "build":  # give the build real work: an edited source file
        doc = sorted((root / "seeds").glob("*.txt"))[0]
        text = doc.read_text(encoding="utf-8")
        doc.write_text(text.replace("\n\n", "\n\nMột đoạn mới được thêm vào.\n\n", 1), "utf-8")


_DURATION: dict[str, float] = {}
_FULL: dict[str, dict[str, int]] = {}  # memory rows by file after an uninterrupted run


@pytest.mark.parametrize("run", range(RUNS))
@pytest.mark.parametrize("command", ["import", "build", "export", "draft", "review"])
def test_kill_9_loses_nothing_and_leaves_nothing(
    command: str,
    run: int,
    template: tuple[Path, dict[int, str]],
    mt: MTServer,
    tmp_path: Path,
) -> None:
    if command not in _DURATION:  # how long it takes when nobody kills it
        (tmp_path / "ref").mkdir()
        root, _ = _copy(template, tmp_path / "ref")
        _prepare(root, command)
        child = _commands(root, mt)[command]()
        assert child.process.wait(timeout=300) == 0, child.output()
        _DURATION[command] = time.monotonic() - child.started
        _FULL[command] = memory_by_origin(root)
    (tmp_path / "kill").mkdir()
    root, confirmed = _copy(template, tmp_path / "kill")
    _prepare(root, command)
    before = memory_by_origin(root)
    rng = random.Random(f"{command}-{run}")
    child = _commands(root, mt)[command]()
    killed = child.kill_after(rng.uniform(0.15, 0.95) * _DURATION[command])
    output = child.output()
    if command == "review":
        confirmed.update(confirmations(output))  # each printed one was committed: keep it
    check_after_fault(root, confirmed)
    check_tmx_whole(root / "tmx" / "vi-VN_en-US.tmx")
    if command == "import":
        after = memory_by_origin(root)
        # all or nothing across both files: before, or everything the uninterrupted run added
        assert after in (before, _FULL[command]), (killed, after)
        assert (after.get("big-a.tmx", 0) > 0) == (after.get("big-b.tmx", 0) > 0)


@pytest.mark.skipif(not LONG, reason="a 32 MB import: the long run only (make faults)")
def test_kill_9_during_a_two_core_import_leaves_no_stage_folder(
    template: tuple[Path, dict[int, str]], tmp_path: Path
) -> None:
    from tmbuilder.bigimport.memory_import import available_cpus
    from tmbuilder.bigimport.parts import PARTS_BYTES

    if available_cpus() < 2:
        pytest.skip("a two-core import needs two CPUs")
    root, confirmed = _copy(template, tmp_path)
    big = tmp_path / "huge.tmx"
    copies = 1
    while big_memory(big, copies) and big.stat().st_size < PARTS_BYTES:
        copies = copies * 2
    stages = root / ".tmbuilder"
    child = tmbuilder("import", str(big), "-p", str(root))
    deadline = time.monotonic() + 300
    while not list(stages.glob("import-stage-*")) and time.monotonic() < deadline:
        if child.process.poll() is not None:
            pytest.fail(f"the import ended before its helper started: {child.output()}")
        time.sleep(0.05)
    time.sleep(1.0)  # the helper is writing its stage file
    assert child.kill_after(0)
    assert len(list(stages.glob("import-stage-*"))) == 1  # what kill -9 leaves
    check_after_fault(root, confirmed)  # ... and the next start removes
    assert memory_by_origin(root) == {}
