"""XLIFF 1.2 export and import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from test_formats_contract import SAMPLE, STATUSES, FormatContract, exporter_unit
from tmbuilder.errors import FormatError
from tmbuilder.formats.registry import XliffFormat
from tmbuilder.formats.xliff import (
    NS,
    STATUS_TO_STATE,
    decode_context_type,
    encode_context_type,
    read_xliff,
    write_xliff,
)
from tmbuilder.inline import CodeKind, code_char, strip_codes
from tmbuilder.model import MemoryUnit

X = f"{{{NS}}}"


class TestXliffContract(FormatContract):
    fmt = XliffFormat


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "hoi-dam.txt.xlf"
    write_xliff(SAMPLE, path, original="news/hoi-dam.txt", src_lang="vi-VN", tgt_lang="en-US")
    return path


def test_structure(exported: Path) -> None:
    root = etree.parse(str(exported)).getroot()
    assert root.tag == f"{X}xliff" and root.get("version") == "1.2"
    (file,) = root
    assert file.attrib == {
        "original": "news/hoi-dam.txt",
        "source-language": "vi-VN",
        "target-language": "en-US",
        "datatype": "plaintext",
        "tool-id": "tmbuilder",
    }
    assert [child.tag for child in file] == [f"{X}header", f"{X}body"]
    units = list(file.iter(f"{X}trans-unit"))
    assert [u.get("id") for u in units] == ["1", "2", "3", "4", "5"]
    first = units[0]
    assert first.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    # XLIFF 1.2 content order: source, target, then context-groups and notes.
    tags = [etree.QName(child).localname for child in first]
    assert tags == ["source", "target", "context-group", "context-group", "note"]


@pytest.mark.parametrize("status", STATUSES)
def test_state_mapping(tmp_path: Path, status: str) -> None:
    path = tmp_path / "s.xlf"
    unit = exporter_unit(1, "Một", "One", status)
    write_xliff([unit], path, original="d")
    target = etree.parse(str(path)).find(f".//{X}target")
    assert target is not None and target.get("state") == STATUS_TO_STATE[status]
    notes = [n for n in etree.parse(str(path)).iter(f"{X}note") if n.get("from") == "tmbuilder"]
    assert len(notes) == (status == "rejected")
    (back,) = read_xliff(path)
    assert back == unit


def test_state_qualifier_from_origin(tmp_path: Path) -> None:
    path = tmp_path / "q.xlf"
    units = [
        MemoryUnit("a", "A", props=(("x-origin", "mt:google"),)),
        MemoryUnit("b", "B", props=(("x-origin", "tm:100"),)),
        MemoryUnit("c", "C", props=(("x-origin", "tm:87"),)),
        MemoryUnit("d", "D", props=(("x-origin", "human"),)),
    ]
    write_xliff(units, path, original="d")
    qualifiers = [t.get("state-qualifier") for t in etree.parse(str(path)).iter(f"{X}target")]
    assert qualifiers == ["mt-suggestion", "exact-match", "fuzzy-match", None]


def test_cat_tool_state_change_wins(exported: Path) -> None:
    tree = etree.parse(str(exported))
    targets = list(tree.iter(f"{X}target"))
    targets[0].set("state", "needs-review-translation")  # reviewed -> sent back
    targets[1].set("state", "final")  # draft -> approved
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    units = list(read_xliff(exported))
    assert units[0].prop("x-status") == "draft"
    assert units[1].prop("x-status") == "reviewed"
    assert units[2:] == SAMPLE[2:]


def test_odd_prop_types_are_encoded() -> None:
    for kind in ("x-status", "domain", "x-with space", "x-%", "", "Txt::Client"):
        encoded = encode_context_type(kind)
        assert encoded.startswith("x-") and not any(c.isspace() for c in encoded)
        assert decode_context_type(encoded) == kind


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.html" source-language="vi" target-language="en" datatype="html">
  <header><tool tool-id="okapi" tool-name="Okapi"/></header>
  <body>
   <group id="g1">
    <trans-unit id="tu-1">
     <source>Ông <g id="1">Tô Lâm</g> nói<x id="2"/> <bpt id="3">&lt;i&gt;</bpt>rằng<ept
       id="3">&lt;/i&gt;</ept></source>
     <target state="translated">Mr <g id="1">To Lam</g> said<x id="2"/></target>
     <note>from the CMS</note>
    </trans-unit>
    <trans-unit id="tu-2"><source>Chưa dịch</source></trans-unit>
   </group>
  </body>
 </file>
 <file original="b.html" source-language="vi-VN" target-language="en-GB" datatype="html">
  <body><trans-unit id="1" approved="yes"><source>Hai</source><target>Two</target>
  </trans-unit></body>
 </file>
</xliff>
"""


