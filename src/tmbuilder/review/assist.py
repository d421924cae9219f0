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

from tmbuilder.model import Segment, Term, TermStatus


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

    def __init__(
        self,
        terms: Sequence[Term] = (),
        disabled_checks: Collection[str] = (),
        *,
        helpers: bool = True,
    ) -> None:
        """`helpers=False` gives an inert placeholder that imports nothing (for the moment
        before the real one, built off the UI thread, arrives)."""
        self.disabled = frozenset(disabled_checks)
        self.missing: list[str] = []
        self.placeholder = not helpers  # the real helpers are still loading
        load = _optional if helpers else _absent
        self._find_hits: Any = load("tmbuilder.glossary.check", "find_term_hits", self)
        self._diff: Any = load("tmbuilder.tm.diff", "diff_text", self)
        self._qa: Any = load("tmbuilder.qa.checks", "check_unit", self)
        self._qa_unit: Any = load("tmbuilder.qa.checks", "QaUnit", None)
        self._tokens: Any = load("tmbuilder.glossary.extract", "token_spans", None)
        self._break: Any = load("tmbuilder.glossary.extract", "BREAK", None)
        self.set_terms(terms)

    def set_terms(self, terms: Sequence[Term]) -> None:
        """Take a new glossary, and index it by the first syllable key of each form.

        find_term_hits rebuilds its own index on every call (25 ms for 5,000 terms), too
        slow to run on each segment change; handing it only the terms whose first syllable
        occurs in the sentence gives the same hits for a fraction of the cost.
        """
        self.terms = list(terms)
        # Subsets keep the glossary's order: the checks report (and break ties) in that order.
        self._order = {id(t): i for i, t in enumerate(self.terms)}
        # QA's forbidden-term check looks at the target whatever the source holds.
        self._forbidden = [t for t in self.terms if t.status == TermStatus.FORBIDDEN]
        self._by_first: dict[str, list[tuple[frozenset[str], Term]]] | None = None
        if self._tokens is None:
            return
        index: dict[str, list[tuple[frozenset[str], Term]]] = {}
        for term in self.terms:
            for form in (term.source, *term.variants):
                keys = [k for _s, _e, k in self._syllables(form) if k != self._break]
                if keys:
                    index.setdefault(keys[0], []).append((frozenset(keys), term))
        self._by_first = index

    def _syllables(self, text: str) -> list[tuple[int, int, str]]:
        return list(self._tokens(text, cut_at_break_words=False))

    def _candidates(self, source: str) -> list[Term]:
        """Terms that may occur in `source`: every syllable of one of their forms does."""
        if self._by_first is None:
            return self.terms
        present = {key for _s, _e, key in self._syllables(source)}
        seen: dict[int, Term] = {}
        for key in present:
            for keys, term in self._by_first.get(key, ()):
                if keys <= present:
                    seen.setdefault(id(term), term)
        return sorted(seen.values(), key=lambda t: self._order[id(t)])

    def term_hits(self, source: str) -> list[TermHit]:
        """Glossary terms found in `source`, in text order, without overlaps."""
        if self._find_hits is None or not self.terms:
            return []
        candidates = self._candidates(source)
        if not candidates:
            return []
        hits = [TermHit(int(s), int(e), t) for s, e, t in self._find_hits(source, candidates)]
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

    def qa_terms(self, source: str) -> list[Term]:
        """The terms the per-segment QA checks can react to for `source`: those occurring in
        it, and every forbidden one. The checks give the same findings as with the whole
        glossary (a property test holds them to it) in a fraction of the time."""
        terms = {id(t): t for t in self._candidates(source)}
        terms.update((id(t), t) for t in self._forbidden)
        return sorted(terms.values(), key=lambda t: self._order[id(t)])

    def findings(self, seg: Segment, target: str) -> list[FindingLike]:
        """QA findings for the segment with the target as currently typed."""
        if self._qa is None or self._qa_unit is None:
            return []
        # The status QA sees is the one confirming would give: a typed target is translated
        # even while the stored unit is still new (else QA says "untranslated" while typing).
        status = "translated" if target.strip() else "new"
        unit = self._qa_unit(seg.id, seg.source, target, status)
        terms = self.qa_terms(seg.source)
        return list(self._qa(unit, terms=terms, disabled=self.disabled))


def is_error(finding: FindingLike) -> bool:
    """An error stops a confirm; anything else is a warning shown beside it."""
    return str(getattr(finding.severity, "value", finding.severity)) == "error"


def _absent(_module: str, _name: str, _owner: Assist | None) -> Any:
    return None


def _optional(module: str, name: str, owner: Assist | None) -> Any:
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        if owner is not None:
            owner.missing.append(f"{module}.{name}")
        return None
