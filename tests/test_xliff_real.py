"""Real XLIFF 1.2 files from other tools, read unit by unit against lxml as independent reader.

Files: tests/data/real/xliff (SOURCES.md): Okapi's test data made by Passolo, memoQ, Trados
Studio 2009 (sdlxliff, seg-source segments), WorldServer, OnTram, RoboHelp, Typo3... For each
translatable <trans-unit> (or each `<mrk mtype="seg">` segment of one), the independent reader
computes the text with inline code elements left out and counts those elements; ours must give
the same text around the same number of code characters, in the same order: no unit lost, no
text altered, no inline element dropped. Each file also goes out through our writer and back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tmbuilder.formats.reading import NOT_TRANSLATABLE, ReadOptions
from tmbuilder.formats.registry import format_for
from tmbuilder.formats.xliff import read_xliff, write_xliff
from tmbuilder.inline import by_key, has_codes, render, strip_codes
from tmbuilder.model import MemoryUnit

DATA = Path(__file__).parent / "data" / "real" / "xliff"
FILES = sorted(p.name for p in DATA.iterdir() if p.suffix in (".xlf", ".xliff", ".sdlxliff"))
NS = "{*}"  # XLIFF 1.0 and 1.1 files have no namespace, or another one
CODES = {"x", "bx", "ex", "ph", "bpt", "ept", "it"}
WRAPPERS = {"g", "mrk"}
_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


def _local(element: etree._Element) -> str:
    return str(element.tag).rpartition("}")[2] if isinstance(element.tag, str) else ""


def _text(element: etree._Element | None) -> tuple[str, int]:
    """Text without inline code elements, and how many codes (a wrapper is two)."""
    if element is None:
        return "", 0
    parts = [element.text or ""]
    codes = 0
    for child in element:
        name = _local(child)
        if name in WRAPPERS:
            inner, inner_codes = _text(child)
            parts.append(inner)
            codes += 2 + inner_codes
        elif name:
            codes += 1
        parts.append(child.tail or "")
    return "".join(parts), codes


def _translate_no(unit: etree._Element) -> bool:
    node: etree._Element | None = unit
    while node is not None and _local(node) != "file":
        if node.get("translate") is not None:
            return node.get("translate") in ("no", "false")  # "false": Xcode-era files
        node = node.getparent()
    return False


def _expected(path: Path) -> tuple[list[tuple[str, int, str, int]], int]:
    root = etree.parse(str(path), _PARSER).getroot()
    expected = []
    not_translatable = 0
    for unit in root.iter(f"{NS}trans-unit"):
        if _translate_no(unit):
            not_translatable += 1
            continue
        seg_source = unit.find(f"{NS}seg-source")
        target = unit.find(f"{NS}target")
        mrks = (
            [m for m in seg_source.iter(f"{NS}mrk") if m.get("mtype") == "seg"]
            if seg_source is not None
            else []
        )
        if mrks:
            targets = {
                m.get("mid"): m
                for m in (target.iter(f"{NS}mrk") if target is not None else [])
                if m.get("mtype") == "seg"
            }
            for mrk in mrks:
                expected.append((*_text(mrk), *_text(targets.get(mrk.get("mid")))))
        else:
            expected.append((*_text(unit.find(f"{NS}source")), *_text(target)))
    return expected, not_translatable


def _ours(text: str) -> tuple[str, int]:
    return strip_codes(text), sum(1 for ch in text if has_codes(ch))


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 19


@pytest.mark.parametrize("name", FILES)
def test_unit_by_unit_against_lxml(name: str) -> None:
    path = DATA / name
    options = ReadOptions()
    units = list(format_for(path).read(path, options))  # as `import` reads it
    expected, not_translatable = _expected(path)
    got = [(*_ours(u.source), *_ours(u.target)) for u in units]
    assert got == expected
    assert options.skipped.get(NOT_TRANSLATABLE, 0) == not_translatable


@pytest.mark.parametrize("name", FILES)
def test_written_back_and_read_again(tmp_path: Path, name: str) -> None:
    units = list(read_xliff(DATA / name))
    out = tmp_path / "out.xlf"
    write_xliff(units, out, original=name, src_lang="en", tgt_lang="fr")
    back = list(read_xliff(out))
    assert [(u.source, u.target) for u in back] == [(u.source, u.target) for u in units]

    # What each code is (an XLIFF 1.0 file's elements gain the 1.2 namespace on the way).
    def codes(unit: MemoryUnit) -> list[tuple[str, str, int, str, tuple[tuple[str, str], ...]]]:
        return sorted((c.kind.value, c.element, c.n, c.content, c.attrs) for c in unit.codes)

    assert [codes(u) for u in back] == [codes(u) for u in units]


def test_sdlxliff_segments_and_confirmation_levels() -> None:
    units = list(read_xliff(DATA / "okapi-TS09-12-Test01.xlf"))
    segmented = [u for u in units if "#" in u.tuid]
    assert len(segmented) == 19  # sentences, not paragraphs
    getting_started = next(u for u in units if u.source == "Getting Started")
    assert getting_started.target == "Erste Schritte"
    assert getting_started.prop("x-status") == "translated"  # sdl:conf="Translated"


def test_passolo_line_breaks_are_codes_not_lost() -> None:
    units = list(read_xliff(DATA / "okapi-PAS-10-Test01.xlf"))
    with_lb = [u for u in units if any(c.attrs and ("ctype", "lb") in c.attrs for c in u.codes)]
    assert with_lb, "Passolo's <x ctype='lb'/> must survive as codes"
    assert all(has_codes(u.source) for u in with_lb)
    # Rendered as text (MT, TSV), a line break code is a line break, not words run together.
    first = with_lb[0]
    assert "\n" in render(first.source, by_key(first.codes))


def test_xcode_units_keep_their_own_languages() -> None:
    options = ReadOptions()
    units = list(read_xliff(DATA / "xcode-hb-rs-simplev1_2.xliff", options=options))
    labels = {u.target: (u.src_lang, u.tgt_lang) for u in units if u.target}
    assert labels["Странични проекти"] == ("en", "bg")
    assert labels["je précise quelque chose de très..."] == ("en", "fr")  # <target xml:lang>
    assert labels["❤"] == ("en", "de-AT")
    assert options.skipped == {NOT_TRANSLATABLE: 1}  # translate="false"


def test_files_naming_no_language_are_undetermined() -> None:
    units = list(read_xliff(DATA / "weblate-ids-translated.xliff"))
    assert {(u.src_lang, u.tgt_lang) for u in units} == {("und", "und")}
    units = list(
        read_xliff(
            DATA / "weblate-ids-translated.xliff",
            options=ReadOptions(source_lang="en", target_lang="cs"),
        )
    )
    assert {(u.src_lang, u.tgt_lang) for u in units} == {("en", "cs")}


def test_memoq_row_status_is_read() -> None:
    units = list(read_xliff(DATA / "okapi-MQ-12-Test01.xlf"))
    # Every row of this memoQ file is "NotStarted": untranslated, whatever its target says.
    assert len(units) == 119 and {u.prop("x-status") for u in units} == {"new"}


def test_trados_studio_confirmation_levels_in_a_real_sdlxliff() -> None:
    from collections import Counter

    units = list(read_xliff(DATA / "matecat-trados-statuses.it-IT_en-US.sdlxliff"))
    # Two segments at each of Trados' six levels, three never translated (no conf).
    assert Counter(u.prop("x-status") for u in units) == {
        "reviewed": 4,  # ApprovedTranslation, ApprovedSignOff
        "rejected": 4,  # RejectedTranslation, RejectedSignOff
        "draft": 2,
        "translated": 2,
        "new": 3,
    }
    assert {(u.src_lang, u.tgt_lang) for u in units} == {("it-IT", "en-US")}