def test_reads_foreign_xliff(tmp_path: Path) -> None:
    path = tmp_path / "okapi.xlf"
    path.write_text(FOREIGN, encoding="utf-8")
    coded = list(read_xliff(path))
    # Inline elements are codes now (one character each); the text around them is unchanged.
    units = [
        replace(u, source=strip_codes(u.source), target=strip_codes(u.target), codes=())
        for u in coded
    ]
    assert [len(u.codes) for u in coded] == [5, 0, 0]  # g (2), x, bpt/ept (2)
    g, end_g, x = (code_char(k, 1) for k in (CodeKind.OPEN, CodeKind.CLOSE, CodeKind.STANDALONE))
    assert coded[0].target == f"Mr {g}To Lam{end_g} said{x}"
    # ...and they go back out as the elements they were.
    write_xliff(coded[:1], tmp_path / "back.xlf", original="a", src_lang="vi", tgt_lang="en")
    (back,) = read_xliff(tmp_path / "back.xlf")
    assert (back.source, back.target) == (coded[0].source, coded[0].target)
    assert units == [
        MemoryUnit(
            "Ông Tô Lâm nói rằng",
            "Mr To Lam said",
            "vi",
            "en",
            tuid="tu-1",
            props=(("x-status", "translated"),),
            notes=("from the CMS",),
        ),
        MemoryUnit("Chưa dịch", "", "vi", "en", tuid="tu-2"),
        MemoryUnit("Hai", "Two", "vi-VN", "en-GB", tuid="1", props=(("x-status", "reviewed"),)),
    ]


def test_translate_toolkit_reads_our_xliff(exported: Path) -> None:
    from translate.storage.xliff import xlifffile

    with open(exported, "rb") as handle:
        store: Any = xlifffile(handle)
    assert [u.source for u in store.units] == [u.source for u in SAMPLE]
    assert [u.target for u in store.units] == [u.target for u in SAMPLE]
    assert store.getsourcelanguage() == "vi-VN" and store.gettargetlanguage() == "en-US"
    assert "kiểm tra lại tên riêng" in store.units[0].getnotes()
    assert [u.isfuzzy() for u in store.units][:2] == [False, True]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', "xliff2"),
        ("<tmx version='1.4'><body/></tmx>", "not an XLIFF file"),
        (
            "<xliff version='1.2'><trans-unit id='1'><source>a</source></trans-unit></xliff>",
            "outside",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            "<xliff version='1.2'><file><body><trans-unit id='1'><source>&e;</source>"
            "</trans-unit></body></file></xliff>",
            "entities",
        ),
    ],
)
def test_bad_documents(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=problem) as caught:
        list(read_xliff(path))
    assert "\n" not in str(caught.value) and "root:" not in str(caught.value)


def test_trados_and_memoq_confirmation_levels(tmp_path: Path) -> None:
    path = tmp_path / "cat.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns:mq="MQXliff">'
        '<file original="a" source-language="vi" target-language="en" datatype="x"><body>'
        '<trans-unit id="1" mq:status="ManuallyConfirmed"><source>Một</source>'
        "<target>One</target></trans-unit>"
        '<trans-unit id="2" mq:status="PartiallyEdited"><source>Hai</source>'
        "<target>Tw</target></trans-unit>"
        '<trans-unit id="3"><source>Ba. Bốn.</source><seg-source><mrk mtype="seg" mid="a">Ba.'
        '</mrk> <mrk mtype="seg" mid="b">Bốn.</mrk></seg-source><target><mrk mtype="seg" '
        'mid="a">Three.</mrk> <mrk mtype="seg" mid="b">Fo</mrk></target><sdl:seg-defs>'
        '<sdl:seg id="a" conf="ApprovedSignOff"/><sdl:seg id="b" conf="Draft"/></sdl:seg-defs>'
        "</trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    units = list(read_xliff(path))
    assert [(u.tuid, u.source, u.target, u.prop("x-status")) for u in units] == [
        ("1", "Một", "One", "translated"),
        ("2", "Hai", "Tw", "draft"),
        ("3#a", "Ba.", "Three.", "reviewed"),
        ("3#b", "Bốn.", "Fo", "draft"),
    ]
