"""Hardened XML reading and XML 1.0 character cleaning, shared by the TMX and XLIFF layers.

Reading: every XML file is parsed with entity expansion, DTD loading and network access off and
libxml2's size limits on (`huge_tree=False`). A document that declares entities in an internal
DTD subset is refused outright, whether or not it uses them: TM files have no use for entities,
and refusing them closes billion-laughs and external-entity (XXE) attacks without needing to
reason about which expansions libxml2 still performs (it expands internal entities inside
attribute values even with `resolve_entities=False`). All parser failures surface as
FormatError with a one-line message; nothing lets XMLSyntaxError or UnicodeError escape.

Writing: XML 1.0 cannot carry most C0 control characters, lone surrogates, U+FFFE or U+FFFF.
TextCleaner removes them, counting and warning, and every writer (XML or not) runs its text
through it, so a unit exported to any format comes back with the same text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Final

from lxml import etree

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.atomic import WriteReport

XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"

# The complement of the XML 1.0 Char production (tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD,
# U+10000..U+10FFFF). Python strings can also hold lone surrogates; they fall in the gap too.
_FORBIDDEN: Final = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_xml_text(text: str) -> tuple[str, int]:
    """Return `text` without the characters XML 1.0 forbids, and how many were removed."""
    if _FORBIDDEN.search(text) is None:
        return text, 0
    cleaned, removed = _FORBIDDEN.subn("", text)
    return cleaned, removed


def has_forbidden(text: str) -> bool:
    """Whether `text` holds any character XML 1.0 forbids."""
    return _FORBIDDEN.search(text) is not None


class TextCleaner:
    """Cleans every string a writer emits and records removals in the writer's report."""

    def __init__(self, report: WriteReport) -> None:
        self.report = report

    def __call__(self, text: str, where: str) -> str:
        """Return `text` cleaned; `where` names the unit and field for the warning."""
        if _FORBIDDEN.search(text) is None:
            return text
        cleaned, removed = _FORBIDDEN.subn("", text)
        codes = sorted({f"U+{ord(ch):04X}" for ch in _FORBIDDEN.findall(text)})
        shown = ", ".join(codes[:5]) + (", ..." if len(codes) > 5 else "")
        self.report.removed_chars += removed
        self.report.warn(f"{where}: removed {removed} character(s) XML 1.0 forbids ({shown})")
        return cleaned


def one_line(message: str) -> str:
    """Collapse a message to a single line (parser messages sometimes carry newlines)."""
    return " ".join(message.split())


def _syntax_problem(exc: etree.XMLSyntaxError) -> str:
    # exc.msg already holds "..., line L, column C"; str(exc) repeats it with the file name.
    message = one_line(exc.msg or str(exc))
    return f"not well-formed XML: {message}"


# The options every XML read uses (see the module doc); iterparse takes the same ones.
HARDENED: Final = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def hardened_parser() -> etree.XMLParser:
    """A parser for whole documents (DOCX parts, TBX) with the hardened options."""
    return etree.XMLParser(**HARDENED)  # type: ignore[arg-type]


def open_for_parsing(path: Path) -> BinaryIO:
    """Open `path` for binary reading; InputError if it cannot be, FormatError if it is empty."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - the caller's generator owns and closes it
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if os.fstat(handle.fileno()).st_size == 0:
        handle.close()
        raise FormatError(str(path), "file is empty")
    return handle


def check_no_entities(path: Path, element: etree._Element) -> None:
    """Refuse a document whose internal DTD subset declares entities (see the module doc)."""
    dtd = element.getroottree().docinfo.internalDTD
    # lxml-stubs does not know DTD.iterentities(); it exists since lxml 2.x.
    if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[attr-defined]
        raise FormatError(str(path), "declares XML entities (<!ENTITY>); refused for safety")


RootCheck = Callable[[Path, etree._Element], None]


def require_root(name: str, label: str) -> RootCheck:
    """A root check: the document element's local name must be `name` ("not a TMX file")."""

    def check(path: Path, document: etree._Element) -> None:
        if local_name(document) != name:
            problem = f"not a {label} file (root element is <{local_name(document)}>)"
            raise FormatError(str(path), problem)

    return check


def iterparse_safely(
    path: Path,
    *,
    tag: str | tuple[str, ...],
    check_root: RootCheck,
    events: tuple[str, ...] = ("end",),
    opener: Callable[[], BinaryIO] | None = None,
    check_end: RootCheck | None = None,
) -> Iterator[tuple[str, etree._Element]]:
    """Yield (event, element) from a hardened iterparse of `path`, filtered to `tag`.

    The entity rule and `check_root` run at the first event, or at the end when no element
    matched. Parser and decoding errors become FormatError naming `path`. `opener` gives the
    bytes to parse instead of the whole file (a part of it: see bigimport/tmx_parts);
    `check_end` runs on the document element once the whole input is parsed.
    """
    with open_for_parsing(path) if opener is None else opener() as handle:
        context = etree.iterparse(handle, events=events, tag=tag, **HARDENED)
        checked = False
        try:
            for event, element in context:
                if not checked:
                    document = element.getroottree().getroot()
                    check_no_entities(path, document)
                    check_root(path, document)
                    checked = True
                yield event, element
            document = context.root
        except etree.XMLSyntaxError as exc:
            raise FormatError(str(path), _syntax_problem(exc)) from None
        except UnicodeError as exc:
            raise FormatError(str(path), f"cannot decode: {one_line(str(exc))}") from None
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
        if document is None:
            raise FormatError(str(path), "not an XML document")
        if not checked:
            check_no_entities(path, document)
            check_root(path, document)
        if check_end is not None:
            check_end(path, document)


def local_name(element: etree._Element) -> str:
    """The tag without its namespace ('' for comments, PIs and entity references)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def inline_text(path: Path, element: etree._Element, codes: frozenset[str]) -> str:
    """The text of a segment element with inline markup dropped.

    Elements named in `codes` hold native formatting codes (TMX bpt/ept/ph/it/ut, XLIFF
    x/bx/ex/ph/bpt/ept/it): they are dropped with their content. Other inline elements
    (TMX hi, XLIFF g/mrk) wrap translatable text: the tags go, the text stays. Tail text is
    always kept. An unresolved entity reference is a FormatError, never silently lost text.
    """
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child, etree._Entity):
            raise FormatError(
                str(path),
                f"line {child.sourceline}: entity reference {child.text} cannot be resolved "
                "(DTD loading is off)",
            )
        name = local_name(child)
        if name and name not in codes:
            parts.append(inline_text(path, child, codes))
        parts.append(child.tail or "")
    return "".join(parts)


def plain_text(path: Path, element: etree._Element) -> str:
    """The text of a #PCDATA-only element (note, prop), refusing entity references."""
    if len(element) == 0:
        return element.text or ""
    return inline_text(path, element, frozenset())


def release(element: etree._Element) -> None:
    """Free a processed element and its already-processed siblings (keeps iterparse flat)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
