"""Cutting a big TMX file in two parts that parse on their own, to read it on two cores.

The cut is made just before a `<tu` start tag near the middle of the file. The head part is the
file up to the cut followed by `</body></tmx>`; the tail part is the file's own prolog, root and
header, up to and including the `<body>` start tag, followed by everything from the cut. Each
part is a well-formed TMX document, and together their <tu> elements are the file's, each parsed
in the same context (prolog, root and body start tags are the file's own bytes).

Why this can be trusted on any input, hostile included:

- The prefix the tail borrows is checked with a real parser: after its bytes exactly
  `<tmx><body>` is open, so a `<body` inside a comment cannot be taken for the real one.
- A cut that is not at a real start tag can only be inside a comment, CDATA section or
  processing instruction (XML allows no "<" in text or attribute values). The head then ends
  inside that construct and fails to parse; a cut inside another element than <body> makes
  `</body>` mismatch. The head reader also checks (`check_head_root`) that the root holds
  one <body>, so the body open at the cut is the one the tail borrows.
- Any failure of either part sends the caller back to reading the file whole, which gives the
  real answer or the real error message; nothing from the failed attempt is kept.

Only UTF-8 (or ASCII) files are cut: in UTF-16 the bytes of "<tu" are different.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.xmlsafe import local_name

PREFIX_LIMIT: Final = 1 << 20  # a header bigger than this is not worth the check: no cut
SEARCH_WINDOW: Final = 4 << 20  # bytes searched for a <tu start tag after the wanted offset
HEAD_CLOSE: Final = b"</body></tmx>\n"
_TU_START: Final = re.compile(rb"<tu[\s>]")
_BODY_START: Final = re.compile(rb"<body[\s>]")
_ENCODING: Final = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)""")
_UTF8_NAMES: Final = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


@dataclass(frozen=True)
class TmxPart:
    """Byte ranges of a TMX file that, read in order and followed by `suffix`, are a document."""

    path: Path
    ranges: tuple[tuple[int, int], ...]
    suffix: bytes = b""

    def open(self) -> BinaryIO:
        return io.BufferedReader(_Spliced(self.path, self.ranges, self.suffix), 1 << 16)


def cut_tmx(path: Path, fraction: float = 0.5) -> tuple[TmxPart, TmxPart] | None:
    """(head, tail) of `path` cut near `fraction` of its size; None when it cannot be cut."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            prefix = handle.read(PREFIX_LIMIT)
            body_end = _body_start_end(prefix)
            if body_end is None:
                return None
            wanted = max(int(size * fraction), body_end)
            handle.seek(wanted)
            window = handle.read(SEARCH_WINDOW)
    except OSError:
        return None  # reading it whole will say what is wrong
    found = _TU_START.search(window)
    if found is None:
        return None
    cut = wanted + found.start()
    if cut <= body_end or cut >= size:
        return None
    head = TmxPart(path, ((0, cut),), HEAD_CLOSE)
    tail = TmxPart(path, ((0, body_end), (cut, size)))
    return head, tail


def check_head_root(path: Path, root: etree._Element) -> None:
    """After the head part: the root must hold one <body>, the one the tail part borrows."""
    # Any <body>, in any namespace: the tail would read another one's units as the first's.
    if sum(1 for child in root if local_name(child) == "body") != 1:
        raise FormatError(str(path), "more than one <body>; cannot be read in parts")


def _body_start_end(prefix: bytes) -> int | None:
    """Offset just after the <body> start tag, if the prefix is UTF-8 and opens exactly
    <tmx><body> there (checked by parsing it, see the module doc)."""
    if prefix.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # also catches UTF-32 LE, whose BOM starts like UTF-16 LE's
    if prefix.startswith(codecs.BOM_UTF32_BE):
        return None
    declared = _ENCODING.match(prefix)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in _UTF8_NAMES:
        return None
    body = _BODY_START.search(prefix)
    if body is None:
        return None
    end = prefix.find(b">", body.start())
    if end < 0:
        return None
    end += 1
    parser = etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False
    )
    try:
        parser.feed(prefix[:end])
        events = [(event, _tag(item)) for event, item in parser.read_events()]
    except etree.XMLSyntaxError:
        return None
    open_tags: list[object] = []
    for event, tag in events:
        if event == "start":
            open_tags.append(tag)
        elif open_tags:
            open_tags.pop()
    if open_tags != ["tmx", "body"] or events[-1] != ("start", "body"):
        return None
    return end


def _tag(item: object) -> object:
    return item.tag if isinstance(item, etree._Element) else None


class _Spliced(io.RawIOBase):
    """A read-only stream over byte ranges of one file, then some bytes of our own."""

    def __init__(self, path: Path, ranges: tuple[tuple[int, int], ...], suffix: bytes) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._ranges = list(ranges)
        self._suffix = suffix
        self._left = 0  # bytes left in the current range

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        while self._left == 0 and self._ranges:
            start, end = self._ranges.pop(0)
            self._file.seek(start)
            self._left = end - start
        if self._left:
            count = self._file.readinto(view[: min(len(view), self._left)])
            if not count:
                raise OSError(f"{self._file.name}: file shrank while being read")
            self._left -= count
            return count
        count = min(len(view), len(self._suffix))
        view[:count] = self._suffix[:count]
        self._suffix = self._suffix[count:]
        return count

    def close(self) -> None:
        self._file.close()
        super().close()
