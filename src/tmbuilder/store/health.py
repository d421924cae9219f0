"""The project store's health: SQLite errors in one line, crash detection, who holds the lock.

SQLite reports what went wrong in its own words ("database or disk is full", "attempt to
write a readonly database", ...), which say neither which project nor what to do. Every
`sqlite3.Error` that reaches the user goes through `describe()` instead.

A store that was not closed cleanly (a killed process, a power cut) is checked with
`PRAGMA quick_check` at its next open, and so is every store of 8 MB or less (60 ms at
most). Three signs tell of a crash: an open marker (`project.db.open-<pid>-<n>`, created at
open, removed at close) of a process that no longer runs; a hot rollback journal; a WAL file
although no live process has the store open (a clean last close checkpoints and removes it).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tmbuilder.errors import StoreError

_MARKER = ".open-"
_serial = itertools.count(1)
_last_path: list[Path] = []  # the store opened last in this process: names the project in errors


_notice: list[Callable[[str], None]] = []


def set_wait_notice(show: Callable[[str], None] | None) -> None:
    """Where "waiting for the store" messages go (the CLI: stderr); None: nowhere."""
    _notice[:] = [] if show is None else [show]


def notify_waiting(path: Path, timeout: float) -> None:
    if _notice:
        _notice[0](
            f"{path}: project store is busy ({_held(path)}); waiting up to {timeout:g} s "
            "([store] busy_timeout)…"
        )


def remember(path: Path) -> None:
    """Record the store this process opened, so an error raised far from it can name it."""
    _last_path[:] = [path]


def is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def damaged(path: Path, detail: str) -> StoreError:
    detail = " ".join(detail.replace("*** in database main ***", "").split())[:200]
    return StoreError(
        f"{path}: project store is damaged ({detail}); move {path.parent.name}/ aside and run "
        "`tmbuilder build` to rebuild it from the sources and the tmx/ and glossary/ exports"
    )


class BusyError(StoreError):
    """Another process held the store for longer than the wait allowed (the review UI
    waits in short steps and tells this one apart: the edit is kept and tried again)."""


def busy(path: Path, waited: float) -> StoreError:
    return BusyError(
        f"{path}: project store is busy ({_held(path)}) after waiting {waited:g} s; try again "
        "when it has finished, or raise [store] busy_timeout in tmbuilder.toml"
    )


def from_undecodable(exc: UnicodeDecodeError, path: Path | None = None) -> StoreError | None:
    """SQLite's message about a damaged schema can quote bytes that are not UTF-8, and then
    Python raises UnicodeDecodeError instead of the DatabaseError: still a damaged store."""
    raw = exc.object if isinstance(exc.object, bytes) else b""
    if b"malformed" not in raw and b"database" not in raw:
        return None
    if path is None:
        path = _last_path[0] if _last_path else Path("project store")
    return damaged(path, raw.decode("utf-8", errors="replace"))


def describe(exc: sqlite3.Error, path: Path | None = None) -> StoreError:
    """One line for an SQLite error: which project store, what happened, what to do."""
    if path is None:
        path = _last_path[0] if _last_path else Path("project store")
    text = str(exc)
    low = text.lower()
    if "disk is full" in low:
        return StoreError(
            f"{path}: the disk is full; this command's changes to the project store were not "
            "saved — free some space and run it again"
        )
    if "readonly" in low or "read-only" in low:
        return StoreError(
            f"{path}: the project store is read-only; nothing was saved — make {path.name} and "
            f"its folder writable (permissions, read-only mount) and run the command again"
        )
    if "malformed" in low or "not a database" in low or "encrypted" in low or "corrupt" in low:
        return damaged(path, text)
    if is_busy(exc):
        return StoreError(
            f"{path}: project store is busy ({_held(path)}); try again when it has finished, "
            "or raise [store] busy_timeout in tmbuilder.toml"
        )
    if "unable to open" in low:
        return StoreError(
            f"{path}: cannot open the project store (its folder is missing, not writable or "
            "not a directory)"
        )
    if "disk i/o" in low:
        return StoreError(
            f"{path}: disk I/O error in the project store; check the disk (and free space), "
            "then run the command again"
        )
    return StoreError(f"{path}: project store error: {text}")


def _held(path: Path) -> str:
    who = holders(path)
    return f"held by {', '.join(who)}" if who else "held by another program"


def holders(path: Path) -> list[str]:
    """Other processes that have the store open, as 'pid N (command)'; [] where unknown.

    Linux only (/proc); elsewhere the message falls back to "another program".
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    names = {str(path.resolve()), str(path.resolve()) + "-wal", str(path.resolve()) + "-journal"}
    found: list[str] = []
    me = os.getpid()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:  # gone, or not ours to look at
            continue
        if links & names:
            try:
                raw = (entry / "cmdline").read_bytes()
                parts = [p.decode(errors="replace") for p in raw.split(b"\0")[:6]]
                command = " ".join(" ".join(parts).split())[:80]  # one line, short
            except OSError:
                command = "?"
            found.append(f"pid {entry.name} ({command.strip() or '?'})")
    return found[:4]


# -- open markers and crash detection ------------------------------------------------------
def alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, belongs to someone else
        return True
    except (OSError, OverflowError):  # not a pid this system can have
        return False
    return True


def _markers(path: Path) -> list[tuple[Path, int]]:
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return []
    prefix = path.name + _MARKER
    out = []
    for entry in entries:
        if entry.name.startswith(prefix):
            pid = entry.name[len(prefix) :].split("-")[0]
            if pid.isdigit():
                out.append((entry, int(pid)))
    return out


def unclean_close(path: Path) -> str | None:
    """Why the store at `path` looks as if its last user crashed, or None. Removes dead markers."""
    reason = None
    live = False
    for marker, pid in _markers(path):
        if alive(pid):
            live = True
            continue
        reason = f"process {pid} did not close it"
        with contextlib.suppress(OSError):
            marker.unlink()
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        reason = reason or "a hot rollback journal was left"
    wal = path.with_name(path.name + "-wal")
    if not live and wal.exists() and wal.stat().st_size > 0:
        reason = reason or "a write-ahead log was left"
    return reason


ALWAYS_CHECK_BYTES = 8 * 1024 * 1024
"""A store up to this size is checked at every open (quick_check reads about 130 MB/s: 60 ms
at most); a bigger one only after an unclean close."""


def small_enough_to_check(path: Path) -> str | None:
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return "checked at every open" if size <= ALWAYS_CHECK_BYTES else None


def mark_open(path: Path) -> Path | None:
    """Create this connection's open marker; None when the folder cannot take it."""
    marker = path.with_name(f"{path.name}{_MARKER}{os.getpid()}-{next(_serial)}")
    try:
        marker.touch()
    except OSError:
        return None
    return marker


def unmark(marker: Path | None) -> None:
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.unlink()


def quick_check(db: sqlite3.Connection, path: Path, why: str) -> None:
    """Refuse a damaged store in one line (after a crash: `why` says what was seen)."""
    try:
        rows = db.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise
        raise damaged(path, f"{exc}; {why}") from None
    problems = [str(r[0]) for r in rows if str(r[0]) != "ok"]
    if problems:
        raise damaged(path, f"quick_check: {problems[0]}; {why}")
