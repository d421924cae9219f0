"""What differs between a query segment and a fuzzy match, for display (`tmbuilder search`, TUI).

The diff is computed on words, spaces and punctuation marks rather than characters: a translator
fixing a match thinks in words, and a character diff of "năm 2023" against "năm 2024" is noise
around the one digit. A run of changes separated only by spaces is shown as one change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rich.text import Text

# a word keeps its combining marks when the text is not NFC
_TOKEN = re.compile(r"[\w\u0300-\u036f]+|\s+|.", re.DOTALL)

INSERT_STYLE = "bold green"  # in the match, not in the query
REPLACE_STYLE = "bold yellow"  # in the match, in place of something else in the query
DELETE_STYLE = "strike red"  # in the query, missing from the match


@dataclass
class _Change:
    query: str
    match: str

    def span(self) -> tuple[str, str]:
        if not self.match:
            return ("delete", self.query)
        return ("replace" if self.query else "insert", self.match)


def diff_spans(query: str, match: str) -> list[tuple[str, str]]:
    """How `match` differs from `query`, as (op, text) spans in order.

    op is "equal" (text in both), "insert" (match text absent from the query), "replace" (match
    text standing where the query had other text) or "delete" (query text the match lacks).
    The texts of all spans but "delete" concatenate to `match`.
    """
    q_tokens, m_tokens = _TOKEN.findall(query), _TOKEN.findall(match)
    parts: list[tuple[str, str] | _Change] = []
    for op in Levenshtein.opcodes(q_tokens, m_tokens):
        q_text = "".join(q_tokens[op.src_start : op.src_end])
        m_text = "".join(m_tokens[op.dest_start : op.dest_end])
        if op.tag == "equal":
            parts.append(("equal", m_text))
        elif parts and isinstance(parts[-1], _Change):
            parts[-1].query += q_text
            parts[-1].match += m_text
        else:
            parts.append(_Change(q_text, m_text))
    return _merge(parts)


def _merge(parts: list[tuple[str, str] | _Change]) -> list[tuple[str, str]]:
    # fold "change, spaces, change" into one change: two edited words read as one edit
    out: list[tuple[str, str] | _Change] = []
    for part in parts:
        before = out[-2] if len(out) >= 2 else None
        between = out[-1] if out else None
        if (
            isinstance(part, _Change)
            and isinstance(before, _Change)
            and isinstance(between, tuple)
            and between[1].isspace()
        ):
            out.pop()
            before.query += between[1] + part.query
            before.match += between[1] + part.match
        else:
            out.append(part)
    return [part.span() if isinstance(part, _Change) else part for part in out]


def diff_text(query: str, match: str, *, show_deleted: bool = True) -> Text:
    """The match as rich Text, its differences from the query styled.

    Inserted and replaced words are highlighted; words of the query the match lacks are shown
    struck through in place unless show_deleted is False.
    """
    text = Text()
    for op, part in diff_spans(query, match):
        if op == "equal":
            text.append(part)
        elif op == "insert":
            text.append(part, style=INSERT_STYLE)
        elif op == "replace":
            text.append(part, style=REPLACE_STYLE)
        elif show_deleted:
            text.append(part, style=DELETE_STYLE)
    return text
