"""TBX v3 (TBX-Basic) and v2 (martif): round trips, structure, schema, readers, hostile XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.glossary_read import stamped
from tmbuilder.formats.tbx import TBX3_NS, read_tbx, write_tbx
from tmbuilder.formats.xmlsafe import clean_xml_text
from tmbuilder.model import Term, TermStatus

# Stamped as every export stamps its terms (pipeline/merge_terms.py): schema and readers
# must take the files with their stamps.
TERMS = [
    stamped(term, str(n + 1), f"parent{n}")
    for n, term in enumerate(
        [
            Term(
                "Tổng Bí thư",
                "General Secretary",
                TermStatus.APPROVED,
                note="title <before> the name & more",
                variants=("Tổng bí thư",),
                contexts=("Tổng Bí thư Tô Lâm phát biểu.",),
            ),
            Term("hợp tác toàn diện", "comprehensive cooperation"),
            Term("Viêng Chăn", "Viang Chan", TermStatus.FORBIDDEN, variants=("Vientiane",)),
            Term("trụ cột", "", TermStatus.APPROVED, note="no English yet"),
        ]
    )
]


def comparable(terms: list[Term]) -> list[tuple[object, ...]]:
    return [(t.source, t.target, t.status, t.note, t.variants, t.contexts) for t in terms]


@pytest.mark.parametrize("version", [2, 3])
def test_round_trip(version: int, tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    write_tbx(TERMS, path, version=version)
    back = read_tbx(path)
    assert comparable(back) == comparable(TERMS)
    assert {t.origin for t in back} == {"import:g.tbx"}


XML_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=25).map(
    lambda s: clean_xml_text(s)[0].replace("\r", "")  # XML normalises CR; controls cannot go
)
TERM = st.builds(
    Term,
    source=XML_TEXT.filter(lambda s: s.strip() != ""),
    target=XML_TEXT,
    status=st.sampled_from(list(TermStatus)),
    note=XML_TEXT,
    variants=st.lists(XML_TEXT.filter(bool), max_size=3).map(tuple),
    contexts=st.lists(XML_TEXT.filter(bool), max_size=2).map(tuple),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(TERM, max_size=5), st.sampled_from([2, 3]))
def test_round_trips_any_text(tmp_path: Path, terms: list[Term], version: int) -> None:
    path = tmp_path / "any.tbx"
    write_tbx(terms, path, version=version)
    assert comparable(read_tbx(path)) == comparable(terms)


def test_v3_is_tbx_basic_concept_entries(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    write_tbx(TERMS, path, version=3, src_lang="vi-VN", tgt_lang="en-US")
    root = etree.parse(str(path)).getroot()
    ns = {"t": TBX3_NS}
    assert root.tag == f"{{{TBX3_NS}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    entries = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert len(entries) == 4
    first = entries[0]
    langs = [
        s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in first.findall("t:langSec", ns)
    ]
    assert langs == ["vi-VN", "en-US"]
    assert [t.text for t in first.findall("t:langSec/t:termSec/t:term", ns)] == [
        "Tổng Bí thư",
        "Tổng bí thư",
        "General Secretary",
    ]
    status = first.find("t:langSec[2]/t:termSec/t:termNote[@type='administrativeStatus']", ns)
    assert status is not None and status.text == "preferredTerm-admn-sts"
    assert comparable(read_tbx(path)) == comparable(TERMS)


def test_v2_validates_against_omegat_schema(tmp_path: Path, omegat_schemas: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(omegat_schemas / "tbx.xsd")))
    path = tmp_path / "g.tbx"
    write_tbx(TERMS, path, version=2)
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log


def test_translate_toolkit_reads_v2(tmp_path: Path) -> None:
    from translate.storage import tbx

    path = tmp_path / "g.tbx"
    write_tbx(TERMS, path, version=2)
    store = tbx.tbxfile.parsefile(str(path))  # type: ignore[no-untyped-call]
    assert [(u.source, u.target or "") for u in store.units] == [
        (t.source, t.target) for t in TERMS
    ]
    assert "title <before> the name & more" in store.units[0].getnotes()


def test_reads_ntig_and_other_tools_files(tmp_path: Path) -> None:
    path = tmp_path / "other.tbx"
    path.write_text(
        """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p/></sourceDesc>
</fileDesc></martifHeader><text><body>
<termEntry><langSet xml:lang="vi"><ntig><termGrp><term>hòa bình</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig></langSet>
<langSet xml:lang="en"><ntig><termGrp><term>peace</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig></langSet>
</termEntry></body></text></martif>""",
        encoding="utf-8",
    )
    # The root says English, but the Vietnamese section is the source all the same: sections
    # are read by their own language, never by their order or the root's.
    (term,) = read_tbx(path)
    assert (term.source, term.target, term.status) == ("hòa bình", "peace", TermStatus.FORBIDDEN)
    assert (term.src_lang, term.tgt_lang) == ("vi", "en")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<martif><text><body><termEntry><langSet xml:lang="vi"><tig><term>&c;</term></tig></langSet>
</termEntry></body></text></martif>"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<martif><text><body><termEntry><langSet xml:lang="vi"><tig><term>&x;</term></tig></langSet>
</termEntry></body></text></martif>"""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (BILLION_LAUGHS, "entities"),
        (XXE, "entities"),
        ("<martif><text><body>", "not well-formed XML"),
        ("<tmx version='1.4'/>", "not <tbx> or <martif>"),
        ("<martif><text/></martif>", "has no <text><body>"),
        (
            "<martif><text><body><termEntry id='e1'/></body></text></martif>",
            "entry e1: no language section",
        ),
        ("", "not well-formed XML"),
    ],
)
def test_hostile_and_broken_files(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_tbx(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message
    assert "root:" not in message  # /etc/passwd never leaks into a message


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "bin.tbx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(FormatError, match=r"bin\.tbx"):
        read_tbx(path)


def test_version_is_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="2 or 3"):
        write_tbx(TERMS, tmp_path / "x.tbx", version=4)
