"""Reader for HTML (.html, .htm): the visible text of the page's main content, one paragraph per
block.

Choices:
- Main content only. When the page marks its main content (`<main>`, or `role="main"`) only that
  is read; otherwise, when it has `<article>` elements, only they are read (in page order);
  otherwise the whole body. In every case navigation and page furniture are skipped: `<nav>`,
  `<aside>`, `<header>` and `<footer>` of the page (an `<article>`'s or `<section>`'s own header
  holds its title and is kept), elements with role navigation, banner, contentinfo,
  complementary or search, and `<pre>` (program code and its output are not prose). Pages
  older than HTML5 name their furniture in classes and ids: an element whose class or id holds
  one of the words of `_FURNITURE_WORDS` (nav, menu, sidebar, breadcrumb, share, sr-only, ...)
  is skipped too, and `header`/`footer` words count at page level only.
- A paragraph is the text of a block element (p, h1-h6, li, td, th, blockquote, figcaption, div,
  dt, dd, caption, ...) that is not inside a nested block; the text of a div around a nested
  <p> gives separate paragraphs before and after it. <br> ends a paragraph.
- Inline `<code>`, `<kbd>` and `<samp>` become inline codes (inline.py): one protected
  character in the paragraph, the element kept in `SourceDocument.codes`.
- Dropped: <head> (so <title> too: it names the page, it is not body text), script, style,
  noscript, template, svg, math, iframe, object, select, and anything with the `hidden`
  attribute. Image alt text is not body text and is dropped.
- Whitespace collapses as a browser collapses it (ASCII whitespace only, so &nbsp; stays).
- Encoding: BOM, then <meta charset> / http-equiv / XML declaration when the bytes agree, then
  detection (see `detect`; a page declaring latin-1 but written in TCVN3 or VNI is recognised).
- Parsing: libxml2's HTML parser, network off, no huge-tree mode. It never loads DTDs and does
  not expand entities declared in a document's internal subset; we remove any DOCTYPE first so
  such a subset cannot leak as text either. That removal is a linear scan (`_without_doctype`):
  the regular expression it replaces was cubic on an unclosed DOCTYPE (153 s for 22 KB).
"""

from __future__ import annotations

import re

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.ingest.detect import decode_bytes
from tmbuilder.ingest.markdown_inline import CodeSink
from tmbuilder.ingest.plain import clean_paragraphs_with_codes, incoming_text
from tmbuilder.inline import InlineCode
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
    "embed", "canvas", "select", "datalist", "audio", "video", "nav", "aside", "pre",
))
# Page furniture when they belong to the page rather than to an article or section.
_PAGE_PARTS = frozenset(("header", "footer"))
_SECTIONING = frozenset(("article", "section", "main"))
_SKIPPED_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search"))
_CODE = frozenset(("code", "kbd", "samp"))
# Pages written before HTML5 mark their furniture by class or id, not by tag. A word of a class or
# id (split at spaces, "-" and "_") from this list skips the element; the words follow the
# "unlikely candidates" of Mozilla's Readability (Apache-2.0), narrowed to unambiguous ones.
_FURNITURE_WORDS = frozenset((
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "masthead",
    "social", "share", "sharing", "cookie", "cookies", "pagination", "pager", "comments",
    "skiplinks", "sr-only",
))
# ... and these only when they belong to the page, not to an article or section
_PAGE_PART_WORDS = frozenset(("header", "footer", "hdr", "ftr"))
# fmt: on
_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_NAME_SEPARATORS = re.compile(r"[\s_-]+")


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


def _without_doctype(text: str) -> str:
    """`text` without its first DOCTYPE declaration, internal subset included (linear)."""
    match = _DOCTYPE.search(text)
    if match is None:
        return text
    start = match.end()
    close = text.find(">", start)
    bracket = text.find("[", start)
    if bracket != -1 and (close == -1 or bracket < close):
        subset_end = text.find("]", bracket)
        close = -1 if subset_end == -1 else text.find(">", subset_end)
    if close == -1:
        return text[: match.start()]  # never closed: everything after is inside it
    return text[: match.start()] + text[close + 1 :]


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _skipped(element: etree._Element, tag: str, sectioning: int) -> bool:
    if tag in _SKIPPED or element.get("hidden") is not None:
        return True
    if element.get("role", "").strip().lower() in _SKIPPED_ROLES:
        return True
    if tag in _PAGE_PARTS and sectioning == 0:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    if not names.strip():
        return False
    if "sr-only" in names:
        return True
    words = set(_NAME_SEPARATORS.split(names[:200]))
    if words & _FURNITURE_WORDS:
        return True
    return sectioning == 0 and bool(words & _PAGE_PART_WORDS)


