"""The command palette (ctrl+p): every key action of the screen, plus the long-running jobs.

Built from the same table as the footer and help (tui/bindings.py), so a new binding shows
up here without further work; each entry's help line names its keys after remapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tmbuilder.review.jobs import JOBS, PALETTE_JOBS
from tmbuilder.tui.bindings import (
    APP_KEYS,
    CONFLICT_KEYS,
    GLOSSARY_KEYS,
    REVIEW_KEYS,
    KeySpec,
    effective_keys,
)
from tmbuilder.tui.messages import StartJob
from tmbuilder.tui.screens.conflicts import ConflictsScreen
from tmbuilder.tui.screens.glossary import GlossaryScreen
from tmbuilder.tui.screens.review import ReviewScreen


class ReviewCommands(Provider):
    """Key actions of the active screen and the app's background jobs."""

    def _entries(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = self.app
        screen = self.screen
        keymap: Mapping[str, str] = getattr(app, "keymap", {})
        specs: tuple[KeySpec, ...] = APP_KEYS
        if isinstance(screen, ReviewScreen):
            specs = REVIEW_KEYS + APP_KEYS
        elif isinstance(screen, GlossaryScreen):
            specs = GLOSSARY_KEYS + APP_KEYS
        elif isinstance(screen, ConflictsScreen):
            specs = CONFLICT_KEYS + APP_KEYS
        for spec in specs:
            on_screen = spec in REVIEW_KEYS or spec in GLOSSARY_KEYS or spec in CONFLICT_KEYS
            target = screen if on_screen else app
            yield (
                spec.title or spec.label,
                partial(app.run_action, spec.action, target),
                f"{spec.tooltip} · {effective_keys(spec, keymap)}   (id {spec.id})",
            )
        for job_id in PALETTE_JOBS:
            job = JOBS[job_id]
            yield job.name, partial(app.post_message, StartJob(job.id)), job.help

    async def discover(self) -> Hits:
        for name, command, help_text in self._entries():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        # Only the entry's title is matched, never its help line: "QA" must find Run QA,
        # not Filter (whose help mentions QA).
        matcher = self.matcher(query)
        for name, command, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
