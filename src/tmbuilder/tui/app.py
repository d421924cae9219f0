"""`tmbuilder review`: the Textual app around a review session.

The app owns what outlives a screen: the session's segment claims and the poll that renews
them and brings in other reviewers' changes (review/claims.py, review/live.py), the autosave
timer, background jobs and the keymap. `run_review(project_dir)` is what the CLI calls.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tmbuilder.errors import InputError, StoreError, TmBuilderError
from tmbuilder.model import Segment
from tmbuilder.review.assist import Assist
from tmbuilder.review.autosave import AUTOSAVE_EVERY, Autosaver, autosave_key, pending_restore
from tmbuilder.review.claims import HEARTBEAT_EVERY, SegmentClaims
from tmbuilder.review.concordance import ConcordanceHit
from tmbuilder.review.filters import SegmentFilter
from tmbuilder.review.live import POLL_EVERY, LiveFeed
from tmbuilder.review.session import ReviewSession, word_counts
from tmbuilder.tui import terminal_keys
from tmbuilder.tui.app_jobs import JobsApp
from tmbuilder.tui.bindings import APP_KEYS, bindings, checked_keymap
from tmbuilder.tui.commands import ReviewCommands
from tmbuilder.tui.messages import (
    OpenConcordance,
    RunQa,
    StartJob,
    WentReadOnly,
)
from tmbuilder.tui.screens.concordance import ConcordanceScreen
from tmbuilder.tui.screens.editor import store_trouble
from tmbuilder.tui.screens.glossary import GlossaryScreen
from tmbuilder.tui.screens.help import HelpScreen
from tmbuilder.tui.screens.review import ReviewScreen

if TYPE_CHECKING:
    from tmbuilder.project import Project

POSITION_KEY = "review_position"  # store meta: segment id to reopen at


class ReviewApp(JobsApp):
    """The review UI for one project (background jobs: tui/app_jobs.py)."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "tmbuilder review"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(APP_KEYS))

    def __init__(self, project: Project, *, author: str | None = None) -> None:
        terminal_keys.install()  # before the driver starts reading keys
        super().__init__(project)
        self.store = project.store
        where = str(project.config.path or project.root / "tmbuilder.toml")
        self.keymap = checked_keymap(project.config.keys, where)
        self.claims = SegmentClaims(self.store, user=author)
        self.live: LiveFeed | None = None  # from when the rows are loaded
        self._beaten = 0.0  # when the claims were last renewed
        self._poll_trouble = ""  # the store failure the last poll met, said once
        self.autosaver = Autosaver(self.store, autosave_key(self.claims.user))
        self.session: ReviewSession | None = None
        self.review_screen: ReviewScreen | None = None
        self.rows_ready = False  # the segments have been loaded into the session
        self.startup_error: str | None = None  # why the app gave up before showing anything

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette entries, minus its "Quit": ours (ctrl+q) saves first."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    # -- start -------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        # No project-wide lock: reviewers claim one segment at a time (review/claims.py), so
        # a second reviewer opens the project like the first.
        self.set_keymap(self.keymap)
        self._start(read_only="")

    def _start(self, read_only: str) -> None:
        # The screen comes up at once with an empty list; the rows load in a thread on a
        # connection of their own and arrive in _rows_loaded (100,000 rows take about a
        # second, most of it building Segment objects).
        session = ReviewSession(
            self.store, author=self.claims.user, segments=[], claims=self.claims
        )
        if read_only:
            session.set_read_only(read_only)
            self.autosaver.enabled = False
        self.session = session
        self.review_screen = ReviewScreen(
            session, Assist(helpers=False), self.autosaver, self.keymap
        )
        self.push_screen(self.review_screen)
        self.set_interval(AUTOSAVE_EVERY, self._autosave)
        self.set_interval(POLL_EVERY, self.poll_others)
        self._load_rows(first=True)

    def _load_rows(self, *, first: bool) -> None:
        from tmbuilder.project import Project

        def load() -> None:
            project = Project(self.project.root)
            try:
                rows = project.store.segments()
                self.call_from_thread(self._rows_loaded, rows, first)
                # The glossary index (a few ms per 1,000 terms) comes second: the list need
                # not wait for it; highlights and the side panel fill in when it arrives.
                assist = Assist(project.store.terms(), project.config.qa.disabled)
                self.call_from_thread(self._assist_ready, assist)
            finally:
                project.close()

        self.run_worker(
            load, name="rows", group="rows", thread=True, exclusive=True, exit_on_error=False
        )

    def _assist_ready(self, assist: Assist) -> None:
        if self.review_screen is not None:
            self.review_screen.assist_ready(assist)

    def _rows_loaded(self, rows: list[Segment], first: bool) -> None:
        screen, session = self.review_screen, self.session
        if screen is None or session is None:
            return
        if first:
            session.reload(rows)
            # 100,000 long-lived Segment objects make every full garbage collection walk
            # them all (tens of ms, felt as a stutter on a keypress); they never form
            # cycles, so take what exists now out of the collector's sight.
            gc.freeze()
            restore = None if session.read_only else pending_restore(self.store, self.autosaver.key)
            if restore is None:
                self._reopen_position(session)
            self.rows_ready = True
            try:
                self.live = LiveFeed(session, self.claims, server=self.store.memory_db is None)
            except Exception as exc:
                self._poll_failed(exc)
            screen.segment_list.set_documents(
                {d.id: Path(d.path).name for d in self.store.documents()}
            )
            screen.rows_loaded(restore[0] if restore else None)
        else:
            seg = session.current
            typing = seg is not None and screen.target.text != seg.target
            session.reload(rows)
            gc.freeze()  # as above; the old rows are acyclic, so refcounting still frees them
            screen.segment_list.reset()
            screen.update_progress()
            if not typing:  # keep what the reviewer is typing; it is saved on leaving
                screen.show_current()
        self._count_words()

    def _reopen_position(self, session: ReviewSession) -> None:
        saved = self.store.get_meta(POSITION_KEY)
        if saved and saved.isdigit():
            session.go_to_segment(int(saved))

    # -- background bookkeeping -------------------------------------------------------------------
    def _count_words(self) -> None:
        session = self.session
        pending = session.word_counts_pending() if session else None
        if pending is None:
            return
        version, rows = pending

        def count() -> None:
            counts = word_counts(rows)
            self.call_from_thread(self._counted, version, counts)

        self.run_worker(count, thread=True, group="words", exclusive=True, exit_on_error=False)

    def _counted(self, version: int, counts: list[int]) -> None:
        if self.session is None:
            return
        if not self.session.set_word_counts(version, counts):
            self._count_words()  # rows changed while counting
        elif self.review_screen is not None and self.review_screen.is_attached:
            self.review_screen.update_progress()

    def _autosave(self) -> None:
        try:
            self.autosaver.flush()
        except Exception as exc:
            trouble = str(exc) if isinstance(exc, TmBuilderError) else store_trouble(exc)
            if trouble is None:
                raise
            self.notify(f"autosave failed: {trouble}", severity="error")

    def poll_others(self) -> None:
        """Renew this session's claim and bring in other reviewers' changes and claims
        (every POLL_EVERY seconds; also called by tests)."""
        screen, session = self.review_screen, self.session
        if screen is None or session is None or not screen.is_attached or not self.rows_ready:
            return  # (before the rows are in, every change would look like a new segment)
        seg = session.current
        typing = seg is not None and screen.target.text != seg.target
        try:
            reconnect = getattr(self.store, "reconnect", None)  # a server store's
            if self._poll_trouble and reconnect is not None:
                reconnect()
            if self.claims.now() - self._beaten >= HEARTBEAT_EVERY:
                self.claims.refresh()  # a lost claim shows in the poll below, as taken
                self._beaten = self.claims.now()
            if self.live is None:
                self.live = LiveFeed(session, self.claims, server=self.store.memory_db is None)
            update = self.live.poll(typing=typing)
        except Exception as exc:
            self._poll_failed(exc)
            return
        if self._poll_trouble:
            self._poll_trouble = ""
            self.notify("The project store answers again.", title="Store")
        if update.reload:
            self._reload_rows()
        # NoMatches: the screen is being taken down (quitting): nothing left to show it on
        with suppress(NoMatches):
            screen.live_update(update)

    def _poll_failed(self, exc: Exception) -> None:
        """A poll met a store failure: say it once, in one line, and keep polling."""
        trouble = str(exc) if isinstance(exc, TmBuilderError) else store_trouble(exc)
        if trouble is None:
            raise exc
        if trouble != self._poll_trouble:
            self._poll_trouble = trouble
            self.notify(
                f"{trouble}; other reviewers' changes will show when it answers again",
                title="Store",
                severity="error",
                timeout=10,
            )

    @on(WentReadOnly)
    def went_read_only(self) -> None:
        """The session became read-only: say so and stop editing."""
        self.autosaver.enabled = False
        screen = self.review_screen
        if screen is not None and screen.is_attached:
            screen.target.read_only = True
            screen.update_progress()
        if self.session is not None:
            # a lasting notice: the session goes on (read-only), and typing stays in the editor
            self.notify(
                f"{self.session.read_only_reason}. Your text stays in the editor (not saved); "
                "quit with ctrl+q when done.",
                title="Read-only",
                severity="error",
                timeout=30,
            )

    # -- app actions -----------------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))

    def action_glossary(self) -> None:
        session = self.session
        if session is None or isinstance(self.screen, GlossaryScreen):
            return
        screen = self.review_screen
        if screen is not None and not screen.save_in_progress():
            return

        def closed(changed: bool | None) -> None:
            if changed and screen is not None:
                screen.assist.set_terms(self.store.terms())
                screen.show_current()

        self.push_screen(
            # glossary edits need a writable session, not a claim on the current segment
            GlossaryScreen(self.store, session.rows, lambda: session.check_writable(())),
            closed,
        )

    async def action_quit(self) -> None:
        """Save the edit in progress, give the claims back, stop jobs, quit."""
        screen = self.review_screen
        if screen is not None and screen.is_attached and not screen.save_in_progress():
            self._autosave()  # could not save: the autosave keeps the typing for next time
        for stop in self._stops.values():
            stop.set()
        self.shutdown()
        self.exit()

    def shutdown(self) -> None:
        """Remember the position and release the claims (also used by tests)."""
        gc.unfreeze()  # let the collector see the rows (and any cycles) again
        try:
            session = self.session
            if session is not None and session.current is not None and not session.read_only:
                self.store.set_meta(POSITION_KEY, str(session.current.id))
            self.claims.release()
        except Exception as exc:
            if not isinstance(exc, TmBuilderError) and store_trouble(exc) is None:
                raise
            # the claims lapse by themselves; quitting must not fail on them

    # -- what screens ask for ---------------------------------------------------------------------
    @on(RunQa)
    def _run_qa(self, message: RunQa) -> None:
        flt = message.then_filter
        # F9 and the palette list what QA finds; a QA filter that waited for it applies as is
        self.start_qa(flt if isinstance(flt, SegmentFilter) else SegmentFilter(qa_only=True))

    @on(StartJob)
    def _start_job(self, message: StartJob) -> None:
        self.start_job(message.job)

    @on(OpenConcordance)
    def _open_concordance(self, message: OpenConcordance) -> None:
        if not isinstance(self.screen, ConcordanceScreen):
            self.push_screen(ConcordanceScreen(message.phrase, self._concordance_lookup))

    def _concordance_lookup(self, phrase: str, fold: bool) -> list[ConcordanceHit]:
        """Runs in the panel's worker thread: a Project (connection) of its own."""
        from itertools import chain

        from tmbuilder.project import Project
        from tmbuilder.review.concordance import search_rows
        from tmbuilder.store.concordance_rows import memory_rows, project_rows

        project = Project(self.project.root)
        try:
            store = project.store
            rows = chain(project_rows(store), memory_rows(store))
            return search_rows(rows, phrase, fold=fold, limit=200)
        finally:
            project.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.name == "rows":
            self.notify(f"cannot load the segments: {event.worker.error}", severity="error")
        else:
            self.job_worker_changed(event)

    def _reload_rows(self) -> None:
        """Re-read segments after a draft, off the UI thread, keeping the editor's typing."""
        self._load_rows(first=False)


def run_review(project_dir: Path) -> None:
    """Open the project at `project_dir` and run the review UI until the user quits."""
    from tmbuilder.project import Project

    project = Project(project_dir)
    if not project.exists():
        raise InputError(
            str(project.root), "no tmbuilder project here (run `tmbuilder build` first)"
        )
    app = ReviewApp(project)
    try:
        app.run()
    finally:
        app.shutdown()  # idempotent: covers an exit that did not go through action_quit
        project.close()
    if app.startup_error:
        raise StoreError(app.startup_error)
