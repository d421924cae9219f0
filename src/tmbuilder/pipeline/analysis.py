"""A CAT tool's analysis: segments and words per match band against the project's memory.

Bands as Trados and memoQ report them: repetitions (a source already seen earlier in the
project), 101% (in-context exact), 100%, 95–99, 85–94, 75–84, 50–74, no match. A segment is
never matched against itself, so a reviewed segment counts by what *else* the memory holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tmbuilder.events import Progress, Sink, ignore
from tmbuilder.project import Project
from tmbuilder.store.sqlite import count_words
from tmbuilder.tm.leverage import IN_CONTEXT, Leverage, neighbours

BANDS: tuple[tuple[str, float], ...] = (
    ("101%", IN_CONTEXT),
    ("100%", 100.0),
    ("95–99%", 95.0),
    ("85–94%", 85.0),
    ("75–84%", 75.0),
    ("50–74%", 50.0),
)
LOWEST = BANDS[-1][1]


@dataclass
class Analysis:
    rows: dict[str, list[int]] = field(
        default_factory=lambda: {name: [0, 0] for name in ["repetitions", *dict(BANDS), "no match"]}
    )  # band -> [segments, words]

    def add(self, band: str, words: int) -> None:
        self.rows[band][0] += 1
        self.rows[band][1] += words

    @property
    def total(self) -> tuple[int, int]:
        return (sum(r[0] for r in self.rows.values()), sum(r[1] for r in self.rows.values()))


def band_of(score: float) -> str:
    for name, lowest in BANDS:
        if score >= lowest:
            return name
    return "no match"


def analyse(project: Project, *, sink: Sink = ignore) -> Analysis:
    store = project.store
    segments = store.segments()
    context = neighbours(segments)
    leverage = Leverage(store, threshold=LOWEST, pair=project.config.pair)
    result = Analysis()
    seen: set[str] = set()
    for done, seg in enumerate(segments, 1):
        words = count_words(seg.source)
        if seg.key in seen:
            result.add("repetitions", words)
            continue
        seen.add(seg.key)
        prev_key, next_key = context[seg.id]
        matches = leverage.lookup(seg.source, prev_key, next_key, limit=1, exclude=seg.id)
        result.add(band_of(matches[0].score) if matches else "no match", words)
        sink(Progress("analysis", done, len(segments)))
    return result
