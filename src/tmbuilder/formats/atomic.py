"""The write side every exporter shares: atomic file replacement and the report of a write.

An export either fully replaces its target or leaves it untouched: bytes go to a temporary file
in the target's own directory (so `os.replace` is a same-filesystem rename), which is flushed and
fsynced before it takes the target's name. A crash or an exception mid-export leaves the old file
in place and no stray temporary behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, TextIO

import tmbuilder
from tmbuilder.errors import InputError

# Warnings past this many are counted, not listed: a million-unit export with one bad character
# per unit must not return a million-line report.
MAX_WARNINGS = 50


def _read_umask() -> int:
    # os.umask can only be read by setting it; do it once, at import, before any threads exist.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


@dataclass
class WriteReport:
    """What a writer did: units written, characters it had to drop, and why."""

    units: int = 0
    removed_chars: int = 0
    warnings: list[str] = field(default_factory=list)
    _unlisted: int = field(default=0, repr=False, compare=False)

    def warn(self, message: str) -> None:
        """Record a one-line warning; past MAX_WARNINGS only a count is kept."""
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(message)
        else:
            self._unlisted += 1

    def close(self) -> None:
        """Summarise the warnings that were counted but not listed."""
        if self._unlisted:
            self.warnings.append(f"... and {self._unlisted} more warnings like these")
            self._unlisted = 0


def tool_version() -> str:
    """tmbuilder's version for file headers: __version__, else the installed metadata."""
    version = getattr(tmbuilder, "__version__", None)
    if isinstance(version, str) and version:
        return version
    try:
        return metadata.version("tmbuilder")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not every platform lets a directory be opened.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _final_mode(path: Path) -> int:
    # mkstemp creates 0600 files; an export should get the mode a plain open() would give it,
    # or keep the mode of the file it replaces.
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success fsync it and rename it onto `path`.

    For writers that insist on opening the file themselves (polib). On an exception the
    temporary file is removed and `path` is left as it was. OS errors become InputError.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(tmp, _final_mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


@contextlib.contextmanager
def atomic_binary(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file whose content replaces `path` atomically when the block succeeds."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        yield handle
        handle.flush()


@contextlib.contextmanager
def atomic_text(path: Path, *, encoding: str = "utf-8", newline: str = "") -> Iterator[TextIO]:
    """Yield a text file whose content replaces `path` atomically when the block succeeds.

    `newline=""` by default: writers decide their own line endings (CSV wants CRLF).
    """
    with atomic_path(path) as tmp, open(tmp, "w", encoding=encoding, newline=newline) as handle:
        yield handle
        handle.flush()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    with atomic_binary(path) as handle:
        handle.write(data)


def atomic_write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` atomically (no newline translation)."""
    atomic_write_bytes(path, text.encode(encoding))
