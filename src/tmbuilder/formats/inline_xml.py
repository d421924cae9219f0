"""Inline elements of TMX and XLIFF segments <-> tmbuilder's inline codes (tmbuilder.inline).

Reading turns a segment element into text holding one private-use character per code, and
records what each code was: `InlineCode.native` is the element serialized as the file had it
(attributes and content, `<sub>` flows included), so a writer of the same format puts it back
unchanged. Elements that wrap translatable text (TMX `hi`, XLIFF `g`/`mrk`, XLIFF 2 `pc`/`mrk`)
become an opening and a closing code around their text, with the element's name and attributes.

Source and target of one unit share numbers (`UnitCodes`): a target code takes the number of
the source code it repeats (same native element, or same wrapper and attributes), so
`inline.missing_codes` and the match penalty compare like with like. Pairs inside one segment
are matched by the format's pairing attribute (TMX `i`, XLIFF 1.2 `rid`/`id`, XLIFF 2
`startRef`); a closing element whose opening is not in the segment is kept as an isolated code.

Text of the file that already holds a code character is cleaned to U+FFFD and counted
(`UnitCodes.replaced`), so file text can never pass for a code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.xmlsafe import hardened_parser, local_name
from tmbuilder.inline import CodeKind, InlineCode, clean_text, parse_char

PUA: Final = re.compile("[\ue000-\uefff]")


@dataclass(frozen=True)
class InlineSpec:
    """How one format spells its inline elements."""

    fmt: str
    ns: str  # namespace of the segment's elements ('' for TMX)
    standalone: frozenset[str]
    opening: dict[str, str]  # element -> attribute naming its pair
    closing: dict[str, str]  # element -> attribute naming its pair
    isolated: frozenset[str]
    wrapping: frozenset[str]
    # Generic elements for codes from another format: (standalone, open, close, isolated).
    generic: tuple[str, str, str, str]
    content_in_generic: bool  # whether generic elements hold the code's text (TMX does)


TMX: Final = InlineSpec(
    fmt="tmx",
    ns="",
    standalone=frozenset({"ph", "ut"}),
    opening={"bpt": "i"},
    closing={"ept": "i"},
    isolated=frozenset({"it"}),
    wrapping=frozenset({"hi"}),
    generic=("ph", "bpt", "ept", "it"),
    content_in_generic=True,
)
XLIFF12: Final = InlineSpec(
    fmt="xliff",
    ns="urn:oasis:names:tc:xliff:document:1.2",
    standalone=frozenset({"x", "ph"}),
    opening={"bx": "rid", "bpt": "rid"},
    closing={"ex": "rid", "ept": "rid"},
    isolated=frozenset({"it"}),
    wrapping=frozenset({"g", "mrk"}),
    generic=("x", "bx", "ex", "x"),
    content_in_generic=False,
)
XLIFF2: Final = InlineSpec(
    fmt="xliff2",
    ns="urn:oasis:names:tc:xliff:document:2.0",
    standalone=frozenset({"ph", "sm", "em"}),
    opening={"sc": "id"},
    closing={"ec": "startRef"},
    isolated=frozenset(),
    wrapping=frozenset({"pc", "mrk"}),
    generic=("ph", "sc", "ec", "ph"),
    content_in_generic=False,
)


@dataclass
class _Token:
    kind: CodeKind
    element: str
    native: str
    content: str
    attrs: tuple[tuple[str, str], ...]
    pair: str | None  # pairing key, for opening/closing tokens
    n: int = 0


class UnitCodes:
    """The codes of one unit, numbered across its source and target (see the module doc)."""

    def __init__(self, path: Path, spec: InlineSpec) -> None:
        self.path = path
        self.spec = spec
        self.records: dict[tuple[CodeKind, int], InlineCode] = {}
        self.replaced = 0  # code-range characters found in the file's text
        self._wrappers = 0  # serial numbers pairing a wrapper's opening and closing codes

    def codes(self) -> tuple[InlineCode, ...]:
        return tuple(self.records.values())

    def read(self, segment: etree._Element, *, first: bool) -> str:
        """The text of `segment` with its codes (the source is read `first`)."""
        parts: list[str | _Token] = []
        self._walk(segment, parts)
        tokens = [p for p in parts if isinstance(p, _Token)]
        if tokens:
            self._number(tokens, first=first)
        out = []
        for part in parts:
            if isinstance(part, _Token):
                out.append(InlineCode(part.kind, part.n).char)
            else:
                out.append(part)
        return "".join(out)

    def _text(self, text: str | None) -> str:
        if not text:
            return ""
        if PUA.search(text):
            text, count = clean_text(text)
            self.replaced += count
        return text

    def _walk(self, element: etree._Element, parts: list[str | _Token]) -> None:
        spec = self.spec
        parts.append(self._text(element.text))
        for child in element:
            if isinstance(child, etree._Entity):
                raise FormatError(
                    str(self.path),
                    f"line {child.sourceline}: entity reference {child.text} cannot be resolved "
                    "(DTD loading is off)",
                )
            name = local_name(child)
            if name in spec.wrapping:
                attrs = tuple((str(k), str(v)) for k, v in child.attrib.items())
                self._wrappers += 1
                pair = f"w{self._wrappers}"
                parts.append(_Token(CodeKind.OPEN, name, "", "", attrs, pair))
                self._walk(child, parts)
                parts.append(_Token(CodeKind.CLOSE, name, "", "", attrs, pair))
            elif name:
                parts.append(self._token(child, name))
            parts.append(self._text(child.tail))

    def _token(self, child: etree._Element, name: str) -> _Token:
        spec = self.spec
        native = etree.tostring(child, encoding="unicode", with_tail=False)
        if "xmlns:" in native:  # declarations in scope but unused: not part of the element
            alone = etree.fromstring(native, hardened_parser())
            etree.cleanup_namespaces(alone)
            native = etree.tostring(alone, encoding="unicode")
        content = "".join(str(text) for text in child.itertext())
        if not content and child.get("ctype") == "lb":  # XLIFF 1.2: a line break (Passolo)
            content = "\n"
        attrs = tuple((str(k), str(v)) for k, v in child.attrib.items())
        if name in spec.opening:
            key = child.get(spec.opening[name]) or child.get("id")
            kind, pair = CodeKind.OPEN, f"p{key}" if key is not None else None
        elif name in spec.closing:
            key = child.get(spec.closing[name]) or child.get("id")
            kind, pair = CodeKind.CLOSE, f"p{key}" if key is not None else None
        elif name in spec.isolated or child.get("isolated") == "yes":
            kind, pair = CodeKind.ISOLATED, None
        else:
            # ph/x/ut and any element the format does not name: kept whole as a standalone code.
            kind, pair = CodeKind.STANDALONE, None
        return _Token(kind, name, native, content, attrs, pair)

    def _number(self, tokens: list[_Token], *, first: bool) -> None:
        # Pairs inside this segment; an opening or closing code without its partner is isolated.
        opens = {t.pair: t for t in tokens if t.kind is CodeKind.OPEN and t.pair}
        closes = {t.pair: t for t in tokens if t.kind is CodeKind.CLOSE and t.pair}
        for token in tokens:
            partners = closes if token.kind is CodeKind.OPEN else opens
            if token.kind in (CodeKind.OPEN, CodeKind.CLOSE) and token.pair not in partners:
                token.kind = CodeKind.ISOLATED
        used: set[tuple[CodeKind, int]] = set()
        for token in tokens:
            if token.kind is CodeKind.CLOSE:
                continue
            token.n = self._pick(token, used, first=first)
        for token in tokens:
            if token.kind is not CodeKind.CLOSE:
                continue
            partner = opens[str(token.pair)]
            key = (CodeKind.CLOSE, partner.n)
            record = self.records.get(key)
            if record is None or (self._same(record, token) and key not in used):
                token.n = partner.n
                used.add(key)
                self._record(token)
            else:  # the closing element differs from the source's: keep it, unpaired
                token.kind = CodeKind.ISOLATED
                token.n = self._pick(token, used, first=first)

    def _pick(self, token: _Token, used: set[tuple[CodeKind, int]], *, first: bool) -> int:
        if not first:
            for (kind, n), record in self.records.items():
                if kind is token.kind and (kind, n) not in used and self._same(record, token):
                    used.add((kind, n))
                    return n
        n = 1 + max((n for kind, n in self.records if kind is token.kind), default=0)
        token.n = n
        used.add((token.kind, n))
        self._record(token)
        return n

    @staticmethod
    def _same(record: InlineCode, token: _Token) -> bool:
        # Attribute order and quoting differ between the sides of real files (the LISA kit's
        # do): compare what the element says, not how it was spelled.
        return (
            record.element == token.element
            and record.content == token.content
            and sorted(record.attrs) == sorted(token.attrs)
        )

    def _record(self, token: _Token) -> None:
        self.records[(token.kind, token.n)] = InlineCode(
            kind=token.kind,
            n=token.n,
            element=token.element,
            content=token.content,
            native=token.native,
            fmt=self.spec.fmt,
            attrs=token.attrs,
        )


def write_inline(
    segment: etree._Element,
    text: str,
    codes: dict[tuple[CodeKind, int], InlineCode],
    spec: InlineSpec,
) -> None:
    """Fill `segment` (empty) with `text`, each code written back as `spec`'s element."""
    if not PUA.search(text):
        segment.text = text
        return
    stack: list[tuple[etree._Element, int]] = [(segment, 0)]
    last: etree._Element | None = None  # where following text goes: its tail, else .text
    buffer: list[str] = []

    def flush() -> None:
        if not buffer:
            return
        chunk = "".join(buffer)
        buffer.clear()
        if last is None:
            parent = stack[-1][0]
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk

    for ch in text:
        parsed = parse_char(ch) if PUA.match(ch) else None
        if parsed is None:
            buffer.append(ch)
            continue
        flush()
        kind, n = parsed
        record = codes.get(parsed)
        parent = stack[-1][0]
        native = record is not None and record.fmt == spec.fmt
        if native and record is not None and not record.native and record.element:
            if kind is CodeKind.OPEN:
                element = etree.SubElement(parent, _qname(spec, record.element))
                for key, value in record.attrs:
                    element.set(key, value)
                stack.append((element, n))
                last = None
                continue
            if kind is CodeKind.CLOSE and len(stack) > 1 and stack[-1][1] == n:
                last = stack.pop()[0]
                continue
        if native and record is not None and record.native:
            element = etree.fromstring(record.native, hardened_parser())
            element.tail = None
            if spec.ns and not str(element.tag).startswith("{"):
                # From an XLIFF 1.0/1.1 file without the namespace: put it in this one.
                for node in element.iter():
                    if isinstance(node.tag, str) and not node.tag.startswith("{"):
                        node.tag = f"{{{spec.ns}}}{node.tag}"
            parent.append(element)
        else:
            element = _generic(parent, spec, kind, n, record)
        last = element
    flush()
    # An element holding only elements gets an empty text node: a pretty-printing writer
    # indents such an element's children, which would add whitespace to the segment.
    for node in segment.iter():
        if len(node) and node.text is None:
            node.text = ""


