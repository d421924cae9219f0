"""XLIFF 2.0/2.1: the format contract, real files unit by unit against lxml, our files against
the OASIS schema and read by translate-toolkit's independent XLIFF 2 reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from test_formats_contract import SAMPLE, FormatContract
from tmbuilder.errors import FormatError
from tmbuilder.formats.reading import NOT_TRANSLATABLE, ReadOptions
from tmbuilder.formats.registry import Xliff2Format, XliffFormat, format_for, reader_for
from tmbuilder.formats.xliff2 import read_xliff2, write_xliff2
from tmbuilder.inline import CodeKind, codes_in, has_codes, render, strip_codes
from tmbuilder.inline import by_key as codes_by_key
from tmbuilder.model import MemoryUnit

DATA = Path(__file__).parent / "data"
REAL = sorted(p for p in (DATA / "real" / "xliff2").iterdir() if p.suffix in (".xlf", ".xliff"))
SCHEMAS = DATA / "schemas" / "xliff2"
NS = "{urn:oasis:names:tc:xliff:document:2.0}"
CODES = {"ph", "sc", "ec", "sm", "em", "cp"}
WRAPPERS = {"pc", "mrk"}


class TestXliff2Contract(FormatContract):
    fmt = Xliff2Format

    @property
    def ext(self) -> str:
        return ".xlf"  # XLIFF 2 has no extension of its own: .xlf read by version

    def test_registry_finds_format_by_extension(self, tmp_path: Path) -> None:
        path = tmp_path / "memory.xlf"
        self.write(SAMPLE, path)
        assert format_for(path) is XliffFormat  # by extension, then by version when read
        assert list(reader_for(path)(path)) == list(read_xliff2(path))


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """The OASIS core schema and the Metadata module's, both namespaces checked."""
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" '
        f'schemaLocation="{(SCHEMAS / "xliff_core_2.0.xsd").as_uri()}"/>'
        '<xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" '
        f'schemaLocation="{(SCHEMAS / "metadata.xsd").as_uri()}"/>'
        "</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(driver, base_url=str(SCHEMAS) + "/"))


def _local(element: etree._Element) -> str:
    return str(element.tag).rpartition("}")[2] if isinstance(element.tag, str) else ""


def _text(element: etree._Element | None) -> tuple[str, int]:
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


def _ours(text: str) -> tuple[str, int]:
    return strip_codes(text), sum(1 for ch in text if has_codes(ch))


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_files_unit_by_unit_against_lxml(path: Path) -> None:
    root = etree.parse(str(path)).getroot()
    expected = []
    for unit in root.iter(f"{NS}unit"):
        for segment in unit.iter(f"{NS}segment"):
            expected.append(
                (*_text(segment.find(f"{NS}source")), *_text(segment.find(f"{NS}target")))
            )
    options = ReadOptions()
    units = list(format_for(path).read(path, options))
    assert [(*_ours(u.source), *_ours(u.target)) for u in units] == expected
    assert not options.skipped
    # A language the file does not name (or names as "") is "und", never the project's.
    langs = (root.get("srcLang") or "und", root.get("trgLang") or "und")
    assert {(u.src_lang, u.tgt_lang) for u in units} == {langs}


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_files_written_back_are_valid_and_keep_codes(
    tmp_path: Path, path: Path, schema: etree.XMLSchema
) -> None:
    units = list(read_xliff2(path))
    out = tmp_path / "out.xlf"
    write_xliff2(units, out, original=path.name, src_lang="en", tgt_lang="fr", version="2.1")
    document = etree.parse(str(out))
    schema.assertValid(document)
    back = list(read_xliff2(out))
    assert [(u.source, u.target, u.notes) for u in back] == [
        (u.source, u.target, u.notes) for u in units
    ]
    assert [u.codes for u in back] == [u.codes for u in units]


def test_angular_placeholders_are_codes_with_their_expressions() -> None:
    units = list(read_xliff2(DATA / "real" / "xliff2" / "angular-i18n-fr.xlf"))
    sex = next(u for u in units if strip_codes(u.source) == "sex = ")
    (code,) = sex.codes
    assert code.kind is CodeKind.STANDALONE and code.content == "{{ sex }}"
    assert render(sex.target, codes_by_key(sex.codes)) == "sexe = {{ sex }}"
    nested = next(u for u in units if "nested" in u.source and u.codes)
    assert strip_codes(nested.source) == "with nested placeholders"
    assert render(nested.source, codes_by_key(nested.codes)) == (
        "<div>with <div>nested</div> placeholders</div>"
    )


