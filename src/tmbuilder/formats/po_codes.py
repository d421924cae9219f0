"""Placeholders in software strings as inline codes (tmbuilder.inline).

A PO message is a program's string: `%s`, `%1$d`, `%(name)s`, `{0}`, `{name}`, `{{ expr }}` and,
in strings that carry HTML, `<b>...</b>` are not words to translate but slots the program fills
or formats. They become codes: one private-use character each in the text, with an InlineCode
keeping the exact original (`content`), so that matching ignores them and the writer puts back
the same text. Source and target share numbers: the target's `%s` is the source's `%s` when the
text is the same; a placeholder only the target has gets a number of its own.

Recognised (a linear scan: a one-character-class search jumps to the next "%", "{" or "<",
then bounded look-aheads; no regular expression with a quantifier):

- printf: `%` [argument `n$` or python `(name)`] [flags `-+0`, and ` #'` only in entries flagged
  c-format/python-format, where "100% sure" cannot mean "% s"] [width] [.precision] [size]
  conversion (`diouxXeEfFgGaAcspn`, and `r` for Python); `%%` stays text;
- braces: `{}`, `{0}`, `{name}`, `{name.attr}`, `{0!r}`, `{0:>10}` (no nested braces, 64 chars);
- `{{ expr }}` (Angular, Jinja, Vue), up to 200 characters;
- HTML tags (`<b>`, `</b>`, `<br/>`, `<a href="...">`), only tags of HTML's own vocabulary, so
  "<filename>" in a usage line stays text: opening/closing pairs, void elements standalone.
"""

from __future__ import annotations

import re
from typing import Final

from tmbuilder.inline import CodeKind, InlineCode, clean_text, code_char

__all__ = ["placeholders_to_codes"]

_PRINTF_CONVERSIONS: Final = frozenset("diouxXeEfFgGaAcspn")
_SAFE_FLAGS: Final = frozenset("-+0")
_FORMAT_FLAGS: Final = frozenset(" #'")
_SIZES: Final = ("hh", "ll", "h", "l", "L", "q", "j", "z", "t")
_IDENT: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.[]")
# HTML's phrasing and common block elements (WHATWG HTML, "Phrasing content"), lower case.
_TAG_NAMES: Final = (
    "a abbr b big blockquote br cite code del div em font h1 h2 h3 h4 h5 h6 hr i img input "
    "ins kbd li mark ol p pre q s samp small span strike strong sub sup table td th tr tt u "
    "ul var"
)
_HTML_TAGS: Final = frozenset(_TAG_NAMES.split(" "))
_VOID_TAGS: Final = frozenset({"br", "hr", "img", "input"})
# Single characters that may start a placeholder: a character class, found in C, linear.
_CANDIDATES: Final = re.compile(r"[%{]")
_CANDIDATES_HTML: Final = re.compile(r"[%{<]")
_PRIVATE_USE: Final = re.compile("[\ue000-\uefff]")
_MAX_BRACE: Final = 64
_MAX_EXPR: Final = 200
_MAX_TAG: Final = 300


def _printf(text: str, i: int, full_flags: bool) -> int:
    """End of a printf directive starting at text[i] == '%', or 0."""
    end = len(text)
    j = i + 1
    if j < end and text[j] == "(":
        close = text.find(")", j, j + _MAX_BRACE)
        if close < 0:
            return 0
        j = close + 1
    else:
        k = j
        while k < end and "0" <= text[k] <= "9":
            k += 1
        if k > j and k < end and text[k] == "$":
            j = k + 1
    flags = _SAFE_FLAGS | (_FORMAT_FLAGS if full_flags else frozenset())
    while j < end and text[j] in flags:
        j += 1
    while j < end and ("0" <= text[j] <= "9" or text[j] == "*"):
        j += 1
    if j < end and text[j] == ".":
        j += 1
        while j < end and ("0" <= text[j] <= "9" or text[j] == "*"):
            j += 1
    for size in _SIZES:
        if text.startswith(size, j):
            j += len(size)
            break
    if j < end and (text[j] in _PRINTF_CONVERSIONS or (text[j] == "r" and text[i + 1] == "(")):
        return j + 1
    return 0


def _brace(text: str, i: int) -> int:
    """End of `{{ expr }}` or `{field}` starting at text[i] == '{', or 0."""
    if text.startswith("{{", i):
        close = text.find("}}", i + 2, i + 2 + _MAX_EXPR)
        inner = text[i + 2 : close] if close >= 0 else ""
        if close >= 0 and "{" not in inner and inner.strip():
            return close + 2
        return 0
    close = text.find("}", i + 1, i + 2 + _MAX_BRACE)
    if close < 0:
        return 0
    inner = text[i + 1 : close]
    if "{" in inner:
        return 0
    field, _, spec = inner.partition(":")
    field = field.removesuffix("!r").removesuffix("!s").removesuffix("!a")
    if all(ch in _IDENT for ch in field) and "\n" not in spec:
        return close + 1
    return 0


def _tag(text: str, i: int) -> tuple[int, str, str]:
    """(end, tag name, 'open'/'close'/'void') of an HTML tag at text[i] == '<', or (0, ...)."""
    close = text.find(">", i + 1, i + 1 + _MAX_TAG)
    if close < 0:
        return 0, "", ""
    inner = text[i + 1 : close]
    if "<" in inner:
        return 0, "", ""
    role = "open"
    if inner.startswith("/"):
        role, inner = "close", inner[1:]
    elif inner.endswith("/"):
        role, inner = "void", inner[:-1]
    name = inner.split(None, 1)[0].lower() if inner.strip() else ""
    if name not in _HTML_TAGS or inner[: len(name)].lower() != name:
        return 0, "", ""
    if role == "open" and name in _VOID_TAGS:
        role = "void"
    return close + 1, name, role


