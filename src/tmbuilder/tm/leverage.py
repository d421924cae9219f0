"""Translation-memory leverage: what the project's memory offers for a segment.

The memory is the project's reviewed segments plus the imported units in the project's
language pair (`langtags.LangPair.serves`: an en→es file never answers a vi→en lookup). A lookup
returns in-context exact matches (101: same source and same neighbouring sentences), exact
matches (100) and fuzzy matches at or above the threshold, best first, as OmegaT and Trados rank
them. Inline codes do not count in matching (keys leave them out); a match whose codes differ
from the query's loses `inline.code_penalty` points, so it is never exact. A unit imported
unconfirmed (`--keep-unconfirmed`) is a suggestion only: at most UNCONFIRMED_MAX.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tmbuilder.formats.reading import REVERSED, is_confirmed
from tmbuilder.inline import code_penalty, strip_codes
from tmbuilder.langtags import LangPair
from tmbuilder.model import Match, MemoryUnit, Segment, Status
from tmbuilder.store.base import MemorySearch, ProjectStore
from tmbuilder.text.normalize import match_key
from tmbuilder.tm.index import FuzzyIndex
from tmbuilder.tm.persist import index_directory, open_memory_index

IN_CONTEXT = 101.0
EXACT = 100.0
UNCONFIRMED_MAX = 99.0  # an unconfirmed unit's best score: a suggestion, never an exact match


@dataclass(frozen=True)
class _ProjectUnit:
    source: str
    target: str
    prev_key: str
    next_key: str


def neighbours(segments: Sequence[Segment]) -> dict[int, tuple[str, str]]:
    """(previous key, next key) of each segment within its document; '' at the edges."""
    out: dict[int, tuple[str, str]] = {}
    for i, seg in enumerate(segments):
        prev = segments[i - 1] if i and segments[i - 1].document_id == seg.document_id else None
        nxt = (
            segments[i + 1]
            if i + 1 < len(segments) and segments[i + 1].document_id == seg.document_id
            else None
        )
        out[seg.id] = (prev.key if prev else "", nxt.key if nxt else "")
    return out


def _context_of(unit: MemoryUnit) -> tuple[str, str]:
    # our own TMX carries x-context-*; OmegaT's project memory carries prev/next
    prev = unit.prop("x-context-prev") or unit.prop("prev")
    nxt = unit.prop("x-context-next") or unit.prop("next")
    return (match_key(prev) if prev else "", match_key(nxt) if nxt else "")


class Leverage:
    """Looks segments up in the project's memory. Build once per drafting run."""

    def __init__(
        self, store: ProjectStore, *, threshold: float = 75.0, pair: LangPair | None = None
    ) -> None:
        self.store = store
        self.threshold = threshold
        self.pair = pair or LangPair()
        segments = store.segments()
        context = neighbours(segments)
        self._project: dict[int, _ProjectUnit] = {}
        self._project_by_key: dict[str, list[int]] = {}
        for seg in segments:
            if seg.status == Status.REVIEWED and seg.target:
                prev_key, next_key = context[seg.id]
                self._project[seg.id] = _ProjectUnit(seg.source, seg.target, prev_key, next_key)
                self._project_by_key.setdefault(seg.key, []).append(seg.id)
        self._index: FuzzyIndex | None = None
        # A server store searches its memory itself; the local index then holds project units.
        self._server = store if isinstance(store, MemorySearch) else None

    @property
    def index(self) -> FuzzyIndex:
        """The fuzzy index, built on first use: exact-only runs never pay for it."""
        if self._index is None:
            index = FuzzyIndex()
            db = self.store.memory_db
            if self._server is None and db is not None:
                # the memory's index is stored with the project (tm/persist); only the
                # segments of the language labels this project's pair serves take part
                stored = open_memory_index(db, index_directory(Path(self.store.path)))
                serves = {label: self.pair.serves(*label) for label, _ in stored.segments}
                for label, segment in stored.segments:
                    if serves[label]:
                        index.add_segment(segment)
                index.add_many(
                    (unit_id, key)
                    for unit_id, key, label in stored.tail
                    if self.pair.serves(*label)
                )
            # project units get negative ids so they never collide with memory ids
            index.add_many(
                (-seg_id, match_key(strip_codes(unit.source)))
                for seg_id, unit in self._project.items()
            )
            self._index = index
        return self._index

    def exact(
        self,
        key: str,
        prev_key: str = "",
        next_key: str = "",
        *,
        exclude: int = 0,
        source: str | None = None,
    ) -> list[Match]:
        """Exact matches, in-context ones (101) first, then newest first; `exclude` is a
        project segment that must not match itself. With the query's `source`, a match whose
        inline codes differ from it loses the code penalty."""
        found: list[Match] = []
        for seg_id in self._project_by_key.get(key, ()):
            if seg_id == exclude:
                continue
            unit = self._project[seg_id]
            score = IN_CONTEXT if (prev_key, next_key) == (unit.prev_key, unit.next_key) else EXACT
            if source is not None:
                score -= code_penalty(source, unit.source)
            found.append(Match(score, unit.source, unit.target, "project", -seg_id))
        for memory_id, mem in self.store.memory_lookup(key, self.pair):
            score = IN_CONTEXT if (prev_key, next_key) == _context_of(mem) else EXACT
            found.append(
                Match(
                    self._score(score, mem, source),
                    mem.source,
                    mem.target,
                    memory_origin(mem),
                    memory_id,
                )
            )
        found.sort(key=lambda m: -m.score)  # stable: newest first within a score
        return _unique_targets(found)

    @staticmethod
    def _score(score: float, mem: MemoryUnit, source: str | None) -> float:
        if source is not None:
            score -= code_penalty(source, mem.source)
        if not is_confirmed(mem):
            score = min(score, UNCONFIRMED_MAX)
        return score

    def lookup(
        self,
        source: str,
        prev_key: str = "",
        next_key: str = "",
        *,
        limit: int = 5,
        exclude: int = 0,
    ) -> list[Match]:
        """Best matches for a segment: exact ones, then fuzzy ones down to the threshold.

        `exclude`: a project segment id whose own reviewed unit is not a match (analysis)."""
        key = match_key(strip_codes(source))
        matches = self.exact(key, prev_key, next_key, exclude=exclude, source=source)
        if len(matches) >= limit:
            return matches[:limit]
        hits = self.index.search(key, limit=limit + 5, threshold=self.threshold)
        if self._server is not None:
            hits += self._server.memory_search(
                key, limit=limit + 5, threshold=self.threshold, pair=self.pair
            )
            # the order one index over both would give: best first, ties to the smaller id
            hits = sorted(hits, key=lambda hit: (-hit[1], hit[0]))[: limit + 5]
        for unit_id, score in hits:
            if score >= EXACT or (exclude and unit_id == -exclude):
                continue  # exact ones are already in, with their context
            if unit_id < 0:
                unit = self._project[-unit_id]
                score -= code_penalty(source, unit.source)
                matches.append(Match(round(score, 1), unit.source, unit.target, "project", unit_id))
            else:
                found = self.store.find_memory_unit(unit_id)
                if found is None:
                    continue  # deleted by another process since this one indexed it
                mem = found
                score = self._score(score, mem, source)
                origin = memory_origin(mem)
                matches.append(Match(round(score, 1), mem.source, mem.target, origin, unit_id))
        matches.sort(key=lambda m: -m.score)
        return _unique_targets(matches)[:limit]


def memory_origin(mem: MemoryUnit) -> str:
    """'memory', or what says the unit served the other way round from its file."""
    reversed_from = mem.prop(REVERSED) if mem.props else ""
    if reversed_from:
        return f"memory (reversed: its file was {mem.tgt_lang}→{mem.src_lang})"
    return "memory"


def _unique_targets(matches: list[Match]) -> list[Match]:
    seen: set[tuple[str, str]] = set()
    out: list[Match] = []
    for m in matches:
        if (m.source, m.target) not in seen:
            seen.add((m.source, m.target))
            out.append(m)
    return out
