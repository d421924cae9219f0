"""Which memory formats tmbuilder reads and writes, as class data (translate-toolkit style).

Each format is a class whose attributes describe it (name, extensions, MIME types) and whose
`read`/`write` call the format module; `reader_for` picks one by extension and falls back to
sniffing the first bytes when the extension says nothing.
"""

from __future__ import annotations

import codecs
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import ClassVar, Final

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats import bitext, po, tmx, xliff, xliff2
from tmbuilder.formats.atomic import WriteReport
from tmbuilder.formats.reading import ReadOptions
from tmbuilder.model import MemoryUnit

__all__ = ["FORMATS", "Format", "format_for", "format_named", "reader_for", "writer_for"]

Reader = Callable[[Path], Iterator[MemoryUnit]]
SNIFF_BYTES: Final = 4096
_MO_MAGIC: Final = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


def _head_text(head: bytes) -> str:
    """The first bytes as text, honouring a UTF-8 or UTF-16 BOM; undecodable bytes dropped."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8-sig", errors="ignore")


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


class Format(ABC):
    """A memory format. Subclasses set the class data and implement read/write."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    mimetypes: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        """Whether the first bytes of a file look like this format."""
        return False

    @classmethod
    @abstractmethod
    def read(cls, path: Path, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
        """Stream the units of `path`; FormatError on bad content. `options` gives the
        project's languages and collects what the reader skipped (formats/reading)."""

    @classmethod
    @abstractmethod
    def write(
        cls,
        units: Iterable[MemoryUnit],
        path: Path,
        *,
        src_lang: str = "vi-VN",
        tgt_lang: str = "en-US",
        original: str = "",
    ) -> WriteReport:
        """Write `units` to `path` atomically. `original` names the document (XLIFF)."""


