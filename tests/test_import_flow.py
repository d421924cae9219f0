"""`tmbuilder import` end to end: counts, edits from a CAT tool, --apply, broken and big files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import seed_project_dir
from tmbuilder.cli import main
from tmbuilder.formats.tmx import write_tmx
from tmbuilder.model import MemoryUnit, Status
from tmbuilder.pipeline import imports
from tmbuilder.project import Project
from tmbuilder.store.sqlite import SqliteStore

XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A built project on copies of the seeds, MT off, nothing translated yet."""
    seed_project_dir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "docs"), "-p", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _memory_tmx(path: Path) -> Path:
    old, newer, newest = "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"
    units = [
        MemoryUnit("Hai nước hợp tác.", "The two countries cooperate.", changed_at=old),
        MemoryUnit("Hai nước hợp tác.", "The two countries cooperate.", changed_at=newer),
        MemoryUnit("Hai nước hợp tác.", "Both countries work together.", changed_at=newest),
        MemoryUnit("Quan hệ đặc biệt.", "A special relationship."),
    ]
    write_tmx(units, path)
    return path


def test_import_reports_what_it_read_merged_and_kept(project: Path) -> None:
    tmx = _memory_tmx(project / "memory.tmx")
    code, out, _ = _run("import", str(tmx), "-p", str(project))
    assert code == 0
    assert (
        f"{tmx}: 4 units read, 3 added, 1 duplicates merged, 1 alternative translations kept" in out
    )
    # Importing the same file again adds nothing: everything is a duplicate now.
    code, out, _ = _run("import", str(tmx), "-p", str(project))
    assert "4 units read, 0 added, 4 duplicates merged, 0 alternative" in out
    with closing(Project(project)) as p:
        assert p.store.memory_count() == 3


def test_xliff_finished_in_a_cat_tool_comes_back_with_its_edits(project: Path) -> None:
    out_dir = project / "handoff"
    assert _run("export", "xliff", "-o", str(out_dir), "-p", str(project))[0] == 0
    xlf = sorted(out_dir.rglob("*.xlf"))[0]
    tree = etree.parse(str(xlf))
    unit = tree.find(f".//{XLIFF}trans-unit")
    assert unit is not None
    source = unit.findtext(f"{XLIFF}source")
    target = unit.find(f"{XLIFF}target")
    assert target is not None and target.get("state") == "needs-translation"
    target.text = "A translation finished in the CAT tool."
    target.set("state", "translated")  # what OmegaT or Trados writes for a confirmed unit
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")

    code, out, _ = _run("import", str(xlf), "-p", str(project))
    assert code == 0, out
    assert "1 project segments updated from the imported files" in out
    with closing(Project(project)) as p:
        (seg,) = [s for s in p.store.segments() if s.source == source]
        assert seg.target == "A translation finished in the CAT tool."
        assert seg.status == Status.TRANSLATED
        assert p.store.history(seg.id)[-1].new_target == seg.target
        untouched = [s for s in p.store.segments() if s.id != seg.id]
        assert all(s.target == "" and s.status == Status.NEW for s in untouched)


def test_apply_makes_a_translators_bilingual_file_the_reviewed_translation(
    project: Path,
) -> None:
    with closing(Project(project)) as p:
        first = p.store.segments()[0]
    tsv = project / "done.tsv"
    tsv.write_text(f"{first.source}\tThe finished translation.\n", encoding="utf-8")
    code, out, _ = _run("import", str(tsv), "--apply", "reviewed", "-p", str(project))
    assert code == 0, out
    with closing(Project(project)) as p:
        seg = p.store.segment(first.id)
        assert (seg.target, seg.status) == ("The finished translation.", Status.REVIEWED)


def test_a_truncated_tmx_imports_nothing_and_says_so_in_one_line(project: Path) -> None:
    good = _memory_tmx(project / "memory.tmx")
    data = good.read_bytes()
    broken = project / "broken.tmx"
    broken.write_bytes(data[: data.rindex(b"<tu ")])  # the last unit and the end are cut off
    code, _, err = _run("import", str(good), str(broken), "-p", str(project))
    assert code != 0
    assert err.count("\n") == 1 and str(broken) in err and "Traceback" not in err
    with closing(Project(project)) as p:
        # All files or none (issue 14): the good file given with it is not committed either.
        assert p.store.memory_count() == 0


class _Spy:
    """How many bulk transactions the store was asked for."""

    calls = 0


@pytest.fixture
def bulk_spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Spy]:
    spy = _Spy()
    original = SqliteStore.bulk_transaction

    def counted(store: SqliteStore) -> AbstractContextManager[None]:
        spy.calls += 1
        return original(store)

    monkeypatch.setattr(SqliteStore, "bulk_transaction", counted)
    yield spy


def test_a_big_file_is_imported_in_the_bulk_transaction(
    project: Path, bulk_spy: _Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmx = _memory_tmx(project / "memory.tmx")
    monkeypatch.setattr(imports, "BULK_BYTES", tmx.stat().st_size)
    code, out, _ = _run("import", str(tmx), "-p", str(project))
    assert code == 0, out
    assert bulk_spy.calls == 1
    with closing(Project(project)) as p:
        assert p.store.memory_count() == 3
        assert p.store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_small_file_keeps_wal_and_its_concurrent_readers(project: Path, bulk_spy: _Spy) -> None:
    tmx = _memory_tmx(project / "memory.tmx")
    assert tmx.stat().st_size < imports.BULK_BYTES
    assert _run("import", str(tmx), "-p", str(project))[0] == 0
    assert bulk_spy.calls == 0
