"""Draft many segments through one engine: cache, dedupe, a bounded pool, retries, Ctrl-C.

Threads: `translate_all` runs the callbacks and the cache in the calling thread (the lead's
store is SQLite, whose connections belong to one thread); a few daemon worker threads only
call the engine. Daemon threads, not a ThreadPoolExecutor, so that after Ctrl-C the process can
exit without waiting for requests still on the wire; a worker finishes its current request (its
timeout bounds that) and then stops, and nothing it produces afterwards is delivered.
"""

from __future__ import annotations

import hashlib
import queue
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tmbuilder.engines.base import Engine, TransientEngineError, TranslationCache, cache_key
from tmbuilder.engines.chunking import join_parts, split_text
from tmbuilder.engines.postedit import (
    PLACEHOLDER_RE,
    Protected,
    TermMatcher,
    clean_english,
    has_words,
    match_case,
    protect,
    restore,
)
from tmbuilder.engines.transport import RetryPolicy, redact
from tmbuilder.errors import EngineError, EngineUnavailable

CACHE_BATCH = 32  # drafts per cache write: few writes, little lost on a crash


@dataclass
class DraftReport:
    """What a run did. requested = translated + cache_hits + failed."""

    requested: int
    translated: int = 0
    cache_hits: int = 0
    failed: int = 0  # segments without a draft, for whatever reason
    left_reason: str = ""  # "N segments left without a draft: <reason>", or ""
    unreachable: bool = False
    cancelled: bool = False
    requests: int = 0  # calls to engine.translate, retries included
    placeholder_fallbacks: int = 0  # texts re-sent without placeholders after the engine lost one


@dataclass
class _Job:
    key: str  # cache key; suffixed when glossary terms shaped the translation
    text: str
    protected: Protected
    indices: list[int]


class _Stopped(Exception):
    """The run is halting (cancelled or engine unreachable); leave this text undrafted."""


class _Health:
    """Consecutive connection failures and timeouts across workers, and the shared 429 pause."""

    def __init__(self, policy: RetryPolicy, halt: threading.Event) -> None:
        self._policy = policy
        self._halt = halt
        self._lock = threading.Lock()
        self._connection_failures = 0
        self._timeouts = 0
        self.reason = ""  # set once the engine is given up on
        self.pause_until = 0.0

    def answered(self) -> None:
        with self._lock:
            self._connection_failures = self._timeouts = 0

    def transient(self, error: TransientEngineError) -> None:
        """Count a failure; raises _Stopped when it makes the engine unreachable."""
        with self._lock:
            if error.kind == "connection":
                self._connection_failures += 1
                count, limit = self._connection_failures, self._policy.unreachable_after
            elif error.kind == "timeout":
                self._timeouts += 1
                count, limit = self._timeouts, 2 * self._policy.unreachable_after
            else:
                return
        if count >= limit:
            self.give_up(f"{error}, {count} times in a row")
            raise _Stopped

    def give_up(self, reason: str) -> None:
        with self._lock:
            if not self.reason:
                self.reason = redact(reason)
        self._halt.set()

    def pause(self, seconds: float) -> None:
        with self._lock:
            self.pause_until = max(self.pause_until, time.monotonic() + seconds)


class _Drafter:
    """The worker side: turns one job into English, calling the engine with retries."""

    def __init__(self, engine: Engine, policy: RetryPolicy, health: _Health, halt: threading.Event):
        self._engine = engine
        self._policy = policy
        self._health = health
        self._halt = halt
        self._rng = random.Random()
        self._lock = threading.Lock()
        self.requests = 0
        self.fallbacks = 0

    def draft(self, job: _Job) -> str:
        protected = job.protected
        english = restore(clean_english(self._translate_long(protected.text)), protected)
        if english is None:
            # The engine dropped, doubled or invented a placeholder: send the plain text.
            with self._lock:
                self.fallbacks += 1
            english = clean_english(self._translate_long(job.text))
        return match_case(job.text, english)

    def _translate_long(self, text: str) -> str:
        pieces = split_text(text, self._engine.max_chars, PLACEHOLDER_RE)
        return join_parts([self._call(piece) for piece in pieces])

    def _call(self, text: str) -> str:
        tries = max(1, self._policy.tries)
        for attempt in range(tries):
            self._wait_turn()
            with self._lock:
                self.requests += 1
            try:
                english = self._engine.translate(text)
            except TransientEngineError as error:
                self._health.transient(error)
                if attempt == tries - 1:
                    raise EngineError(f"{error} (gave up after {tries} tries)") from None
                delay = self._policy.delay(attempt, error.retry_after, self._rng)
                if error.kind == "rate":
                    self._health.pause(delay)  # every worker backs off, not just this one
                elif self._halt.wait(delay):
                    raise _Stopped from None
                continue
            except EngineUnavailable as error:
                self._health.give_up(str(error))
                raise _Stopped from None
            except EngineError:
                self._health.answered()
                raise
            self._health.answered()
            return english
        raise AssertionError("unreachable: the loop returns or raises")

    def _wait_turn(self) -> None:
        while True:
            if self._halt.is_set():
                raise _Stopped
            wait = self._health.pause_until - time.monotonic()
            if wait <= 0:
                return
            self._halt.wait(min(wait, 0.25))