class TmxFormat(Format):
    name = "tmx"
    description = "TMX 1.4b translation memory"
    extensions = (".tmx",)
    mimetypes = ("application/x-tmx+xml",)

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return "<tmx" in _head_text(head)

    @classmethod
    def read(cls, path: Path, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
        return tmx.read_tmx(path, options=options)

    @classmethod
    def write(
        cls,
        units: Iterable[MemoryUnit],
        path: Path,
        *,
        src_lang: str = "vi-VN",
        tgt_lang: str = "en-US",
        original: str = "",
    ) -> WriteReport:
        return tmx.write_tmx(units, path, tmx.TmxHeader(srclang=src_lang))


class XliffFormat(Format):
    name = "xliff"
    description = "XLIFF 1.2 bilingual file"
    extensions = (".xlf", ".xliff")
    mimetypes = ("application/x-xliff+xml",)

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return "<xliff" in _head_text(head)

    @classmethod
    def read(cls, path: Path, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
        # .xlf/.xliff are both XLIFF 1.x and 2.x: the root's version decides.
        if Xliff2Format.sniff(_head(path)):
            return xliff2.read_xliff2(path, options=options)
        return xliff.read_xliff(path, options=options)

    @classmethod
    def write(
        cls,
        units: Iterable[MemoryUnit],
        path: Path,
        *,
        src_lang: str = "vi-VN",
        tgt_lang: str = "en-US",
        original: str = "",
    ) -> WriteReport:
        return xliff.write_xliff(
            units, path, original=original or Path(path).stem, src_lang=src_lang, tgt_lang=tgt_lang
        )


class Xliff2Format(Format):
    name = "xliff2"
    description = "XLIFF 2.0/2.1 bilingual file (read from .xlf/.xliff by version)"
    extensions = ()
    mimetypes = ("application/xliff+xml",)

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return xliff2.is_xliff2(_head_text(head).encode())

    @classmethod
    def read(cls, path: Path, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
        return xliff2.read_xliff2(path, options=options)

    @classmethod
    def write(
        cls,
        units: Iterable[MemoryUnit],
        path: Path,
        *,
        src_lang: str = "vi-VN",
        tgt_lang: str = "en-US",
        original: str = "",
    ) -> WriteReport:
        return xliff2.write_xliff2(
            units, path, original=original or Path(path).stem, src_lang=src_lang, tgt_lang=tgt_lang
        )


class PoFormat(Format):
    name = "po"
    description = "Gettext PO catalogue"
    extensions = (".po", ".pot")
    mimetypes = ("text/x-gettext-translation",)

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        text = _head_text(head)
        return 'msgid "' in text and "msgstr" in text

    @classmethod
    def read(cls, path: Path, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
        return po.read_po(path)

    @classmethod
    def write(
        cls,
        units: Iterable[MemoryUnit],
        path: Path,
        *,
        src_lang: str = "vi-VN",
        tgt_lang: str = "en-US",
        original: str = "",
    ) -> WriteReport:
        return po.write_po(units, path, src_lang=src_lang, tgt_lang=tgt_lang)


class MoFormat(Format):
    name = "mo"
    description = "Gettext MO catalogue (translated entries only)"
    extensions = (".mo", ".gmo")
    mimetypes = ("application/x-gettext-translation",)

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head[:4] in _MO_MAGIC

    @classmethod
    def read(cls, path: Path, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
        return po.read_mo(path)

    @classmethod
    def write(
        cls,
        units: Iterable[MemoryUnit],
        path: Path,
        *,
        src_lang: str = "vi-VN",
        tgt_lang: str = "en-US",
        original: str = "",
    ) -> WriteReport:
        return po.write_mo(units, path, src_lang=src_lang, tgt_lang=tgt_lang)


class TsvFormat(Format):
    name = "tsv"
    description = "Two-column tab-separated bitext"
    extensions: ClassVar[tuple[str, ...]] = (".tsv", ".tab")
    mimetypes = ("text/tab-separated-values",)

    @classmethod
    def read(cls, path: Path, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
        return bitext.read_bitext(path, options=options)

    @classmethod
    def write(
        cls,
        units: Iterable[MemoryUnit],
        path: Path,
        *,
        src_lang: str = "vi-VN",
        tgt_lang: str = "en-US",
        original: str = "",
    ) -> WriteReport:
        return bitext.write_bitext(units, path, src_lang=src_lang, tgt_lang=tgt_lang)


class CsvFormat(TsvFormat):
    name = "csv"
    description = "Two-column comma-separated bitext (RFC 4180)"
    extensions = (".csv",)
    mimetypes = ("text/csv",)


FORMATS: Final[tuple[type[Format], ...]] = (
    TmxFormat,
    Xliff2Format,  # before XliffFormat: both sniff "<xliff", this one also the version
    XliffFormat,
    PoFormat,
    MoFormat,
    TsvFormat,
    CsvFormat,
)


def format_named(name: str) -> type[Format]:
    """The format called `name` ('tmx', 'po', ...); FormatError if there is none."""
    for fmt in FORMATS:
        if fmt.name == name.lower():
            return fmt
    known = ", ".join(fmt.name for fmt in FORMATS)
    raise FormatError("", f"unknown format {name!r} (known: {known})")


def format_for(path: Path) -> type[Format]:
    """The format of `path`: by extension, else by sniffing its first bytes."""
    path = Path(path)
    suffix = path.suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.extensions:
            return fmt
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    for fmt in FORMATS:
        if fmt.sniff(head):
            return fmt
    extensions = " ".join(ext for fmt in FORMATS for ext in fmt.extensions)
    raise FormatError(str(path), f"unknown memory format (expected one of: {extensions})")


def reader_for(path: Path) -> Reader:
    """The reader for `path` (see format_for); FormatError if the format is unknown."""
    return format_for(path).read


def writer_for(path: Path) -> Callable[..., WriteReport]:
    """The writer for `path` by extension; FormatError if the extension is unknown."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.extensions:
            return fmt.write
    raise FormatError(str(path), f"cannot export to {suffix or 'a file without extension'}")
