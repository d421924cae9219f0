"""The command palette (ctrl+p): every key action of the screen, plus the long-running jobs.

Built from the same table as the footer and help (tui/bindings.py), so a new binding shows
up here without further work; each entry's help line names its keys after remapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tmbuilder.tui.bindings import APP_KEYS, GLOSSARY_KEYS, REVIEW_KEYS, KeySpec, effective_keys

if TYPE_CHECKING:
    from tmbuilder.tui.app import ReviewApp

JOBS: tuple[tuple[str, str, str], ...] = (
    ("Export TMX", "export_tmx", "Write the reviewed segments to tmx/ (in the background)"),
    (
        "Export glossary",
        "export_glossary",
        "Write glossary/ as TSV, CSV and TBX (background)",
    ),
    ("Run QA", "run_qa", "Check every segment and list warnings (in the background)"),
    ("Draft remaining segments", "draft", "TM then MT for segments without a target (background)"),
    ("Stop drafting", "stop_draft", "Stop a running draft; finished drafts are kept"),
)


class ReviewCommands(Provider):
    """Key actions of the active screen and the app's background jobs."""

    def _entries(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        from tmbuilder.tui.app import ReviewApp
        from tmbuilder.tui.screens.glossary import GlossaryScreen
        from tmbuilder.tui.screens.review import ReviewScreen

        app = self.app
        if not isinstance(app, ReviewApp):
            return
        screen = self.screen
        keymap = app.keymap
        specs: tuple[KeySpec, ...] = APP_KEYS
        if isinstance(screen, ReviewScreen):
            specs = REVIEW_KEYS + APP_KEYS
        elif isinstance(screen, GlossaryScreen):
            specs = GLOSSARY_KEYS + APP_KEYS
        for spec in specs:
            target = screen if spec in REVIEW_KEYS or spec in GLOSSARY_KEYS else app
            yield (
                f"{spec.label}: {spec.tooltip}",
                partial(app.run_action, spec.action, target),
                f"{effective_keys(spec, keymap)}   (id {spec.id})",
            )
        for name, job, help_text in JOBS:
            yield name, partial(_start_job, app, job), help_text

    async def discover(self) -> Hits:
        for name, command, help_text in self._entries():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)


def _start_job(app: ReviewApp, job: str) -> None:
    app.start_job(job)
