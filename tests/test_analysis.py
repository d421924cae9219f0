"""`tmbuilder stats --analysis`: segments and words per match band, as a CAT tool counts them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tmbuilder.cli import main
from tmbuilder.model import MemoryUnit, Status
from tmbuilder.pipeline import build_sources
from tmbuilder.pipeline.analysis import analyse, band_of
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange

SENTENCES = [
    "Hai nước ký kết văn kiện hợp tác quan trọng.",  # exact in memory
    "Việt Nam và Lào tăng cường hợp tác toàn diện trong giai đoạn mới.",  # fuzzy in memory
    "Cuộc gặp diễn ra tại thủ đô Viêng Chăn chiều nay.",  # nothing like it
    "Hai nước ký kết văn kiện hợp tác quan trọng.",  # repetition of the first
]


def test_bands() -> None:
    assert [band_of(s) for s in (101, 100, 97, 90, 80, 60, 10)] == [
        "101%", "100%", "95–99%", "85–94%", "75–84%", "50–74%", "no match",
    ]  # fmt: skip


def _project(tmp_path: Path) -> Project:
    (tmp_path / "a.txt").write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    project = Project(tmp_path)
    build_sources(project, [tmp_path / "a.txt"])
    project.store.add_memory(
        [
            MemoryUnit(SENTENCES[0], "The two countries signed important documents."),
            MemoryUnit(
                "Việt Nam và Lào tăng cường hợp tác chiến lược trong giai đoạn mới.",
                "Vietnam and Laos step up strategic cooperation in the new period.",
            ),
        ],
        "old.tmx",
    )
    return project


def test_analysis_counts_each_band(tmp_path: Path) -> None:
    result = analyse(_project(tmp_path))
    segments = {band: row[0] for band, row in result.rows.items() if row[0]}
    assert segments == {"repetitions": 1, "100%": 1, "85–94%": 1, "no match": 1}
    assert result.total[0] == 4
    assert result.rows["repetitions"][1] == 10  # words of the repeated sentence


def test_a_reviewed_segment_does_not_match_itself(tmp_path: Path) -> None:
    project = _project(tmp_path)
    third = project.store.segments()[2]
    project.store.update_unit(UnitChange(third.id, "The meeting.", Status.REVIEWED, "human"))
    assert analyse(project).rows["no match"][0] == 1


def test_cli_analysis_json(tmp_path: Path) -> None:
    _project(tmp_path).close()
    result = CliRunner().invoke(main, ["stats", "--analysis", "--json", "-p", str(tmp_path)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["100%"] == {"segments": 1, "words": 10}
