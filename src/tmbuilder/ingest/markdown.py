"""Reader for Markdown (.md, including the MDX-flavoured Markdown of React's documentation).

The text a reader sees when the Markdown is rendered, one paragraph per block:
- consecutive text lines form one paragraph (joined with a space), as Markdown renders them, so a
  file hard-wrapped at 80 columns does not cut sentences in half; headings, list items, quote
  blocks, table cells and blank lines end a paragraph;
- skipped: front matter (--- YAML --- or +++ TOML +++ at the top), fenced code blocks (``` and
  ~~~), HTML comments and MDX comments (`{/* ... */}`, also as heading anchors), horizontal
  rules, setext underlines, link reference definitions ([id]: url), table separator rows;
- removed markup, text kept: heading #'s and `{#id}` anchors, list bullets, task boxes,
  blockquote '>', emphasis, inline HTML tags; links and images become their text; numbered list
  labels ("1.", "13)") stay in the text, because legal and technical text cites them;
- inline code (`` `<nav>` ``) becomes a protected inline code (see inline.py and
  markdown_inline.py): one private-use character in the paragraph, its record in
  `SourceDocument.codes`;
- backslash escapes (\\*) give the literal character; HTML entities (&amp;) are decoded.
Not handled: indented (4-space) code blocks are read as text, because telling them from list
continuations needs a full CommonMark parser.

Every line is read once and no regular expression here has a quantifier inside a quantifier, so
reading is linear in the size of the file whatever it holds (issue 14).
"""

from __future__ import annotations

import re

from tmbuilder.ingest.detect import decode_bytes
from tmbuilder.ingest.markdown_inline import CodeSink, strip_inline
from tmbuilder.ingest.plain import clean_paragraphs_with_codes, incoming_text
from tmbuilder.inline import InlineCode
from tmbuilder.model import SourceDocument

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"[ \t]*(?:[-*+]|(\d{1,9}[.)]))[ \t]+(?:\[[ xX]\][ \t]+)?")
_LINK_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S")
_SEPARATOR_CELL = re.compile(r":?-+:?")
_HEADING_ANCHOR = re.compile(r"\{#[^{}\s]*\}")


def read_md(raw: bytes, path: str, content_hash: str) -> SourceDocument:
    """A Markdown file: rendered text, one paragraph per block (see the module docstring)."""
    decoded = decode_bytes(raw, path)
    text, warnings = incoming_text(decoded.text, decoded.warnings)
    paragraphs, codes = clean_paragraphs_with_codes(markdown_blocks(text))
    return SourceDocument(
        path=path,
        format="md",
        encoding=decoded.encoding,
        content_hash=content_hash,
        paragraphs=paragraphs,
        warnings=warnings,
        codes=codes,
    )


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after front matter, 0 if there is none."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return 0
    closers = ("---", "...") if lines[0].strip() == "---" else ("+++",)
    for i in range(1, len(lines)):
        if lines[i].strip() in closers:
            return i + 1
    return 0  # never closed: it was a horizontal rule, not front matter


def _table_cells(line: str) -> list[str]:
    cells = (cell.strip() for cell in line.strip().strip("|").split("|"))
    return [cell for cell in cells if cell]


def _is_rule(line: str) -> bool:
    """A thematic break (--- *** ___, spaces allowed) or a setext underline (===)."""
    if len(line) - len(line.lstrip(" ")) > 3:
        return False
    body = line.strip()
    if not body:
        return False
    if set(body) == {"="}:
        return True
    marks = set(body) - {" ", "\t"}
    if len(marks) != 1 or next(iter(marks)) not in "-*_":
        return False
    return body.count(next(iter(marks))) >= 3


def _is_table_separator(line: str) -> bool:
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return bool(cells) and all(_SEPARATOR_CELL.fullmatch(cell) for cell in cells)


def _heading(line: str) -> str | None:
    """The text of an ATX heading line, or None if the line is not one."""
    indent = len(line) - len(line.lstrip(" "))
    if indent > 3:
        return None
    body = line[indent:]
    level = len(body) - len(body.lstrip("#"))
    if not 1 <= level <= 6:
        return None
    rest = body[level:]
    if rest and rest[0] not in " \t":
        return None
    rest = rest.strip(" \t")
    closing = rest.rstrip("#")
    if closing != rest and (not closing or closing[-1] in " \t"):
        rest = closing.rstrip(" \t")
    if rest.endswith("}"):
        rest = _HEADING_ANCHOR.sub("", rest).rstrip()
    return rest


def _unquote(line: str) -> tuple[str, bool]:
    """The line without its blockquote markers ('> > text'), and whether it had any."""
    i = 0
    quoted = False
    while True:
        j = i
        while j < len(line) and j - i < 3 and line[j] == " ":
            j += 1
        if j < len(line) and line[j] == ">":
            quoted = True
            i = j + 1
            if i < len(line) and line[i] in " \t":
                i += 1
            continue
        return line[i:], quoted


def markdown_blocks(text: str) -> list[tuple[str, tuple[InlineCode, ...]]]:
    """Rendered paragraphs of a Markdown document with their inline codes."""
    return [
        (rendered, tuple(sink.codes))
        for block in markdown_paragraph_sources(text)
        for sink in (CodeSink(),)
        for rendered in (strip_inline(block, sink),)
    ]


def markdown_paragraph_sources(text: str) -> list[str]:
    """The blocks of a Markdown document, inline markup still in them."""
    lines = text.splitlines()
    blocks: list[str] = []
    current: list[str] = []
    fence = ""
    comment_end = ""  # "-->" or "*/}" while inside a comment spanning lines
    in_quote = False

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in lines[_front_matter_end(lines) :]:
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        if comment_end:
            if comment_end in line:
                comment_end = ""
            continue
        stripped = line.lstrip()
        opener = (
            "<!--" if stripped.startswith("<!--") else "{/*" if stripped.startswith("{/*") else ""
        )
        if opener:
            closer = "-->" if opener == "<!--" else "*/}"
            flush()
            end = stripped.find(closer, len(opener))
            if end == -1:
                comment_end = closer
                continue
            rest = stripped[end + len(closer) :]
            if not rest.strip():
                continue
            line = rest
        line, quoted = _unquote(line)
        if quoted != in_quote:
            flush()
            in_quote = quoted
        if fence_match := _FENCE.match(line):
            flush()
            fence = fence_match.group(1)
        elif not line.strip() or _LINK_DEFINITION.match(line):
            flush()
        elif "|" in line and "-" in line and _is_table_separator(line):
            # A separator under a buffered header row turns that row into cells.
            header = current.pop() if current and "|" in current[-1] else ""
            flush()
            blocks.extend(_table_cells(header))
        elif _is_rule(line):
            flush()
        elif (heading := _heading(line)) is not None:
            flush()
            blocks.append(heading)
        elif line.lstrip().startswith("|"):
            flush()
            blocks.extend(_table_cells(line))
        elif item := _ITEM.match(line):
            flush()
            label = item.group(1)
            content = line[item.end() :].strip()
            current.append(f"{label} {content}" if label else content)
        else:
            current.append(line.strip())
    flush()
    return blocks
