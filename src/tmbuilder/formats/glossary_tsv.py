"""OmegaT glossary TSV: one entry per line, source TAB target TAB comment, UTF-8.

OmegaT reads the first three columns; tmbuilder writes more that OmegaT ignores, so status,
merge stamp and variants survive a round trip: column 4 is the status, 5 and 6 the term's
x-version and x-parent (pipeline/merge_terms.py), 7 and on the variants. A file of an earlier
tmbuilder (its header names no x-version) has the variants from column 5.
A field cannot hold a tab or a line break, so those (and the backslash itself, NUL, and a
leading "#" that OmegaT would take for a comment line) are written as backslash escapes:
\\t \\n \\r \\0 \\\\ \\#. Other backslashes read back as they are.
"""

from __future__ import annotations

import os
from pathlib import Path

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.atomic import atomic_write_bytes
from tmbuilder.formats.glossary_read import (
    TERM_VERSION,
    GlossaryTerms,
    lang_matches,
    primary,
    stamp_of,
    stamped,
    text_lines,
)
from tmbuilder.model import Term, TermForm, TermStatus

NAME = "OmegaT glossary (TSV)"
EXTENSIONS = (".txt", ".utf8", ".tsv")
MAX_BYTES = 256 * 1024 * 1024
HEADER = "# tmbuilder glossary\tsource\ttarget\tcomment\tstatus\tx-version\tx-parent\tvariants..."

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


def english_synonyms(term: Term) -> list[TermForm]:
    """The further target-language forms of a term (not the source variants' statuses).

    A form in the source's language is a variant, never a synonym line, even when the latest
    extraction no longer groups it with the term (variants follow the extraction)."""
    source = _primary(term.src_lang) or "vi"
    return [
        form
        for form in term.synonyms
        if form.text
        and not (form.text in term.variants and form.lang == term.src_lang)
        and _primary(form.lang) != source
    ]


def source_variants(term: Term) -> tuple[str, ...]:
    """Every other source-language form of a term: its variants, and the source-language forms
    an import kept (a person's variants outlive an extraction that no longer groups them)."""
    source = _primary(term.src_lang) or "vi"
    extra = [
        f.text
        for f in term.synonyms
        if f.text
        and _primary(f.lang) == source
        and f.text != term.source
        and f.text not in term.variants
    ]
    return (*term.variants, *dict.fromkeys(extra))


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


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
    """Write `terms` as an OmegaT glossary file (UTF-8, LF line ends), atomically.

    English synonyms follow their term as more lines with the same source, as OmegaT keeps
    synonyms (an import merges them back into one concept)."""
    lines = [HEADER]
    for term in terms:
        fields = [
            term.source,
            term.target,
            term.note,
            term.status.value,
            *stamp_of(term),
            *source_variants(term),
        ]
        lines.append("\t".join(_escape(f) for f in fields))
        for form in english_synonyms(term):
            lines.append("\t".join(_escape(f) for f in (term.source, form.text, "", form.status)))
    atomic_write_bytes(Path(path), ("\n".join(lines) + "\n").encode("utf-8"))


# Header cells (lower case) that name a column's role rather than hold a term: a header row
# made of these and language tags is a header, whatever tool wrote it.
HEADER_WORDS = frozenset(
    {"source", "target", "comment", "comments", "note", "notes", "term", "terms"}
    | {"translation", "definition", "status", "variants", "context", "description"}
)


def is_language_tag(cell: str) -> bool:
    """'vi', 'en-US', 'pt_BR', 'zh-Hans': what a header names a language column with."""
    base, _, rest = cell.strip().replace("_", "-").partition("-")
    if not (2 <= len(base) <= 3 and base.isascii() and base.isalpha()):
        return False
    if not rest:
        return True
    return all(part.isascii() and part.isalnum() and 0 < len(part) <= 8 for part in rest.split("-"))


def header_languages(cells: list[str], src_lang: str, tgt_lang: str) -> list[str] | None:
    """The languages a header row names for its columns ('' for other columns), or None when
    the row is no header: a cell is neither a header word nor a language tag, or its tags
    include neither project language (a first entry "to\tfor" is data, not two languages)."""
    named: list[str] = []
    for cell in cells:
        word = cell.strip().lower()
        if not word or word in HEADER_WORDS:
            named.append("")
        elif is_language_tag(word) and len(cells) >= 2:
            named.append(cell.strip())
        else:
            return None
    tags = [lang for lang in named if lang]
    if not any(cell.strip() for cell in cells):
        return None
    if tags and not any(lang_matches(t, src_lang) or lang_matches(t, tgt_lang) for t in tags):
        return None
    return named