def _qname(spec: InlineSpec, name: str) -> str:
    return f"{{{spec.ns}}}{name}" if spec.ns else name


def _generic(
    parent: etree._Element,
    spec: InlineSpec,
    kind: CodeKind,
    n: int,
    record: InlineCode | None,
) -> etree._Element:
    """A code from another format (or without a record) as `spec`'s generic element."""
    standalone, opening, closing, isolated = spec.generic
    name = {
        CodeKind.STANDALONE: standalone,
        CodeKind.OPEN: opening,
        CodeKind.CLOSE: closing,
        CodeKind.ISOLATED: isolated,
    }[kind]
    element = etree.SubElement(parent, _qname(spec, name))
    if spec.fmt == "tmx":
        if kind in (CodeKind.OPEN, CodeKind.CLOSE):
            element.set("i", str(n))
        elif kind is CodeKind.ISOLATED:
            element.set("pos", "begin")
        else:
            element.set("x", str(n))
    elif spec.fmt == "xliff2":
        prefix = {CodeKind.OPEN: "o", CodeKind.CLOSE: "o", CodeKind.ISOLATED: "i"}.get(kind, "s")
        if kind is CodeKind.CLOSE:
            element.set("startRef", f"{prefix}{n}")
        else:
            element.set("id", f"{prefix}{n}")
    else:
        prefix = {CodeKind.OPEN: "o", CodeKind.CLOSE: "o", CodeKind.ISOLATED: "i"}.get(kind, "s")
        element.set("id", f"{prefix}{n}" if kind is not CodeKind.CLOSE else f"c{n}")
        if kind in (CodeKind.OPEN, CodeKind.CLOSE):
            element.set("rid", f"{prefix}{n}")
    if spec.content_in_generic and record is not None and record.content:
        element.text = record.content
    return element
