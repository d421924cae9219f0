"""Read source files into `SourceDocument`s: one reader per format, chosen by file extension.

`read_source` is the only entry point the rest of tmbuilder needs. Every problem with a file
(missing, a directory, wrong type, empty, binary, undecodable, malformed, too large) raises
`InputError(path, one-line problem)`; nothing else escapes for bad input.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tmbuilder.errors import InputError
from tmbuilder.ingest.docx import read_docx
from tmbuilder.ingest.html import read_html
from tmbuilder.ingest.markdown import read_md
from tmbuilder.ingest.plain import read_txt
from tmbuilder.model import SourceDocument

MAX_BYTES = 50 * 1024 * 1024
"""Largest source file read; bigger files are refused before any byte is read."""


@dataclass(frozen=True)
class Reader:
    """A source format: its name (SourceDocument.format), extensions, and reading function."""

    name: str
    extensions: tuple[str, ...]
    read: Callable[[bytes, str, str], SourceDocument]  # (raw bytes, path, sha256) -> document


READERS = (
    Reader("txt", (".txt",), read_txt),
    Reader("md", (".md",), read_md),
    Reader("html", (".html", ".htm"), read_html),
    Reader("docx", (".docx",), read_docx),
)
_BY_EXTENSION = {ext: reader for reader in READERS for ext in reader.extensions}


def supported_extensions() -> tuple[str, ...]:
    """File extensions `read_source` accepts, lower case with the dot."""
    return tuple(ext for reader in READERS for ext in reader.extensions)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{n} bytes"


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file")
    if path.suffix.lower() not in _BY_EXTENSION:
        kind = f"'{path.suffix}'" if path.suffix else "without an extension"
        supported = ", ".join(supported_extensions())
        raise InputError(name, f"unsupported file type {kind} (supported: {supported})")
    limit = MAX_BYTES
    if info.st_size > limit:
        raise InputError(name, f"file too large ({_size(info.st_size)} > {_size(limit)})")
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise InputError(name, f"file too large (> {_size(limit)})")
    if not raw:
        raise InputError(name, "empty file")
    return raw


def read_source(path: Path) -> SourceDocument:
    """Read a .txt, .md, .html/.htm or .docx file into NFC paragraphs.

    `content_hash` is the sha256 of the raw bytes; `paragraphs` are non-empty, stripped,
    cleaned (`text.normalize.clean_text`); `warnings` say how the encoding was found when it is
    not UTF-8. Raises InputError (or its subclass FormatError) with a one-line message.
    """
    path = Path(path)
    raw = _read_bytes(path)
    reader = _BY_EXTENSION[path.suffix.lower()]
    document = reader.read(raw, str(path), hashlib.sha256(raw).hexdigest())
    if not document.paragraphs:
        raise InputError(str(path), "no text found")
    return document
