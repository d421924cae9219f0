"""Gettext PO and MO: our writer (polib), our strict reader, and msgfmt/polib as referees."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from test_formats_contract import SAMPLE, UNICODE_TEXTS, FormatContract, exporter_unit
from tmbuilder.errors import FormatError
from tmbuilder.formats.po import read_mo, read_po, wants_fuzzy, write_mo, write_po
from tmbuilder.formats.po_read import OBSOLETE
from tmbuilder.formats.registry import MoFormat, PoFormat
from tmbuilder.inline import by_key, render
from tmbuilder.model import MemoryUnit


class TestPoContract(FormatContract):
    fmt = PoFormat
    # Cut in half, a PO file can end on a complete entry, which msgfmt accepts too.
    detects_truncation = False

    def read(self, path: Path) -> list[MemoryUnit]:
        return list(read_po(path, everything=True))


class TestMoContract(FormatContract):
    fmt = MoFormat
    keeps_metadata = False
    keeps_order = False  # MO stores its keys sorted
    keeps_untranslated = False

    def read(self, path: Path) -> list[MemoryUnit]:
        return list(read_mo(path, everything=True))

    def expected(self, units: list[MemoryUnit]) -> list[MemoryUnit]:
        out = []
        for unit in units:
            # Only what msgfmt would compile: translated and not fuzzy.
            if wants_fuzzy(unit.prop("x-status"), unit.source, unit.target) or not unit.target:
                continue
            # msgctxt "document:paragraph:position" is all the metadata an MO keeps.
            props = tuple(
                (k, v) for k, v in unit.props if k in ("x-document", "x-paragraph", "x-position")
            )
            out.append(
                MemoryUnit(unit.source, unit.target, unit.src_lang, unit.tgt_lang, props=props)
            )
        return out

    def test_wrong_encoding_is_format_error(self, tmp_path: Path) -> None:
        pytest.skip("MO is binary: no encoding to get wrong beyond its header")


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgfmt", "--check", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


TRICKY = [
    exporter_unit(0, "\nbắt đầu bằng xuống dòng", "starts without newline", "reviewed"),
    exporter_unit(1, "kết thúc\n", "ends\n", "translated"),
    exporter_unit(2, "tab\tở giữa", "tab\tinside", "translated"),
    exporter_unit(3, 'ngoặc "kép" và \\ gạch', 'quotes "double" and \\ slash', "translated"),
    exporter_unit(4, "%s %d {0} định dạng", "%d %s {0} format", "translated"),
    # The same segment twice with the same context: gettext forbids the duplicate.
    exporter_unit(5, "Lặp lại", "Repeated", "translated"),
    exporter_unit(5, "Lặp lại", "Repeated again", "draft"),
    MemoryUnit("Không ngữ cảnh", "No context"),
    MemoryUnit("Không ngữ cảnh", "No context either"),
]


def test_msgfmt_check_passes(tmp_path: Path) -> None:
    path = tmp_path / "vi.po"
    report = write_po(SAMPLE + TRICKY, path)
    assert report.units == len(SAMPLE) + len(TRICKY)
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert list(read_po(path, everything=True)) == SAMPLE + TRICKY


def test_msgfmt_check_passes_for_unicode_and_controls(tmp_path: Path) -> None:
    path = tmp_path / "u.po"
    units = [exporter_unit(i, t, t[::-1] or "x") for i, t in enumerate(UNICODE_TEXTS)]
    units += [exporter_unit(20, "a\rb", "c\rd"), exporter_unit(21, "x\x7f\x85y", "\x9fz")]
    write_po(units, path)
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr


def test_msgfmt_check_passes_for_other_target_language(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    units = [MemoryUnit("Xin chào", "Bonjour", tgt_lang="fr-FR")]
    write_po(units, path, src_lang="vi-VN", tgt_lang="fr-FR")
    assert msgfmt_check(path).returncode == 0
    (back,) = read_po(path)
    assert back.tgt_lang == "fr-FR"


def test_entries_as_gettext_tools_see_them(tmp_path: Path) -> None:
    path = tmp_path / "vi.po"
    write_po(SAMPLE + TRICKY, path)
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Language"] == "en_US"
    assert catalogue.metadata["X-Source-Language"] == "vi-VN"
    first = catalogue[0]
    assert first.msgctxt == "news/hoi-dam.txt:0:0"
    assert "@x-status: reviewed" in first.comment
    assert "@x-origin: human" in first.comment
    assert first.tcomment == "kiểm tra lại tên riêng"
    assert not first.fuzzy
    assert catalogue[1].fuzzy  # draft
    assert catalogue[3].fuzzy  # rejected
    assert catalogue[len(SAMPLE)].fuzzy  # leading-newline mismatch, though reviewed
    contexts = [(e.msgctxt, e.msgid) for e in catalogue]
    assert len(contexts) == len(set(contexts))
    assert ("news/hoi-dam.txt:1:2#2", "Lặp lại") in contexts


def test_empty_source_is_skipped_with_warning(tmp_path: Path) -> None:
    report = write_po([MemoryUnit("", "orphan"), MemoryUnit("\x01", "x")], tmp_path / "e.po")
    assert report.units == 0
    assert sum("empty source" in w for w in report.warnings) == 2


def test_clearing_fuzzy_in_an_editor_accepts_the_draft(tmp_path: Path) -> None:
    path = tmp_path / "vi.po"
    write_po([SAMPLE[1]], path)  # a draft
    catalogue = polib.pofile(str(path))
    catalogue[0].flags.remove("fuzzy")
    catalogue.save()
    (unit,) = read_po(path)
    assert unit.prop("x-status") == "translated"


def test_marking_fuzzy_in_an_editor_makes_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "vi.po"
    write_po([SAMPLE[0]], path)  # reviewed
    catalogue = polib.pofile(str(path))
    catalogue[0].flags.append("fuzzy")
    catalogue.save()
    (unit,) = read_po(path, everything=True)
    assert unit.prop("x-status") == "draft"


FOREIGN = r"""# Vietnamese translation for an app.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: vi\n"

