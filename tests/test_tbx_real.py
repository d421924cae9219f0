"""Real TBX files (tests/data/real/tbx, see SOURCES.md) against lxml as the independent reader:
per concept, every term of the two languages read is our headword, a variant or a synonym, with
nothing lost and nothing added; entries lacking either language are counted, never imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.tbx import read_tbx, write_tbx
from tmbuilder.model import TermStatus

REAL = Path(__file__).parent / "data" / "real" / "tbx"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# (file, source language, target language) as a project in those languages would read it.
CASES = [
    ("omegat-sampleTBXfile.tbx", "hu", "en"),
    ("termate-Example_Astronomy_DCA_VALID.tbx", "es", "en"),
    ("termate-Example_Astronomy_DCA_VALID.tbx", "en-US", "zu"),
    ("weblate-cs.tbx", "cs-CZ", "en"),
    ("weblate-fr-extended-metadata.tbx", "fr", "en-GB"),
]


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def lxml_concepts(path: Path, src: str, tgt: str) -> tuple[list[tuple[set[str], set[str]]], int]:
    """(source terms, target terms) of each concept having both languages, and how many lack
    one, read with plain lxml."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    concepts, lacking = [], 0
    for entry in root.iter():
        if local(entry) not in ("termEntry", "conceptEntry"):
            continue
        by_lang: dict[str, set[str]] = {}
        for section in entry:
            if local(section) not in ("langSet", "langSec"):
                continue
            lang = section.get(XML_LANG, "").split("-")[0].lower()
            terms = {"".join(t.itertext()) for t in section.iter() if local(t) == "term"}
            by_lang.setdefault(lang, set()).update(terms)
        source = by_lang.get(src.split("-")[0], set())
        target = by_lang.get(tgt.split("-")[0], set())
        if source and target:
            concepts.append((source, target))
        else:
            lacking += 1
    return concepts, lacking


@pytest.mark.parametrize(("name", "src", "tgt"), CASES)
def test_real_tbx_concept_by_concept(name: str, src: str, tgt: str) -> None:
    path = REAL / name
    found = read_tbx(path, src_lang=src, tgt_lang=tgt)
    concepts, lacking = lxml_concepts(path, src, tgt)
    ours = [
        (
            {t.source, *t.variants},
            {t.target} | {f.text for f in t.synonyms if f.lang.split("-")[0] == tgt.split("-")[0]},
        )
        for t in found
    ]
    assert ours == concepts
    assert sum(found.skipped.values()) == lacking
    assert found.entries == len(concepts) + lacking
    assert all(t.src_lang.split("-")[0] == src.split("-")[0] for t in found)


def test_statuses_and_notes_of_real_entries() -> None:
    found = read_tbx(REAL / "weblate-fr-extended-metadata.tbx", src_lang="fr", tgt_lang="en")
    bus, code = found
    assert bus.status == TermStatus.FORBIDDEN  # Weblate's "obsolete"
    assert "definition: Superseded but still found in older manuals." in bus.note
    assert "en: Do not translate error codes." in code.note
    astronomy = read_tbx(REAL / "termate-Example_Astronomy_DCA_VALID.tbx", src_lang="es")
    statuses = {f.status for t in astronomy for f in t.synonyms}
    assert {"approved", "proposed", "forbidden"} <= statuses | {t.status.value for t in astronomy}


@pytest.mark.parametrize(("name", "src", "tgt"), CASES)
def test_real_tbx_survives_our_export(name: str, src: str, tgt: str, tmp_path: Path) -> None:
    found = read_tbx(REAL / name, src_lang=src, tgt_lang=tgt)
    for version in (2, 3):
        out = tmp_path / f"v{version}.tbx"
        write_tbx(list(found), out, version=version, src_lang=src, tgt_lang=tgt)
        back = read_tbx(out, src_lang=src, tgt_lang=tgt)
        key = [(t.source, t.target, t.status, t.variants, t.note, t.synonyms) for t in found]
        assert [(t.source, t.target, t.status, t.variants, t.note, t.synonyms) for t in back] == key


def test_no_project_language_is_refused_with_the_files_languages() -> None:
    with pytest.raises(FormatError, match=r"no vi terms: the file's languages are en, cs"):
        read_tbx(REAL / "weblate-cs.tbx", src_lang="vi-VN", tgt_lang="en-US")
