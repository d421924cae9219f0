"""QA reports: rich table, JSON and self-contained HTML."""

from __future__ import annotations

import json

import lxml.html
from rich.console import Console

from test_qa_seed_pairs import seed_units
from tmbuilder.qa.checks import Finding, QaUnit, check_project
from tmbuilder.qa.registry import Severity
from tmbuilder.qa.report import render_table, summary, to_html, to_json

HOSTILE = '<script>alert("x")</script> [bold]not markup[/bold] & “quotes”'
UNITS = [
    QaUnit(
        1,
        "Hướng tới mốc 10 tỷ USD thương mại song phương",
        "Towards USD 10 million",
        document="a.txt",
    ),
    QaUnit(2, "Ảnh: TTXVN", "Photo: VNA", document="a.txt"),
    QaUnit(3, "Tạo đột phá mới", "", status="new", document="b.txt"),
    QaUnit(4, "Tổng Bí thư Tô Lâm phát biểu <b>", HOSTILE + "  ", document="b.txt"),
]


def findings() -> list[Finding]:
    return check_project(UNITS)


def test_summary_counts() -> None:
    found = findings()
    stats = summary(found, UNITS)
    assert stats["segments"] == 4
    assert stats["segments_with_findings"] == 3
    assert stats["errors"] == sum(f.severity is Severity.ERROR for f in found) == 2
    assert stats["by_check"]["number-mismatch"] == 1
    assert stats["by_check"]["untranslated"] == 1
    assert next(iter(stats["by_check"])) == "untranslated"  # registry order


def test_table_shows_every_finding_and_no_markup_injection() -> None:
    console = Console(record=True, width=200, color_system=None)
    console.print(render_table(findings(), UNITS))
    text = console.export_text()
    assert "number-mismatch" in text and "untranslated" in text and "whitespace" in text
    assert "2 error(s)" in text
    assert "[bold]not" in text and "markup[/bold]" in text  # printed literally, not styled


def test_table_rows_follow_unit_order_then_severity() -> None:
    console = Console(record=True, width=200, color_system=None)
    console.print(render_table(findings(), UNITS))
    lines = [line for line in console.export_text().splitlines() if "│" in line][1:]
    segments = [line.split("│")[1].strip() for line in lines if line.split("│")[1].strip()]
    assert segments == sorted(segments, key=int)


def test_json_round_trips_with_documents_and_unicode() -> None:
    data = json.loads(to_json(findings(), UNITS))
    assert data["summary"]["errors"] == 2
    first = data["findings"][0]
    assert first == {
        "segment_id": 1,
        "document": "a.txt",
        "check": "number-mismatch",
        "severity": "error",
        "message": 'not in target: "10 tỷ" (10,000,000,000); not in source: "10 million" '
        "(10,000,000)",
        "source": UNITS[0].source,
        "target": UNITS[0].target,
    }
    assert "tỷ" in to_json(findings(), UNITS)  # not \\u-escaped


def test_html_is_self_contained_and_escaped() -> None:
    page = to_html(findings(), UNITS, title="QA <report> & co")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "QA &lt;report&gt; &amp; co" in page
    assert "http" not in page and "src=" not in page and "<link" not in page
    tree = lxml.html.document_fromstring(page)
    assert tree.findtext(".//title") == "QA <report> & co"
    segments = [div for div in tree.iter("div") if div.get("class") == "segment"]
    assert [div.get("id") for div in segments] == ["seg-1", "seg-3", "seg-4"]
    assert "b.txt" in str(segments[2].xpath("string()"))
    assert "2 error(s)" in str(tree.xpath("string()"))


def test_clean_project_reports() -> None:
    units = seed_units()
    assert to_html([], units, title="Seeds").count("No findings.") == 1
    assert json.loads(to_json([], units))["summary"] == {
        "segments": len(units),
        "segments_with_findings": 0,
        "errors": 0,
        "warnings": 0,
        "by_check": {},
    }
