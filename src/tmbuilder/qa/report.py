"""QA reports: a table for the terminal, JSON for tools, a self-contained HTML page.

All three take the findings and the units they were computed from; the units give each report
its document names and the count of segments checked. The `write_*` functions stream the
report to a text file one finding at a time: 100,000 segments give tens of thousands of
findings, and a rich `Table` of that many rows took over a minute and a gigabyte to lay out
(`render_table` remains for small reports shown inside other output).
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from rich.table import Table
from rich.text import Text

from tmbuilder.qa.checks import Finding, QaUnit
from tmbuilder.qa.registry import Severity, all_checks

_ORDER = {info.id: i for i, info in enumerate(all_checks())}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def _sorted(findings: Sequence[Finding], units: Sequence[QaUnit]) -> list[Finding]:
    """Findings in unit order, errors before warnings, then in registry order."""
    position = {u.segment_id: i for i, u in enumerate(units)}
    return sorted(
        findings,
        key=lambda f: (
            position.get(f.segment_id, len(position)),
            f.segment_id,
            f.severity is not Severity.ERROR,
            _ORDER.get(f.check, len(_ORDER)),
        ),
    )


def summary(findings: Sequence[Finding], units: Sequence[QaUnit]) -> dict[str, Any]:
    """Counts for the head of a report: errors, warnings, segments, findings per check."""
    per_check = Counter(f.check for f in findings)
    return {
        "segments": len(units),
        "segments_with_findings": len({f.segment_id for f in findings}),
        "errors": sum(f.severity is Severity.ERROR for f in findings),
        "warnings": sum(f.severity is Severity.WARNING for f in findings),
        "by_check": {c: per_check[c] for c in sorted(per_check, key=lambda c: _ORDER.get(c, 99))},
    }


def render_table(findings: Sequence[Finding], units: Sequence[QaUnit]) -> Table:
    """A terminal table: one row per finding, errors in red, with the segment's text."""
    stats = summary(findings, units)
    table = Table(
        title="QA findings",
        caption=(
            f"{stats['errors']} error(s), {stats['warnings']} warning(s) "
            f"in {stats['segments_with_findings']} of {stats['segments']} segment(s)"
        ),
        show_lines=False,
        expand=False,
    )
    table.add_column("Seg", justify="right", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Check", no_wrap=True)
    table.add_column("Message", overflow="fold")
    table.add_column("Target", overflow="fold", max_width=50)
    for f in _sorted(findings, units):
        table.add_row(
            str(f.segment_id),
            Text(f.severity.value, style=_STYLE[f.severity]),
            f.check,
            # Text objects keep "[" in messages from being read as rich markup.
            Text(f.message),
            Text(f.target),
        )
    return table


_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_ANSI = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[33m"}
_TARGET_WIDTH = 60


def _one_line(text: str, width: int = 0) -> str:
    """A message or target on one table line: control characters shown as one space."""
    text = _LINE_BREAKS.sub(" ", text)
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def write_table(
    findings: Sequence[Finding], units: Sequence[QaUnit], out: TextIO, *, color: bool = False
) -> None:
    """The terminal report, streamed: one line per finding, errors first within a segment,
    then the counts. `color` adds ANSI colours to the severity (for a terminal)."""
    ordered = _sorted(findings, units)
    width = max((len(f.check) for f in ordered), default=5)
    out.write("QA findings\n")
    out.write(f"{'Seg':>7}  {'Severity':<8}  {'Check':<{width}}  Message | Target\n")
    for f in ordered:
        severity = f"{f.severity.value:<8}"
        if color:
            severity = f"{_ANSI[f.severity]}{severity}\x1b[0m"
        out.write(
            f"{f.segment_id:>7}  {severity}  {f.check:<{width}}  {_one_line(f.message)} | "
            f"{_one_line(f.target, _TARGET_WIDTH)}\n"
        )
    stats = summary(findings, units)
    out.write(
        f"{stats['errors']} error(s), {stats['warnings']} warning(s) "
        f"in {stats['segments_with_findings']} of {stats['segments']} segment(s)\n"
    )


def _finding_dict(f: Finding, documents: dict[int, str]) -> dict[str, Any]:
    return {
        "segment_id": f.segment_id,
        "document": documents.get(f.segment_id, ""),
        "check": f.check,
        "severity": f.severity.value,
        "message": f.message,
        "source": f.source,
        "target": f.target,
    }


def write_json(findings: Sequence[Finding], units: Sequence[QaUnit], out: TextIO) -> None:
    """The report as JSON: {"summary": {...}, "findings": [...]}, UTF-8 text unescaped,
    written one finding (one line) at a time."""
    documents = {u.segment_id: u.document for u in units}
    head = json.dumps(summary(findings, units), ensure_ascii=False, indent=2)
    out.write('{\n  "summary": ' + head.replace("\n", "\n  ") + ',\n  "findings": [')
    for i, f in enumerate(_sorted(findings, units)):
        out.write(",\n    " if i else "\n    ")
        out.write(json.dumps(_finding_dict(f, documents), ensure_ascii=False))
    out.write("\n  ]\n}\n" if findings else "]\n}\n")


def to_json(findings: Sequence[Finding], units: Sequence[QaUnit]) -> str:
    """`write_json` into a string."""
    out = io.StringIO()
    write_json(findings, units, out)
    return out.getvalue()


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}
.segment{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.segment h3{font-size:1rem;margin:.2rem 0}.text{margin:.3rem 0}.label{color:#666;
font-size:.85rem;display:inline-block;width:4rem}
.error{color:#b00020;font-weight:bold}.warning{color:#a36200}
ul{margin:.3rem 0 .2rem 1.2rem;padding:0}.ok{color:#2e7d32}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def to_html(findings: Sequence[Finding], units: Sequence[QaUnit], *, title: str) -> str:
    """`write_html` into a string."""
    out = io.StringIO()
    write_html(findings, units, out, title=title)
    return out.getvalue()


def write_html(
    findings: Sequence[Finding], units: Sequence[QaUnit], out: TextIO, *, title: str
) -> None:
    """A self-contained HTML page: summary table, then each segment with its findings.

    Inline CSS, no scripts, no external resources; every text is HTML-escaped. Written one
    segment at a time.
    """
    stats = summary(findings, units)
    by_unit: dict[int, list[Finding]] = {}
    for f in _sorted(findings, units):
        by_unit.setdefault(f.segment_id, []).append(f)
    known = {u.segment_id: u for u in units}
    severity_of = {info.id: info.severity.value for info in all_checks()}
    rows = "".join(
        f"<tr><td>{_e(check)}</td><td class='{_e(severity_of.get(check, ''))}'>"
        f"{_e(severity_of.get(check, ''))}</td><td>{count}</td></tr>"
        for check, count in stats["by_check"].items()
    )
    head = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<p><span class='error'>{stats['errors']} error(s)</span>, "
        f"<span class='warning'>{stats['warnings']} warning(s)</span> in "
        f"{stats['segments_with_findings']} of {stats['segments']} segment(s).</p>",
    ]
    if rows:
        head.append(
            "<table><tr><th>Check</th><th>Severity</th><th>Findings</th></tr>" + rows + "</table>"
        )
    else:
        head.append("<p class='ok'>No findings.</p>")
    if by_unit:
        head.append("<h2>Findings by segment</h2>")
    out.write("\n".join(head))
    for segment_id, items in by_unit.items():
        unit = known.get(segment_id)
        source = unit.source if unit else items[0].source
        target = unit.target if unit else items[0].target
        document = f" — {_e(unit.document)}" if unit and unit.document else ""
        listed = "".join(
            f"<li><span class='{_e(f.severity.value)}'>{_e(f.severity.value)}</span> "
            f"<code>{_e(f.check)}</code>: {_e(f.message)}</li>"
            for f in items
        )
        out.write(
            f"\n<div class='segment' id='seg-{segment_id}'><h3>Segment {segment_id}{document}</h3>"
            f"<div class='text'><span class='label'>Source</span>{_e(source)}</div>"
            f"<div class='text'><span class='label'>Target</span>{_e(target)}</div>"
            f"<ul>{listed}</ul></div>"
        )
    out.write("\n</body></html>\n")
