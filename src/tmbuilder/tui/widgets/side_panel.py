"""The side panel: TM matches with differences highlighted, the MT draft, glossary hits and QA.

Suggestions are numbered as `insert match n` (alt+n) takes them: TM first, best score first,
then MT, as the store orders them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tmbuilder.inline import render as render_codes
from tmbuilder.model import Match, TermStatus
from tmbuilder.review.assist import FindingLike, TermHit, is_error

MAX_SUGGESTIONS = 9
_TERM_MARKS = {TermStatus.APPROVED: "✓", TermStatus.PROPOSED: "?", TermStatus.FORBIDDEN: "✗"}


def _score_style(score: float) -> str:
    if score >= 100:
        return "bold green"
    if score >= 85:
        return "green"
    return "yellow"


def render_panel(
    source: str,
    matches: Sequence[Match],
    hits: Sequence[TermHit],
    findings: Sequence[FindingLike],
    diff: object,
    missing: Sequence[str] = (),
) -> RenderableType:
    """The panel's content for one segment; `diff(query, match_source)` gives a rich Text."""
    parts: list[RenderableType] = []
    tm = [m for m in matches[:MAX_SUGGESTIONS] if m.kind != "mt"]
    mt = [m for m in matches[:MAX_SUGGESTIONS] if m.kind == "mt"]
    parts.append(Text("TM matches", style="bold underline"))
    if not tm:
        parts.append(Text("  none", style="dim"))
    for n, match in enumerate(tm, 1):
        head = Text.assemble(
            (f"{n} ", "bold"),
            (f"{match.score:.0f}% ", _score_style(match.score)),
            (match.origin, "dim"),
        )
        shown = diff(source, match.source) if callable(diff) else Text(match.source)
        parts.extend(
            [head, Text("  ").append_text(shown), Text(f"  → {render_codes(match.target)}")]
        )
    parts.append(Text("MT", style="bold underline"))
    if not mt:
        parts.append(Text("  none", style="dim"))
    for n, match in enumerate(mt, len(tm) + 1):
        parts.append(Text.assemble((f"{n} ", "bold"), (match.origin or "mt", "dim")))
        parts.append(Text(f"  → {render_codes(match.target)}"))
    parts.append(Text("Glossary", style="bold underline"))
    if not hits:
        parts.append(Text("  no terms in this segment", style="dim"))
    seen: set[int] = set()
    for hit in hits:
        term = hit.term
        if term.id in seen:
            continue
        seen.add(term.id)
        style = "red strike" if term.status == TermStatus.FORBIDDEN else ""
        parts.append(
            Text.assemble(
                (f"  {_TERM_MARKS[term.status]} ", "bold"),
                (term.source, "bold"),
                " → ",
                (term.target or "(no English yet)", style or ("" if term.target else "dim")),
            )
        )
    parts.append(Text("QA", style="bold underline"))
    if not findings:
        parts.append(Text("  no findings", style="dim"))
    # errors first, each with its own mark and colour, so they never read as warnings
    for finding in sorted(findings, key=lambda f: not is_error(f)):
        mark, style = ("✗ error ", "bold red") if is_error(finding) else ("⚠ ", "yellow")
        parts.append(
            Text.assemble((f"  {mark}", style), (f"{finding.check}: ", style), finding.message)
        )
    if missing:
        parts.append(Text(f"unavailable: {', '.join(missing)}", style="dim italic"))
    return Group(*parts)


class SidePanel(VerticalScroll, can_focus=False):
    """Scrollable holder of the panel's content."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="assist")

    content: RenderableType = ""

    def show(self, content: RenderableType) -> None:
        self.content = content
        self.query_one("#assist", Static).update(content)

    def plain_text(self, width: int = 80) -> str:
        """What the panel says, without styles (for tests and screen readers' sake)."""
        import io

        from rich.console import Console

        console = Console(width=width, file=io.StringIO(), force_terminal=False)
        console.print(self.content)
        out = console.file
        assert isinstance(out, io.StringIO)
        return out.getvalue()
        self.scroll_home(animate=False)
