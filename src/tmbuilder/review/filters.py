"""Which segments the review list shows: by status, by text or regular expression, by QA."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from tmbuilder.errors import TmBuilderError
from tmbuilder.model import Segment, Status

SCOPES = ("both", "source", "target")


class PatternError(TmBuilderError):
    """A search text or regular expression the reviewer typed cannot be used."""


def compile_pattern(text: str, *, regex: bool, case_sensitive: bool) -> re.Pattern[str]:
    """The search as a compiled pattern; plain text is matched literally.

    Both sides are NFC so that a query typed with decomposed tone marks still finds the
    store's NFC text.
    """
    text = unicodedata.normalize("NFC", text)
    if not text:
        raise PatternError("nothing to search for: the search text is empty")
    flags = 0 if case_sensitive else re.IGNORECASE
    if not regex:
        return re.compile(re.escape(text), flags)
    try:
        return re.compile(text, flags)
    except re.error as exc:
        raise PatternError(f"/{text}/ is not a valid regular expression ({exc.msg})") from None


@dataclass(frozen=True)
class SegmentFilter:
    """What to show; the empty filter shows everything."""

    statuses: frozenset[Status] = field(default_factory=frozenset)  # empty: any status
    text: str = ""
    regex: bool = False
    case_sensitive: bool = False
    scope: str = "both"  # where `text` must occur: "both" (either side), "source", "target"
    qa_only: bool = False  # only segments with QA findings

    @property
    def active(self) -> bool:
        return bool(self.statuses or self.text or self.qa_only)

    def describe(self) -> str:
        """One short line for the status bar, e.g. `draft,new · "Lào" · QA`."""
        parts: list[str] = []
        if self.statuses:
            parts.append(",".join(s.value for s in Status if s in self.statuses))
        if self.text:
            parts.append(f"/{self.text}/" if self.regex else f'"{self.text}"')
        if self.qa_only:
            parts.append("QA")
        return " · ".join(parts)

    def predicate(self, qa_flagged: Collection[int] = ()) -> Callable[[Segment], bool]:
        """A test for one segment; raises PatternError for a bad regular expression."""
        statuses = self.statuses
        pattern = (
            compile_pattern(self.text, regex=self.regex, case_sensitive=self.case_sensitive)
            if self.text
            else None
        )
        if self.scope not in SCOPES:
            raise PatternError(f"unknown search scope {self.scope!r} (known: {', '.join(SCOPES)})")
        scope = self.scope
        qa_only = self.qa_only
        flagged = set(qa_flagged) if qa_only else set()

        def keep(seg: Segment) -> bool:
            if statuses and seg.status not in statuses:
                return False
            if qa_only and seg.id not in flagged:
                return False
            if pattern is None:
                return True
            if scope != "target" and pattern.search(seg.source):
                return True
            return scope != "source" and pattern.search(seg.target) is not None

        return keep
