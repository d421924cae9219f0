"""Real OmegaT glossaries (tests/data/real/glossary, see SOURCES.md) against Python's csv module
as the independent reader, line by line: every entry OmegaT would read is a term of ours with the
same source, target and comment; comment lines and BOMs are no entries."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from tmbuilder.formats.glossary_registry import CsvGlossary, TsvGlossary
from tmbuilder.formats.registry import glossary_format_for
from tmbuilder.pipeline.glossary import import_glossary
from tmbuilder.project import Project

REAL = Path(__file__).parent / "data" / "real" / "glossary"
FILES = sorted(p for p in REAL.iterdir() if p.name != "SOURCES.md")


def independent(path: Path) -> list[tuple[str, str, str]]:
    data = path.read_bytes()
    encoding = (
        "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    )
    text = data.decode(encoding)
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
    else:
        rows = [
            row
            for row in csv.reader(
                io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE
            )
            if row and not row[0].startswith("#")
        ]
    return [
        (row[0], row[1] if len(row) > 1 else "", row[2] if len(row) > 2 else "")
        for row in rows
        if any(cell.strip() for cell in row)
    ]


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 8


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_real_glossary_entry_by_entry(path: Path) -> None:
    fmt = glossary_format_for(path)
    assert fmt is (CsvGlossary if path.suffix == ".csv" else TsvGlossary)
    found = fmt.read(path, src_lang="en", tgt_lang="fr")
    entries = independent(path)
    # An entry without a target (omegat-acceptance-project_CN_JP.txt separates its columns
    # with spaces) is no term pair: skipped and counted, as OmegaT skips it.
    assert [(t.source, t.target, t.note) for t in found] == [e for e in entries if e[1]]
    assert found.skipped["no target term"] == sum(1 for e in entries if not e[1])


def test_utf16_glossary_imports_into_a_project(tmp_path: Path) -> None:
    path = REAL / "omegat-testUTF16LE.txt"
    project = Project(tmp_path / "p")
    report = import_glossary(project, [path])
    assert report.files[0].stored.added == len(independent(path)) == 2
    assert {t.source for t in project.store.terms()} == {"UTF", "LE"}
    project.close()
