"""TMX 1.4b export and TMX 1.1-1.4b import."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from lxml import etree

from test_formats_contract import SAMPLE, FormatContract, exporter_unit
from tmbuilder.errors import FormatError
from tmbuilder.formats.reading import TU_GROUP
from tmbuilder.formats.registry import TmxFormat
from tmbuilder.formats.tmx import TmxHeader, iso_to_tmx, read_tmx, tmx_to_iso, write_tmx
from tmbuilder.formats.xmlsafe import XML_LANG
from tmbuilder.inline import CodeKind, by_key, code_char, is_code, strip_codes
from tmbuilder.model import MemoryUnit


class TestTmxContract(FormatContract):
    fmt = TmxFormat


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- export ------------------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "out.tmx"
    write_tmx(SAMPLE, path, TmxHeader(creationdate="20241202T083000Z"))
    return path


def test_export_is_valid_against_tmx14_dtd(exported: Path, omegat_schemas: Path) -> None:
    dtd = etree.DTD(str(omegat_schemas / "tmx14.dtd"))
    tree = etree.parse(str(exported))
    assert dtd.validate(tree), str(dtd.error_log)


def test_dirty_export_is_still_valid(tmp_path: Path, omegat_schemas: Path) -> None:
    path = tmp_path / "dirty.tmx"
    unit = exporter_unit(0, "a\x00b\x0c", "c\ud83d")
    report = write_tmx([unit], path)
    assert report.removed_chars == 3
    assert etree.DTD(str(omegat_schemas / "tmx14.dtd")).validate(etree.parse(str(path)))


def test_export_prolog_encoding_and_doctype(exported: Path) -> None:
    data = exported.read_bytes()
    assert not data.startswith(codecs.BOM_UTF8)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">' in data
    assert b' lang="' not in data  # xml:lang only, never the deprecated lang


def test_export_header(exported: Path) -> None:
    root = etree.parse(str(exported)).getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert header.attrib == {
        "creationtool": "tmbuilder",
        "creationtoolversion": header.get("creationtoolversion"),
        "segtype": "sentence",
        "o-tmf": "tmbuilder",
        "adminlang": "en-US",
        "srclang": "vi-VN",
        "datatype": "plaintext",
        "creationdate": "20241202T083000Z",
    }
    assert header.get("creationtoolversion")
    source_langs = {tu[-2].get(XML_LANG) for tu in root.iter("tu")}
    assert source_langs == {header.get("srclang")}


def test_export_header_srclang_follows_units(tmp_path: Path) -> None:
    path = tmp_path / "vi.tmx"
    unit = MemoryUnit("Xin chào", "Hello", src_lang="vi", tgt_lang="en")
    write_tmx([unit], path)
    header = etree.parse(str(path)).getroot().find("header")
    assert header is not None and header.get("srclang") == "vi"
    assert iso_to_tmx(str(header.get("creationdate"))) is None  # already TMX form
    assert tmx_to_iso(str(header.get("creationdate"))) is not None


def test_export_warns_when_units_disagree_with_srclang(tmp_path: Path) -> None:
    unit = MemoryUnit("Hello", "Xin chào", src_lang="en-US", tgt_lang="vi-VN")
    report = write_tmx([unit], tmp_path / "x.tmx", TmxHeader(srclang="vi-VN"))
    assert any("srclang" in warning for warning in report.warnings)


def test_export_tu_attributes_and_dtd_order(exported: Path) -> None:
    tu = etree.parse(str(exported)).getroot().find("body/tu")
    assert tu is not None
    assert tu.attrib == {
        "tuid": "news/hoi-dam.txt#0",
        "creationdate": "20241202T083000Z",
        "creationid": "tmbuilder",
        "changedate": "20241203T091542Z",
        "changeid": "human",
    }
    tags = [child.tag for child in tu]
    assert tags == ["note"] + ["prop"] * 7 + ["tuv", "tuv"]
    assert [p.get("type") for p in tu.iter("prop")][:4] == [
        "x-document",
        "x-paragraph",
        "x-position",
        "x-status",
    ]


def test_export_bad_date_is_left_out_with_warning(tmp_path: Path) -> None:
    unit = MemoryUnit("a", "b", created_at="yesterday")
    report = write_tmx([unit], tmp_path / "d.tmx")
    assert any("yesterday" in warning for warning in report.warnings)
    (back,) = read_tmx(tmp_path / "d.tmx")
    assert back.created_at == ""


def test_many_warnings_are_summarised(tmp_path: Path) -> None:
    units = [MemoryUnit(f"a\x01{i}", "b") for i in range(200)]
    report = write_tmx(units, tmp_path / "w.tmx")
    assert report.removed_chars == 200
    assert len(report.warnings) == 51
    assert report.warnings[-1].startswith("... and 150 more")


def test_translate_toolkit_reads_our_tmx(exported: Path) -> None:
    from translate.storage.tmx import tmxfile

    with open(exported, "rb") as handle:
        store = tmxfile(handle, sourcelanguage="vi-VN", targetlanguage="en-US")
    units = [u for u in store.units if u.source]
    assert [u.source for u in units] == [u.source for u in SAMPLE]
    assert [u.target for u in units] == [u.target for u in SAMPLE]
    assert "kiểm tra lại tên riêng" in units[0].getnotes()


# -- import ------------------------------------------------------------------------------

TMX11 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
<header creationtool="old" creationtoolversion="1" segtype="sentence" o-tmf="x"
 adminlang="EN" srclang="*all*" datatype="plaintext"/>
<body>
<tu tuid="7"><prop type="x-domain">politics</prop>
<tuv lang="EN-US"><seg>Hello</seg></tuv>
<tuv lang="VI-VN"><seg>Xin chào</seg></tuv>
</tu>
<tu><tuv lang="fr"><seg>Bonjour</seg></tuv><tuv lang="en"><seg>Hello</seg></tuv></tu>
</body>
</tmx>
"""


