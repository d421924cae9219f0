"""What the side panel shows for a segment: glossary hits, TM diffs and QA findings.

Thin calls into tmbuilder.glossary.check, tmbuilder.tm.diff and tmbuilder.qa.checks. They are
imported when first used; a build without one of them still reviews (the panel says which
help is missing) rather than refusing to start.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from rich.text import Text

from tmbuilder.model import Segment, Term


class FindingLike(Protocol):
    """What the UI reads of a tmbuilder.qa.checks.Finding."""

    @property
    def check(self) -> str: ...

    @property
    def severity(self) -> Any: ...

    @property
    def segment_id(self) -> int: ...

    @property
    def message(self) -> str: ...


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    term: Term


class Assist:
    """Glossary, diff and QA helpers for the review UI; each reports if it is unavailable."""

    def __init__(self, terms: Sequence[Term] = (), disabled_checks: Collection[str] = ()) -> None:
        self.terms: list[Term] = list(terms)
        self.disabled = frozenset(disabled_checks)
        self.missing: list[str] = []
        self._find_hits: Any = _optional("tmbuilder.glossary.check", "find_term_hits", self)
        self._diff: Any = _optional("tmbuilder.tm.diff", "diff_text", self)
        self._qa: Any = _optional("tmbuilder.qa.checks", "check_unit", self)
        self._qa_unit: Any = _optional("tmbuilder.qa.checks", "QaUnit", None)

    def set_terms(self, terms: Sequence[Term]) -> None:
        self.terms = list(terms)

    def term_hits(self, source: str) -> list[TermHit]:
        """Glossary terms found in `source`, in text order, without overlaps."""
        if self._find_hits is None or not self.terms:
            return []
        hits = [TermHit(int(s), int(e), t) for s, e, t in self._find_hits(source, self.terms)]
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[TermHit] = []
        for hit in hits:
            if not out or hit.start >= out[-1].end:
                out.append(hit)
        return out

    def diff(self, query: str, match_source: str) -> Text:
        """The match's source with its differences from `query` highlighted."""
        if self._diff is None:
            return Text(match_source)
        result = self._diff(query, match_source)
        return result if isinstance(result, Text) else Text(str(result))

    def findings(self, seg: Segment, target: str) -> list[FindingLike]:
        """QA findings for the segment with the target as currently typed."""
        if self._qa is None or self._qa_unit is None:
            return []
        unit = self._qa_unit(seg.id, seg.source, target, str(seg.status))
        return list(self._qa(unit, terms=self.terms, disabled=self.disabled))


def _optional(module: str, name: str, owner: Assist | None) -> Any:
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        if owner is not None:
            owner.missing.append(f"{module}.{name}")
        return None
