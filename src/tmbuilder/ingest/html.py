"""Reader for HTML (.html, .htm): the visible text, one paragraph per block.

Choices:
- A paragraph is the text of a block element (p, h1-h6, li, td, th, blockquote, figcaption, div,
  pre, dt, dd, caption, ...) that is not inside a nested block; the text of a div around a
  nested <p> gives separate paragraphs before and after it. <br> ends a paragraph.
- Dropped: <head> (so <title> too: it names the page, it is not body text), script, style,
  noscript, template, svg, math, iframe, object, select, and anything with the `hidden`
  attribute. Image alt text is not body text and is dropped.
- Whitespace collapses as a browser collapses it (ASCII whitespace only, so &nbsp; stays); inside
  <pre> every line is its own paragraph.
- Encoding: BOM, then <meta charset> / http-equiv / XML declaration when the bytes agree, then
  detection (see `detect`; a page declaring latin-1 but written in TCVN3 or VNI is recognised).
- Parsing: libxml2's HTML parser, network off, no huge-tree mode. It never loads DTDs and does
  not expand entities declared in a document's internal subset; we remove any DOCTYPE first so
  such a subset cannot leak as text either.
"""

from __future__ import annotations

import re

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.ingest.detect import decode_bytes
from tmbuilder.ingest.plain import clean_paragraphs
from tmbuilder.model import SourceDocument

# fmt: off
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))
_SKIPPED = frozenset((
    "head", "title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "select", "datalist", "audio", "video",
))
# fmt: on
_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[[^\]]*\])?[^>]*>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def declared_charset(raw: bytes) -> str | None:
    """The encoding an HTML document names in its first 4 KB, if any."""
    match = _CHARSET.search(raw[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
    )


def html_paragraphs(text: str, path: str) -> list[str]:
    """Visible text of an HTML document, one string per block (see the module docstring)."""
    text = _XML_DECLARATION.sub("", _DOCTYPE.sub("", text, count=1), count=1)
    parser = _parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.LxmlError as exc:
        raise FormatError(path, f"malformed HTML ({str(exc).splitlines()[0]})") from None
    # The HTML parser recovers from almost anything; a fatal error (nesting deeper than 256
    # elements, say) means it stopped early and the rest of the page would be silently lost.
    for error in parser.error_log:
        if error.level == etree.ErrorLevels.FATAL:
            raise FormatError(path, f"malformed HTML (line {error.line}: {error.message})")
    if root is None:
        return []
    paragraphs: list[str] = []
    parts: list[str] = []
    pre_depth = 0

    def flush() -> None:
        joined = "".join(parts)
        parts.clear()
        if pre_depth:
            paragraphs.extend(joined.splitlines())
        else:
            paragraphs.append(_HTML_SPACE.sub(" ", joined))

    # iterwalk, not recursion: a hostile page can nest elements deeper than Python's stack.
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIPPED or element.get("hidden") is not None:
                walker.skip_subtree()
                continue
            if tag in _BLOCKS or tag == "br":
                flush()
            if tag == "pre":
                pre_depth += 1
            if element.text:
                parts.append(element.text)
        else:
            skipped = tag in _SKIPPED or element.get("hidden") is not None
            if tag in _BLOCKS and not skipped:
                flush()
            if tag == "pre" and not skipped:
                pre_depth -= 1
            if element.tail and element is not root:
                parts.append(element.tail)
    flush()
    return paragraphs


def read_html(raw: bytes, path: str, content_hash: str) -> SourceDocument:
    """An HTML page: visible text, one paragraph per block element or <br>-separated line."""
    decoded = decode_bytes(raw, path, declared=declared_charset(raw))
    return SourceDocument(
        path=path,
        format="html",
        encoding=decoded.encoding,
        content_hash=content_hash,
        paragraphs=clean_paragraphs(html_paragraphs(decoded.text, path)),
        warnings=decoded.warnings,
    )
