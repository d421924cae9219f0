"""TBX glossaries: TBX v3 TBX-Basic (ISO 30042:2019) and TBX v2 martif (ISO 30042:2008).

v3 is the current standard: <tbx type="TBX-Basic"> with conceptEntry / langSec / termSec in the
urn:iso:std:iso:30042:ed-2 namespace. v2 (<martif>, termEntry / langSet / tig) is what OmegaT
and translate-toolkit read. One concept entry per Term: the Vietnamese headword first, its
variants after it, then the English.

Status travels as the English term's administrativeStatus, the TBX-Basic data category:
approved = preferredTerm-admn-sts, proposed = admittedTerm-admn-sts, forbidden =
deprecatedTerm-admn-sts. Variants are admittedTerm-admn-sts Vietnamese terms; the note is the
entry's <note>; example sentences are <descrip type="context"> on the headword.

Each entry of tmbuilder's export carries the term's merge stamp (pipeline/merge_terms.py) as
<admin type="x-tmbuilder-version"> and <admin type="x-tmbuilder-parent">: TBX allows admin
elements of any type on an entry, and OmegaT and translate-toolkit ignore them.

Reading is hardened as `formats.xmlsafe` describes: no DTD loading, no entity expansion, no
network; a document declaring entities is refused outright (billion laughs, external entities).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from lxml import etree

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.atomic import atomic_write_bytes
from tmbuilder.formats.glossary_read import (
    GlossaryTerms,
    check_regular,
    lang_matches,
    primary,
    require_languages,
    stamp_of,
    stamped,
)
from tmbuilder.formats.glossary_tsv import source_variants
from tmbuilder.formats.xmlsafe import (
    XML_LANG,
    check_no_entities,
    clean_xml_text,
    hardened_parser,
    one_line,
)
from tmbuilder.model import Term, TermForm, TermStatus

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
    # Weblate's and other tools' plain words for the same picklist
    "forbidden": TermStatus.FORBIDDEN,
    "obsolete": TermStatus.FORBIDDEN,
    "superseded": TermStatus.FORBIDDEN,
    "standardizedterm-admn-sts": TermStatus.APPROVED,
}


_VERSION, _PARENT = "x-tmbuilder-version", "x-tmbuilder-parent"


class _Shape:
    """Element names of one TBX version."""

    def __init__(self, version: int) -> None:
        ns = f"{{{TBX3_NS}}}" if version == 3 else ""
        self.ns = ns
        self.entry = ns + ("conceptEntry" if version == 3 else "termEntry")
        self.lang = ns + ("langSec" if version == 3 else "langSet")
        self.term_group = ns + ("termSec" if version == 3 else "tig")


def _form_status(value: str) -> str:
    """The TBX administrativeStatus of a synonym or variant ('' when it had none: no
    termNote is written, so none is invented)."""
    if value in TermStatus._value2member_map_:
        return _STATUS_OUT[TermStatus(value)]
    return ""


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
        term_version, term_parent = stamp_of(term)
        if term_version:
            _sub(entry, ns + "admin", term_version, type=_VERSION)
            _sub(entry, ns + "admin", term_parent, type=_PARENT)
        source_lang = _sub(entry, shape.lang, **{XML_LANG: src_lang})
        headword = _sub(source_lang, shape.term_group)
        _sub(headword, ns + "term", _xml_safe(term.source))
        _sub(headword, ns + "termNote", "preferredTerm-admn-sts", type="administrativeStatus")
        for context in term.contexts:
            _sub(headword, ns + "descrip", _xml_safe(context), type="context")
        variant_status = {
            form.text: form.status for form in term.synonyms if form.lang == term.src_lang
        }
        for variant in source_variants(term):
            group = _sub(source_lang, shape.term_group)
            _sub(group, ns + "term", _xml_safe(variant))
            status = _form_status(variant_status.get(variant, ""))
            if status:
                _sub(group, ns + "termNote", status, type="administrativeStatus")
        if term.target:
            target_lang = _sub(entry, shape.lang, **{XML_LANG: tgt_lang})
            group = _sub(target_lang, shape.term_group)
            _sub(group, ns + "term", _xml_safe(term.target))
            _sub(group, ns + "termNote", _STATUS_OUT[term.status], type="administrativeStatus")
            for form in term.synonyms:
                if form.lang == term.src_lang and form.text in variant_status:
                    continue  # a variant's status, written above
                group = _sub(target_lang, shape.term_group)
                _sub(group, ns + "term", _xml_safe(form.text))
                status = _form_status(form.status)
                if status:
                    _sub(group, ns + "termNote", status, type="administrativeStatus")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    atomic_write_bytes(Path(path), data)


def read_bytes(name: str) -> bytes:
    """The file's bytes: a regular file of at most glossary_read.MAX_BYTES."""
    check_regular(name)
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from None


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