def test_reads_tmx11_lang_attribute_and_srclang_all(tmp_path: Path) -> None:
    warnings: list[str] = []
    path = write_text(tmp_path / "old.tmx", TMX11)
    units = list(read_tmx(path, on_warning=warnings.append))
    # srclang="*all*": no direction, so the vi/en unit is not "reversed"; the fr/en unit is
    # kept with its own languages (it serves no vi→en lookup, but it is not lost).
    assert units == [
        MemoryUnit(
            "Xin chào", "Hello", "VI-VN", "EN-US", tuid="7", props=(("x-domain", "politics"),)
        ),
        MemoryUnit("Bonjour", "Hello", "fr", "en"),
    ]
    assert warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_reads_utf16_and_utf8_with_bom(tmp_path: Path, encoding: str) -> None:
    text = TMX11.replace(
        'encoding="UTF-8"', f'encoding="{"UTF-16" if "16" in encoding else "UTF-8"}"'
    )
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = tmp_path / "bom.tmx"
    path.write_bytes(bom + text.encode(encoding))
    unit, _ = read_tmx(path)
    assert (unit.source, unit.target) == ("Xin chào", "Hello")


def test_target_language_choice_in_multilingual_tu(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "multi.tmx",
        '<tmx version="1.4"><header srclang="vi"/><body><tu>'
        '<tuv xml:lang="fr"><seg>Bonjour</seg></tuv>'
        '<tuv xml:lang="vi"><seg>Xin chào</seg></tuv>'
        '<tuv xml:lang="en-GB"><seg>Hello</seg></tuv>'
        "</tu></body></tmx>",
    )
    # The project's pair first (vi→en-GB serves vi-VN→en-US), then the other variant; both
    # carry the group that lets an export rebuild the one <tu>.
    units = list(read_tmx(path))
    assert [(u.target, u.tgt_lang) for u in units] == [("Hello", "en-GB"), ("Bonjour", "fr")]
    assert units[0].prop(TU_GROUP) and units[0].prop(TU_GROUP) == units[1].prop(TU_GROUP)
    assert [(u.target, u.tgt_lang) for u in read_tmx(path, target_lang="en")] == [
        ("Hello", "en-GB")
    ]


