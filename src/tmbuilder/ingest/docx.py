"""Reader for Word documents (.docx): the body's paragraphs, tables included, in order.

What counts as text: every w:p of the main document part, in document order (table cells and
content controls included); runs' w:t joined, w:tab as a tab, w:br / w:cr split the paragraph,
w:noBreakHyphen as "-". Left out: deleted revisions (w:del, w:moveFrom), hidden runs (w:vanish),
the mc:Fallback copy of text boxes (Word stores each one twice), field instructions, headers,
footers, footnotes and comments (they live in other parts and are rarely translation source).
A text box's paragraphs follow the paragraph that anchors it.

Safety: the archive is opened from memory; the main part is found through _rels/.rels (falling
back to word/document.xml); its real uncompressed size is capped at `MAX_XML_BYTES` while reading,
whatever the zip header claims, so a zip bomb stops early. XML with a DOCTYPE is refused (Word
never writes one, and it is how entity-expansion attacks start); the parser runs with entity
resolution, DTD loading, network access and huge-tree mode all off.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.xmlsafe import hardened_parser
from tmbuilder.ingest.plain import clean_paragraphs
from tmbuilder.model import SourceDocument

MAX_XML_BYTES = 256 * 1024 * 1024
"""Largest uncompressed main document part we read (a 1,000-page report is ~10 MB)."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_EXCLUDED = frozenset((_W + "del", _W + "moveFrom", _MC + "Fallback"))
_TEXT_NODES = (_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_member(archive: zipfile.ZipFile, name: str, path: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise FormatError(path, f"{name} is too large when unpacked (possible zip bomb)")
    with archive.open(info) as member:
        data = member.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise FormatError(path, f"{name} is larger than its zip header says (zip bomb)")
    return data


def _parse_xml(data: bytes, name: str, path: str) -> etree._Element:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise FormatError(path, f"{name} declares a DTD or entities, which .docx never does")
    try:
        return etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise FormatError(path, f"bad XML in {name} ({str(exc).splitlines()[0]})") from None


def _main_part(archive: zipfile.ZipFile, path: str) -> str:
    """Name of the main document part, as the package relationships say."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        rels = _parse_xml(_read_member(archive, "_rels/.rels", path), "_rels/.rels", path)
        for rel in rels.iter(_REL + "Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise FormatError(path, "not a valid .docx file (no word/document.xml)")


def _is_own_text(node: etree._Element, paragraph: etree._Element) -> bool:
    """Whether `node` is live, visible text of `paragraph` itself.

    Not if it sits in a deleted or moved-away revision, in the fallback copy of a text box, in a
    paragraph nested inside this one (a text box: read as its own paragraph), or in a hidden run.
    """
    ancestor = node.getparent()
    while ancestor is not None and ancestor is not paragraph:
        if ancestor.tag in _EXCLUDED or ancestor.tag == _W + "p":
            return False
        if ancestor.tag == _W + "r" and ancestor.find(f"{_W}rPr/{_W}vanish") is not None:
            return False
        ancestor = ancestor.getparent()
    return True


def _is_live(paragraph: etree._Element, body: etree._Element) -> bool:
    """False for a paragraph inside a deleted revision or a text box's fallback copy."""
    ancestor = paragraph.getparent()
    while ancestor is not None and ancestor is not body:
        if ancestor.tag in _EXCLUDED:
            return False
        ancestor = ancestor.getparent()
    return True


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(*_TEXT_NODES):
        if not _is_own_text(node, paragraph):
            continue
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append("\t")
        elif node.tag == _W + "noBreakHyphen":
            parts.append("-")
        else:  # w:br, w:cr
            parts.append("\n")
    return "".join(parts)


def docx_paragraphs(raw: bytes, path: str) -> list[str]:
    """Text of a .docx body, one string per w:p (line breaks inside it kept as newlines)."""
    if raw.startswith(_OLE_MAGIC):
        raise FormatError(path, "not a valid .docx file (an old .doc or encrypted Word file)")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            name = _main_part(archive, path)
            root = _parse_xml(_read_member(archive, name, path), name, path)
    except zipfile.BadZipFile:
        raise FormatError(path, "not a valid .docx file (not a zip archive, or damaged)") from None
    # What zipfile raises for a damaged or odd archive: zlib.error/EOFError for a broken
    # stream, RuntimeError for an encrypted member, NotImplementedError for a compression
    # method it does not support, ValueError for bad header fields.
    except (zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise FormatError(path, f"not a valid .docx file (damaged: {exc})") from None
    body = root.find(_W + "body")
    if body is None:
        raise FormatError(path, f"not a valid .docx file ({name} has no w:body)")
    return [_paragraph_text(p) for p in body.iter(_W + "p") if _is_live(p, body)]


def read_docx(raw: bytes, path: str, content_hash: str) -> SourceDocument:
    """A Word document: body paragraphs (tables included); w:br splits a paragraph."""
    lines = [line for paragraph in docx_paragraphs(raw, path) for line in paragraph.split("\n")]
    return SourceDocument(
        path=path,
        format="docx",
        encoding="utf-8",
        content_hash=content_hash,
        paragraphs=clean_paragraphs(lines),
    )