def _content_roots(root: etree._Element) -> list[etree._Element]:
    """The elements to read: <main>, else the <article>s, else the whole page."""
    mains: list[etree._Element] = []
    articles: list[etree._Element] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "main" or element.get("role", "").strip().lower() == "main":
            mains.append(element)
        elif tag == "article":
            articles.append(element)
    for found in (mains, articles):
        if found:
            chosen = set(found)
            # a nested article is read as part of the one around it
            return [e for e in found if not any(a in chosen for a in e.iterancestors())]
    return [root]


def html_paragraphs(text: str, path: str) -> list[str]:
    """Visible text of an HTML document, one string per block (see the module docstring)."""
    return [paragraph for paragraph, _codes in html_blocks(text, path)]


def html_blocks(text: str, path: str) -> list[tuple[str, tuple[InlineCode, ...]]]:
    """The main content of an HTML document, one paragraph per block, with its inline codes."""
    text = _XML_DECLARATION.sub("", _without_doctype(text), count=1)
    parser = _parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.LxmlError as exc:
        raise FormatError(path, f"malformed HTML ({_one_line(str(exc))})") from None
    # The HTML parser recovers from almost anything; a fatal error (nesting deeper than 256
    # elements, say) means it stopped early and the rest of the page would be silently lost.
    for error in parser.error_log:
        if error.level == etree.ErrorLevels.FATAL:
            raise FormatError(
                path, f"malformed HTML (line {error.line}: {_one_line(error.message)})"
            )
    if root is None:
        return []
    blocks: list[tuple[str, tuple[InlineCode, ...]]] = []
    for content in _content_roots(root):
        _read_blocks(content, 0 if content is root else 1, blocks)
    return blocks


def _read_blocks(
    top: etree._Element, sectioning: int, blocks: list[tuple[str, tuple[InlineCode, ...]]]
) -> None:
    parts: list[str] = []
    sink = CodeSink()

    def flush() -> None:
        nonlocal sink
        joined = _HTML_SPACE.sub(" ", "".join(parts))
        parts.clear()
        if joined.strip():
            blocks.append((joined, tuple(sink.codes)))
            sink = CodeSink()

    # iterwalk, not recursion: a hostile page can nest elements deeper than Python's stack.
    walker = etree.iterwalk(top, events=("start", "end"))
    # Elements whose subtree was skipped: their end event still comes, and must neither close
    # a section nor a paragraph. Decided once, at their start.
    skipped: set[etree._Element] = set()
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if _skipped(element, tag, sectioning):
                skipped.add(element)
                walker.skip_subtree()
                continue
            if tag in _CODE:
                content = "".join(element.itertext())
                native = etree.tostring(element, encoding="unicode", with_tail=False)
                char = sink.add(content, "html", element=tag, native=native)
                parts.append(char if char is not None else content)
                walker.skip_subtree()
                continue
            if tag in _SECTIONING:
                sectioning += 1
            if tag in _BLOCKS or tag == "br":
                flush()
            if element.text:
                parts.append(element.text)
        else:
            was_skipped = element in skipped
            if was_skipped:
                skipped.discard(element)
            elif tag in _SECTIONING:
                sectioning -= 1
            if tag in _BLOCKS and not was_skipped:
                flush()
            if element.tail and element is not top:
                parts.append(element.tail)
    flush()


def read_html(raw: bytes, path: str, content_hash: str) -> SourceDocument:
    """An HTML page: visible text, one paragraph per block element or <br>-separated line."""
    decoded = decode_bytes(raw, path, declared=declared_charset(raw))
    text, warnings = incoming_text(decoded.text, decoded.warnings)
    paragraphs, codes = clean_paragraphs_with_codes(html_blocks(text, path))
    return SourceDocument(
        path=path,
        format="html",
        encoding=decoded.encoding,
        content_hash=content_hash,
        paragraphs=paragraphs,
        warnings=warnings,
        codes=codes,
    )