def column_order(
    name: str, languages: list[str], src_lang: str, tgt_lang: str
) -> tuple[int, int, str, str]:
    """(source column, target column, their languages) for a file whose header names
    `languages` per column; the project's source language is the source, whatever its place."""
    src = next((i for i, lang in enumerate(languages) if lang_matches(lang, src_lang)), None)
    tgt = next((i for i, lang in enumerate(languages) if lang_matches(lang, tgt_lang)), None)
    named = ", ".join(lang for lang in languages if lang)
    if src is None:
        problem = f"no {primary(src_lang)} column: the header names {named}; nothing imported"
        raise FormatError(name, problem)
    if tgt is None:
        problem = f"no {primary(tgt_lang)} column: the header names {named}; nothing imported"
        raise FormatError(name, problem)
    return src, tgt, languages[src], languages[tgt]


def read_glossary_tsv(
    path: str | os.PathLike[str],
    *,
    src_lang: str = "vi",
    tgt_lang: str = "en",
    columns: tuple[str, str] | None = None,
) -> GlossaryTerms:
    """Terms from an OmegaT glossary (tab-separated: source, target, comment; further columns
    ignored, as OmegaT ignores them) or from tmbuilder's own export (its header line, then
    status and variants in columns 4 and on).

    Lines starting with "#" and blank lines are skipped, as OmegaT does; a first row of column
    names ("source", "target", or language tags such as "en", "vi-VN") is a header, and when
    it names languages, the column in the project's source language (`src_lang`) is the
    source wherever it stands. `columns` gives the two columns' languages for files without
    such a header (default: source, then target). Streamed, one line at a time.
    """
    name = os.fspath(path)
    found = GlossaryTerms()
    origin = f"import:{Path(name).name}"
    ours = False
    first_row = True
    src_col, tgt_col = 0, 1
    langs = columns or (src_lang, tgt_lang)
    if columns is not None:
        src_col, tgt_col, *_ = column_order(name, list(columns), src_lang, tgt_lang)
    stamps = False  # the header names x-version and x-parent before the variants
    for number, line in text_lines(name):
        if line.startswith("#"):
            if number == 1 and line.startswith(HEADER.split("\t")[0]):
                ours, stamps = True, TERM_VERSION in line.split("\t")
            continue
        if not line.strip():
            continue
        cells = line.split("\t")
        if first_row:
            first_row = False
            named = None if ours else header_languages(cells, src_lang, tgt_lang)
            if named is not None:
                if any(named):
                    src_col, tgt_col, *langs_found = column_order(name, named, src_lang, tgt_lang)
                    langs = (langs_found[0], langs_found[1])
                for lang in named:
                    found.saw_language(lang)
                continue
        found.entries += 1
        fields = [_unescape(f) for f in cells] if ours else cells
        source = fields[src_col] if src_col < len(fields) else ""
        target = fields[tgt_col] if tgt_col < len(fields) else ""
        if not source.strip():
            found.skipped["empty source term"] += 1
            continue
        if not ours and not target.strip():
            found.skipped["no target term"] += 1
            continue
        note = fields[2] if len(fields) > 2 and 2 not in (src_col, tgt_col) else ""
        status = TermStatus.PROPOSED
        variants: tuple[str, ...] = ()
        version = parent = ""
        if ours:
            if len(fields) > 3:
                status = parse_status(name, fields[3], f"line {number}")
            if stamps:
                version, parent = [*fields[4:6], "", ""][:2]
            variants = tuple(f for f in fields[6 if stamps else 4 :] if f)
        found.append(
            stamped(
                Term(
                    source=source,
                    target=target,
                    note=note,
                    status=status,
                    variants=variants,
                    origin=origin,
                    src_lang=langs[0],
                    tgt_lang=langs[1],
                ),
                version,
                parent,
            )
        )
    for lang in langs:
        found.saw_language(lang)
    return found
