"""The review lock: one reviewer writes at a time, and a second one is told, never overwritten.

The lock is a row of the store's meta table ("review_lock"), holding who took it and a heartbeat
the holder refreshes while it works. A lock counts as live when its holder is still there: on
the same host we can ask the OS whether its process exists (so a `kill -9` frees it at once);
from another host we only have the heartbeat, which must be younger than STALE_AFTER.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass

from tmbuilder.errors import TmBuilderError
from tmbuilder.model import utc_now
from tmbuilder.store.base import ProjectStore

LOCK_KEY = "review_lock"
STALE_AFTER = 60.0  # seconds without a heartbeat before another host's lock is ignored
HEARTBEAT_EVERY = 15.0  # seconds; well inside STALE_AFTER


class LockLost(TmBuilderError):
    """Someone took over the review lock: this session must stop writing."""


@dataclass(frozen=True)
class LockInfo:
    token: str  # unique per session, so two sessions of one user on one host differ
    pid: int
    host: str
    user: str
    since: str  # ISO 8601 UTC, for people
    heartbeat: float  # epoch seconds, for the staleness check

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    def describe(self, now: float) -> str:
        age = max(0, int(now - self.heartbeat))
        return f"{self.user}@{self.host} (pid {self.pid}), since {self.since}, seen {age} s ago"


def parse_lock(text: str | None) -> LockInfo | None:
    """The stored lock, or None when there is none or it is unreadable (then it is stale)."""
    if not text:
        return None
    try:
        data = json.loads(text)
        return LockInfo(
            token=str(data["token"]),
            pid=int(data["pid"]),
            host=str(data["host"]),
            user=str(data["user"]),
            since=str(data["since"]),
            heartbeat=float(data["heartbeat"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


class ReviewLock:
    """Acquire, refresh, check and release the project's review lock."""

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
        self.user = user or _user()
        self.host = host or socket.gethostname()
        self.pid = os.getpid() if pid is None else pid
        self.token = uuid.uuid4().hex
        self._clock = clock
        self._alive = alive
        self._since = utc_now()
        self.owned = False

    def now(self) -> float:
        return self._clock()

    def is_live(self, info: LockInfo) -> bool:
        """Whether the holder of `info` is still working."""
        if info.host == self.host:
            return self._alive(info.pid)
        return self._clock() - info.heartbeat < STALE_AFTER

    def holder(self) -> LockInfo | None:
        """The live lock of another session, if there is one."""
        info = parse_lock(self.store.get_meta(LOCK_KEY))
        if info is None or info.token == self.token or not self.is_live(info):
            return None
        return info

    def acquire(self, *, force: bool = False) -> LockInfo | None:
        """Take the lock; returns the other live holder instead when there is one and not
        `force`. Reading and writing happen in one write transaction, so two reviewers
        starting at the same moment cannot both win."""
        with self.store.transaction():
            other = self.holder()
            if other is not None and not force:
                return other
            self._write()
        self.owned = True
        return None

    def refresh(self) -> bool:
        """Renew the heartbeat; False (and no longer owned) when someone took the lock over."""
        if not self.owned:
            return False
        with self.store.transaction():
            info = parse_lock(self.store.get_meta(LOCK_KEY))
            if info is None or info.token != self.token:
                self.owned = False
                return False
            self._write()
        return True

    def check(self) -> None:
        """Raise LockLost unless this session still holds the lock (one small read)."""
        info = parse_lock(self.store.get_meta(LOCK_KEY))
        if info is not None and info.token == self.token:
            return
        self.owned = False
        who = info.describe(self._clock()) if info else "nobody (the lock was removed)"
        raise LockLost(f"review lock lost: now held by {who}; this session is read-only")

    def release(self) -> None:
        """Give the lock back, if it is still ours."""
        if not self.owned:
            return
        with self.store.transaction():
            info = parse_lock(self.store.get_meta(LOCK_KEY))
            if info is not None and info.token == self.token:
                self.store.set_meta(LOCK_KEY, None)
        self.owned = False

    def _write(self) -> None:
        info = LockInfo(self.token, self.pid, self.host, self.user, self._since, self._clock())
        self.store.set_meta(LOCK_KEY, info.to_json())


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no LOGNAME/USER
        return f"uid{os.getuid()}" if hasattr(os, "getuid") else "reviewer"
