"""Project-wide consistency: one source, one translation; one translation, one source.

Sources are grouped by `match_key` (so case, spacing and old/new tone-mark placement do not
split a group); targets by their case-folded, space-collapsed text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tmbuilder.qa.checks_terms import source_key

_SHOWN = 3  # other segments named in one message


@dataclass(frozen=True)
class Pair:
    """A translated segment as the consistency checks see it."""

    segment_id: int
    source: str
    target: str


def _target_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _clip(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _conflicts(
    pairs: Sequence[Pair],
    group_key: Callable[[Pair], str],
    differ_key: Callable[[Pair], str],
    shown: Callable[[Pair], str],
    what: str,
) -> list[tuple[int, str]]:
    groups: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        groups[group_key(pair)].append(pair)
    found: list[tuple[int, str]] = []
    for members in groups.values():
        if len({differ_key(p) for p in members}) < 2:
            continue
        for pair in members:
            others = [p for p in members if differ_key(p) != differ_key(pair)]
            listed = "; ".join(f'#{p.segment_id} "{_clip(shown(p))}"' for p in others[:_SHOWN])
            more = f" and {len(others) - _SHOWN} more" if len(others) > _SHOWN else ""
            found.append((pair.segment_id, f"{what}: {listed}{more}"))
    return found


def inconsistent_targets(pairs: Sequence[Pair]) -> list[tuple[int, str]]:
    """(segment id, message) for each segment whose source is translated otherwise elsewhere."""
    return _conflicts(
        pairs,
        lambda p: source_key(p.source),
        lambda p: _target_key(p.target),
        lambda p: p.target,
        "same source translated differently in",
    )


def inconsistent_sources(pairs: Sequence[Pair]) -> list[tuple[int, str]]:
    """(segment id, message) for each segment whose target also translates another source."""
    return _conflicts(
        pairs,
        lambda p: _target_key(p.target),
        lambda p: source_key(p.source),
        lambda p: p.source,
        "same target used for a different source in",
    )