def test_states_translate_no_segments_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "states.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="vi" '
        'trgLang="en"><file id="f"><unit id="a"><segment state="initial"><source>Một</source>'
        '<target>One</target></segment></unit><unit id="b" translate="no"><segment><source>X'
        '</source></segment></unit><group id="g"><unit id="c"><segment id="s1" state="final">'
        "<source>Hai.</source><target>Two.</target></segment><ignorable><source> </source>"
        '</ignorable><segment id="s2" state="translated"><source>Ba.</source><target>Three.'
        "</target></segment></unit></group></file></xliff>",
        encoding="utf-8",
    )
    options = ReadOptions()
    units = list(read_xliff2(path, options=options))
    assert [(u.tuid, u.source, u.prop("x-status")) for u in units] == [
        ("a", "Một", "draft"),
        ("c#s1", "Hai.", "reviewed"),
        ("c#s2", "Ba.", "translated"),
    ]
    assert options.skipped == {NOT_TRANSLATABLE: 1}
    # Our own metadata (ids, dates, props) comes back through the Metadata module.
    unit = MemoryUnit(
        "Một",
        "One",
        "vi",
        "en",
        tuid="t1",
        created_at="2024-01-01T00:00:00Z",
        props=(("x-status", "reviewed"), ("x-document", "a.txt")),
        notes=("ghi chú",),
    )
    write_xliff2([unit], tmp_path / "ours.xlf", src_lang="vi", tgt_lang="en")
    assert list(read_xliff2(tmp_path / "ours.xlf")) == [unit]


def test_translate_toolkit_reads_our_xliff2(tmp_path: Path) -> None:
    from translate.storage.xliff2 import Xliff2File

    path = tmp_path / "ours.xlf"
    write_xliff2(SAMPLE, path, original="hoi-dam.txt", src_lang="vi-VN", tgt_lang="en-US")
    with open(path, "rb") as handle:
        store = Xliff2File(handle.read())
    units = [u for u in store.units if not u.isheader()]
    assert [(u.source, u.target or "") for u in units] == [(u.source, u.target) for u in SAMPLE]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>', "not XLIFF 2"),
        (
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">'
            '<file id="f"><unit id="u"><segment><target>x</target></segment></unit></file>'
            "</xliff>",
            "without <source>",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY e "x">]><xliff version="2.0"/>',
            "entities",
        ),
    ],
)
def test_bad_documents(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=problem) as caught:
        list(read_xliff2(path))
    assert "\n" not in str(caught.value)


def test_export_memory_to_xliff2_keeps_tmx_codes_as_xliff2_elements(
    tmp_path: Path, schema: etree.XMLSchema
) -> None:
    from contextlib import closing

    from click.testing import CliRunner

    from tmbuilder.cli import main
    from tmbuilder.pipeline.imports import import_files
    from tmbuilder.project import Project

    (tmp_path / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    with closing(Project(tmp_path)) as project:
        import_files(project, [DATA / "real" / "tmx" / "ImportTest2A.tmx"])
    out = tmp_path / "memory.xlf"
    args = ["export", "memory", "-o", str(out), "-p", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and "one language pair" in result.output  # en-us and En-uS...
    result = CliRunner().invoke(main, [*args, "--lang-pair", "en-US:fr-CA"])
    assert result.exit_code == 0, result.output
    schema.assertValid(etree.parse(str(out)))
    units = list(read_xliff2(out))
    assert len(units) == 7
    first = units[0]
    assert strip_codes(first.source) == "The big black cat sleeps."
    # bpt/ept became sc/ec pairs (generic XLIFF 2 codes), still paired and in place.
    assert codes_in(first.source) == [
        (CodeKind.OPEN, 1), (CodeKind.CLOSE, 1), (CodeKind.OPEN, 2), (CodeKind.CLOSE, 2)
    ]  # fmt: skip
    root = etree.parse(str(out)).getroot()
    assert len(root.findall(f".//{NS}sc")) >= 4 and len(root.findall(f".//{NS}ec")) >= 4
