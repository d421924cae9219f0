"""Which glossary formats tmbuilder reads and writes, as class data (formats/registry.py
re-exports them next to the memory formats). Chosen by content first: a TBX named .txt, a
tab-separated file named .csv and an OmegaT .utf8 file all come in as what they are.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import replace
from pathlib import Path
from typing import ClassVar, Final

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.glossary_read import GlossaryTerms, head_text, lang_matches
from tmbuilder.model import Term

__all__ = [
    "GLOSSARY_FORMATS",
    "CsvGlossary",
    "GlossaryFormat",
    "Tbx3Glossary",
    "TbxGlossary",
    "TsvGlossary",
    "glossary_format_for",
    "glossary_format_named",
]


class GlossaryFormat(ABC):
    """A glossary format. Subclasses set the class data and implement read/write."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()

    @classmethod
    @abstractmethod
    def read(
        cls,
        path: Path,
        *,
        src_lang: str = "vi",
        tgt_lang: str = "en",
        columns: tuple[str, str] | None = None,
    ) -> GlossaryTerms:
        """The terms of `path` in the project's languages, with what was skipped and why.
        `columns` names the languages of a text file's first two columns when it has no
        header that says so."""

    @classmethod
    @abstractmethod
    def write(cls, terms: list[Term], path: Path, *, src_lang: str, tgt_lang: str) -> None:
        """Write `terms` to `path` atomically."""


class TbxGlossary(GlossaryFormat):
    name = "tbx"
    description = "TBX v2 (martif), what OmegaT and translate-toolkit read; reads v2 and v3"
    extensions: ClassVar[tuple[str, ...]] = (".tbx", ".xml")

    @classmethod
    def read(
        cls,
        path: Path,
        *,
        src_lang: str = "vi",
        tgt_lang: str = "en",
        columns: tuple[str, str] | None = None,
    ) -> GlossaryTerms:
        from tmbuilder.formats.tbx import read_tbx

        return read_tbx(path, src_lang=src_lang, tgt_lang=tgt_lang)

    @classmethod
    def write(cls, terms: list[Term], path: Path, *, src_lang: str, tgt_lang: str) -> None:
        from tmbuilder.formats.tbx import write_tbx

        write_tbx(terms, path, version=2, src_lang=src_lang, tgt_lang=tgt_lang)


class Tbx3Glossary(TbxGlossary):
    name = "tbx3"
    description = "TBX v3 TBX-Basic (ISO 30042:2019)"
    extensions = ()

    @classmethod
    def write(cls, terms: list[Term], path: Path, *, src_lang: str, tgt_lang: str) -> None:
        from tmbuilder.formats.tbx import write_tbx

        write_tbx(terms, path, version=3, src_lang=src_lang, tgt_lang=tgt_lang)


class TsvGlossary(GlossaryFormat):
    name = "tsv"
    description = "OmegaT glossary: tab-separated source, target, comment"
    extensions = (".tsv", ".txt", ".utf8", ".tab")

    @classmethod
    def read(
        cls,
        path: Path,
        *,
        src_lang: str = "vi",
        tgt_lang: str = "en",
        columns: tuple[str, str] | None = None,
    ) -> GlossaryTerms:
        from tmbuilder.formats.glossary_tsv import read_glossary_tsv

        return read_glossary_tsv(path, src_lang=src_lang, tgt_lang=tgt_lang, columns=columns)

    @classmethod
    def write(cls, terms: list[Term], path: Path, *, src_lang: str, tgt_lang: str) -> None:
        from tmbuilder.formats.glossary_tsv import write_glossary_tsv

        write_glossary_tsv(terms, path)


class CsvGlossary(GlossaryFormat):
    name = "csv"
    description = "CSV with or without a header row (memoQ, MultiTerm, translate-toolkit)"
    extensions = (".csv",)

    @classmethod
    def read(
        cls,
        path: Path,
        *,
        src_lang: str = "vi",
        tgt_lang: str = "en",
        columns: tuple[str, str] | None = None,
    ) -> GlossaryTerms:
        from tmbuilder.formats.glossary_csv import read_glossary_csv

        if columns is not None and columns[0] and not lang_matches(columns[0], src_lang):
            # A header-less CSV in the other direction: read it as such.
            found = read_glossary_csv(path, src_lang=columns[0], tgt_lang=columns[1])
            return _swapped(found) if lang_matches(columns[1], src_lang) else found
        return read_glossary_csv(path, src_lang=src_lang, tgt_lang=tgt_lang)

    @classmethod
    def write(cls, terms: list[Term], path: Path, *, src_lang: str, tgt_lang: str) -> None:
        from tmbuilder.formats.glossary_csv import write_glossary_csv

        write_glossary_csv(terms, path)


def _swapped(found: GlossaryTerms) -> GlossaryTerms:
    out = GlossaryTerms()
    out.skipped, out.languages, out.entries = found.skipped, found.languages, found.entries
    out.extend(
        replace(t, source=t.target, target=t.source, src_lang=t.tgt_lang, tgt_lang=t.src_lang)
        for t in found
    )
    return out


GLOSSARY_FORMATS: Final[tuple[type[GlossaryFormat], ...]] = (
    TbxGlossary,
    Tbx3Glossary,
    TsvGlossary,
    CsvGlossary,
)


def glossary_format_named(name: str) -> type[GlossaryFormat]:
    """The glossary format called `name` ('tsv', 'csv', 'tbx', 'tbx3')."""
    for fmt in GLOSSARY_FORMATS:
        if fmt.name == name.lower():
            return fmt
    known = ", ".join(fmt.name for fmt in GLOSSARY_FORMATS)
    raise InputError("--format", f"unknown glossary format '{name}' (known: {known})")


def glossary_format_for(path: Path) -> type[GlossaryFormat]:
    """The format of a glossary file, by its content (XML root, tabs or commas in its first
    entry line), falling back on its extension for a file of one column."""
    path = Path(path)
    head = head_text(path).lstrip()
    if head.startswith("<"):
        if "<martif" in head or "<tbx" in head:
            return TbxGlossary
        raise FormatError(str(path), "XML, but not TBX (no <martif> or <tbx> root)")
    first = next(
        (line for line in head.splitlines() if line.strip() and not line.startswith("#")), ""
    )
    if head.startswith("# tmbuilder glossary") or "\t" in first:
        return TsvGlossary
    if "," in first or ";" in first:
        return CsvGlossary
    suffix = path.suffix.lower()
    for fmt in (CsvGlossary, TsvGlossary, TbxGlossary):
        if suffix in fmt.extensions:
            return fmt
    raise FormatError(str(path), "unknown glossary format (expected TBX, TSV or CSV content)")
