"""Bilingual two-column text: TSV and CSV. Source in the first column, target in the second.

The two dialects differ on purpose:

- .tsv is "linear TSV" (the convention of Moses/OPUS corpora and PostgreSQL COPY): no quoting;
  tab, newline, CR and backslash inside a cell are written \\t \\n \\r \\\\. Quotes are plain
  characters, which matters for news text full of "quoted speech". Other backslash pairs are
  read as written.
- .csv is RFC 4180 (Python's csv module): cells with commas, quotes or line breaks are
  quoted, CRLF ends a record, and a UTF-8 BOM starts the file so spreadsheet programs open
  Vietnamese text in the right encoding.

Both are written with a header row of the language tags (`vi-VN<TAB>en-US`). Reading, a first
row whose two cells both look like language tags (or like source/target column names) is taken
as the header; otherwise the languages default to vi-VN and en-US. Files are read as UTF-8
(BOM optional) or UTF-16 with BOM. Blank lines are skipped; any row that does not have exactly
two cells is a FormatError naming its line. Props, notes, ids and dates do not travel in
these formats; inline codes are written as the text they stood for (`inline.render`).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Final, TextIO

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.atomic import WriteReport, atomic_text
from tmbuilder.formats.inline_xml import PUA
from tmbuilder.formats.reading import ReadOptions
from tmbuilder.formats.xmlsafe import TextCleaner
from tmbuilder.inline import by_key, render
from tmbuilder.model import MemoryUnit

__all__ = ["read_bitext", "write_bitext"]

DEFAULT_LANGS: Final = ("vi-VN", "en-US")
MAX_LINE: Final = 1 << 20  # characters; a longer "line" is a binary or hostile file
_LANG_TAG: Final = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_COLUMN_NAMES: Final = frozenset(
    {"source", "target", "src", "tgt", "vi", "en", "vietnamese", "english", "tiếng việt"}
)
# The csv module refuses fields over 128 Ki characters by default, process-wide; raise that to
# the same cap TSV lines have, so a long segment we wrote reads back (never lowered).
csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE))
_TSV_ESCAPES: Final = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_UNESCAPES: Final = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_TSV_ESCAPED: Final = re.compile(r"\\([\\tnr])")


def _dialect(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "tsv"
    if suffix == ".csv":
        return "csv"
    raise FormatError(str(path), f"unknown bitext extension {suffix!r} (use .tsv or .csv)")


def tsv_escape(text: str) -> str:
    """Escape a cell for linear TSV."""
    return "".join(_TSV_ESCAPES.get(ch, ch) for ch in text)


def tsv_unescape(text: str) -> str:
    """Undo tsv_escape; unknown backslash pairs stay as written."""
    if "\\" not in text:
        return text
    return _TSV_ESCAPED.sub(lambda m: _TSV_UNESCAPES[m.group(1)], text)


def write_bitext(
    units: Iterable[MemoryUnit], path: Path, *, src_lang: str = "", tgt_lang: str = ""
) -> WriteReport:
    """Write source/target pairs as .tsv or .csv (chosen by extension), atomically.

    The header row holds `src_lang`/`tgt_lang`, by default the first unit's languages.
    """
    path = Path(path)
    dialect = _dialect(path)
    report = WriteReport()
    clean = TextCleaner(report)
    stream = iter(units)
    first = next(stream, None)
    src = src_lang or (first.src_lang if first else DEFAULT_LANGS[0])
    tgt = tgt_lang or (first.tgt_lang if first else DEFAULT_LANGS[1])
    header = (clean(src, "source language"), clean(tgt, "target language"))
    if not _looks_like_header(header):
        report.warn(f"header {src!r}, {tgt!r} will not be recognised as languages when read back")
    encoding = "utf-8-sig" if dialect == "csv" else "utf-8"
    mismatched = 0
    ordered = chain([first], stream) if first is not None else iter(())
    with atomic_text(path, encoding=encoding) as handle:
        write_row = _row_writer(handle, dialect)
        write_row(header)
        for index, unit in enumerate(ordered, start=1):
            where = f"unit {index}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
            if (unit.src_lang, unit.tgt_lang) != (src, tgt):
                mismatched += 1
            source, target = unit.source, unit.target
            if unit.codes or PUA.search(source) or PUA.search(target):
                # A table has no inline elements: each code is written as what it stood for.
                codes = by_key(unit.codes)
                source, target = render(source, codes), render(target, codes)
            write_row((clean(source, where), clean(target, where)))
            report.units = index
    if mismatched:
        report.warn(f"{mismatched} unit(s) have languages other than the header's {src} -> {tgt}")
    report.close()
    return report


def _row_writer(handle: TextIO, dialect: str) -> Callable[[tuple[str, str]], object]:
    if dialect == "csv":
        writer = csv.writer(handle, lineterminator="\r\n")
        return writer.writerow
    return lambda row: handle.write(f"{tsv_escape(row[0])}\t{tsv_escape(row[1])}\n")


def _codec_for(path: Path) -> str:
    """UTF-16 when a UTF-16 BOM says so, else UTF-8 with an optional BOM."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not head:
        raise FormatError(str(path), "file is empty")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the codec reads and drops the BOM itself
    if b"\0" in head:
        raise FormatError(str(path), "binary data (NUL bytes), not a text table")
    return "utf-8-sig"


