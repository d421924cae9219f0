"""Glossary CSV with a header row, for memoQ, Trados MultiTerm and translate-toolkit.

Columns: source, target, status, notes, variants. The names are the ones translate-toolkit's
CSV reader recognises ("notes" becomes its translator comments); memoQ and MultiTerm map
columns by header at import. Variants share one cell, one per line; a backslash or line break
inside a variant is escaped (\\\\, \\n, \\r) so the list splits back exactly. UTF-8, RFC 4180
quoting.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from tmbuilder.errors import FormatError
from tmbuilder.formats.atomic import atomic_write_bytes
from tmbuilder.formats.glossary_tsv import decode_text, parse_status, read_bytes
from tmbuilder.model import Term, TermStatus

NAME = "Glossary CSV"
EXTENSIONS = (".csv",)
COLUMNS = ("source", "target", "status", "notes", "variants")
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
            _join_variants(term.variants),
        ]
        writer.writerow([cell.replace("\x00", "") for cell in row])  # NUL: no CSV tool takes it
    atomic_write_bytes(Path(path), buffer.getvalue().encode("utf-8"))


def read_glossary_csv(path: str | os.PathLike[str]) -> list[Term]:
    """Terms from a CSV whose header names at least a source column.

    Header names are matched case-insensitively; "term", "target term" and language-code
    headers are not guessed: rename the columns to source / target first.
    """
    name = os.fspath(path)
    text = decode_text(name, read_bytes(name))
    if not text.strip():
        raise FormatError(name, "empty file: expected a header row")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise FormatError(name, f"line {reader.line_num}: bad CSV ({exc})") from None
    header = [cell.strip().lower() for cell in rows[0]]
    if "source" not in header:
        raise FormatError(name, f"header row has no 'source' column: {rows[0][:6]}")
    column = {label: header.index(label) for label in COLUMNS if label in header}
    terms: list[Term] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(label: str, row: list[str] = row) -> str:
            index = column.get(label)
            return row[index] if index is not None and index < len(row) else ""

        source = cell("source")
        if not source.strip():
            raise FormatError(name, f"row {number}: empty source term")
        status = cell("status")
        terms.append(
            Term(
                source=source,
                target=cell("target"),
                status=parse_status(name, status, f"row {number}")
                if status
                else TermStatus.PROPOSED,
                note=cell("notes"),
                variants=_split_variants(cell("variants")),
                origin=f"import:{Path(name).name}",
            )
        )
    return terms