def translate_all(
    engine: Engine,
    texts: Sequence[str],
    *,
    cache: TranslationCache | None,
    src: str,
    tgt: str,
    workers: int = 4,
    on_result: Callable[[int, str, bool], None],
    on_failure: Callable[[int, str], None] | None = None,
    protect_terms: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
    retry: RetryPolicy | None = None,
) -> DraftReport:
    """Draft every text; deliver each through `on_result(index, english, from_cache)`.

    Callbacks run in the calling thread, as drafts complete. Identical texts are translated
    once. `on_failure(index, reason)` gets texts whose request failed for good; texts never
    tried because the run was cancelled or the engine became unreachable only appear in the
    report. Ctrl-C (KeyboardInterrupt) and `stop` end the run promptly: finished drafts are
    delivered, the report says `cancelled`, and KeyboardInterrupt is not re-raised.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    report = DraftReport(requested=len(texts))
    policy = retry or RetryPolicy()
    matcher = TermMatcher(protect_terms) if protect_terms else None
    jobs = _plan(texts, matcher)
    pending: dict[str, str] = {}
    finished: set[str] = set()
    failures: Counter[str] = Counter()

    def flush() -> None:
        if cache is not None and pending:
            cache.put_many(engine.name, src, tgt, dict(pending))
        pending.clear()

    def deliver(job: _Job, english: str, from_cache: bool) -> None:
        finished.add(job.key)
        for index in job.indices:
            on_result(index, english, from_cache)
        if from_cache:
            report.cache_hits += len(job.indices)
            return
        report.translated += len(job.indices)
        if cache is not None and has_words(job.protected.text):
            pending[job.key] = english
            if len(pending) >= CACHE_BATCH:
                flush()

    def fail(job: _Job, reason: str) -> None:
        finished.add(job.key)
        failures[reason] += len(job.indices)
        for index in job.indices:
            if on_failure is not None:
                on_failure(index, reason)

    if cache is not None and jobs:
        keys = list(jobs)
        for start in range(0, len(keys), 500):
            hits = cache.get_many(engine.name, src, tgt, keys[start : start + 500])
            for key, english in hits.items():
                if key in jobs:
                    deliver(jobs[key], english, True)
    todo: queue.SimpleQueue[_Job] = queue.SimpleQueue()
    for key, job in jobs.items():
        if key in finished:
            continue
        if has_words(job.protected.text):
            todo.put(job)
        else:  # only numbers, URLs, punctuation: the source is its own translation
            deliver(job, restore(job.protected.text, job.protected) or job.text, False)

    halt = threading.Event()
    health = _Health(policy, halt)
    drafter = _Drafter(engine, policy, health, halt)
    results: queue.SimpleQueue[tuple[str, _Job | None, str]] = queue.SimpleQueue()
    count = min(workers, todo.qsize())
    for _ in range(count):
        threading.Thread(
            target=_work, args=(drafter, todo, results, halt), daemon=True, name="tmbuilder-mt"
        ).start()

    def handle(kind: str, job: _Job | None, payload: str) -> None:
        if job is None or kind == "left":
            return
        if kind == "done":
            deliver(job, payload, False)
        else:
            fail(job, payload)

    try:
        exited = 0
        while exited < count:
            if stop is not None and stop.is_set():
                report.cancelled = True
                break
            try:
                item = results.get(timeout=0.05)
            except queue.Empty:
                continue
            if item[0] == "exit":
                exited += 1
            else:
                handle(*item)
    except KeyboardInterrupt:
        report.cancelled = True
    finally:
        halt.set()
        try:
            if report.cancelled:  # keep what already arrived; do not wait for the rest
                while True:
                    try:
                        handle(*results.get_nowait())
                    except queue.Empty:
                        break
        finally:
            flush()

    report.requests = drafter.requests
    report.placeholder_fallbacks = drafter.fallbacks
    report.failed = report.requested - report.translated - report.cache_hits
    report.unreachable = bool(health.reason)
    report.left_reason = _left_reason(report, health.reason, failures)
    return report


def _plan(texts: Sequence[str], matcher: TermMatcher | None) -> dict[str, _Job]:
    """One job per distinct text (and glossary use), in first-seen order."""
    jobs: dict[str, _Job] = {}
    for index, text in enumerate(texts):
        key = cache_key(text)
        protected = protect(key, matcher)
        if protected.terms:
            # The same source drafts differently under another glossary: key on the terms too.
            digest = hashlib.sha256(repr(sorted(protected.terms)).encode()).hexdigest()[:12]
            key = f"{key} \u241f glossary:{digest}"
        if key in jobs:
            jobs[key].indices.append(index)
        else:
            jobs[key] = _Job(key, cache_key(text), protected, [index])
    return jobs


def _work(
    drafter: _Drafter,
    todo: queue.SimpleQueue[_Job],
    results: queue.SimpleQueue[tuple[str, _Job | None, str]],
    halt: threading.Event,
) -> None:
    try:
        while not halt.is_set():
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results.put(("done", job, drafter.draft(job)))
            except _Stopped:
                results.put(("left", job, ""))
            except EngineError as error:
                results.put(("failed", job, redact(str(error))))
            except Exception as error:  # an Engine outside our adapters misbehaving
                results.put(("failed", job, f"unexpected {type(error).__name__}"))
    finally:
        results.put(("exit", None, ""))


def _left_reason(report: DraftReport, unreachable: str, failures: Counter[str]) -> str:
    if report.failed == 0:
        return ""
    if unreachable:
        reason = unreachable
    elif report.cancelled:
        reason = "cancelled"
    elif failures:
        reason, _ = failures.most_common(1)[0]
        if len(failures) > 1:
            reason += f" (and {len(failures) - 1} other kinds of error)"
    else:
        reason = "not attempted"
    noun = "segment" if report.failed == 1 else "segments"
    return f"{report.failed} {noun} left without a draft: {reason}"