def read_bitext(path: Path, *, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
    """Stream source/target pairs from a .tsv or .csv file (see the module doc). A file without
    a header row is labelled with `options.source_lang/target_lang` (`--source-lang`,
    `--target-lang`), else the project's pair, else vi-VN and en-US."""
    path = Path(path)
    dialect = _dialect(path)
    langs = DEFAULT_LANGS
    if options is not None:
        langs = (
            options.source_lang or options.pair.source,
            options.target_lang or options.pair.target,
        )
    return _read(path, dialect, _codec_for(path), langs)


class _Progress:
    """The last line read, for decode errors (the decoder only knows its chunk offset)."""

    line = 0


def _read(
    path: Path, dialect: str, codec: str, default_langs: tuple[str, str]
) -> Iterator[MemoryUnit]:
    progress = _Progress()
    try:
        with open(path, encoding=codec, errors="strict", newline="") as handle:
            if dialect == "csv":
                rows = _csv_rows(handle, path, progress)
            else:
                rows = _tsv_rows(handle, path, progress)
            langs = default_langs
            first = True
            for cells in rows:
                if first:
                    first = False
                    if _looks_like_header(cells):
                        langs = _header_langs(cells, default_langs)
                        continue
                yield MemoryUnit(cells[0], cells[1], src_lang=langs[0], tgt_lang=langs[1])
    except UnicodeDecodeError:
        name = "UTF-16" if codec == "utf-16" else "UTF-8"
        problem = f"not valid {name} text (after line {progress.line})"
        raise FormatError(str(path), problem) from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _tsv_rows(handle: TextIO, path: Path, progress: _Progress) -> Iterator[list[str]]:
    while True:
        line = handle.readline(MAX_LINE + 1)
        if not line:
            return
        progress.line += 1
        if len(line) > MAX_LINE:
            problem = f"line {progress.line} is longer than {MAX_LINE:,} characters"
            raise FormatError(str(path), problem)
        text = line.rstrip("\r\n")
        if not text.strip(" "):
            continue
        cells = text.split("\t")
        _check_width(path, progress.line, cells)
        yield [tsv_unescape(cell) for cell in cells]


def _csv_rows(handle: TextIO, path: Path, progress: _Progress) -> Iterator[list[str]]:
    reader = csv.reader(handle, strict=True)
    try:
        for cells in reader:
            progress.line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            _check_width(path, reader.line_num, cells)
            yield cells
    except csv.Error as exc:
        raise FormatError(str(path), f"line {reader.line_num}: {exc}") from None


def _check_width(path: Path, line: int, cells: list[str]) -> None:
    if len(cells) != 2:
        raise FormatError(str(path), f"line {line}: expected 2 columns, found {len(cells)}")
    if "\0" in cells[0] or "\0" in cells[1]:
        raise FormatError(str(path), f"line {line}: NUL character; not a text table")


def _looks_like_header(cells: list[str] | tuple[str, ...]) -> bool:
    """Both cells are language tags or column names, and the row cannot be ordinary text.

    Tags alone are not enough ("OK<TAB>OK" is a tag pair): one must name Vietnamese, or both
    must carry a region or script subtag, or both must be column names.
    """
    names = [cell.strip().lower() for cell in cells]
    if not all(_LANG_TAG.fullmatch(name) or name in _COLUMN_NAMES for name in names):
        return False
    primaries = [name.replace("_", "-").partition("-")[0] for name in names]
    return (
        "vi" in primaries
        or all("-" in name.replace("_", "-") for name in names)
        or all(name in _COLUMN_NAMES for name in names)
    )


def _header_langs(cells: list[str], defaults: tuple[str, str]) -> tuple[str, str]:
    """Language tags from a header row; column names fall back to the defaults."""
    out = []
    for cell, default in zip(cells, defaults, strict=True):
        name = cell.strip()
        is_tag = _LANG_TAG.fullmatch(name) and name.lower() not in _COLUMN_NAMES - {"vi", "en"}
        out.append(name if is_tag else default)
    return out[0], out[1]
