"""Glossaries as they come: direction by language, synonyms, BOMs, headers, format by content,
a linear import, bounded memory on one huge line, FIFOs refused at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.glossary_csv import read_glossary_csv
from tmbuilder.formats.glossary_read import MAX_LINE
from tmbuilder.formats.glossary_registry import CsvGlossary, TbxGlossary, TsvGlossary
from tmbuilder.formats.glossary_tsv import read_glossary_tsv
from tmbuilder.formats.registry import glossary_format_for
from tmbuilder.formats.tbx import read_tbx, write_tbx
from tmbuilder.model import Term, TermForm, TermStatus
from tmbuilder.pipeline.glossary import import_glossary
from tmbuilder.project import Project
from tmbuilder.store import term_tables

MULTILINGUAL = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>Weblate-style export</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="1">
  <langSec xml:lang="en"><termSec><term>file</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>document</term>
    <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
    <termSec><term>dossier</term>
    <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
  <langSec xml:lang="fr"><termSec><term>fichier</term></termSec></langSec>
  <langSec xml:lang="vi-VN"><termSec><term>tệp</term></termSec>
    <termSec><term>tập tin</term>
    <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry>
<conceptEntry id="2">
  <langSec xml:lang="en"><termSec><term>folder</term></termSec></langSec>
  <langSec xml:lang="fr"><termSec><term>dossier</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="3">
  <langSec xml:lang="vi"><termSec><term>thư mục</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
"""


def test_tbx_entries_read_by_language_section(tmp_path: Path) -> None:
    path = tmp_path / "weblate.tbx"
    path.write_text(MULTILINGUAL, encoding="utf-8")
    found = read_tbx(path, src_lang="vi-VN", tgt_lang="en-US")
    (term,) = found
    assert (term.source, term.target, term.status) == ("tệp", "file", TermStatus.APPROVED)
    assert (term.src_lang, term.tgt_lang) == ("vi-VN", "en")
    assert term.variants == ("tập tin",)
    assert term.synonyms == (
        TermForm("tập tin", "vi-VN", "proposed"),
        TermForm("document", "en", "proposed"),
        TermForm("dossier", "en", "forbidden"),
    )
    assert found.skipped == {"no vi term": 1, "no en term": 1}
    assert found.entries == 3 and found.languages == ["en", "fr", "vi-VN", "vi"]


def test_tbx_synonyms_survive_our_export(tmp_path: Path) -> None:
    path = tmp_path / "weblate.tbx"
    path.write_text(MULTILINGUAL, encoding="utf-8")
    (term,) = read_tbx(path)
    for version in (2, 3):
        out = tmp_path / f"out{version}.tbx"
        write_tbx([term], out, version=version, src_lang="vi-VN", tgt_lang="en")
        (back,) = read_tbx(out)
        assert (back.source, back.target, back.variants) == (
            term.source,
            term.target,
            term.variants,
        )
        assert back.synonyms == term.synonyms


