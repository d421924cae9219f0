"""Markdown inline markup to text in one left-to-right scan, code spans kept as inline codes.

Every construct is found with `str.find` from the current position, and each kind of search
remembers its last answer (`_NextFinder`), so a line with thousands of unclosed `[`, `<!--` or
backticks is still read in linear time; emphasis is paired in one pass per delimiter. The
regular expressions used here match fixed short prefixes only: none has a quantifier over text
whose end depends on a later delimiter (issue 14: the lazy `(.+?)` emphasis patterns this
replaces took 11 s on a 60 KB line).

Rendered as text: [text](url), [text][id], ![alt](src) -> text / alt; <https://...> and
<a@b> autolinks -> the address; inline HTML tags, <!-- comments --> and MDX comments
`{/* ... */}` (heading anchors in React's documentation) are dropped; emphasis markers
(`**`, `__`, `*`, `_`, `~~`) are removed; backslash escapes give the character; entities are
decoded. A code span (`` `x` ``) becomes one inline code (a private-use character, see
inline.py) whose record keeps the span as written, so it is protected from translation and
put back on export.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tmbuilder.inline import MAX_N, CodeKind, InlineCode, code_char

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PRIVATE = 0xF0000  # escaped characters hide in Plane 15 while markup is removed
_ESCAPED = re.compile("[\U000f0021-\U000f007e]")
_TAG_START = re.compile(r"/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])")
_AUTOLINK = re.compile(r"(?:https?|ftp|mailto):[^>\s]+|[^>\s@]+@[^>\s@]+")
_WORD = re.compile(r"\w")


@dataclass
class CodeSink:
    """The inline codes of one paragraph, numbered from 1 in reading order."""

    codes: list[InlineCode] = field(default_factory=list)

    def add(self, content: str, fmt: str, element: str = "code", native: str = "") -> str | None:
        """The code character for `content`, or None when the paragraph holds too many."""
        n = len(self.codes) + 1
        if n > MAX_N:
            return None
        code = InlineCode(
            CodeKind.STANDALONE, n, element=element, content=content, native=native or content,
            fmt=fmt,
        )  # fmt: skip
        self.codes.append(code)
        return code_char(CodeKind.STANDALONE, n)


class _NextFinder:
    """`text.find(needle, start)`, each answer reused while it is still the answer.

    The scan asks from ever later positions, so a search for a closer that is far away (or
    absent) runs once, not once per opener.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._last: dict[str, tuple[int, int]] = {}

    def find(self, needle: str, start: int) -> int:
        last = self._last.get(needle)
        if last is not None:
            asked, found = last
            if asked <= start and (found == -1 or found >= start):
                return found
        found = self._text.find(needle, start)
        self._last[needle] = (start, found)
        return found


def _unescape_hidden(text: str) -> str:
    """Plane-15 stand-ins back to the backslash escapes they were (code spans keep them)."""
    return _ESCAPED.sub(lambda m: "\\" + chr(ord(m.group()) - _PRIVATE), text)


def _backtick_runs(text: str) -> dict[int, list[int]]:
    """Start of every run of backticks, by run length, in order."""
    runs: dict[int, list[int]] = {}
    i = text.find("`")
    while i != -1:
        j = i
        while j < len(text) and text[j] == "`":
            j += 1
        runs.setdefault(j - i, []).append(i)
        i = text.find("`", j)
    return runs


