"""Split a text longer than a provider's limit at the gentlest boundary, and join the parts.

Boundaries, gentlest first: sentence ends (a "segment" can hold several sentences when the
segmenter could not split it), then `;`, then `,`, then `:`, then any space, and only as a
last resort a hard cut. A boundary is taken only if it leaves the piece at least half the limit
long, so one early comma does not produce a stream of tiny requests; spaces are always taken.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_CLOSERS = re.escape("\"'”’)]»")
_LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"[.!?…][{_CLOSERS}]*(\s+)"),
    re.compile(r";(\s+)"),
    re.compile(r",(\s+)"),
    re.compile(r":(\s+)"),
    re.compile(r"(\s+)"),
)


def split_text(text: str, limit: int, keep_together: re.Pattern[str] | None = None) -> list[str]:
    """`text` (stripped) as pieces of at most `limit` characters, in order.

    Removing all whitespace from the joined pieces gives the stripped text without whitespace:
    only whitespace is dropped, at the cuts. Hard cuts avoid splitting a combining mark from
    its base and avoid cutting inside a match of `keep_together` (placeholders).
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    rest = text.strip()
    pieces: list[str] = []
    while len(rest) > limit:
        end, start_next = _best_cut(rest, limit, keep_together)
        pieces.append(rest[:end].rstrip())
        rest = rest[start_next:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def join_parts(parts: Sequence[str]) -> str:
    """Translated pieces back into one text, one space between them."""
    return " ".join(part.strip() for part in parts if part.strip())


def _best_cut(text: str, limit: int, keep_together: re.Pattern[str] | None) -> tuple[int, int]:
    """(end of the first piece, start of the rest) for a text longer than `limit`."""
    window = text[: limit + 1]  # a space right after a full-length piece still counts
    for depth, level in enumerate(_LEVELS):
        floor = 1 if depth == len(_LEVELS) - 1 else max(1, limit // 2)
        best: tuple[int, int] | None = None
        for match in level.finditer(window):
            end = match.start(1)  # the piece keeps its punctuation, drops the space
            if floor <= end <= limit and end > 0 and text[:end].strip():
                best = (end, match.end(1))
        if best is not None:
            return best
    end = _hard_cut(text, limit, keep_together)
    return end, end


def _hard_cut(text: str, limit: int, keep_together: re.Pattern[str] | None) -> int:
    end = limit
    while end > 1 and unicodedata.combining(text[end]):
        end -= 1
    if keep_together is not None:
        for match in keep_together.finditer(text, max(0, end - 64), min(len(text), end + 64)):
            if match.start() < end < match.end() and match.start() > 0:
                end = match.start()
                break
    return end
