"""A TMX import into a PostgreSQL project, on one core or two, stores what SQLite stores."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from tmbuilder.bigimport import parts as import_parts
from tmbuilder.formats.tmx import write_tmx
from tmbuilder.model import MemoryUnit
from tmbuilder.pipeline.imports import ImportReport, import_files
from tmbuilder.project import Project


def _memory(count: int) -> list[MemoryUnit]:
    """Units whose duplicates and alternatives straddle the middle of the file."""
    return [
        MemoryUnit(
            f"Câu {i % (count // 2)} về quan hệ hai nước.",
            f"Sentence {i % (count // 2)}." if i % 3 else f"Other {i}.",
            tuid=str(i),
            created_at="2024-01-01T00:00:00Z",
            changed_at=f"2025-01-{1 + i % 28:02d}T00:00:00Z",
            props=(("x-document", "elsewhere.txt"),),
            notes=("ghi chú",) if i % 5 == 0 else (),
        )
        for i in range(count)
    ]


def _import(root: Path, tmx: Path) -> tuple[ImportReport, list[tuple[int, MemoryUnit]]]:
    root.mkdir()
    with closing(Project(root)) as project:
        report = import_files(project, [tmx])
        return report, list(project.store.memory_units())


@pytest.mark.parametrize("parts", [False, True], ids=["one-core", "two-cores"])
def test_postgres_import_stores_what_sqlite_stores(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch, parts: bool
) -> None:
    tmx = tmp_path / "m.tmx"
    write_tmx(_memory(3000), tmx)
    local, local_rows = _import(tmp_path / "local", tmx)
    monkeypatch.setenv("TMBUILDER_STORE_URL", pg_url)
    stages: list[Path] = []
    if parts:
        monkeypatch.setattr(import_parts, "PARTS_BYTES", 0)
        finish = import_parts.TailReading.finish

        def spy(self: import_parts.TailReading) -> Path:
            stages.append(finish(self))
            return stages[-1]

        monkeypatch.setattr(import_parts.TailReading, "finish", spy)
    team, team_rows = _import(tmp_path / "team", tmx)
    assert len(stages) == int(parts)  # the two-core path was taken when asked for
    assert team_rows == local_rows
    assert (team.read, team.added, team.duplicates, team.alternatives) == (
        local.read,
        local.added,
        local.duplicates,
        local.alternatives,
    )
    assert local.duplicates > 0 and local.alternatives > 0
    assert not list((tmp_path / "team" / ".tmbuilder").glob("import-stage-*"))
