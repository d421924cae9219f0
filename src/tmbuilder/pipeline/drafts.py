"""The draft flow: TM leverage first, then machine translation, every result stored at once.

Exact matches fill the target (origin `tm:100` / `tm:101`, status translated); fuzzy matches
become suggestions for the reviewer; MT fills what is left (origin `mt:<engine>`, status draft)
and is also kept as a suggestion. Finished drafts are committed one by one, so Ctrl-C or an
unreachable engine loses nothing already done; a later `draft` picks up the rest.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from tmbuilder.engines.base import Engine
from tmbuilder.engines.registry import create_engine
from tmbuilder.engines.runner import translate_all
from tmbuilder.errors import EngineError
from tmbuilder.events import Progress, Sink, ignore
from tmbuilder.model import Match, Segment, Status, TermStatus
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange
from tmbuilder.tm.leverage import EXACT, Leverage, neighbours

_TM_BATCH = 500
_LEFT_PREFIX = re.compile(r"^\d+ segments? left without a draft: ")

# Statuses a draft may overwrite: never a person's work.
_DRAFTABLE = (Status.NEW, Status.DRAFT)


@dataclass(frozen=True)
class EngineOptions:
    name: str | None = None  # None: the project's configured engine
    api_key: str | None = None
    url: str | None = None
    region: str | None = None
    base_url: str | None = None  # point the provider at another host (tests, proxies)
    workers: int | None = None
    timeout: float | None = None


@dataclass
class DraftReport:
    segments: int = 0
    tm_exact: int = 0
    tm_fuzzy: int = 0
    mt_requested: int = 0
    mt_translated: int = 0
    cache_hits: int = 0
    failed: int = 0
    left: int = 0
    left_reason: str = ""
    engine: str = ""
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items()}


def _api_key(name: str, given: str | None) -> str | None:
    return given or os.environ.get(f"TMBUILDER_{name.upper()}_API_KEY") or None


def engine_languages(project: Project) -> tuple[str, str]:
    """The project's languages as MT providers name them (vi, en)."""
    return project.config.source_lang.split("-")[0], project.config.target_lang.split("-")[0]


def make_engine(project: Project, options: EngineOptions, name: str) -> Engine:
    """Engine `name` with the command's options over the project's [engine] settings;
    raises EngineError when it cannot be set up (unknown engine, missing key)."""
    config = project.config
    src, tgt = engine_languages(project)
    return create_engine(
        name,
        source=src,
        target=tgt,
        api_key=_api_key(name, options.api_key),
        url=options.url or config.engine.url or None,
        region=options.region or config.engine.region or None,
        timeout=options.timeout or config.engine.timeout,
        base_url=options.base_url,
    )


def draft(
    project: Project,
    *,
    engine: EngineOptions | None = None,
    retranslate: bool = False,
    glossary_terms: bool = False,
    sink: Sink = ignore,
    stop: threading.Event | None = None,
) -> DraftReport:
    """Draft every segment that has no human translation yet."""
    engine = engine or EngineOptions()
    config = project.config
    store = project.store
    all_segments = store.segments()
    context = neighbours(all_segments)
    wanted = [
        s
        for s in all_segments
        if s.status == Status.NEW or (retranslate and s.status in _DRAFTABLE)
    ]
    report = DraftReport(segments=len(wanted))
    if not wanted:
        return report

    leverage = Leverage(store, threshold=config.tm.fuzzy_threshold, pair=config.pair)
    needs_mt: list[Segment] = []
    # TM results are committed in batches: one fsync per segment would dominate big builds,
    # and an interrupted TM pass costs nothing to redo (unlike paid MT, committed one by one)
    for start in range(0, len(wanted), _TM_BATCH):
        with store.transaction():
            for seg in wanted[start : start + _TM_BATCH]:
                if _leverage_one(project, leverage, seg, context[seg.id], report):
                    needs_mt.append(seg)
        done = min(start + _TM_BATCH, len(wanted))
        sink(Progress("tm", done, len(wanted), f"{report.tm_exact} exact, {report.tm_fuzzy} fuzzy"))

    name = engine.name or config.engine.name
    report.engine = name
    if name == "none" or not needs_mt:
        report.left = len(needs_mt) if name == "none" else 0
        if report.left:
            report.left_reason = "machine translation switched off (--engine none)"
        return report
    _machine_translate(project, needs_mt, engine, name, glossary_terms, report, sink, stop)
    return report