def test_inline_markup_keeps_text_drops_codes(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "inline.tmx",
        '<tmx version="1.4"><header srclang="vi"/><body><tu><tuv xml:lang="vi"><seg>'
        'Ông <bpt i="1">&lt;b&gt;</bpt>Tô Lâm<ept i="1">&lt;/b&gt;</ept> nói<ph>&lt;br/&gt;</ph>'
        ' <hi type="x">rằng</hi> <it pos="begin">&lt;i&gt;</it>xong<ut>{\\b}</ut>.</seg></tuv>'
        '<tuv xml:lang="en"><seg>He <hi>said</hi></seg></tuv></tu></body></tmx>',
    )
    (unit,) = read_tmx(path)
    # Each inline element is one code character; the text around them is kept as written.
    assert strip_codes(unit.source) == "Ông Tô Lâm nói rằng xong."
    assert [c for c in unit.source if is_code(c)] == [
        code_char(CodeKind.OPEN, 1),
        code_char(CodeKind.CLOSE, 1),
        code_char(CodeKind.STANDALONE, 1),
        code_char(CodeKind.OPEN, 2),
        code_char(CodeKind.CLOSE, 2),
        code_char(CodeKind.ISOLATED, 1),
        code_char(CodeKind.STANDALONE, 2),
    ]
    records = by_key(unit.codes)
    assert records[(CodeKind.OPEN, 1)].native == '<bpt i="1">&lt;b&gt;</bpt>'
    assert records[(CodeKind.OPEN, 1)].content == "<b>"
    assert records[(CodeKind.OPEN, 2)].element == "hi"
    assert strip_codes(unit.target) == "He said"
    # The target's <hi> (no attributes) is not the source's <hi type="x">: its own number.
    assert unit.target == f"He {code_char(CodeKind.OPEN, 3)}said{code_char(CodeKind.CLOSE, 3)}"


def test_dates_and_ids_fall_back_to_target_tuv(tmp_path: Path) -> None:
    # OmegaT writes change/creation attributes on the target <tuv>.
    path = write_text(
        tmp_path / "omegat.tmx",
        '<tmx version="1.4"><header srclang="vi"/><body><tu>'
        '<tuv xml:lang="vi"><seg>Một</seg></tuv>'
        '<tuv xml:lang="en" changeid="lan" changedate="20240105T101112Z" '
        'creationid="lan" creationdate="20240104T000000Z"><seg>One</seg></tuv>'
        "</tu></body></tmx>",
    )
    (unit,) = read_tmx(path)
    assert unit.changed_by == unit.created_by == "lan"
    assert unit.changed_at == "2024-01-05T10:11:12Z"
    assert unit.created_at == "2024-01-04T00:00:00Z"


def test_whitespace_and_cr_survive(tmp_path: Path) -> None:
    unit = MemoryUnit("  a\r\n\r b  ", "\tc  ")
    write_tmx([unit], tmp_path / "ws.tmx")
    assert list(read_tmx(tmp_path / "ws.tmx")) == [unit]


# -- hostile input -----------------------------------------------------------------------


def lol_entities() -> str:
    lines = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    for i in range(1, 10):
        lines.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    return "\n".join(lines)


@pytest.mark.parametrize("where", ["seg", "attribute"])
def test_billion_laughs_is_refused(tmp_path: Path, where: str) -> None:
    use = "<seg>&lol9;</seg>" if where == "seg" else "<seg>x</seg>"
    attr = ' creationid="&lol9;"' if where == "attribute" else ""
    path = write_text(
        tmp_path / "lol.tmx",
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n{lol_entities()}\n]>\n'
        f'<tmx version="1.4"><header srclang="vi"/><body><tu{attr}>'
        f'<tuv xml:lang="vi">{use}</tuv><tuv xml:lang="en"><seg>y</seg></tuv>'
        "</tu></body></tmx>",
    )
    with pytest.raises(FormatError) as caught:
        list(read_tmx(path))
    assert "\n" not in str(caught.value)


