"""Concordance (phrase search in sources and targets) and whole-segment `search`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tmbuilder.cli import main
from tmbuilder.review.concordance import PhraseMatcher, fold_diacritics, search_rows
from tmbuilder.store.concordance_rows import TextRow
from tui_fixtures import build_seeds_project

REPO = Path(__file__).resolve().parent.parent


def test_whole_syllables_only() -> None:
    matcher = PhraseMatcher("hợp tác")
    assert matcher.spans("Hai nước hợp tác toàn diện.") == ((9, 16),)
    assert matcher.spans("Hợp tác xã nông nghiệp") == ((0, 7),)  # case-insensitive
    assert matcher.spans("hợp táci") == ()  # not inside a longer word
    assert matcher.spans("hợp  tác") == ((0, 8),)  # any run of spaces between syllables


def test_tone_placement_and_diacritics() -> None:
    assert PhraseMatcher("hòa bình").spans("Hoà bình và hợp tác") == ((0, 8),)
    assert PhraseMatcher("hoa binh").spans("hòa bình") == ()  # diacritics count by default
    folded = PhraseMatcher("hoa binh", fold=True)
    assert folded.spans("Vì hòa bình") == ((3, 11),)
    assert PhraseMatcher("dong", fold=True).spans("2.500 tỷ đồng") == ((9, 13),)
    assert fold_diacritics("Đồng ý") == "dong y"
    assert len(fold_diacritics("Nguyễn Thị Ánh")) == len("Nguyễn Thị Ánh")


def test_sides_and_limit() -> None:
    rows = [
        TextRow("project", "a #1", "hợp tác", "cooperation", "draft"),
        TextRow("memory", "m.tmx", "quan hệ", "close cooperation", ""),
    ]
    assert [h.row.ref for h in search_rows(rows, "cooperation")] == ["a #1", "m.tmx"]
    assert [h.row.ref for h in search_rows(rows, "cooperation", side="source")] == []
    assert len(search_rows(rows, "cooperation", limit=1)) == 1
    assert search_rows(rows, "   ") == []
    with pytest.raises(ValueError):
        search_rows(rows, "x", side="nowhere")


@pytest.fixture(scope="module")
def seeds_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeds_project(tmp_path_factory.mktemp("seeds-project"))


def test_concordance_cli_finds_and_marks(seeds_project: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(
        main, ["concordance", "hợp tác toàn diện", "-p", str(seeds_project), "--json"]
    )
    assert out.exit_code == 0, out.output
    hits = [json.loads(line) for line in out.output.splitlines()]
    assert hits
    for hit in hits:
        start, end = hit["source_spans"][0]
        assert hit["source"][start:end].lower() == "hợp tác toàn diện"
    folded = runner.invoke(
        main, ["concordance", "hop tac toan dien", "-d", "-p", str(seeds_project), "--json"]
    )
    assert len(folded.output.splitlines()) == len(hits)
    english = runner.invoke(
        main,
        ["concordance", "strategic cohesion", "--in", "target", "-p", str(seeds_project)],
    )
    assert "hit(s)" in english.output and "strategic cohesion" in english.output
    none = runner.invoke(main, ["concordance", "xyzzy", "-p", str(seeds_project)])
    assert none.exit_code == 0 and "not found" in none.output
    for bad in (["   "], ["x", "-n", "0"]):
        refused = runner.invoke(main, ["concordance", *bad, "-p", str(seeds_project)])
        assert refused.exit_code == 2 and "Traceback" not in refused.output
    missing = runner.invoke(main, ["concordance", "x", "-p", str(seeds_project / "nowhere")])
    assert missing.exit_code != 0 and len(missing.output.strip().splitlines()) == 1


def test_readme_search_example_finds_something(seeds_project: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r'^tmbuilder search "([^"]+)"', readme, re.MULTILINE)
    assert example is not None
    out = CliRunner().invoke(main, ["search", example.group(1), "-p", str(seeds_project)])
    assert out.exit_code == 0, out.output
    assert "no match" not in out.output and "%" in out.output


def test_search_threshold_zero_is_honoured(seeds_project: Path) -> None:
    args = ["search", "hợp tác toàn diện", "-p", str(seeds_project), "--limit", "3"]
    default = CliRunner().invoke(main, args)
    assert "no match ≥ 75%" in default.output  # a phrase is not a segment
    zero = CliRunner().invoke(main, [*args, "--threshold", "0"])
    assert "no match" not in zero.output
    assert len(re.findall(r"^\s*\d+\.\d%", zero.output, re.MULTILINE)) == 3


def test_panel_marks_every_hit() -> None:
    from rich.console import Group
    from rich.text import Text

    from tmbuilder.tui.screens.concordance import render_hits

    rows = [TextRow("project", "a #1", "hợp tác và hợp tác", "cooperation", "draft")]
    hits = search_rows(rows, "hợp tác")
    group = render_hits("hợp tác", hits)
    assert isinstance(group, Group)
    texts = [r for r in group.renderables if isinstance(r, Text)]
    vi = next(t for t in texts if t.plain.startswith(" vi "))
    marked = [vi.plain[s.start : s.end] for s in vi.spans if "reverse" in str(s.style)]
    assert marked == ["hợp tác", "hợp tác"]
    assert "not found" in str(render_hits("xyz", []))
