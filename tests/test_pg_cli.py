"""The CLI end to end on a PostgreSQL project: same commands, same answers as on SQLite.

A seed project is built (MT off), the repository's reviewed TMX imported and applied, then
`stats`, `search`, `draft`, `export tmx`/`po`, `glossary set`/`import`/`list`/`check`,
`concordance` and `qa` run on a
SQLite project and on a PostgreSQL one;
their outputs must agree (dates and the project path aside).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, seed_project_dir
from tmbuilder.cli import main

MEMORY = REPO / "tmx" / "vi-VN_en-US.tmx"  # the seeds' reviewed translations
# Real OmegaT glossaries (tests/data/real/glossary/SOURCES.md), the CSV repeating TSV terms.
GLOSSARIES = [
    str(REPO / "tests" / "data" / "real" / "glossary" / name)
    for name in ("omegat-test.tab", "omegat-test.csv")
]
# A seed sentence with two words changed: a fuzzy match, not an exact one.
QUERY = (
    "Trong khuôn khổ chuyến thăm cấp Nhà nước tới Lào của Tổng Bí thư Tô Lâm, chiều 3-12, "
    "tại thủ đô Viêng Chăn đã diễn ra cuộc gặp giữa Đảng Cộng sản Việt Nam và Đảng Nhân dân "
    "Cách mạng Lào do Tổng Bí thư Tô Lâm và Chủ tịch nước Lào Thongloun Sisoulith đồng chủ trì."
)
_DATES = re.compile(r'(creationdate|changedate)="[0-9TZ]+"')
_PO_DATES = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\dZ|[+-]\d{4})")


def _session(root: Path, monkeypatch: pytest.MonkeyPatch, url: str) -> dict[str, str]:
    if url:
        monkeypatch.setenv("TMBUILDER_STORE_URL", url)
    else:
        monkeypatch.delenv("TMBUILDER_STORE_URL", raising=False)
    runner = CliRunner()
    out: dict[str, str] = {}

    def run(name: str, *args: str, codes: tuple[int, ...] = (0,)) -> None:
        result = runner.invoke(main, [*args, "-p", str(root)], catch_exceptions=False)
        assert result.exit_code in codes, result.output
        out[name] = result.stdout.replace(str(root), "<project>")

    run("build", "build", str(root / "docs"), "--engine", "none")
    run("import", "import", str(MEMORY), "--apply", "reviewed")
    run("stats", "stats", "--json")
    run("search", "search", QUERY, "--limit", "3")
    run("draft", "draft", "--engine", "none")
    run("export", "export", "tmx")
    run("term", "glossary", "set", "Tổng Bí thư", "General Secretary")
    run("gimport", "glossary", "import", *GLOSSARIES, "--source-lang", "vi", "--target-lang", "en")
    run("concordance", "concordance", "Tô Lâm", "--json", "--limit", "200")
    run("glossary", "glossary", "list", "--limit", "0")
    run("check", "glossary", "check", codes=(0, 1))
    run("qa", "qa", "--format", "json", codes=(0, 1))
    run("po", "export", "po", "-o", str(root / "out.po"))
    out["po file"] = _PO_DATES.sub("-", (root / "out.po").read_text(encoding="utf-8"))
    written = sorted((root / "tmx").glob("*.tmx"))
    out["tmx"] = _DATES.sub(r'\1="-"', written[0].read_text(encoding="utf-8"))
    return out


def test_cli_answers_alike_on_sqlite_and_postgresql(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "local").mkdir()
    (tmp_path / "team").mkdir()
    local = _session(seed_project_dir(tmp_path / "local"), monkeypatch, "")
    team = _session(seed_project_dir(tmp_path / "team"), monkeypatch, pg_url)
    assert not (tmp_path / "team" / ".tmbuilder" / "project.db").exists()
    assert '"memory_units": 62' in team["stats"] and '"reviewed":' in team["stats"]
    assert "%" in team["search"] and "no match" not in team["search"]
    assert team["tmx"].count("<tu ") > 50
    assert "2 updated" in team["gimport"]
    assert (
        '"where": "memory"' in team["concordance"] and '"where": "project"' in team["concordance"]
    )
    for name, text in local.items():
        assert team[name] == text, name
