"""TBX glossaries: TBX v3 TBX-Basic (ISO 30042:2019) and TBX v2 martif (ISO 30042:2008).

v3 is the current standard: <tbx type="TBX-Basic"> with conceptEntry / langSec / termSec in the
urn:iso:std:iso:30042:ed-2 namespace. v2 (<martif>, termEntry / langSet / tig) is what OmegaT
and translate-toolkit read. One concept entry per Term: the Vietnamese headword first, its
variants after it, then the English.

Status travels as the English term's administrativeStatus, the TBX-Basic data category:
approved = preferredTerm-admn-sts, proposed = admittedTerm-admn-sts, forbidden =
deprecatedTerm-admn-sts. Variants are admittedTerm-admn-sts Vietnamese terms; the note is the
entry's <note>; example sentences are <descrip type="context"> on the headword.

Reading is hardened as `formats.xmlsafe` describes: no DTD loading, no entity expansion, no
network; a document declaring entities is refused outright (billion laughs, external entities).
"""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.atomic import atomic_write_bytes
from tmbuilder.formats.glossary_tsv import read_bytes
from tmbuilder.formats.xmlsafe import (
    XML_LANG,
    check_no_entities,
    clean_xml_text,
    hardened_parser,
    one_line,
)
from tmbuilder.model import Term, TermStatus

NAME = "TBX"
EXTENSIONS = (".tbx",)
TBX3_NS = "urn:iso:std:iso:30042:ed-2"
_STATUS_OUT = {
    TermStatus.APPROVED: "preferredTerm-admn-sts",
    TermStatus.PROPOSED: "admittedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
}
_STATUS_IN = {
    "preferredterm-admn-sts": TermStatus.APPROVED,
    "preferred": TermStatus.APPROVED,
    "admittedterm-admn-sts": TermStatus.PROPOSED,
    "admitted": TermStatus.PROPOSED,
    "deprecatedterm-admn-sts": TermStatus.FORBIDDEN,
    "deprecated": TermStatus.FORBIDDEN,
    "supersededterm-admn-sts": TermStatus.FORBIDDEN,
}


class _Shape:
    """Element names of one TBX version."""

    def __init__(self, version: int) -> None:
        ns = f"{{{TBX3_NS}}}" if version == 3 else ""
        self.ns = ns
        self.entry = ns + ("conceptEntry" if version == 3 else "termEntry")
        self.lang = ns + ("langSec" if version == 3 else "langSet")
        self.term_group = ns + ("termSec" if version == 3 else "tig")


