"""Per-segment claims: several reviewers share a project, one writer per segment at a time.

A review session claims the segment it has in its editor (a row of the store's `claims`
table, store/review_tables.py) and renews the claim with a heartbeat while it runs. Other
sessions see that segment as taken, by whom, and cannot edit it until the claim is released
(the holder moved on or quit) or lapses: on the same host a claim whose process is gone lapses
at once (a `kill -9`), from any host one whose heartbeat is older than CLAIM_LAPSES_AFTER.

This replaces the project-wide review lock: two reviewers can work on one document, and what
stops a second writer is the claim on the one segment both want.
"""

from __future__ import annotations

import getpass
import os
import socket
import time
import uuid
from collections.abc import Callable

from tmbuilder.model import utc_now
from tmbuilder.review.view import ReviewError
from tmbuilder.store import health
from tmbuilder.store.base import ProjectStore
from tmbuilder.store.review_tables import ClaimRow

CLAIM_LAPSES_AFTER = 30.0  # seconds without a heartbeat before another host's claim is void
HEARTBEAT_EVERY = 10.0  # seconds; well inside CLAIM_LAPSES_AFTER


def describe(claim: ClaimRow, now: float) -> str:
    """Who holds a claim, for people: "alice@pc1 (pid 42), since …, seen 3 s ago"."""
    age = max(0, int(now - claim.heartbeat))
    return f"{claim.author}@{claim.host} (pid {claim.pid}), since {claim.since}, seen {age} s ago"


class SegmentTaken(ReviewError):
    """Another live review session claims the segment: it may not be edited here now."""

    def __init__(self, claim: ClaimRow, now: float) -> None:
        self.claim = claim
        super().__init__(
            f"segment #{claim.segment_id} is being edited by {describe(claim, now)}; "
            "your text stays in the editor (not saved): move on, or wait until they do"
        )


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host."""
    return pid > 0 and health.alive(pid)


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no LOGNAME/USER
        return f"uid{os.getuid()}" if hasattr(os, "getuid") else "reviewer"


class SegmentClaims:
    """One review session's claims: take, check, renew and give back."""

    def __init__(
        self,
        store: ProjectStore,
        *,
        user: str | None = None,
        host: str | None = None,
        pid: int | None = None,
        clock: Callable[[], float] = time.time,
        alive: Callable[[int], bool] = pid_alive,
    ) -> None:
        self.store = store
        self.user = user or current_user()
        self.host = host or socket.gethostname()
        self.pid = os.getpid() if pid is None else pid
        self.token = uuid.uuid4().hex  # two sessions of one user on one host differ
        self._clock = clock
        self._alive = alive
        self.held: int | None = None  # the segment this session has claimed

    def now(self) -> float:
        return self._clock()

    def is_live(self, claim: ClaimRow) -> bool:
        """Whether the session holding `claim` is still there."""
        if claim.host == self.host and not self._alive(claim.pid):
            return False
        return self._clock() - claim.heartbeat < CLAIM_LAPSES_AFTER

    def holder(self, segment_id: int) -> ClaimRow | None:
        """Another live session's claim on the segment, if there is one (one small read)."""
        claim = self.store.claims.get(segment_id)
        if claim is None or claim.token == self.token or not self.is_live(claim):
            return None
        return claim

    def claim(self, segment_id: int) -> ClaimRow | None:
        """Claim the segment (giving back the one held before); returns the other live
        session's claim instead when there is one.

        The write names the claim it read (none, a lapsed one, or ours): if another session
        claimed the segment between the read and the write, the write changes nothing and
        that session's claim is the answer, so two sessions can never both hold one segment."""
        table = self.store.claims
        if self.held == segment_id:  # redrawing the same segment: a read, not a write
            held = table.get(segment_id)
            if held is not None and held.token == self.token:
                return None
        with table.transaction():
            seen = table.get(segment_id)
            if seen is not None and seen.token != self.token and self.is_live(seen):
                table.drop(self.token)  # nothing is being edited here now
                self.held = None
                return seen
            now = self._clock()
            mine = ClaimRow(segment_id, self.token, self.user, self.host, self.pid, utc_now(), now)
            if not table.put(mine, replacing=seen.token if seen else ""):
                other = table.get(segment_id)
                table.drop(self.token)
                self.held = None
                return other
            table.drop(self.token, keep=segment_id)
        self.held = segment_id
        return None

    def check(self, segment_id: int) -> None:
        """Raise SegmentTaken when another live session claims the segment."""
        other = self.holder(segment_id)
        if other is not None:
            if self.held == segment_id:
                self.held = None
            raise SegmentTaken(other, self._clock())

    def refresh(self) -> bool:
        """Renew the heartbeat; False when the held claim is gone (it lapsed and another
        session took the segment): then nothing is held any more."""
        if self.held is None:
            return True
        if self.store.claims.beat(self.token, self._clock()) == 0:
            self.held = None
            return False
        return True

    def others(self) -> dict[int, ClaimRow]:
        """Every other live session's claim, by segment id: what the list marks as taken."""
        return {
            c.segment_id: c
            for c in self.store.claims.all()
            if c.token != self.token and self.is_live(c)
        }

    def release(self) -> None:
        """Give back every claim of this session (on quitting)."""
        with self.store.claims.transaction():
            self.store.claims.drop(self.token)
        self.held = None
