"""Search and replace across targets: a preview first, then one atomic store change."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tmbuilder.model import Segment
from tmbuilder.review.filters import PatternError, compile_pattern


@dataclass(frozen=True)
class Replacement:
    """One target as it would be after the replace."""

    row: int  # index in the session's rows
    segment_id: int
    old: str
    new: str
    count: int  # how many occurrences were replaced


def plan_replace(
    rows: Sequence[Segment],
    indices: Iterable[int],
    find: str,
    replace: str,
    *,
    regex: bool = False,
    case_sensitive: bool = False,
) -> list[Replacement]:
    """What replacing `find` by `replace` in the targets of `rows[i]` for i in `indices` does.

    With `regex`, `replace` may use group references (\\1, \\g<name>); without it, both are
    literal text. Segments without a target, or where nothing matches, are left out.
    """
    pattern = compile_pattern(find, regex=regex, case_sensitive=case_sensitive)
    expand = _expander(replace, regex)
    out: list[Replacement] = []
    for row in indices:
        seg = rows[row]
        if not seg.target:
            continue
        new, count = pattern.subn(expand, seg.target)
        if count and new != seg.target:
            out.append(Replacement(row, seg.id, seg.target, new, count))
    return out


def _expander(replace: str, regex: bool) -> Callable[[re.Match[str]], str]:
    if not regex:
        return lambda _m: replace

    def expand(match: re.Match[str]) -> str:
        try:
            return match.expand(replace)
        except (re.error, IndexError) as exc:
            raise PatternError(f"replacement {replace!r} is not valid here ({exc})") from None

    return expand