#. TRANSLATORS: a greeting
#: src/app.c:10
#, c-format
msgctxt "greetings:3:4"
msgid "Hello %s"
msgstr "Xin chào %s"

# hand note
#, fuzzy
msgid "Bye"
msgstr "Tạm biệt"

#~ msgid "Old"
#~ msgstr "Cũ"
"""


def test_reads_foreign_po(tmp_path: Path) -> None:
    path = tmp_path / "app.po"
    path.write_text(FOREIGN, encoding="utf-8")
    units = list(read_po(path, keep_unconfirmed=True))
    assert [
        (render(u.source, by_key(u.codes)), render(u.target, by_key(u.codes))) for u in units
    ] == [
        ("Hello %s", "Xin chào %s"),
        ("Bye", "Tạm biệt"),
    ]
    assert units[0].source == "Hello \ue001" and units[0].target == "Xin chào \ue001"
    assert units[0].props == (
        ("x-po-msgctxt", "greetings:3:4"),
        ("x-po-flags", "c-format"),
        ("x-po-references", "src/app.c:10"),
    )
    assert units[0].notes == ("TRANSLATORS: a greeting",)
    assert units[1].props == (("x-status", "draft"),)
    assert units[1].notes == ("hand note",)
    # gettext's msgids are English by convention; the header names the target.
    assert units[0].tgt_lang == "vi" and units[0].src_lang == "en"


def test_only_real_translations_by_default(tmp_path: Path) -> None:
    path = tmp_path / "app.po"
    path.write_text(FOREIGN, encoding="utf-8")
    units = read_po(path)
    assert [u.target for u in units] == ["Xin chào \ue001"]
    assert units.skipped == {"fuzzy": 1, OBSOLETE: 1}


def test_translate_toolkit_reads_our_po(tmp_path: Path) -> None:
    from translate.storage.pypo import pofile

    path = tmp_path / "vi.po"
    write_po(SAMPLE + TRICKY, path)
    with open(path, "rb") as handle:
        store = pofile(handle)
    units = [u for u in store.units if not u.isheader()]
    assert [u.source for u in units] == [u.source for u in SAMPLE + TRICKY]
    assert [u.target for u in units] == [u.target for u in SAMPLE + TRICKY]
    assert [u.isfuzzy() for u in units[:4]] == [False, True, False, True]


def test_mo_written_by_us_matches_msgfmt(tmp_path: Path) -> None:
    po_path, ours, theirs = tmp_path / "vi.po", tmp_path / "ours.mo", tmp_path / "theirs.mo"
    write_po(SAMPLE + TRICKY, po_path)
    report = write_mo(SAMPLE + TRICKY, ours)
    subprocess.run(["msgfmt", "-o", str(theirs), str(po_path)], check=True)
    pairs = sorted((u.source, u.target) for u in read_mo(ours))
    assert pairs == sorted((u.source, u.target) for u in read_mo(theirs))
    assert report.units == len(pairs)
    assert any("left out" in w for w in report.warnings)


def test_binary_po_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "b.po"
    binary.write_bytes(b'msgid "a"\x00\nmsgstr "b"\n')
    with pytest.raises(FormatError, match="binary"):
        list(read_po(binary))


def test_legacy_charset_from_header(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.po"
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=CP1258\\n"\n\n'
        'msgid "Hà Nô\u0323i"\nmsgstr "Hanoi"\n'  # cp1258 spells ộ as ô + combining dot
    )
    path.write_bytes(text.encode("cp1258"))
    assert [u.source for u in read_po(path)] == ["Hà Nô\u0323i"]


def test_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text('msgid "a"\nmsgstr "b\nnonsense here\n', encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        list(read_po(path))
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_po_content_is_never_mistaken_for_a_path(tmp_path: Path) -> None:
    # polib treats a string naming an existing file as a path; the reader passes paths only.
    path = tmp_path / "one-line.po"
    path.write_text("/etc/passwd", encoding="utf-8")
    with pytest.raises(FormatError):
        list(read_po(path))
