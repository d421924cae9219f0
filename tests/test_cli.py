"""The CLI end to end, as a user runs it: build, stats, segment, re-build, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import seed_project_dir
from tmbuilder.cli import main
from tmbuilder.project import Project


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with copies of the seeds and MT switched off."""
    return seed_project_dir(tmp_path)


def _invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_build_stores_every_segment_and_is_idempotent(runner: CliRunner, project: Path) -> None:
    code, out, _ = _invoke(runner, "build", str(project / "docs"), "-p", str(project))
    assert code == 0, out
    assert "docs/vietnam-laos-party-summit-vientiane.txt: new" in out
    store = Project(project).store
    segments = store.segments()
    assert len(store.documents()) == 2 and len(segments) > 50
    assert any(s.source == "Ảnh: TTXVN" for s in segments)
    assert (project / ".tmbuilder" / ".gitignore").read_text() == "*\n"

    code, out, _ = _invoke(runner, "build", "-p", str(project))
    assert code == 0
    assert out.count(": unchanged") == 2


def test_edited_file_keeps_translations(runner: CliRunner, project: Path) -> None:
    _invoke(runner, "build", str(project / "docs"), "-p", str(project))
    doc = project / "docs" / "vietnam-laos-party-summit-vientiane.txt"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("Tạo đột phá mới\n", "Tạo đột phá mới và lớn\n"), encoding="utf-8")
    code, out, _ = _invoke(runner, "build", "-p", str(project))
    assert code == 0
    assert "updated: 1 added" in out and "1 archived" in out


def test_stats_json(runner: CliRunner, project: Path) -> None:
    _invoke(runner, "build", str(project / "docs"), "-p", str(project))
    code, out, _ = _invoke(runner, "stats", "--json", "-p", str(project))
    assert code == 0
    data = json.loads(out)
    assert data["documents"] == 2 and data["segments"] == sum(data["statuses"].values())
    assert data["words"] > 1500


def test_stats_without_project_is_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _invoke(runner, "stats", "-p", str(tmp_path))
    assert code == 1
    assert err.count("\n") == 1 and "no tmbuilder project here" in err


def test_segment_stdin_contract(runner: CliRunner) -> None:
    text = "Ông về TP.HCM. Sau đó ông đi.\nMột câu\n"
    result = runner.invoke(main, ["segment", "-"], input=text)
    assert result.exit_code == 0
    assert result.stdout == "Ông về TP.HCM.\nSau đó ông đi.\n\nMột câu\n"


def test_segment_exports_srx(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "vi.srx"
    code, _, _ = _invoke(runner, "segment", "--export-srx", str(out), "-p", str(tmp_path))
    assert code == 0 and b"http://www.lisa.org/srx20" in out.read_bytes()


@pytest.mark.parametrize(
    "name,content,problem",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        ("bad.docx", b"not a zip at all", "docx"),
        ("notes.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_bad_input_is_one_line_error_and_stores_nothing(
    runner: CliRunner, project: Path, name: str, content: bytes, problem: str
) -> None:
    bad = project / "docs" / name
    bad.write_bytes(content)
    result = runner.invoke(
        main,
        [
            "build",
            str(project / "docs" / "vietnam-laos-party-summit-vientiane.txt"),
            str(bad),
            "-p",
            str(project),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert name in result.stderr and problem in result.stderr.lower()
    assert "Traceback" not in result.output + result.stderr
    assert Project(project).store.documents() == []


def test_missing_source_is_one_line_error(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["build", str(project / "nope.txt"), "-p", str(project)])
    assert result.exit_code == 1 and "nope.txt" in result.stderr
    assert result.stderr.count("\n") == 1


def test_bad_config_is_one_line_error(runner: CliRunner, project: Path) -> None:
    (project / "tmbuilder.toml").write_text("[tm]\nfuzzy_treshold = 80\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(project / "docs"), "-p", str(project)])
    assert result.exit_code == 1
    assert "tmbuilder.toml" in result.stderr and "fuzzy_treshold" in result.stderr
    assert result.stderr.count("\n") == 1
