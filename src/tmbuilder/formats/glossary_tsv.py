"""OmegaT glossary TSV: one entry per line, source TAB target TAB comment, UTF-8.

OmegaT reads the first three columns; tmbuilder writes two more that OmegaT ignores, so status
and variants survive a round trip: column 4 is the status, columns 5 and on the variants.
A field cannot hold a tab or a line break, so those (and the backslash itself, NUL, and a
leading "#" that OmegaT would take for a comment line) are written as backslash escapes:
\\t \\n \\r \\0 \\\\ \\#. Other backslashes read back as they are.
"""

from __future__ import annotations

import os
from pathlib import Path

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.atomic import atomic_write_bytes
from tmbuilder.model import Term, TermStatus

NAME = "OmegaT glossary (TSV)"
EXTENSIONS = (".txt", ".utf8", ".tsv")
MAX_BYTES = 256 * 1024 * 1024
HEADER = "# tmbuilder glossary\tsource\ttarget\tcomment\tstatus\tvariants..."

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "0": "\x00", "#": "#"}


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, or InputError naming it when it is missing, unreadable or too large."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > limit:
            raise FormatError(name, f"file is {size} bytes, more than the {limit} allowed")
        with open(name, "rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from None


def decode_text(path: str | os.PathLike[str], data: bytes) -> str:
    """UTF-8 text (a BOM is dropped), or FormatError for binary or other encodings."""
    name = os.fspath(path)
    if b"\x00" in data:
        raise FormatError(name, "binary file (NUL bytes), not a text glossary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(name, f"not UTF-8 (byte {exc.start})") from None


def parse_status(path: str, value: str, where: str) -> TermStatus:
    """A TermStatus from its name; FormatError naming the file and place otherwise."""
    try:
        return TermStatus(value.strip().lower() or TermStatus.PROPOSED)
    except ValueError:
        allowed = ", ".join(s.value for s in TermStatus)
        raise FormatError(path, f"{where}: unknown status {value!r} (expected {allowed})") from None


def _escape(field: str) -> str:
    out = "".join(_ESCAPES.get(ch, ch) for ch in field)
    return "\\#" + out[1:] if out.startswith("#") else out


def _unescape(field: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(field):
        ch = field[i]
        if ch == "\\" and i + 1 < len(field) and field[i + 1] in _UNESCAPES:
            out.append(_UNESCAPES[field[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def write_glossary_tsv(terms: list[Term], path: str | os.PathLike[str]) -> None:
    """Write `terms` as an OmegaT glossary file (UTF-8, LF line ends), atomically."""
    lines = [HEADER]
    for term in terms:
        fields = [term.source, term.target, term.note, term.status.value, *term.variants]
        lines.append("\t".join(_escape(f) for f in fields))
    atomic_write_bytes(Path(path), ("\n".join(lines) + "\n").encode("utf-8"))


def read_glossary_tsv(path: str | os.PathLike[str]) -> list[Term]:
    """Terms from an OmegaT glossary TSV (ours, or any with source, target, comment columns).

    Lines starting with "#" and blank lines are skipped, as OmegaT does.
    """
    name = os.fspath(path)
    text = decode_text(name, read_bytes(name))
    terms: list[Term] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = [_unescape(f) for f in line.split("\t")]
        source = fields[0]
        if not source.strip():
            raise FormatError(name, f"line {number}: empty source term")
        status = parse_status(name, fields[3], f"line {number}") if len(fields) > 3 else None
        terms.append(
            Term(
                source=source,
                target=fields[1] if len(fields) > 1 else "",
                note=fields[2] if len(fields) > 2 else "",
                status=status or TermStatus.PROPOSED,
                variants=tuple(f for f in fields[4:] if f),
                origin=f"import:{Path(name).name}",
            )
        )
    return terms
