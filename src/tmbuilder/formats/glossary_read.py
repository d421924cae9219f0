"""What every glossary reader shares: the result with its skip counts, languages, and a
bounded, streaming way to read text files.

Glossaries come as they come: UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM (OmegaT and
Excel write those), a header row or none. Text is read line by line with a cap on a line's
length, so a 100 MB file on one line is refused after its first megabyte instead of being held
in memory three times; FIFOs and devices are refused before they are opened (reading one
would wait forever).
"""

from __future__ import annotations

import codecs
import io
import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Final

from tmbuilder.errors import FormatError, InputError
from tmbuilder.model import Term

__all__ = [
    "MAX_LINE",
    "TERM_PARENT",
    "TERM_VERSION",
    "GlossaryTerms",
    "check_regular",
    "lang_matches",
    "open_text",
    "primary",
    "raw_lines",
    "require_languages",
    "stamp_of",
    "stamped",
    "text_lines",
]

# A term's merge stamp (pipeline/merge_terms.py) as every glossary export carries it and every
# reader gives it back in Term.extra: its version, and a digest of the content it was edited
# from. Other tools ignore it (a TSV column after OmegaT's three, a CSV column, a TBX <admin>).
TERM_VERSION: Final = "x-version"
TERM_PARENT: Final = "x-parent"

MAX_BYTES: Final = 256 * 1024 * 1024
MAX_LINE: Final = 1024 * 1024  # characters in one line (one glossary entry)
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class GlossaryTerms(list[Term]):
    """The terms a glossary reader found, as a list, with what it left out and why.

    `skipped` counts entries by reason ("no vi term", "no en term", "empty source" ...);
    `languages` are the languages the file names (TBX sections, a header row), in order.
    """

    def __init__(self) -> None:
        super().__init__()
        self.skipped: Counter[str] = Counter()
        self.languages: list[str] = []
        self.entries = 0  # entries (concepts, lines, rows) read

    def saw_language(self, lang: str) -> None:
        if lang and lang not in self.languages:
            self.languages.append(lang)


def stamp_of(term: Term) -> tuple[str, str]:
    """(version, parent) of a term as a file carried them; ('', '') for none."""
    return term.extra.get(TERM_VERSION, ""), term.extra.get(TERM_PARENT, "")


def stamped(term: Term, version: str, parent: str) -> Term:
    """The term carrying a stamp (nothing when `version` is empty)."""
    if not version:
        return term
    return replace(term, extra={**term.extra, TERM_VERSION: version, TERM_PARENT: parent})


def primary(lang: str) -> str:
    """'vi' of 'vi-VN', 'vi_VN', 'VI'."""
    return lang.replace("_", "-").split("-")[0].strip().lower()


def lang_matches(lang: str, wanted: str) -> bool:
    """Whether `lang` is a variant of `wanted` (region fallback: vi ~ vi-VN, en-GB ~ en-US)."""
    return bool(lang) and primary(lang) == primary(wanted)


def check_regular(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> int:
    """The size of a regular file; InputError for a missing file, a FIFO, a device or a folder,
    FormatError when it is larger than `limit`."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from None
    if stat.S_ISFIFO(info.st_mode):
        raise InputError(name, "is a FIFO (named pipe), not a file; nothing read")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file (a device, socket or folder); nothing read")
    if info.st_size > limit:
        raise FormatError(name, f"file is {info.st_size} bytes, more than the {limit} allowed")
    return info.st_size


def sniff_encoding(head: bytes) -> str:
    """The codec for a file starting with `head`: from its BOM, else UTF-8."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return "utf-8"


def open_text(path: str | os.PathLike[str]) -> io.TextIOWrapper:
    """The file as text (see sniff_encoding), strict: undecodable bytes raise
    UnicodeDecodeError while reading."""
    name = os.fspath(path)
    check_regular(name)
    try:
        raw = open(name, "rb")  # noqa: SIM115 - handed to the wrapper, which closes it
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from None
    head = raw.peek(4)[:4]
    if b"\x00" in head and sniff_encoding(head) == "utf-8":
        raw.close()
        raise FormatError(name, "binary file (NUL bytes), not a text glossary")
    return io.TextIOWrapper(raw, encoding=sniff_encoding(head), newline="")


def raw_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """(line number, line with its line break) of a text file, streamed and decoded line by
    line, so an undecodable byte is reported on its own line; each line at most MAX_LINE
    characters. A BOM is dropped. FormatError names the file and line."""
    name = os.fspath(path)
    check_regular(name)
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from None
    with handle:
        codec = sniff_encoding(handle.peek(4)[:4])
        if codec == "utf-16":
            # UTF-16 cannot be cut at 0x0A bytes: decode through a text wrapper instead.
            yield from _wrapped_lines(name, io.TextIOWrapper(handle, "utf-16", newline=""))
            return
        number = 0
        while True:
            number += 1
            data = handle.readline(4 * MAX_LINE + 1)
            if not data:
                return
            if len(data) > 4 * MAX_LINE and not data.endswith(b"\n"):
                raise FormatError(name, f"line {number}: longer than {MAX_LINE:,} characters")
            if b"\x00" in data:
                raise FormatError(name, f"line {number}: binary file (NUL bytes)")
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                problem = f"line {number}: not UTF-8 text ({exc.reason} at byte {exc.start + 1})"
                raise FormatError(name, problem) from None
            if len(line) > MAX_LINE:
                raise FormatError(name, f"line {number}: longer than {MAX_LINE:,} characters")
            yield number, line.removeprefix("\ufeff") if number == 1 else line


def _wrapped_lines(name: str, handle: io.TextIOWrapper) -> Iterator[tuple[int, str]]:
    number = 0
    while True:
        number += 1
        try:
            line = handle.readline(MAX_LINE + 1)
        except UnicodeDecodeError as exc:
            problem = f"line {number}: not UTF-16 text ({exc.reason})"
            raise FormatError(name, problem) from None
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith("\n"):
            raise FormatError(name, f"line {number}: longer than {MAX_LINE:,} characters")
        if "\x00" in line:
            raise FormatError(name, f"line {number}: binary file (NUL bytes)")
        yield number, line.removeprefix("\ufeff") if number == 1 else line


def text_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """(line number, line without its line break): raw_lines, ends stripped."""
    for number, line in raw_lines(path):
        yield number, line.removesuffix("\n").removesuffix("\r")


def head_text(path: str | os.PathLike[str], size: int = 4096) -> str:
    """The first characters of a file as text (BOM-aware, undecodable bytes dropped), for
    sniffing a format by content."""
    name = os.fspath(path)
    check_regular(name)
    with open(name, "rb") as handle:
        head = handle.read(size)
    codec = sniff_encoding(head)
    return head.decode("utf-16" if codec == "utf-16" else "utf-8", errors="ignore").lstrip("\ufeff")


def require_languages(name: str, found: GlossaryTerms, src_lang: str, tgt_lang: str) -> None:
    """Refuse a file none of whose entries is in the project's languages, naming its own."""
    if found or not found.entries:
        return
    languages = ", ".join(found.languages) or "none named"
    if not any(lang_matches(lang, src_lang) for lang in found.languages):
        problem = f"no {primary(src_lang)} terms: the file's languages are {languages}"
    elif not any(lang_matches(lang, tgt_lang) for lang in found.languages):
        problem = f"no {primary(tgt_lang)} terms: the file's languages are {languages}"
    else:
        return
    raise FormatError(name, f"{problem}; nothing imported")


def decode_error(path: Path, exc: UnicodeDecodeError) -> FormatError:
    return FormatError(str(path), f"not UTF-8 (byte {exc.start})")