def _scan(text: str, sink: CodeSink) -> str:
    """Links, autolinks, tags, comments and code spans resolved; emphasis left for later."""
    out: list[str] = []
    find = _NextFinder(text).find
    runs = _backtick_runs(text)
    run_index = {length: 0 for length in runs}
    skip_at: dict[int, int] = {}  # "](url)" of a link whose text is being read: jump over it
    size = len(text)
    i = 0
    while i < size:
        if i in skip_at:
            i = skip_at.pop(i)
            continue
        ch = text[i]
        if ch == "`":
            j = i
            while j < size and text[j] == "`":
                j += 1
            length = j - i
            starts = runs[length]
            k = run_index[length]
            while k < len(starts) and starts[k] <= i:
                k += 1
            run_index[length] = k
            if k < len(starts):
                end = starts[k] + length
                run_index[length] = k + 1
                span = _unescape_hidden(text[i:end])
                char = sink.add(span, "md")
                out.append(char if char is not None else span[length:-length].strip())
                i = end
            else:
                out.append(text[i:j])
                i = j
            continue
        if ch == "<" and text.startswith("<!--", i):
            end = find("-->", i + 4)
            if end != -1:
                i = end + 3
                continue
        if ch == "{" and text.startswith("{/*", i):
            end = find("*/}", i + 3)
            if end != -1:
                i = end + 3
                continue
        if ch == "<":
            close = find(">", i + 1)
            following = find("<", i + 1)
            # Neither an autolink nor a tag holds another "<", so the text looked at for each
            # "<" ends before the next one: looking costs linear time in all.
            if close != -1 and (following == -1 or following > close):
                inner = text[i + 1 : close]
                if _AUTOLINK.fullmatch(inner):
                    out.append(inner)
                    i = close + 1
                    continue
                if _TAG_START.match(text, i + 1, close + 1) is not None:
                    i = close + 1
                    continue
        if ch == "[" or (ch == "!" and text.startswith("![", i)):
            opening = i + (2 if ch == "!" else 1)
            close = find("]", opening)
            if close > opening or (ch == "!" and close == opening):
                after = _link_target_end(text, close + 1, find)
                if after != -1:
                    skip_at[close] = after
                    i = opening
                    continue
        out.append(ch)
        i += 1
    return "".join(out)


def _link_target_end(text: str, at: int, find: Callable[[str, int], int]) -> int:
    """End of `(url)` or `[id]` starting at `at`, or -1."""
    if text.startswith("(", at):
        end = find(")", at + 1)
        return -1 if end == -1 else end + 1
    if text.startswith("[", at):
        end = find("]", at + 1)
        return -1 if end == -1 else end + 1
    return -1


def _space(ch: str) -> bool:
    return ch.isspace()


def _strip_delimiter(text: str, delimiter: str) -> str:
    """Remove paired `delimiter`s: opener before a non-space, closer after one (linear)."""
    width = len(delimiter)
    single = delimiter in ("*", "_")
    size = len(text)
    remove: list[int] = []
    pending = -1
    i = text.find(delimiter)
    while i != -1:
        before = text[i - 1] if i else ""
        after = text[i + width] if i + width < size else ""
        if single:
            # a lone * or _ next to another one belongs to ** or __ (handled first) or is text
            opener = bool(after) and not _space(after) and after != delimiter
            closer = bool(before) and not _space(before) and before != delimiter
            if delimiter == "_":
                opener = opener and not (before and (_WORD.match(before) or before == "\\"))
                closer = closer and not (after and _WORD.match(after))
        else:
            opener = bool(after) and not _space(after)
            closer = bool(before) and not _space(before)
        if pending != -1 and closer and i > pending + width:
            remove.extend((pending, i))
            pending = -1
        elif pending == -1 and opener:
            pending = i
        i = text.find(delimiter, i + width)
    if not remove:
        return text
    pieces: list[str] = []
    last = 0
    for at in remove:
        pieces.append(text[last:at])
        last = at + width
    pieces.append(text[last:])
    return "".join(pieces)


def strip_inline(block: str, sink: CodeSink) -> str:
    """The rendered text of one Markdown block; code spans become codes in `sink`."""
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), block)
    text = _scan(text, sink)
    for delimiter in ("**", "__", "*", "_", "~~"):
        if delimiter in text:
            text = _strip_delimiter(text, delimiter)
    text = html.unescape(text)
    return _ESCAPED.sub(lambda m: chr(ord(m.group()) - _PRIVATE), text)