def test_tbx_without_vietnamese_is_refused_naming_its_languages(tmp_path: Path) -> None:
    path = tmp_path / "enfr.tbx"
    path.write_text(
        MULTILINGUAL.replace('xml:lang="vi-VN"', 'xml:lang="de"').replace(
            'xml:lang="vi"', 'xml:lang="de"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as caught:
        read_tbx(path)
    message = str(caught.value)
    assert "no vi terms: the file's languages are en, fr, de; nothing imported" in message
    assert message.startswith(str(path)) and "\n" not in message


def test_en_vi_tsv_with_language_header_is_stored_vi_to_en(tmp_path: Path) -> None:
    path = tmp_path / "en-vi.txt"
    path.write_text("en\tvi\tcomment\nfile\ttệp\tnoun\nfolder\tthư mục\n", encoding="utf-8")
    found = read_glossary_tsv(path)
    assert [(t.source, t.target, t.note, t.src_lang, t.tgt_lang) for t in found] == [
        ("tệp", "file", "noun", "vi", "en"),
        ("thư mục", "folder", "", "vi", "en"),
    ]


def test_headerless_file_in_the_other_direction_with_explicit_languages(tmp_path: Path) -> None:
    tsv = tmp_path / "g.txt"
    tsv.write_text("file\ttệp\n", encoding="utf-8")
    (term,) = read_glossary_tsv(tsv, columns=("en", "vi"))
    assert (term.source, term.target) == ("tệp", "file")
    csv_path = tmp_path / "g.csv"
    csv_path.write_text("file,tệp\n", encoding="utf-8")
    (term,) = CsvGlossary.read(csv_path, src_lang="vi", tgt_lang="en", columns=("en", "vi"))
    assert (term.source, term.target, term.src_lang) == ("tệp", "file", "vi")


def test_omegat_extra_columns_are_ignored_as_omegat_does(tmp_path: Path) -> None:
    path = tmp_path / "omegat.txt"
    path.write_text("hòa bình\tpeace\tnoun\tmaybe\textra\n", encoding="utf-8")
    (term,) = read_glossary_tsv(path)
    assert (term.source, term.target, term.note, term.status) == (
        "hòa bình",
        "peace",
        "noun",
        TermStatus.PROPOSED,
    )
    assert term.variants == ()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-le", "utf-16-be"])
def test_any_unicode_bom(tmp_path: Path, encoding: str) -> None:
    text = "hòa bình\tpeace\nchiến lược\tstrategy\n"
    data = text.encode(encoding)
    if encoding.startswith("utf-16"):
        data = ("\ufeff" + text).encode(encoding)
    path = tmp_path / "g.txt"
    path.write_bytes(data)
    assert [(t.source, t.target) for t in TsvGlossary.read(path)] == [
        ("hòa bình", "peace"),
        ("chiến lược", "strategy"),
    ]
    csv_path = tmp_path / "g.csv"
    bom = "" if encoding == "utf-8-sig" else "\ufeff"  # utf-8-sig writes its own
    csv_path.write_bytes((bom + "source,target\nhòa bình,peace\n").encode(encoding))
    assert [(t.source, t.target) for t in read_glossary_csv(csv_path)] == [("hòa bình", "peace")]


def test_headerless_csv_and_skips_counted(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text('hòa bình,peace,"a note"\n,orphan\nchiến lược,\n', encoding="utf-8")
    found = read_glossary_csv(path)
    assert [(t.source, t.target, t.note) for t in found] == [("hòa bình", "peace", "a note")]
    assert found.skipped == {"empty source term": 1, "no target term": 1}


def test_format_chosen_by_content(tmp_path: Path) -> None:
    tbx = tmp_path / "glossary.txt"
    tbx.write_text(MULTILINGUAL, encoding="utf-8")
    tab = tmp_path / "glossary.csv"
    tab.write_text("hòa bình\tpeace, calm\n", encoding="utf-8")
    comma = tmp_path / "glossary.tsv"
    comma.write_text("hòa bình,peace\n", encoding="utf-8")
    assert glossary_format_for(tbx) is TbxGlossary
    assert glossary_format_for(tab) is TsvGlossary
    assert glossary_format_for(comma) is CsvGlossary
    xml = tmp_path / "x.tbx"
    xml.write_text("<tmx version='1.4'/>", encoding="utf-8")
    with pytest.raises(FormatError, match="not TBX"):
        glossary_format_for(xml)


def test_import_keeps_synonyms_languages_and_counts(tmp_path: Path) -> None:
    tsv = tmp_path / "omegat.txt"
    # OmegaT writes synonyms as several lines for one source.
    tsv.write_text(
        "hòa bình\tpeace\nhòa bình\tpeacefulness\nchiến lược\tstrategy\n\tnothing\n",
        encoding="utf-8",
    )
    project = Project(tmp_path / "p")
    report = import_glossary(project, [tsv])
    (item,) = report.files
    assert (item.entries, item.stored.added, item.stored.merged) == (4, 2, 1)
    assert item.skipped == {"empty source term": 1}
    terms = {t.source: t for t in project.store.terms()}
    assert len(terms) == 2
    peace = terms["hòa bình"]
    assert peace.target == "peace"
    assert peace.synonyms == (TermForm("peacefulness", "en-US", "proposed"),)
    assert (peace.src_lang, peace.tgt_lang) == ("vi-VN", "en-US")
    # A second import of a newer decision updates, never duplicates.
    tsv.write_text("hòa bình\tpeace (new)\n", encoding="utf-8")
    again = import_glossary(project, [tsv])
    assert again.files[0].stored.updated == 1
    assert [t.target for t in project.store.terms() if t.source == "hòa bình"] == ["peace (new)"]
    project.close()


def test_import_is_one_pass_with_an_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The old import rebuilt the list of all terms for every term read: 4,000 terms took 62 s.
    # Count the rows turned into terms: linear means about once per stored term, not n^2/2.
    project = Project(tmp_path / "p")
    first = tmp_path / "first.txt"
    first.write_text("".join(f"từ {i}\tword {i}\n" for i in range(3000)), encoding="utf-8")
    import_glossary(project, [first])
    calls = 0
    original = term_tables._row_to_term

    def counting(row: object) -> Term:
        nonlocal calls
        calls += 1
        return original(row)  # type: ignore[arg-type]

    monkeypatch.setattr(term_tables, "_row_to_term", counting)
    second = tmp_path / "second.txt"
    second.write_text("".join(f"từ {i}\tterm {i}\n" for i in range(6000)), encoding="utf-8")
    report = import_glossary(project, [second])
    assert (report.files[0].stored.added, report.files[0].stored.updated) == (3000, 3000)
    assert calls <= 3000 + 10  # the index, built once (quadratic: about 27,000,000)
    project.close()


def test_one_huge_line_is_refused_after_a_bounded_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("x" * (4 * MAX_LINE) + "\ty\n")
    with pytest.raises(FormatError, match=r"huge\.txt: line 1: longer than 1,048,576 characters"):
        read_glossary_tsv(path)
    csv_path = tmp_path / "huge.csv"
    csv_path.write_text('a,"' + "x" * (4 * MAX_LINE) + '"\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"huge\.csv: line 1: (longer than|bad CSV)"):
        read_glossary_csv(csv_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "glossary.tsv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_glossary_tsv(fifo)
    # Through the CLI, in a child process: a hang would end in TimeoutExpired (a failure).
    result = subprocess.run(
        [sys.executable, "-m", "tmbuilder", "glossary", "import", str(fifo), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "FIFO" in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx", "tbx3"])
def test_synonyms_and_languages_survive_export_and_import(tmp_path: Path, fmt: str) -> None:
    from tmbuilder.pipeline.glossary import export_glossary

    source = tmp_path / "weblate.tbx"
    source.write_text(MULTILINGUAL, encoding="utf-8")
    first = Project(tmp_path / "a")
    import_glossary(first, [source])
    (written,) = export_glossary(first, formats=[fmt], include_proposed=True)
    second = Project(tmp_path / "b")
    import_glossary(second, [written])
    (before,) = first.store.terms()
    (after,) = second.store.terms()
    english = [(f.text, f.status) for f in before.synonyms if f.lang == before.tgt_lang]
    assert english == [("document", "proposed"), ("dossier", "forbidden")]
    assert (after.source, after.target, after.status) == (
        before.source,
        before.target,
        before.status,
    )
    assert [(f.text, f.status) for f in after.synonyms if f.text not in after.variants] == english
    assert after.variants == before.variants == ("tập tin",)
    first.close()
    second.close()


def test_cli_reports_counts_per_file_and_reason(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tmbuilder.cli import main

    path = tmp_path / "weblate.tbx"
    path.write_text(MULTILINGUAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "import", str(path), "-p", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert (
        f"{path}: 3 entries, 1 added, 0 updated, 0 merged as synonyms; skipped: " in result.output
    )
    assert "1 no vi term" in result.output and "1 no en term" in result.output
    assert "1 terms stored, 0 more English kept as synonyms" in result.output


def test_tbx_v3_dct_style_status_and_context(tmp_path: Path) -> None:
    # TBX v3 "DCT" style names data categories as elements (ISO 30042:2019, TBX-Basic DCT).
    path = tmp_path / "dct.tbx"
    path.write_text(
        """<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:basic="http://www.tbxinfo.net/ns/basic">
<tbxHeader><fileDesc><sourceDesc><p>DCT</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
<langSec xml:lang="en"><termSec><term>peace</term>
  <basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
  <termSec><term>calm</term>
  <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec></langSec>
<langSec xml:lang="vi"><termSec><term>hòa bình</term>
  <basic:context>Hòa bình là khát vọng chung.</basic:context></termSec></langSec>
</conceptEntry></body></text></tbx>""",
        encoding="utf-8",
    )
    (term,) = read_tbx(path)
    assert (term.source, term.target, term.status) == ("hòa bình", "peace", TermStatus.APPROVED)
    assert term.synonyms == (TermForm("calm", "en", "forbidden"),)
    assert term.contexts == ("Hòa bình là khát vọng chung.",)
