"""Real TMX files imported and exported again: every unit, every inline element kept.

The files are the LISA TMX compliance kit's as Okapi ships them, and TMX written by Trados
TW4Win, OmegaT, Olifant, AlignFactory, LDS Translator's Workbench and Okapi's aligners
(tests/data/real/tmx, SOURCES.md). A <tu> with a single language variant is no translation:
it is counted, not imported, and left out of the comparison. The independent reader is lxml:
each <tu> of the original and of our export is compared as {language: canonical XML (C14N) of
its <seg>}, plus its notes and props; attribute order, quoting and character references do not
count, text, whitespace and elements do.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tmbuilder.cli import main
from tmbuilder.formats.reading import NO_TARGET
from tmbuilder.pipeline.imports import ImportSettings, import_files
from tmbuilder.project import Project

KIT = Path(__file__).parent / "data" / "real" / "tmx"
FILES = sorted(p.name for p in KIT.glob("*.tmx"))
LISA_KIT = [name for name in FILES if not name.startswith("okapi-")]
INLINE_TESTS = ("ExportTest2A.tmx", "ImportTest2A.tmx", "ImportTest2B.tmx")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


def _c14n(element: etree._Element) -> str:
    copy = etree.fromstring(etree.tostring(element))
    copy.tail = None
    etree.strip_tags(copy, etree.Comment)
    return etree.tostring(copy, method="c14n").decode()


def _tus(path: Path) -> list[dict[str, object]]:
    """Each <tu> as lxml reads it: languages and segments, notes and props of tu and tuvs."""
    root = etree.parse(str(path), _PARSER).getroot()
    out: list[dict[str, object]] = []
    for tu in root.iter("tu"):
        entry: dict[str, object] = {
            "notes": sorted(n.text or "" for n in tu.findall("note")),
            "props": sorted((p.get("type"), p.text or "") for p in tu.findall("prop")),
        }
        for tuv in tu.findall("tuv"):
            lang = str(tuv.get(XML_LANG) or tuv.get("lang")).lower()
            entry[lang] = (
                _c14n(tuv.find("seg")),
                sorted(n.text or "" for n in tuv.findall("note")),
                sorted((p.get("type"), p.text or "") for p in tuv.findall("prop")),
            )
        out.append(entry)
    return out


def test_the_kit_is_there() -> None:
    assert set(INLINE_TESTS) <= set(LISA_KIT) and len(LISA_KIT) == 12 and len(FILES) >= 20


@pytest.mark.parametrize("name", FILES)
def test_import_then_export_memory_keeps_every_unit_and_element(tmp_path: Path, name: str) -> None:
    (tmp_path / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    original = KIT / name
    with closing(Project(tmp_path)) as project:
        # The kit holds source copies (en-US -> en-GB) on purpose: keep them.
        settings = ImportSettings(keep_copies=True, keep_unconfirmed=True)
        report = import_files(project, [original], settings=settings)
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(main, ["export", "memory", "-o", str(out), "-p", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pairs = [tu for tu in _tus(original) if len(tu) > 3]  # notes, props and 2+ languages
    single = len(_tus(original)) - len(pairs)
    assert dict(report.details[0].counts.skipped) == ({NO_TARGET: single} if single else {})
    assert _tus(out) == pairs


def test_inline_codes_are_codes_not_text(tmp_path: Path) -> None:
    from tmbuilder.formats.tmx import read_tmx
    from tmbuilder.inline import CodeKind, codes_in, strip_codes

    units = list(read_tmx(KIT / "ImportTest2A.tmx"))
    first = units[0]
    assert strip_codes(first.source) == "The big black cat sleeps."
    assert strip_codes(first.target) == "Le gros chat noir dors."
    # bpt/ept pairs matched across languages by what they are (<b> is 1, <u> is 2 both sides).
    assert codes_in(first.source) == [
        (CodeKind.OPEN, 1), (CodeKind.CLOSE, 1), (CodeKind.OPEN, 2), (CodeKind.CLOSE, 2)
    ]  # fmt: skip
    assert codes_in(first.target) == [
        (CodeKind.OPEN, 2), (CodeKind.CLOSE, 2), (CodeKind.OPEN, 1), (CodeKind.CLOSE, 1)
    ]  # fmt: skip


def test_export_memory_filters_by_pair_and_cleans(tmp_path: Path) -> None:
    (tmp_path / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    with closing(Project(tmp_path)) as project:
        settings = ImportSettings(keep_copies=True)
        import_files(
            project, [KIT / "ImportTest1C.tmx", KIT / "ImportTest1D.tmx"], settings=settings
        )
    out = tmp_path / "ja.tmx"
    args = ["export", "memory", "-o", str(out), "-p", str(tmp_path), "--lang-pair", "en:ja"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "(3 units)" in result.output
    langs = {tuv.get(XML_LANG) for tuv in etree.parse(str(out)).getroot().iter("tuv")}
    assert langs == {"en-us", "ja-jp"}
    # The cleaner: ImportTest1D's three units copy their source (en-US -> en-GB).
    out = tmp_path / "clean.tmx"
    args = ["export", "memory", "-o", str(out), "-p", str(tmp_path), "--clean"]
    args += ["--origin", "ImportTest1D.tmx"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "left out: 3 target is a copy of the source" in result.output
    assert "(0 units)" in result.output


def test_export_memory_refuses_an_unknown_origin_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    with closing(Project(tmp_path)) as project:
        import_files(project, [KIT / "ImportTest1A.tmx"])
    out = tmp_path / "out.tmx"
    args = ["export", "memory", "-o", str(out), "-p", str(tmp_path), "--origin", "nope.tmx"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and not out.exists()
    (line,) = result.output.strip().splitlines()
    assert "nope.tmx" in line and "ImportTest1A.tmx" in line and "Traceback" not in line
