"""The write side every exporter shares: atomic file replacement and the report of a write.

An export either fully replaces its target or leaves it untouched: bytes go to a temporary file
on the target's filesystem (so `os.replace` is a rename), which is flushed and fsynced before it
takes the target's name. Inside a project the temporary lives in `.tmbuilder/tmp/`, which git
ignores, so a killed export never leaves a file a team could commit; elsewhere it is a hidden
`.NAME.*.tmbuilder.tmp` beside the target. An exception removes it at once; after `kill -9` the
next run removes it (tmbuilder/leftovers.py: the writer holds a lock on it while it lives).
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


TEMP_SUFFIX = ".tmbuilder.tmp"
TEMP_PATTERN = f".*{TEMP_SUFFIX}"
_STATE_DIR = ".tmbuilder"  # project.STATE_DIR; not imported, formats stay below the project


def project_temp_dir(directory: Path) -> Path | None:
    """`.tmbuilder/tmp` of the project `directory` is in, when it is on the same filesystem."""
    try:
        here = directory.resolve()
        device = here.stat().st_dev
    except OSError:
        return None
    for folder in (here, *here.parents):
        state = folder / _STATE_DIR
        if (state / "project.db").is_file():
            tmp = state / "tmp"
            try:
                tmp.mkdir(exist_ok=True)
                if tmp.stat().st_dev == device:
                    return tmp
            except OSError:
                pass
            return None
    return None


def temp_dir_for(path: Path) -> Path:
    """Where the temporary of an export to `path` is made (module doc)."""
    directory = path.parent if str(path.parent) else Path(".")
    return project_temp_dir(directory) or directory


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path for `path`; on success fsync it and rename it onto `path`.

    For writers that insist on opening the file themselves (polib). On an exception the
    temporary file is removed and `path` is left as it was. OS errors become InputError.
    """
    from tmbuilder.leftovers import hold, sweep

    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    tmp_dir = temp_dir_for(path)
    sweep(tmp_dir, TEMP_PATTERN)  # what a killed export left here
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=tmp_dir)
    except OSError as exc:
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from None
    hold(fd)  # ours while this process lives; the next run may remove it once we are gone
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
    finally:
        os.close(fd)
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