def read_tbx(
    path: str | os.PathLike[str], *, src_lang: str = "vi", tgt_lang: str = "en"
) -> GlossaryTerms:
    """Terms from TBX v3 (tbx / conceptEntry / langSec) or v2 (martif / termEntry / langSet,
    tig or ntig), by language section: the `src_lang` section gives the term and its variants,
    the `tgt_lang` section the English and its synonyms (region fallback: vi ~ vi-VN), whatever
    order the file has them in and whatever its root's xml:lang says. Other languages are
    ignored. An entry lacking either language is skipped and counted ("no vi term"); an
    entry of tmbuilder's own export may lack the English (a decided term without one yet).
    A file with no entry in both languages is refused, naming its languages.
    """
    name = os.fspath(path)
    root = _parse(name, read_bytes(name))
    kind = _local(root)
    if kind not in ("tbx", "martif"):
        raise FormatError(name, f"root element is <{kind}>, not <tbx> or <martif>")
    body = next((b for t in _children(root, "text") for b in _children(t, "body")), None)
    if body is None:
        raise FormatError(name, f"<{kind}> has no <text><body>")
    ours = any(
        _local(p) == "p" and _text(p) == "tmbuilder glossary"
        for p in root.iter()
        if isinstance(p.tag, str) and _local(p) == "p"
    )
    found = GlossaryTerms()
    origin = f"import:{Path(name).name}"
    for entry in body:
        if _local(entry) not in ("conceptEntry", "termEntry"):
            continue
        found.entries += 1
        term = _read_entry(name, entry, src_lang, tgt_lang, ours, found)
        if term is not None:
            found.append(replace(term, origin=origin))
    require_languages(name, found, src_lang, tgt_lang)
    return found


def _section_lang(section: etree._Element) -> str:
    return (section.get(XML_LANG) or section.get("lang") or "").strip()


def _read_entry(
    name: str,
    entry: etree._Element,
    src_lang: str,
    tgt_lang: str,
    ours: bool,
    found: GlossaryTerms,
) -> Term | None:
    sections = [s for s in entry if _local(s) in ("langSec", "langSet")]
    if not sections:
        raise FormatError(name, f"entry {entry.get('id', '?')}: no language section")
    source_terms: list[tuple[str, str, list[str]]] = []
    target_terms: list[tuple[str, str, list[str]]] = []
    langs = ["", ""]
    for section in sections:
        lang = _section_lang(section)
        found.saw_language(lang)
        if lang_matches(lang, src_lang):
            source_terms += _terms_of(section)
            langs[0] = langs[0] or lang
        elif lang_matches(lang, tgt_lang):
            target_terms += _terms_of(section)
            langs[1] = langs[1] or lang
    source_terms = [t for t in source_terms if t[0]]
    target_terms = [t for t in target_terms if t[0]]
    if not any(t[0].strip() for t in source_terms):
        found.skipped[f"no {primary(src_lang)} term"] += 1
        return None
    if not target_terms and not ours:
        found.skipped[f"no {primary(tgt_lang)} term"] += 1
        return None
    source_terms = _preferred_first(source_terms)
    target_terms = _preferred_first(target_terms)
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
    # Entry notes, then the entry's descriptions (definition, usage note...) and the notes of
    # the language sections and terms kept, each "type: text": nothing of the entry is lost.
    notes = [_text(n) for n in _children(entry, "note")]
    notes += [
        f"{d.get('type', 'descrip')}: {_text(d)}"
        for d in _children(entry, "descrip")
        if d.get("type") != "context"
    ]
    for section in sections:
        if lang_matches(_section_lang(section), src_lang) or lang_matches(
            _section_lang(section), tgt_lang
        ):
            notes += [
                f"{_section_lang(section)}: {_text(n)}"
                for n in section.iter()
                if isinstance(n.tag, str) and _local(n) == "note"
            ]
    admins = {admin.get("type"): _text(admin) for admin in _children(entry, "admin")}
    headword, _status, contexts = source_terms[0]
    synonyms = [
        TermForm(text, langs[0], _status_value(form_status))
        for text, form_status, _c in source_terms[1:]
    ] + [
        TermForm(text, langs[1], _status_value(form_status))
        for text, form_status, _c in target_terms[1:]
    ]
    term = Term(
        source=headword,
        target=target,
        status=status,
        note="\n".join(notes),
        variants=tuple(t for t, _s, _c in source_terms[1:]),
        contexts=tuple(contexts),
        src_lang=langs[0],
        tgt_lang=langs[1] or tgt_lang,
        synonyms=tuple(synonyms),
    )
    return stamped(term, admins.get(_VERSION, ""), admins.get(_PARENT, ""))


def _status_value(tbx_status: str) -> str:
    status = _STATUS_IN.get(tbx_status.strip().lower())
    return status.value if status is not None else ""


def _preferred_first(
    terms: list[tuple[str, str, list[str]]],
) -> list[tuple[str, str, list[str]]]:
    """The entry's preferred term first (TBX puts no order on term sections), else as given."""
    for index, term in enumerate(terms):
        if _STATUS_IN.get(term[1].strip().lower()) is TermStatus.APPROVED:
            return [terms[index], *terms[:index], *terms[index + 1 :]]
    return terms


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
        # DCA style: <termNote type="administrativeStatus">, possibly in a <termNoteGrp>;
        # DCT style (TBX v3): <administrativeStatus> itself; the same for contexts.
        status = next(
            (
                _text(n)
                for n in group.iter()
                if (_local(n) == "termNote" and n.get("type") == "administrativeStatus")
                or _local(n) == "administrativeStatus"
            ),
            "",
        )
        contexts = [
            _text(d)
            for d in group.iter()
            if (_local(d) == "descrip" and d.get("type") == "context") or _local(d) == "context"
        ]
        found.append((_text(term), status, contexts))
    return found
