"""Readers for plain text (.txt) and Markdown (.md).

.txt: one paragraph per line; blank lines are skipped. The encoding is detected (see `detect`).

.md: the text a reader sees when the Markdown is rendered, one paragraph per block:
- consecutive text lines form one paragraph (joined with a space), as Markdown renders them, so a
  file hard-wrapped at 80 columns does not cut sentences in half; headings, list items, quote
  blocks, table cells and blank lines end a paragraph;
- skipped: front matter (--- YAML --- or +++ TOML +++ at the top), fenced code blocks (``` and
  ~~~), HTML comments, horizontal rules, setext underlines, link reference definitions
  ([id]: url), table separator rows;
- removed markup, text kept: heading #'s, list bullets and numbers, task boxes, blockquote '>',
  emphasis (* ** _ __ ~~), inline code backticks, inline HTML tags; [text](url), [text][id] and
  ![alt](src) become text / alt; <https://...> autolinks become the address;
- backslash escapes (\\*) give the literal character; HTML entities (&amp;) are decoded.
Not handled: indented (4-space) code blocks are read as text, because telling them from list
continuations needs a full CommonMark parser; nested emphasis inside inline code is stripped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from tmbuilder.ingest.detect import decode_bytes
from tmbuilder.model import SourceDocument
from tmbuilder.text.normalize import clean_text


def clean_paragraphs(lines: Iterable[str]) -> tuple[str, ...]:
    """Each line as stored surface text (clean_text, stripped); empty lines dropped."""
    out = []
    for line in lines:
        text = clean_text(line).strip()
        if text:
            out.append(text)
    return tuple(out)


def read_txt(raw: bytes, path: str, content_hash: str) -> SourceDocument:
    """A plain text file: one paragraph per line."""
    decoded = decode_bytes(raw, path)
    return SourceDocument(
        path=path,
        format="txt",
        encoding=decoded.encoding,
        content_hash=content_hash,
        paragraphs=clean_paragraphs(decoded.text.splitlines()),
        warnings=decoded.warnings,
    )


def read_md(raw: bytes, path: str, content_hash: str) -> SourceDocument:
    """A Markdown file: rendered text, one paragraph per block (see the module docstring)."""
    decoded = decode_bytes(raw, path)
    return SourceDocument(
        path=path,
        format="md",
        encoding=decoded.encoding,
        content_hash=content_hash,
        paragraphs=clean_paragraphs(markdown_paragraphs(decoded.text)),
        warnings=decoded.warnings,
    )


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


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


def markdown_paragraphs(text: str) -> list[str]:
    """Rendered paragraphs of a Markdown document, inline markup removed."""
    lines = text.splitlines()
    blocks: list[str] = []
    current: list[str] = []
    fence = ""
    in_comment = False
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
        if in_comment or line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            flush()
            continue
        quoted = bool(_QUOTE.match(line))
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if quoted != in_quote:
            flush()
            in_quote = quoted
        if fence_match := _FENCE.match(line):
            flush()
            fence = fence_match.group(1)
        elif not line.strip() or _LINK_DEFINITION.match(line):
            flush()
        elif "|" in line and _TABLE_SEPARATOR.match(line):
            # A separator under a buffered header row turns that row into cells.
            header = current.pop() if current and "|" in current[-1] else ""
            flush()
            blocks.extend(_table_cells(header))
        elif _RULE.match(line):
            flush()
        elif heading := _HEADING.match(line):
            flush()
            blocks.append(heading.group(1))
        elif line.lstrip().startswith("|"):
            flush()
            blocks.extend(_table_cells(line))
        elif item := _ITEM.match(line):
            flush()
            current.append(line[item.end() :].strip())
        else:
            current.append(line.strip())
    flush()
    return [_strip_inline(block) for block in blocks]


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PRIVATE = 0xF0000  # escaped characters hide in Plane 15 while markup is removed
_ESCAPED = re.compile("[\U000f0021-\U000f007e]")
_INLINE_RULES = (
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^>\s@]+@[^>\s@]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)


def _strip_inline(block: str) -> str:
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), block)
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    text = html.unescape(text)
    return _ESCAPED.sub(lambda m: chr(ord(m.group()) - _PRIVATE), text)
