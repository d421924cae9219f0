"""bigimport/parts: a TMX import on two cores stores exactly what a whole read stores.

PARTS_BYTES is lowered so that small files take the two-core path; every test compares it
with the one-process path on the same file.
"""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import seed_project_dir
from tmbuilder.bigimport import parts as import_parts
from tmbuilder.cli import main
from tmbuilder.errors import FormatError
from tmbuilder.formats.tmx import write_tmx
from tmbuilder.model import MemoryUnit, Status
from tmbuilder.pipeline.imports import ImportReport, import_files
from tmbuilder.project import Project

REPO = Path(__file__).resolve().parent.parent
PARTS_BYTES = import_parts.PARTS_BYTES


@pytest.fixture
def finishes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Stage files the helper handed over: proof the two-core path was taken."""
    seen: list[Path] = []
    finish = import_parts.TailReading.finish

    def spy(self: import_parts.TailReading) -> Path:
        stage = finish(self)
        seen.append(stage)
        return stage

    monkeypatch.setattr(import_parts.TailReading, "finish", spy)
    return seen


def _import(root: Path, tmx: Path, *, parts: bool, **options: object) -> tuple[ImportReport, list]:
    import_parts.PARTS_BYTES = 0 if parts else 1 << 62
    try:
        with closing(Project(root)) as project:
            report = import_files(project, [tmx], **options)  # type: ignore[arg-type]
            return report, list(project.store.memory_units())
    finally:
        import_parts.PARTS_BYTES = PARTS_BYTES


def _memory(count: int) -> list[MemoryUnit]:
    """Units whose duplicates and alternatives straddle the middle of the file."""
    units = []
    for i in range(count):
        source = f"Câu {i % (count // 2)} về quan hệ hai nước."
        target = f"Sentence {i % (count // 2)}." if i % 3 else f"Other {i}."
        units.append(
            MemoryUnit(
                source,
                target,
                tuid=str(i),
                created_at="2024-01-01T00:00:00Z",
                changed_at=f"2025-01-{1 + i % 28:02d}T00:00:00Z",
                props=(("x-document", "elsewhere.txt"),),
            )
        )
    return units


def test_two_cores_store_what_one_does(tmp_path: Path, finishes: list[Path]) -> None:
    tmx = tmp_path / "m.tmx"
    write_tmx(_memory(2000), tmx)
    whole, whole_rows = _import(tmp_path / "a", tmx, parts=False)
    assert finishes == []
    parted, parted_rows = _import(tmp_path / "b", tmx, parts=True)
    assert len(finishes) == 1
    # Same rows, ids, order, merged dates and alternatives, so the same lookups and exports.
    assert parted_rows == whole_rows
    assert (parted.read, parted.added, parted.duplicates, parted.alternatives) == (
        whole.read,
        whole.added,
        whole.duplicates,
        whole.alternatives,
    )
    assert whole.duplicates > 0 and whole.alternatives > 0
    # The stage file is gone once the import is done.
    assert not list((tmp_path / "b" / ".tmbuilder").glob("import-stage-*"))


def test_units_naming_project_documents_come_back_from_both_parts(
    tmp_path: Path, finishes: list[Path]
) -> None:
    """--apply reviewed with the seeds' memory: every segment, in either half, is updated."""
    results = []
    for name, parts in (("whole", False), ("parts", True)):
        (tmp_path / name).mkdir()
        root = seed_project_dir(tmp_path / name)
        built = CliRunner().invoke(main, ["build", str(root / "docs"), "-p", str(root)])
        assert built.exit_code == 0, built.output
        report, _ = _import(
            root, REPO / "tmx" / "vi-VN_en-US.tmx", parts=parts, apply_status=Status.REVIEWED
        )
        with closing(Project(root)) as project:
            targets = [(s.source, s.target, s.status) for s in project.store.segments()]
        results.append((report.applied, targets))
    assert len(finishes) == 1
    assert results[0] == results[1]
    assert results[1][0] > 0
    assert {status for _, _, status in results[1][1]} == {Status.REVIEWED}


def test_a_failing_helper_falls_back_to_one_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmx = tmp_path / "m.tmx"
    write_tmx(_memory(600), tmx)
    _, expected = _import(tmp_path / "a", tmx, parts=False)
    monkeypatch.setattr(sys, "executable", "/bin/false")  # the helper dies at once
    report, rows = _import(tmp_path / "b", tmx, parts=True)
    assert rows == expected
    assert report.read == 600


def test_a_broken_file_gets_the_real_error_and_nothing_is_stored(
    tmp_path: Path, finishes: list[Path]
) -> None:
    tmx = tmp_path / "m.tmx"
    write_tmx(_memory(600), tmx)
    data = tmx.read_bytes()
    tmx.write_bytes(data[: len(data) * 3 // 4])  # truncated in the tail part
    messages = []
    for name, parts in (("a", False), ("b", True)):
        with pytest.raises(FormatError) as caught:
            _import(tmp_path / name, tmx, parts=parts)
        messages.append(str(caught.value))
        with closing(Project(tmp_path / name)) as project:
            assert project.store.memory_count() == 0
    # The whole read's message, line number included, not the part's.
    assert messages[0] == messages[1]
    assert not list((tmp_path / "b" / ".tmbuilder").glob("import-stage-*"))


def test_two_cores_count_skips_and_languages_as_one_does(
    tmp_path: Path, finishes: list[Path]
) -> None:
    from tmbuilder.formats.reading import EMPTY, SOURCE_COPY

    units = _memory(2000)
    # Spread units that are no translation over both halves, and an English-French one.
    units[10] = MemoryUnit("Trống", "")
    units[1500] = MemoryUnit("OK", "OK")
    units[1900] = MemoryUnit("Hello", "Bonjour", "en", "fr")
    tmx = tmp_path / "m.tmx"
    write_tmx(units, tmx)
    for root in (tmp_path / "a", tmp_path / "b"):
        root.mkdir()
        (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    whole, whole_rows = _import(tmp_path / "a", tmx, parts=False)
    parted, parted_rows = _import(tmp_path / "b", tmx, parts=True)
    assert len(finishes) == 1
    assert parted_rows == whole_rows
    (w,), (p,) = whole.details, parted.details
    assert p.counts.skipped == w.counts.skipped == {EMPTY: 1, SOURCE_COPY: 1}
    assert p.counts.languages == w.counts.languages
    assert p.usable == w.usable == 1997 and p.units_read == w.units_read == 2000