def test_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    for target in (f"file://{secret}", "file:///etc/passwd"):
        path = write_text(
            tmp_path / "xxe.tmx",
            f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{target}">]>\n'
            '<tmx version="1.4"><header srclang="vi"/><body><tu>'
            '<tuv xml:lang="vi"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>y</seg></tuv>'
            "</tu></body></tmx>",
        )
        with pytest.raises(FormatError) as caught:
            list(read_tmx(path))
        assert "TOP-SECRET" not in str(caught.value) and "root:" not in str(caught.value)
        assert "entities" in str(caught.value)


def test_undeclared_entity_with_external_dtd_is_an_error(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "nbsp.tmx",
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n'
        '<tmx version="1.4"><header srclang="vi"/><body><tu>'
        '<tuv xml:lang="vi"><seg>a&nbsp;b</seg></tuv><tuv xml:lang="en"><seg>y</seg></tuv>'
        "</tu></body></tmx>",
    )
    with pytest.raises(FormatError, match="nbsp"):
        list(read_tmx(path))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("just some text", "not well-formed"),
        ("<xliff version='1.2'><file/></xliff>", "not a TMX file"),
        ("<tmx version='1.4'><header/><body><tu><tuv xml:lang='vi'><seg>a", "not well-formed"),
        (
            "<tmx><body><tu><tuv xml:lang='vi'/><tuv xml:lang='en'><seg>b</seg></tuv></tu>"
            "</body></tmx>",
            "without <seg>",
        ),
    ],
)
def test_bad_documents(tmp_path: Path, content: str, problem: str) -> None:
    path = write_text(tmp_path / "bad.tmx", content)
    with pytest.raises(FormatError, match=problem) as caught:
        list(read_tmx(path))
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "deep.tmx",
        "<tmx><body><tu><tuv xml:lang='vi'><seg>"
        + "<hi>" * 300
        + "x"
        + "</hi>" * 300
        + "</seg></tuv></tu></body></tmx>",
    )
    with pytest.raises(FormatError):
        list(read_tmx(path))


def test_reader_is_lazy(tmp_path: Path) -> None:
    # The error sits after the first unit: a streaming reader yields that unit first.
    path = write_text(
        tmp_path / "lazy.tmx",
        '<tmx version="1.4"><header srclang="vi"/><body>'
        '<tu><tuv xml:lang="vi"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>'
        + "<tu>"
        * 1,
    )
    units = read_tmx(path)
    assert next(units).source == "a"
    with pytest.raises(FormatError):
        next(units)


def test_huge_text_node_is_refused(tmp_path: Path) -> None:
    # huge_tree=False keeps libxml2's 10 MB limit on a single text node.
    path = tmp_path / "huge.tmx"
    path.write_bytes(
        b"<tmx version='1.4'><header/><body><tu><tuv xml:lang='vi'><seg>"
        + b"a" * 11_000_000
        + b"</seg></tuv></tu></body></tmx>"
    )
    with pytest.raises(FormatError):
        list(read_tmx(path))


def test_code_only_segments_are_not_indented(tmp_path: Path) -> None:
    # A <seg> holding only inline elements must not be pretty-printed (whitespace is text).
    path = write_text(
        tmp_path / "codes.tmx",
        '<tmx version="1.4"><header srclang="vi"/><body><tu>'
        '<tuv xml:lang="vi"><seg><ph x="1">&lt;br/&gt;</ph><bpt i="1"><sub>a</sub></bpt>'
        '<ept i="1">&lt;/b&gt;</ept></seg></tuv>'
        '<tuv xml:lang="en"><seg><ph x="1">&lt;br/&gt;</ph></seg></tuv></tu></body></tmx>',
    )
    units = list(read_tmx(path))
    write_tmx(units, tmp_path / "out.tmx")
    assert list(read_tmx(tmp_path / "out.tmx")) == units
    assert "<seg><ph" in (tmp_path / "out.tmx").read_text(encoding="utf-8")
