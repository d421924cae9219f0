"""A strict gettext MO reader: every table and string checked against the file's size.

An MO is a header, two tables of (length, offset) pairs and the strings they point to. The
key is `msgctxt EOT msgid [NUL msgid_plural]`, the value `msgstr[0] [NUL msgstr[1] ...]`; the
empty key's value is the header, whose charset decodes the rest.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

from tmbuilder.errors import FormatError
from tmbuilder.formats.po_syntax import PoEntry, PoFile

__all__ = ["parse_mo"]

MAGIC_LE: Final = b"\xde\x12\x04\x95"
MAGIC_BE: Final = b"\x95\x04\x12\xde"


@dataclass(frozen=True)
class _Raw:
    key: bytes
    value: bytes


def _strings(name: str, data: bytes, order: str, table: int, count: int) -> list[bytes]:
    if table + 8 * count > len(data):
        raise FormatError(name, "truncated MO file (string table past the end)")
    out = []
    for i in range(count):
        length, offset = struct.unpack_from(f"{order}2I", data, table + 8 * i)
        if offset + length > len(data):
            raise FormatError(name, f"truncated MO file (string {i} past the end)")
        out.append(data[offset : offset + length])
    return out


def _charset(header: bytes) -> str:
    at = header.find(b"charset=")
    if at < 0:
        return "utf-8"
    end = at + len(b"charset=")
    while end < len(header) and header[end : end + 1] not in (b"\n", b";", b" ", b""):
        end += 1
    value = header[at + len(b"charset=") : end].decode("ascii", errors="replace")
    return "utf-8" if value.upper() == "CHARSET" or not value else value


def parse_mo(name: str, data: bytes) -> PoFile:
    """The messages of an MO file as PoEntry records (line = the message's index + 1)."""
    if len(data) < 28 or data[:4] not in (MAGIC_LE, MAGIC_BE):
        raise FormatError(name, "not an MO file (bad magic number)")
    order = "<" if data[:4] == MAGIC_LE else ">"
    revision, count, originals, translations = struct.unpack_from(f"{order}4I", data, 4)
    if revision >> 16 > 1:
        raise FormatError(name, f"unknown MO revision {revision >> 16}")
    keys = _strings(name, data, order, originals, count)
    values = _strings(name, data, order, translations, count)
    header = next((v for k, v in zip(keys, values, strict=True) if k == b""), b"")
    charset = _charset(header)
    try:
        "".encode(charset)
    except (LookupError, ValueError):  # ValueError: a NUL in the name ("embedded null")
        raise FormatError(name, f"unknown charset {charset!r} in the MO header") from None
    entries: list[PoEntry] = []
    for index, (key, value) in enumerate(zip(keys, values, strict=True)):
        try:
            key_text = key.decode(charset)
            value_text = value.decode(charset)
        except UnicodeDecodeError as exc:
            raise FormatError(
                name, f"message {index + 1}: not valid {charset} ({exc.reason})"
            ) from None
        context: str | None = None
        if "\x04" in key_text:
            context, key_text = key_text.split("\x04", 1)
        msgid, nul, plural = key_text.partition("\x00")
        entry = PoEntry(line=index + 1, msgid=msgid, msgctxt=context)
        if nul:
            entry.msgid_plural = plural
            entry.msgstr = value_text.split("\x00")
        else:
            entry.msgstr = [value_text]
        entries.append(entry)
    return PoFile(entries, charset, [])
