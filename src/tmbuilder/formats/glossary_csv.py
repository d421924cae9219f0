"""Glossary CSV with a header row, for memoQ, Trados MultiTerm and translate-toolkit.

Columns: source, target, status, notes, variants, x-version, x-parent. The names are the ones
translate-toolkit's CSV reader recognises ("notes" becomes its translator comments; it leaves
the others alone); memoQ and MultiTerm map columns by header at import. The last two are the
term's merge stamp (pipeline/merge_terms.py); a file of an earlier tmbuilder has none.
Variants share one cell, one per line; a backslash or line break inside a variant is escaped
(\\\\, \\n, \\r) so the list splits back exactly. UTF-8, RFC 4180 quoting.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from tmbuilder.errors import FormatError
from tmbuilder.formats.atomic import atomic_write_bytes
from tmbuilder.formats.glossary_read import (
    TERM_PARENT,
    TERM_VERSION,
    GlossaryTerms,
    raw_lines,
    stamp_of,
    stamped,
)
from tmbuilder.formats.glossary_tsv import (
    column_order,
    english_synonyms,
    header_languages,
    is_language_tag,
    parse_status,
    source_variants,
)
from tmbuilder.model import Term, TermStatus

NAME = "Glossary CSV"
EXTENSIONS = (".csv",)
COLUMNS = ("source", "target", "status", "notes", "variants", TERM_VERSION, TERM_PARENT)
_UNSTAMPED = COLUMNS[:5]  # an earlier tmbuilder's header
_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r"}


def _join_variants(variants: tuple[str, ...]) -> str:
    return "\n".join(
        v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") for v in variants
    )


def _split_variants(cell: str) -> tuple[str, ...]:
    out: list[str] = []
    for item in cell.split("\n"):
        if not item:
            continue
        chars: list[str] = []
        i = 0
        while i < len(item):
            if item[i] == "\\" and i + 1 < len(item) and item[i + 1] in _UNESCAPES:
                chars.append(_UNESCAPES[item[i + 1]])
                i += 2
            else:
                chars.append(item[i])
                i += 1
        out.append("".join(chars))
    return tuple(out)


def write_glossary_csv(terms: list[Term], path: str | os.PathLike[str]) -> None:
    """Write `terms` as CSV with a header row (UTF-8, CRLF rows as RFC 4180 has), atomically."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for term in terms:
        row = [
            term.source,
            term.target,
            term.status.value,
            term.note,
            _join_variants(source_variants(term)),
            *stamp_of(term),
        ]
        writer.writerow([cell.replace("\x00", "") for cell in row])  # NUL: no CSV tool takes it
        for form in english_synonyms(term):  # synonyms as more rows, as in the TSV
            synonym = [term.source, form.text, form.status, "", "", "", ""]
            writer.writerow([cell.replace("\x00", "") for cell in synonym])
    atomic_write_bytes(Path(path), buffer.getvalue().encode("utf-8"))


_ROLE_NAMES = {
    "source": "source",
    "term": "source",
    "target": "target",
    "translation": "target",
    "status": "status",
    "notes": "notes",
    "note": "notes",
    "comment": "notes",
    "comments": "notes",
    "variants": "variants",
    TERM_VERSION: TERM_VERSION,
    TERM_PARENT: TERM_PARENT,
}


def _delimiter(first_line: str) -> str:
    if "\t" in first_line:
        return "\t"
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _rows(
    name: str, lines: Iterator[tuple[int, str]], delimiter: str
) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader((line for _number, line in lines), delimiter=delimiter, strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FormatError(name, f"line {reader.line_num}: bad CSV ({exc})") from None
        except UnicodeDecodeError as exc:
            problem = f"line {reader.line_num + 1}: not UTF-8 or UTF-16 text ({exc.reason})"
            raise FormatError(name, problem) from None
        yield reader.line_num, row


def _header(
    name: str, cells: list[str], src_lang: str, tgt_lang: str
) -> tuple[dict[str, int], tuple[str, str]] | None:
    """Column of each role, and the languages of source and target, from a header row; None
    when the row holds terms. Language-tag columns are placed by the project's languages."""
    named = header_languages(cells, src_lang, tgt_lang)
    lowered = [cell.strip().lower() for cell in cells]
    if named is None and "source" not in lowered:
        return None
    column: dict[str, int] = {}
    for index, cell in enumerate(lowered):
        role = _ROLE_NAMES.get(cell)
        if role is not None and role not in column:
            column[role] = index
    langs = (src_lang, tgt_lang)
    if named is not None and any(named):
        src, tgt, src_found, tgt_found = column_order(name, named, src_lang, tgt_lang)
        column["source"], column["target"] = src, tgt
        langs = (src_found, tgt_found)
    if "source" not in column:
        raise FormatError(name, f"header row has no 'source' column: {cells[:6]}")
    return column, langs


def read_glossary_csv(
    path: str | os.PathLike[str], *, src_lang: str = "vi", tgt_lang: str = "en"
) -> GlossaryTerms:
    """Terms from a CSV glossary, with a header row or without one.

    A header names the columns (source/term, target/translation, status, notes/comment,
    variants; case-insensitive) or their languages ("en", "vi-VN"): then the column in the
    project's source language is the source, wherever it stands. Without a header, the
    columns are source, target, comment, as OmegaT reads them; further columns are ignored.
    Commas, semicolons or tabs, chosen from the first line; UTF-8 or UTF-16 with a BOM.
    Streamed: a row is at most csv's field size limit (128 KiB a cell).
    """
    name = os.fspath(path)
    found = GlossaryTerms()
    origin = f"import:{Path(name).name}"
    lines = raw_lines(name)
    first = next(lines, (0, ""))
    if not first[1].strip("\r\n"):
        raise FormatError(name, "empty file: no header row and no terms")
    column = {"source": 0, "target": 1, "notes": 2}
    langs = (src_lang, tgt_lang)
    ours = False
    for number, row in _rows(name, chain([first], lines), _delimiter(first[1])):
        if number == 1 and row:
            header = _header(name, row, src_lang, tgt_lang)
            if header is not None:
                column, langs = header
                ours = [text.strip().lower() for text in row] in (list(COLUMNS), list(_UNSTAMPED))
                for text in row:
                    if is_language_tag(text):
                        found.saw_language(text.strip())
                continue
        if not any(cell.strip() for cell in row):
            continue
        found.entries += 1

        def cell(label: str, row: list[str] = row, column: dict[str, int] = column) -> str:
            index = column.get(label)
            return row[index] if index is not None and index < len(row) else ""

        source, target = cell("source"), cell("target")
        if not source.strip():
            found.skipped["empty source term"] += 1
            continue
        if not ours and not target.strip():
            found.skipped["no target term"] += 1
            continue
        status = cell("status")
        term = Term(
            source=source,
            target=target,
            status=parse_status(name, status, f"row {number}") if status else TermStatus.PROPOSED,
            note=cell("notes"),
            variants=_split_variants(cell("variants")),
            origin=origin,
            src_lang=langs[0],
            tgt_lang=langs[1],
        )
        found.append(stamped(term, cell(TERM_VERSION), cell(TERM_PARENT)))
    for lang in langs:
        found.saw_language(lang)
    return found
