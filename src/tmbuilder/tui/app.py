"""`tmbuilder review`: the Textual app around a review session.

The app owns what outlives a screen: the session's segment claims and the poll that renews
them and brings in other reviewers' changes (review/claims.py, review/live.py), the autosave
timer, background jobs and the keymap. `run_review(project_dir)` is what the CLI calls.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import closing, suppress
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
from tmbuilder.review.autosave import (
    AUTOSAVE_EVERY,
    AutosaveEntry,
    Autosaver,
    autosave_key,
    pending_restore,
)
from tmbuilder.review.claims import HEARTBEAT_EVERY, SegmentClaims
from tmbuilder.review.concordance import ConcordanceHit
from tmbuilder.review.conflicts import count_conflicts, list_conflicts, resolve
from tmbuilder.review.conflicts import preload as preload_conflicts
from tmbuilder.review.filters import SegmentFilter
from tmbuilder.review.live import POLL_EVERY, LiveFeed
from tmbuilder.review.session import ReviewSession, word_counts
from tmbuilder.review.store_wait import STEP, BusyError
from tmbuilder.store.sqlite import SqliteStore
from tmbuilder.tui import terminal_keys
from tmbuilder.tui.app_jobs import JobsApp
from tmbuilder.tui.bindings import APP_KEYS, bindings, checked_keymap
from tmbuilder.tui.commands import ReviewCommands
from tmbuilder.tui.messages import (
    OpenConcordance,
    ResolveConflict,
    RunQa,
    StartJob,
    WentReadOnly,
)
from tmbuilder.tui.screens.concordance import ConcordanceScreen
from tmbuilder.tui.screens.conflicts import ConflictsScreen
from tmbuilder.tui.screens.editor import store_trouble
from tmbuilder.tui.screens.glossary import GlossaryScreen
from tmbuilder.tui.screens.help import HelpScreen
from tmbuilder.tui.screens.review import ReviewScreen

if TYPE_CHECKING:
    from tmbuilder.project import Project

POSITION_KEY = "review_position"  # store meta: segment id to reopen at
# Rows read before the first screen is shown: a few screenfuls, so the first moves and
# confirms need not wait for the rest (read straight after, while the reviewer reads).
FIRST_ROWS = 500


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
        self._opening: AutosaveEntry | None = None  # autosaved typing to restore at start
        self.busy_wait = project.config.store.busy_timeout

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
        # From here on a write never blocks the UI for long: past a short step the store
        # gives up, and the caller keeps what it was doing and tries again until
        # [store] busy_timeout, showing who holds the store (review/store_wait.py).
        if isinstance(self.store, SqliteStore):
            self.store.busy_timeout = min(STEP, self.store.busy_timeout)
        self._start(read_only="")

    def _start(self, read_only: str) -> None:
        # The screen comes up at once with an empty list; the rows load in a thread on a
        # connection of their own: the first rows with the glossary and QA helpers arrive in
        # _first_rows, then the rest of the rows (100,000 take about a second).
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
        self.review_screen.busy_wait = self.busy_wait
        self.push_screen(self.review_screen)
        self.set_interval(AUTOSAVE_EVERY, self._autosave)
        self.set_interval(POLL_EVERY, self.poll_others)
        self._load_rows(first=True)

    def _load_rows(self, *, first: bool) -> None:
        from tmbuilder.project import Project

        def load() -> None:
            project = Project(self.project.root)
            try:
                if not first:
                    self.call_from_thread(self._rows_loaded, project.store.segments(), False)
                    return
                with closing(project.store.segment_batches(FIRST_ROWS)) as batches:
                    head = next(batches)
                    # The glossary and QA helpers (0.2 s for 3,000 terms) come with the first
                    # rows: the first screen highlights terms and checks a confirm at once.
                    assist = Assist(project.store.terms(), project.config.qa.disabled)
                    self.call_from_thread(self._first_rows, head, assist)
                    conflicts = count_conflicts(project.store)
                    self.call_from_thread(self._show_conflicts, conflicts)
                    self.call_from_thread(self._more_rows, next(batches, []))
                if conflicts:
                    preload_conflicts()
            finally:
                project.close()

        self.run_worker(
            load, name="rows", group="rows", thread=True, exclusive=True, exit_on_error=False
        )

    def _first_rows(self, head: list[Segment], assist: Assist) -> None:
        self._assist_ready(assist)
        self._rows_loaded(head, True, len(head) < FIRST_ROWS)

    def _show_conflicts(self, count: int) -> None:
        screen = self.review_screen
        if screen is not None:
            screen.conflicts = count
            if screen.is_attached:
                screen.update_progress()

    def _assist_ready(self, assist: Assist) -> None:
        if self.review_screen is not None:
            self.review_screen.assist_ready(assist)

    def _rows_loaded(self, rows: list[Segment], first: bool, complete: bool = True) -> None:
        screen, session = self.review_screen, self.session
        if screen is None or session is None:
            return
        if first:
            session.reload(rows)
            session.complete = complete
            restore = None if session.read_only else pending_restore(self.store, self.autosaver.key)
            self._opening = restore[0] if restore else None
            self._show_first(session, screen)
        else:
            seg = session.current
            typing = seg is not None and screen.target.text != seg.target
            session.reload(rows)
            session.complete = True
            gc.freeze()  # as below; the old rows are acyclic, so refcounting still frees them
            screen.segment_list.reset()
            screen.update_progress()
            if not typing:  # keep what the reviewer is typing; it is saved on leaving
                screen.show_current()
            self._count_words()

    def _show_first(self, session: ReviewSession, screen: ReviewScreen) -> bool:
        """Show the first screen once the rows it opens on are loaded (the saved position
        or an autosaved edit may lie beyond the first screenful); True once shown."""
        if self.rows_ready:
            return True
        restore = self._opening
        wanted = restore.segment_id if restore else self._saved_position()
        if wanted is not None and session.row_of(wanted) is None and not session.complete:
            return False  # not read yet: the rest of the rows will bring it
        if restore is None and wanted is not None:
            session.go_to_segment(wanted)
        self.rows_ready = True
        self._start_live(session)
        screen.segment_list.set_documents({d.id: Path(d.path).name for d in self.store.documents()})
        screen.rows_loaded(restore)
        return True

    def _more_rows(self, rows: list[Segment]) -> None:
        """The rest of the rows, after the first screenful: appended under the reviewer."""
        screen, session = self.review_screen, self.session
        if screen is None or session is None:
            return
        if session.complete and rows:
            return  # a full reload (after a draft) came first: these rows are stale
        if not session.complete:
            session.extend(rows)
        # 100,000 long-lived Segment objects make every full garbage collection walk them
        # all (tens of ms, felt as a stutter on a keypress); they never form cycles, so
        # take what exists now out of the collector's sight.
        gc.freeze()
        if not self._show_first(session, screen) or not screen.is_attached:
            return
        self._start_live(session)
        screen.rows_completed()
        self._count_words()

    def _start_live(self, session: ReviewSession) -> None:
        """Follow other reviewers' changes from now on, once every row is in (before, a
        change to a row not read yet would look like a new segment)."""
        if self.live is not None or not session.complete:
            return
        try:
            self.live = LiveFeed(session, self.claims, server=self.store.memory_db is None)
        except Exception as exc:
            self._poll_failed(exc)

    def _saved_position(self) -> int | None:
        saved = self.store.get_meta(POSITION_KEY)
        return int(saved) if saved and saved.isdigit() else None

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

    def _autosave(self) -> bool:
        """Save the typing in progress for a crash restore; False if the store was busy."""
        try:
            self.autosaver.flush()
        except BusyError:
            return False  # the next tick saves it (meanwhile it is in the editor)
        except Exception as exc:
            trouble = str(exc) if isinstance(exc, TmBuilderError) else store_trouble(exc)
            if trouble is None:
                raise
            self.notify(f"autosave failed: {trouble}", severity="error")
        return True

    def poll_others(self) -> None:
        """Renew this session's claim and bring in other reviewers' changes and claims
        (every POLL_EVERY seconds; also called by tests)."""
        screen, session = self.review_screen, self.session
        if (
            screen is None
            or session is None
            or not screen.is_attached
            or not self.rows_ready
            or not session.complete
        ):
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
        if not session.complete:  # its frequencies count every segment
            self.notify("The segments are still loading; open the glossary in a moment.")
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

    def action_conflicts(self) -> None:
        """The merge conflicts `build` or `import` left: keep the store's or take theirs."""
        if self.session is None or isinstance(self.screen, ConflictsScreen):
            return
        screen = self.review_screen
        if screen is not None and not screen.save_in_progress():
            return  # a decision may rewrite the segment being typed in: save it first
        self.push_screen(ConflictsScreen(list_conflicts(self.store)))

    @on(ResolveConflict)
    def _resolve_conflict(self, message: ResolveConflict) -> None:
        session, screen = self.session, self.review_screen
        if session is None or screen is None:
            return
        try:
            session.check_writable(())
            seg = resolve(
                self.store, message.conflict, take_theirs=message.take_theirs, author=session.author
            )
        except Exception as exc:
            trouble = str(exc) if isinstance(exc, TmBuilderError) else store_trouble(exc)
            if trouble is None:
                raise
            self.notify(f"conflict not settled: {trouble}", severity="error", timeout=8)
            return
        if seg is not None:
            session.refresh_segment(seg)
            current = session.current
            if current is not None and current.id == seg.id:
                screen.show_current()
            screen.segment_list.refresh()
        else:
            screen.assist.set_terms(self.store.terms())
        left = list_conflicts(self.store)
        screen.conflicts = len(left)
        screen.update_progress()
        if isinstance(self.screen, ConflictsScreen):
            self.screen.show(left)
        kept = "took the incoming version" if message.take_theirs else "kept the store's version"
        self.notify(f"{message.conflict.where}: {kept} (in the history)")

    async def action_quit(self) -> None:
        """Save the edit in progress, give the claims back, stop jobs, quit."""
        screen = self.review_screen
        # could not save: the autosave keeps the typing for next time, unless the store is
        # busy for that too: quitting then would lose the edit
        if (
            screen is not None
            and screen.is_attached
            and not screen.save_in_progress()
            and not self._autosave()
        ):
            self.notify(
                "Not quitting: the project store is busy and your edit is not saved yet. "
                "Try again in a moment.",
                severity="error",
                timeout=10,
            )
            return
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