def _sub(parent: etree._Element, tag: str, text: str = "", **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    if text:
        element.text = text
    return element


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters; they are dropped on export."""
    return clean_xml_text(text)[0]


def write_tbx(
    terms: list[Term],
    path: str | os.PathLike[str],
    *,
    version: int = 3,
    src_lang: str = "vi",
    tgt_lang: str = "en",
) -> None:
    """Write `terms` as TBX v3 TBX-Basic (version=3) or TBX v2 martif (version=2), atomically."""
    if version not in (2, 3):
        raise ValueError(f"TBX version must be 2 or 3, not {version}")
    shape = _Shape(version)
    ns = shape.ns
    if version == 3:
        root = etree.Element(
            ns + "tbx",
            {"type": "TBX-Basic", "style": "dca", XML_LANG: src_lang},
            nsmap={None: TBX3_NS},  # type: ignore[dict-item]  # lxml: None is the default ns
        )
        header = _sub(root, ns + "tbxHeader")
    else:
        root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: src_lang})
        header = _sub(root, "martifHeader")
    file_desc = _sub(header, ns + "fileDesc")
    source_desc = _sub(file_desc, ns + "sourceDesc")
    _sub(source_desc, ns + "p", "tmbuilder glossary")
    body = _sub(_sub(root, ns + "text"), ns + "body")
    for number, term in enumerate(terms, start=1):
        entry = _sub(body, shape.entry, id=f"c{number}")
        if term.note:
            _sub(entry, ns + "note", _xml_safe(term.note))
        if not term.target and term.status != TermStatus.PROPOSED:
            # No English to carry the status: keep it on the entry (before the language
            # sections, as the content model orders it) so it survives import.
            _sub(entry, ns + "admin", term.status.value, type="x-tmbuilder-status")
        source_lang = _sub(entry, shape.lang, **{XML_LANG: src_lang})
        headword = _sub(source_lang, shape.term_group)
        _sub(headword, ns + "term", _xml_safe(term.source))
        _sub(headword, ns + "termNote", "preferredTerm-admn-sts", type="administrativeStatus")
        for context in term.contexts:
            _sub(headword, ns + "descrip", _xml_safe(context), type="context")
        for variant in term.variants:
            group = _sub(source_lang, shape.term_group)
            _sub(group, ns + "term", _xml_safe(variant))
            _sub(group, ns + "termNote", "admittedTerm-admn-sts", type="administrativeStatus")
        if term.target:
            target_lang = _sub(entry, shape.lang, **{XML_LANG: tgt_lang})
            group = _sub(target_lang, shape.term_group)
            _sub(group, ns + "term", _xml_safe(term.target))
            _sub(group, ns + "termNote", _STATUS_OUT[term.status], type="administrativeStatus")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    atomic_write_bytes(Path(path), data)


def _parse(name: str, data: bytes) -> etree._Element:
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise FormatError(name, f"not well-formed XML: {one_line(exc.msg or str(exc))}") from None
    if root is None:
        raise FormatError(name, "empty XML document")
    check_no_entities(Path(name), root)
    return root


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _text(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext())


def read_tbx(path: str | os.PathLike[str]) -> list[Term]:
    """Terms from TBX v3 (tbx / conceptEntry) or v2 (martif / termEntry, tig or ntig).

    The source language is the root's xml:lang (else the first language section); the target
    is the first other language.
    """
    name = os.fspath(path)
    root = _parse(name, read_bytes(name))
    kind = _local(root)
    if kind not in ("tbx", "martif"):
        raise FormatError(name, f"root element is <{kind}>, not <tbx> or <martif>")
    body = next((b for t in _children(root, "text") for b in _children(t, "body")), None)
    if body is None:
        raise FormatError(name, f"<{kind}> has no <text><body>")
    src_lang = (root.get(XML_LANG) or "").lower()
    terms: list[Term] = []
    for entry in body:
        if _local(entry) not in ("conceptEntry", "termEntry"):
            continue
        terms.append(_read_entry(name, entry, src_lang))
    return terms


def _read_entry(name: str, entry: etree._Element, src_lang: str) -> Term:
    sections = [s for s in entry if _local(s) in ("langSec", "langSet")]
    if not sections:
        raise FormatError(name, f"entry {entry.get('id', '?')}: no language section")
    langs = [(s.get(XML_LANG) or "").lower() for s in sections]
    source_index = next(
        (
            i
            for i, lang in enumerate(langs)
            if src_lang and lang.split("-")[0] == src_lang.split("-")[0]
        ),
        0,
    )
    source_terms = _terms_of(sections[source_index])
    if not source_terms or not source_terms[0][0].strip():
        raise FormatError(name, f"entry {entry.get('id', '?')}: no source term")
    target_terms = next(
        (_terms_of(s) for i, s in enumerate(sections) if i != source_index and _terms_of(s)), []
    )
    status = TermStatus.PROPOSED
    target = ""
    if target_terms:
        target, target_status, _contexts = target_terms[0]
        status = _STATUS_IN.get(target_status.lower(), TermStatus.PROPOSED)
    for admin in _children(entry, "admin"):
        if (
            admin.get("type") == "x-tmbuilder-status"
            and _text(admin) in TermStatus._value2member_map_
        ):
            status = TermStatus(_text(admin))
    notes = [_text(n) for n in _children(entry, "note")]
    headword, _status, contexts = source_terms[0]
    return Term(
        source=headword,
        target=target,
        status=status,
        note="\n".join(notes),
        variants=tuple(t for t, _s, _c in source_terms[1:]),
        contexts=tuple(contexts),
        origin=f"import:{Path(name).name}",
    )


def _terms_of(section: etree._Element) -> list[tuple[str, str, list[str]]]:
    """(term, administrativeStatus, contexts) of each term group in a language section."""
    found: list[tuple[str, str, list[str]]] = []
    for group in section:
        if _local(group) not in ("termSec", "tig", "ntig"):
            continue
        holders = [group, *_children(group, "termGrp")]  # ntig nests term in termGrp
        term = next((t for h in holders for t in _children(h, "term")), None)
        if term is None:
            continue
        status = next(
            (
                _text(n)
                for h in holders
                for n in _children(h, "termNote")
                if n.get("type") == "administrativeStatus"
            ),
            "",
        )
        contexts = [
            _text(d) for d in group.iter() if _local(d) == "descrip" and d.get("type") == "context"
        ]
        found.append((_text(term), status, contexts))
    return found