def _has_html(text: str) -> bool:
    at = text.find("<")
    while at >= 0:
        if _tag(text, at)[0]:
            return True
        at = text.find("<", at + 1)
    return False


class _Numbering:
    """Numbers shared by source and target (see the module doc)."""

    def __init__(self) -> None:
        self.records: dict[tuple[CodeKind, int], InlineCode] = {}
        self.next = {CodeKind.STANDALONE: 1, CodeKind.OPEN: 1, CodeKind.ISOLATED: 1}
        self.source_codes: list[tuple[CodeKind, int, str]] = []

    def new(self, kind: CodeKind, element: str, content: str) -> int:
        counter = CodeKind.OPEN if kind is CodeKind.CLOSE else kind
        n = self.next[counter]
        self.next[counter] = n + 1
        self.records[(kind, n)] = InlineCode(kind, n, element, content, content, "po")
        return n

    def add(self, kind: CodeKind, n: int, element: str, content: str) -> None:
        self.records[(kind, n)] = InlineCode(kind, n, element, content, content, "po")


def _tokenize(
    text: str, numbering: InlineNumbering, *, source: bool, html: bool, full_flags: bool
) -> str:
    out: list[str] = []
    used: set[tuple[CodeKind, int]] = set()
    stack: list[tuple[str, int]] = []
    i = 0
    end = len(text)
    plain_from = 0
    candidates = _CANDIDATES_HTML if html else _CANDIDATES
    while i < end:
        found = candidates.search(text, i)  # jump to the next "%", "{" (or "<")
        if found is None:
            break
        i = found.start()
        ch = text[i]
        stop = 0
        kind = CodeKind.STANDALONE
        element = ""
        name = ""
        if ch == "%":
            stop, element = _printf(text, i, full_flags), "printf"
        elif ch == "{":
            stop = _brace(text, i)
            element = "expr" if text.startswith("{{", i) else "brace"
        elif ch == "<" and html:
            stop, name, role = _tag(text, i)
            element = "html"
            kind = {"open": CodeKind.OPEN, "close": CodeKind.CLOSE}.get(role, CodeKind.STANDALONE)
        if not stop:
            i += 1 if ch != "%" or not text.startswith("%%", i) else 2
            continue
        out.append(text[plain_from:i])
        content = text[i:stop]
        out.append(numbering.place(kind, element, content, name, used, stack, source=source))
        i = plain_from = stop
    out.append(text[plain_from:])
    numbering.close_unmatched(out, stack)
    return "".join(out)


class InlineNumbering(_Numbering):
    def place(
        self,
        kind: CodeKind,
        element: str,
        content: str,
        name: str,
        used: set[tuple[CodeKind, int]],
        stack: list[tuple[str, int]],
        *,
        source: bool,
    ) -> str:
        if kind is CodeKind.CLOSE:
            while stack and stack[-1][0] != name:
                stack.pop()
            if not stack:
                n = self.new(CodeKind.ISOLATED, element, content)
                return code_char(CodeKind.ISOLATED, n)
            n = stack.pop()[1]
            record = self.records.get((CodeKind.CLOSE, n))
            if record is None:
                self.add(CodeKind.CLOSE, n, element, content)
            elif record.content != content:
                n = self.new(CodeKind.ISOLATED, element, content)
                return code_char(CodeKind.ISOLATED, n)
            return code_char(CodeKind.CLOSE, n)
        if not source:
            for skind, sn, scontent in self.source_codes:
                if skind is kind and scontent == content and (kind, sn) not in used:
                    used.add((kind, sn))
                    if kind is CodeKind.OPEN:
                        stack.append((name, sn))
                    return code_char(kind, sn)
        n = self.new(kind, element, content)
        used.add((kind, n))
        if source:
            self.source_codes.append((kind, n, content))
        if kind is CodeKind.OPEN:
            stack.append((name, n))
        return code_char(kind, n)

    def close_unmatched(self, out: list[str], stack: list[tuple[str, int]]) -> None:
        # An opening tag never closed in this string stays an opening code: the writer puts
        # its content back all the same, and QA sees the unpaired code.
        stack.clear()


def placeholders_to_codes(
    source: str, target: str, *, flags: tuple[str, ...] = ()
) -> tuple[str, str, tuple[InlineCode, ...], int]:
    """Source and target with their placeholders as codes, the codes, and how many stray
    private-use characters were replaced with U+FFFD (see inline.clean_text)."""
    stray_source = stray_target = 0
    if _PRIVATE_USE.search(source):
        source, stray_source = clean_text(source)
    if _PRIVATE_USE.search(target):
        target, stray_target = clean_text(target)
    full_flags = any(f in ("c-format", "python-format") for f in flags)
    if "no-c-format" in flags and "no-python-format" in flags:
        full_flags = False
    html = _has_html(source) or _has_html(target)
    numbering = InlineNumbering()
    new_source = _tokenize(source, numbering, source=True, html=html, full_flags=full_flags)
    new_target = _tokenize(target, numbering, source=False, html=html, full_flags=full_flags)
    codes = tuple(numbering.records[key] for key in sorted(numbering.records))
    return new_source, new_target, codes, stray_source + stray_target