def _leverage_one(
    project: Project,
    leverage: Leverage,
    seg: Segment,
    context: tuple[str, str],
    report: DraftReport,
) -> bool:
    """Store a segment's TM matches and fill it from an exact one; True if MT is needed."""
    store = project.store
    matches = leverage.lookup(seg.source, *context)
    exact = [m for m in matches if m.score >= EXACT]
    fuzzy = [m for m in matches if m.score < EXACT]
    store.set_suggestions(seg.id, "tm", matches)
    if exact:
        best = exact[0]
        origin = f"tm:{int(best.score)}"
        store.update_unit(
            UnitChange(seg.id, best.target, Status.TRANSLATED, origin, "tmbuilder", "draft")
        )
        report.tm_exact += 1
        return False
    report.tm_fuzzy += bool(fuzzy)
    if fuzzy and not project.config.tm.mt_for_fuzzy:
        best = fuzzy[0]
        origin = f"tm:{int(best.score)}"
        store.update_unit(
            UnitChange(seg.id, best.target, Status.DRAFT, origin, "tmbuilder", "draft")
        )
        return False
    return True


def _machine_translate(
    project: Project,
    segments: list[Segment],
    options: EngineOptions,
    name: str,
    glossary_terms: bool,
    report: DraftReport,
    sink: Sink,
    stop: threading.Event | None,
) -> None:
    config = project.config
    store = project.store
    src, tgt = engine_languages(project)
    try:
        mt = make_engine(project, options, name)
    except EngineError as exc:
        report.left = len(segments)
        report.left_reason = str(exc)
        return
    protect: Mapping[str, str] | None = None
    if glossary_terms:
        protect = {t.source: t.target for t in store.terms(TermStatus.APPROVED) if t.target}
    # translate_all calls back, and uses the cache, from this thread only: the store's one
    # connection needs no lock, and each result is committed before the next one arrives
    done = cached = failed = 0

    def progress() -> None:
        sink(
            Progress(
                "mt",
                done + failed,
                len(segments),
                f"{done - cached} MT, {cached} cached, {failed} failed",
            )
        )

    def on_failure(_index: int, _reason: str) -> None:
        nonlocal failed
        failed += 1
        progress()

    def on_result(index: int, english: str, from_cache: bool) -> None:
        nonlocal done, cached
        seg = segments[index]
        if store.segment(seg.id).status not in _DRAFTABLE:
            return  # a person translated it while we waited for the engine: theirs wins
        store.update_unit(
            UnitChange(seg.id, english, Status.DRAFT, f"mt:{name}", "tmbuilder", "draft")
        )
        store.set_suggestions(
            seg.id, "mt", [Match(0.0, seg.source, english, f"mt:{name}", kind="mt")]
        )
        done += 1
        cached += from_cache
        progress()

    result = translate_all(
        mt,
        [s.source for s in segments],
        cache=store,
        src=src,
        tgt=tgt,
        workers=options.workers or config.engine.workers,
        on_result=on_result,
        on_failure=on_failure,
        protect_terms=protect,
        stop=stop,
    )
    report.mt_requested = result.requested
    report.mt_translated = result.translated
    report.cache_hits = result.cache_hits
    report.failed = result.failed
    report.cancelled = result.cancelled
    report.left = len(segments) - done
    if report.left:
        # the runner words it as "N segments left without a draft: <reason>"; keep the reason
        reason = _LEFT_PREFIX.sub("", result.left_reason)
        report.left_reason = reason or ("interrupted" if result.cancelled else "engine errors")
