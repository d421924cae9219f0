"""What a killed run leaves behind, and how the next run knows it is safe to remove.

Every temporary file or folder a run makes holds an exclusive `flock` for as long as the run
needs it. The kernel drops the lock when the process dies, `kill -9` included, so a temporary
whose lock can be taken belongs to nobody and is removed (`sweep`). A lock cannot be taken in
the same instant as the file is made, so anything younger than GRACE seconds is left alone.
Where `flock` does not exist (Windows), nothing is swept: leaving a file beats deleting a
live one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

GRACE = 1.0  # seconds between creating a temporary and taking its lock, generously
LOCK_NAME = "owner.lock"  # inside a temporary folder


def hold(fd: int) -> None:
    """Take the owner's lock on an open file (released when the process ends)."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


class FolderLock:
    """The owner's lock on a temporary folder: a lock file inside it, held until close()."""

    def __init__(self, folder: Path) -> None:
        self._fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        hold(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _abandoned(path: Path, lock_file: Path, now: float) -> bool:
    """Nobody holds this temporary: its lock can be taken, and it is not brand new."""
    if fcntl is None:
        return False
    try:
        if now - path.lstat().st_mtime < GRACE:
            return False
        fd = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        return lock_file != path  # a folder killed before its lock file was made
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live run holds it
    finally:
        os.close(fd)  # the lock goes with it; the path is removed right after
    return True


def sweep(directory: Path, pattern: str) -> int:
    """Remove the abandoned temporaries (files or folders) matching `pattern` in `directory`;
    returns how many. Never raises: cleaning up must not stop the run that does it."""
    removed = 0
    now = time.time()
    try:
        candidates = list(directory.glob(pattern))
    except OSError:
        return 0
    for path in candidates:
        try:
            is_dir = path.is_dir() and not path.is_symlink()
            if not _abandoned(path, path / LOCK_NAME if is_dir else path, now):
                continue
            if is_dir:
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except OSError:
            continue
    return removed
