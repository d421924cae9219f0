"""Which files a build reads: the project's own, never what a symlink drags in from outside.

A source folder is walked without following symlinks blindly: a link (to a file or a folder)
is followed only when it resolves inside the project or inside the folder given; otherwise it
is skipped with a notice and never opened (a `notes.txt -> /etc/passwd` must not become a
document and be sent to an MT provider). FIFOs, devices and sockets are refused at once, before
anything is opened: reading a FIFO blocks forever.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from tmbuilder.errors import InputError
from tmbuilder.events import Notice, Sink, ignore
from tmbuilder.ingest import supported_extensions
from tmbuilder.project import Project


def collect_sources(project: Project, sources: Sequence[Path], sink: Sink = ignore) -> list[Path]:
    """Files to build from: the given files, supported files under given folders, or — with no
    sources given — the documents the project already has."""
    if not sources:
        known = [project.abspath(d.path) for d in project.store.documents()]
        if not known:
            raise InputError("", "no sources given and the project has no documents yet")
        return [p for p in known if _admitted(p, (project.root, p.parent), sink, named=True)]
    found: list[Path] = []
    for source in sources:
        if source.is_dir() and not source.is_symlink():
            matches = _walk(source, (project.root, source.resolve()), sink)
            if not matches:
                exts = ", ".join(supported_extensions())
                raise InputError(str(source), f"no {exts} files in this folder")
            found.extend(matches)
        elif source.is_dir():
            _refuse_or_skip_link(source, (project.root,), sink)
            found.extend(_walk(source, (project.root, source.resolve()), sink))
        elif _admitted(source, (project.root,), sink, named=True):
            found.append(source)
    return list(dict.fromkeys(found))


def _walk(folder: Path, allowed: tuple[Path, ...], sink: Sink) -> list[Path]:
    exts = supported_extensions()
    out: list[Path] = []
    visited: set[Path] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        real = current.resolve()
        if real in visited:  # a link loop, or a folder reached twice
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            raise InputError(str(current), f"cannot read folder: {exc.strerror or exc}") from None
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, .tmbuilder) are never sources
            path = Path(entry.path)
            if entry.is_symlink() and not _link_allowed(path, allowed, sink):
                continue
            if entry.is_dir():  # follows an allowed link
                pending.append(path)
            elif path.suffix.lower() in exts and _admitted(path, allowed, sink, named=False):
                out.append(path)
    return sorted(out)


def _link_allowed(path: Path, allowed: tuple[Path, ...], sink: Sink) -> bool:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling link, or a loop
        sink(Notice("warning", f"{path}: skipped: a symlink that leads nowhere"))
        return False
    if any(real.is_relative_to(root) for root in allowed):
        return True
    sink(Notice("warning", f"{path}: skipped: a symlink to {real}, outside the project"))
    return False


def _refuse_or_skip_link(path: Path, allowed: tuple[Path, ...], sink: Sink) -> None:
    if not _link_allowed(path, allowed, sink):
        raise InputError(str(path), "a symlink to a folder outside the project: not read")


def _admitted(path: Path, allowed: tuple[Path, ...], sink: Sink, *, named: bool) -> bool:
    """A regular file inside the allowed roots (or a plain file named on the command line)."""
    if path.is_symlink() and not _link_allowed(path, allowed, sink):
        return False
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if named:
            raise InputError(str(path), "no such file") from None
        return False
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode):
        return True
    if stat.S_ISDIR(mode):
        return False
    kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    raise InputError(str(path), f"a {kind}, not a regular file: refused")
