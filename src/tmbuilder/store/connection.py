"""Opening the project store's SQLite connection: create, check, wait, migrate.

A new store is built under a temporary name and linked into place complete, so a `project.db`
that exists is never a half-created one, and an empty one is refused instead of being taken
for a new project. A store opened after a crash (or a small one, always) is checked with
`quick_check` (store/health.py). While another connection holds the store, opening and
starting a write wait visibly up to `busy_timeout`, then name the holder.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from tmbuilder.errors import StoreError
from tmbuilder.store import health
from tmbuilder.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT = 60.0
"""Seconds a command waits for another one holding the store (`[store] busy_timeout`)."""
_FIRST_WAIT = 1.0  # seconds of waiting before a command says that it waits
_T = TypeVar("_T")


def open_connection(path: Path, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """The store's connection: WAL, foreign keys, synchronous=FULL, migrated; or a one-line
    StoreError naming the store and what to do."""
    db: sqlite3.Connection | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create(path)
        elif path.stat().st_size == 0 and not _has_content(_sibling(path, "-wal")):
            # SQLite would take an empty file for a new database and start afresh, hiding
            # that a store was truncated (a failed copy, a full disk).
            raise health.damaged(path, "the file is empty (0 bytes)")
        why = health.unclean_close(path) or health.small_enough_to_check(path)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction spans
        # exactly what `transaction()` wraps and nothing commits behind our back.
        db = sqlite3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=busy_timeout
        )
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = FULL")
        opened = db
        wait_if_busy(db, path, busy_timeout, lambda: _open_wal(opened, path))
        if why:
            health.quick_check(db, path, why)
        return db
    except BaseException as exc:
        if db is not None:
            with suppress(sqlite3.Error):
                db.close()
        if isinstance(exc, sqlite3.Error):
            raise health.describe(exc, path) from None
        if isinstance(exc, UnicodeDecodeError):
            raise (health.from_undecodable(exc, path) or health.damaged(path, str(exc))) from None
        if isinstance(exc, OSError):
            raise StoreError(f"{path}: cannot open project store ({exc.strerror})") from None
        raise


def _open_wal(db: sqlite3.Connection, path: Path) -> None:
    db.execute("PRAGMA journal_mode = WAL")
    _migrate(db, path)


def _create(path: Path) -> None:
    for stale in path.parent.glob(f"{path.name}.new-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not health.alive(int(pid)):
            stale.unlink(missing_ok=True)
    tmp = _sibling(path, f".new-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        _migrate(db, path)
    finally:
        db.close()
    try:
        os.link(tmp, path)  # fails if another process created the store meanwhile
    except FileExistsError:
        pass
    except OSError:  # no hard links here (some network or FAT file systems)
        if not path.exists():
            os.replace(tmp, path)
    tmp.unlink(missing_ok=True)


def set_busy(db: sqlite3.Connection, seconds: float) -> None:
    db.execute(f"PRAGMA busy_timeout = {max(1, int(seconds * 1000))}")


def wait_if_busy(db: sqlite3.Connection, path: Path, timeout: float, op: Callable[[], _T]) -> _T:
    """Run `op`; while another connection holds the store, say so once and keep trying
    until `timeout` seconds have passed, then name who holds it."""
    deadline = time.monotonic() + timeout
    told = False
    set_busy(db, min(_FIRST_WAIT, timeout))
    try:
        while True:
            try:
                return op()
            except sqlite3.OperationalError as exc:
                if not health.is_busy(exc):
                    raise
                left = deadline - time.monotonic()
                if left <= 0:
                    raise health.busy(path, timeout) from None
                if not told:
                    health.notify_waiting(path, timeout)
                    told = True
                # some statements (journal_mode) report busy without waiting: never spin
                time.sleep(min(0.1, left))
                set_busy(db, min(0.5, max(left, 0.001)))
    finally:
        set_busy(db, timeout)


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store schema v{version} is newer than this tmbuilder "
            f"(v{SCHEMA_VERSION}); upgrade tmbuilder"
        )
    for target in range(version, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_sql(MIGRATIONS[target]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {target + 1}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script (ours: no ';' inside string literals)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    statements: list[str] = []
    pending = ""
    for piece in "\n".join(lines).split(";"):
        pending += piece + ";"
        # a trigger's body holds ';' of its own: join pieces until SQLite sees a whole statement
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip().removesuffix(";").strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip().removesuffix(";").strip())
    return statements
