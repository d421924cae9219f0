"""A strict gettext PO parser: the syntax GNU msgfmt accepts, and nothing else.

polib is lenient: an unterminated string is cut at the line end and the entry imported with
its text cut short ("Hello" -> "Hell"). This reader refuses what msgfmt refuses, with the file,
line and column in the message: unterminated strings, unknown escapes, unknown keywords,
misplaced strings or comments, a missing msgstr, wrong plural indexes, a mix of `#~` and live
lines in one entry, duplicate definitions, and bytes that the charset the header declares
cannot decode. `po_checks` adds what `msgfmt --check` checks on top.

The scan is linear: the file is decoded once, split at LF, and each line is read by one loop
over its characters; no regular expression touches user text.

Escapes inside strings are C's, as gettext's lexer has them: \\n \\t \\b \\r \\f \\v \\a \\\\ \\"
and octal (1-3 digits) and hex (\\x, 1-2 digits) byte escapes, whose bytes are decoded in the
file's charset.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Final

from tmbuilder.errors import FormatError

__all__ = ["PoEntry", "PoFile", "decode_po", "parse_po"]

_KEYWORDS: Final = frozenset({"domain", "msgctxt", "msgid", "msgid_plural", "msgstr"})
_SIMPLE_ESCAPES: Final = {
    "n": "\n",
    "t": "\t",
    "b": "\b",
    "r": "\r",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    "\\": "\\",
    '"': '"',
}
_BLANKS: Final = frozenset(" \t\f\v\r")
_OCTAL: Final = frozenset("01234567")
_HEX: Final = frozenset("0123456789abcdefABCDEF")
_WORD: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Where the header's charset is looked for: the header is the first entry, a few hundred bytes.
_HEADER_SCAN: Final = 64 * 1024


@dataclass
class PoEntry:
    """One message as the file spells it (strings unescaped)."""

    line: int  # line of its msgid (or msgctxt) keyword
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)  # one item, or msgstr[0..n-1] of a plural
    obsolete: bool = False
    flags: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)  # "# text"
    extracted_comments: list[str] = field(default_factory=list)  # "#. text"
    references: list[str] = field(default_factory=list)  # "#: file:line"
    previous: list[str] = field(default_factory=list)  # "#| msgid ..." lines, as written

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete


@dataclass
class PoFile:
    entries: list[PoEntry]
    charset: str
    domains: list[int]  # lines of `domain` directives (msgfmt --check refuses them)

    @property
    def header(self) -> PoEntry | None:
        return next((e for e in self.entries if e.is_header), None)

    def metadata(self) -> dict[str, str]:
        """The header's fields ("Language", "Plural-Forms", ...), as gettext reads them."""
        header = self.header
        fields: dict[str, str] = {}
        if header is None or not header.msgstr:
            return fields
        for line in header.msgstr[0].split("\n"):
            name, colon, value = line.partition(":")
            if colon and name.strip():
                fields.setdefault(name.strip(), value.strip())
        return fields


def header_charset(data: bytes) -> str:
    """The charset the header declares ('' when none): found in the raw bytes, since the
    text cannot be decoded before it is known. PO files are ASCII-compatible by definition."""
    head = data[:_HEADER_SCAN]
    at = head.find(b"charset=")
    if at < 0:
        return ""
    start = at + len(b"charset=")
    end = start
    while end < len(head) and (chr(head[end]) in _WORD or head[end] in b"-.:"):
        end += 1
    return head[start:end].decode("ascii")


def decode_po(name: str, data: bytes) -> tuple[str, str, bool]:
    """The file's text, its charset's Python codec name, and whether some bytes could not be
    decoded. Those are kept as lone surrogates (surrogateescape): msgfmt refuses them inside
    strings but not in comments, and so does the lexer."""
    declared = header_charset(data)
    charset = declared if declared and declared.upper() != "CHARSET" else "utf-8"
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise FormatError(name, f"line 1: unknown charset {declared!r} in the header") from None
    if data.startswith(codecs.BOM_UTF8) and codec == "utf-8":
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(codec), codec, False
    except UnicodeDecodeError:
        return data.decode(codec, errors="surrogateescape"), codec, True


def _undecodable(text: str) -> int:
    """Index of the first byte kept by surrogateescape in `text`, or -1."""
    for i, ch in enumerate(text):
        if "\udc80" <= ch <= "\udcff":
            return i
    return -1


def _replace_undecodable(text: str) -> str:
    return "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in text)


@dataclass
class _Token:
    kind: str  # "keyword", "string", "comment"
    value: str
    line: int
    column: int
    obsolete: bool
    index: int = -1  # msgstr[index]
    bad: int = 0  # column of an undecodable byte in a string (0: none)


class _Lexer:
    def __init__(self, name: str, text: str, codec: str, lossy: bool) -> None:
        self.name = name
        self.text = text
        self.codec = codec
        self.lossy = lossy  # some bytes did not decode (see decode_po)

    def fail(self, line: int, column: int, problem: str) -> FormatError:
        place = f"line {line}:{column}" if column else f"line {line}"
        return FormatError(self.name, f"{place}: {problem}")

    def tokens(self) -> list[_Token]:
        out: list[_Token] = []
        for number, raw in enumerate(self.text.split("\n"), start=1):
            line = raw.removesuffix("\r")
            obsolete = line.startswith("#~")
            start = 0
            if obsolete:
                if line.startswith("#~|"):  # a previous msgid of an obsolete entry
                    out.append(_Token("comment", self._comment(line[1:]), number, 1, True))
                    continue
                start = 2
            elif line.startswith("#"):
                self._check_comment_kind(line, 0, number)
                out.append(_Token("comment", self._comment(line), number, 1, False))
                continue
            self._scan(line, start, number, obsolete, out)
        return out

    def _scan(self, line: str, i: int, number: int, obsolete: bool, out: list[_Token]) -> None:
        end = len(line)
        while i < end:
            ch = line[i]
            if ch in _BLANKS:
                i += 1
            elif ch == '"':
                start = i
                value, i = self._string(line, i, number)
                bad = _undecodable(value) if self.lossy else -1
                column = start + 1 + (bad + 1 if bad >= 0 else 0)
                token = _Token("string", value, number, start + 1, obsolete)
                token.bad = column if bad >= 0 else 0
                out.append(token)
            elif ch == "#":
                self._check_comment_kind(line, i, number)
                out.append(_Token("comment", self._comment(line[i:]), number, i + 1, obsolete))
                return
            elif ch in _WORD:
                start = i
                while i < end and line[i] in _WORD:
                    i += 1
                word = line[start:i]
                if word not in _KEYWORDS:
                    raise self.fail(number, start + 1, f'keyword "{word}" unknown')
                token = _Token("keyword", word, number, start + 1, obsolete)
                if word == "msgstr":
                    j = i
                    while j < end and line[j] in _BLANKS:
                        j += 1
                    if j < end and line[j] == "[":
                        token.index, i = self._index(line, j, number)
                out.append(token)
            else:
                raise self.fail(number, i + 1, f"syntax error (unexpected {ch!r})")

    def _check_comment_kind(self, line: str, at: int, number: int) -> None:
        # msgfmt decodes the character after "#" (it says what kind of comment this is) and
        # refuses it when undecodable; the rest of a comment it never decodes.
        if self.lossy and at + 1 < len(line) and "\udc80" <= line[at + 1] <= "\udcff":
            problem = f"invalid multibyte sequence (not {self.codec})"
            raise self.fail(number, at + 2, problem)

    def _comment(self, text: str) -> str:
        # msgfmt ignores undecodable bytes in comments; they become U+FFFD in notes.
        return _replace_undecodable(text) if self.lossy else text

    def _index(self, line: str, i: int, number: int) -> tuple[int, int]:
        j = i + 1
        start = j
        while j < len(line) and line[j].isascii() and line[j].isdigit():
            j += 1
        if j == start or j >= len(line) or line[j] != "]":
            raise self.fail(number, i + 1, "syntax error (bad msgstr[index])")
        return int(line[start:j]), j + 1

    def _string(self, line: str, i: int, number: int) -> tuple[str, int]:
        """The string starting at the quote at `i`, unescaped, and the index after it."""
        parts: list[str] = []
        pending = bytearray()  # bytes of octal/hex escapes, decoded in the file's charset
        j = i + 1
        end = len(line)
        while j < end:
            ch = line[j]
            if ch == '"':
                self._flush(pending, parts, number, j)
                return "".join(parts), j + 1
            if ch != "\\":
                self._flush(pending, parts, number, j)
                k = j
                while k < end and line[k] != '"' and line[k] != "\\":
                    k += 1
                parts.append(line[j:k])
                j = k
                continue
            if j + 1 >= end:
                break  # a backslash at the end of the line: the string is not closed
            code = line[j + 1]
            if code in _SIMPLE_ESCAPES:
                self._flush(pending, parts, number, j)
                parts.append(_SIMPLE_ESCAPES[code])
                j += 2
            elif code in _OCTAL:
                k = j + 1
                while k < end and k < j + 4 and line[k] in _OCTAL:
                    k += 1
                pending.append(int(line[j + 1 : k], 8) & 0xFF)
                j = k
            elif code == "x" and j + 2 < end and line[j + 2] in _HEX:
                k = j + 2
                while k < end and k < j + 4 and line[k] in _HEX:
                    k += 1
                pending.append(int(line[j + 2 : k], 16))
                j = k
            else:
                raise self.fail(number, j + 2, f"invalid control sequence \\{code}")
        raise self.fail(number, 0, "end-of-line within string")

    def _flush(self, pending: bytearray, parts: list[str], number: int, column: int) -> None:
        if not pending:
            return
        if 0 in pending:
            # msgfmt keeps C strings and silently cuts the text at a \0 escape: refused here.
            raise self.fail(
                number, column, "\\0 escape: a NUL byte in escapes would cut the string"
            )
        try:
            parts.append(bytes(pending).decode(self.codec))
        except UnicodeDecodeError:
            raise self.fail(number, column, "invalid multibyte sequence in escapes") from None
        pending.clear()


def _comment(entry: PoEntry, text: str) -> None:
    if text.startswith("#,"):
        entry.flags.extend(f.strip() for f in text[2:].split(",") if f.strip())
    elif text.startswith("#."):
        entry.extracted_comments.append(text[2:].removeprefix(" "))
    elif text.startswith("#:"):
        entry.references.extend(text[2:].split())
    elif text.startswith("#|"):
        entry.previous.append(text[2:].strip())
    elif text.startswith("#~"):
        pass  # "#~" with nothing after it
    else:
        entry.translator_comments.append(text[1:].removeprefix(" "))


class _Parser:
    def __init__(self, lexer: _Lexer, tokens: list[_Token]) -> None:
        self.lexer = lexer
        self.tokens = tokens
        self.at = 0
        self.bad: list[_Token] = []  # strings of the current message with undecodable bytes

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def fail(self, token: _Token | None, problem: str) -> FormatError:
        if token is None:
            last = self.tokens[-1].line if self.tokens else 1
            return self.lexer.fail(last, 0, f"{problem} at the end of the file")
        return self.lexer.fail(token.line, token.column, problem)

    def strings(self, keyword: _Token) -> str:
        parts: list[str] = []
        while (token := self.peek()) is not None and token.kind == "string":
            if token.obsolete != keyword.obsolete:
                raise self.fail(token, "inconsistent use of #~")
            parts.append(token.value)
            if token.bad:
                self.bad.append(token)
            self.at += 1
        if not parts:
            raise self.fail(self.peek(), f"syntax error (no string after {keyword.value})")
        return "".join(parts)

    def keyword(self, name: str, first: _Token) -> _Token | None:
        token = self.peek()
        if token is None or token.kind != "keyword" or token.value != name:
            return None
        if token.obsolete != first.obsolete:
            raise self.fail(token, "inconsistent use of #~")
        self.at += 1
        return token

    def parse(self) -> tuple[list[PoEntry], list[int]]:
        entries: list[PoEntry] = []
        domains: list[int] = []
        comments: list[_Token] = []
        while (token := self.peek()) is not None:
            if token.kind == "comment":
                comments.append(token)
                self.at += 1
                continue
            if token.kind == "string":
                raise self.fail(token, "syntax error (a string outside any entry)")
            if token.value == "domain":
                self.at += 1
                self.strings(token)
                domains.append(token.line)
                comments = []
                continue
            entry = self.message(token)
            for comment in comments:
                _comment(entry, comment.value)
            comments = []
            entries.append(entry)
        return entries, domains

    def message(self, first: _Token) -> PoEntry:
        entry = PoEntry(line=first.line, obsolete=first.obsolete)
        self.bad = []
        if self.keyword("msgctxt", first):
            entry.msgctxt = self.strings(first)
        msgid = self.keyword("msgid", first)
        if msgid is None:
            raise self.fail(self.peek(), "syntax error (expected msgid)")
        entry.msgid = self.strings(msgid)
        plural = self.keyword("msgid_plural", first)
        if plural is not None:
            entry.msgid_plural = self.strings(plural)
        while True:
            token = self.peek()
            if token is None or token.kind != "keyword" or token.value != "msgstr":
                break
            if token.obsolete != first.obsolete:
                raise self.fail(token, "inconsistent use of #~")
            if plural is None:
                if token.index >= 0:
                    raise self.fail(token, "missing 'msgid_plural' section")
                if entry.msgstr:
                    break  # a second msgstr: the grammar sees the next (broken) entry
            elif token.index < 0:
                raise self.fail(token, "syntax error (msgstr without [index] after msgid_plural)")
            elif token.index != len(entry.msgstr):
                raise self.fail(token, "plural form has wrong index")
            self.at += 1
            entry.msgstr.append(self.strings(token))
            if plural is None:
                break
        if not entry.msgstr:
            raise self.lexer.fail(msgid.line, 0, "missing 'msgstr' section")
        if self.bad:
            if not entry.is_header:
                token = self.bad[0]
                problem = f"invalid multibyte sequence (not {self.lexer.codec})"
                raise self.lexer.fail(token.line, token.bad, problem)
            # msgfmt copies the header as it is; its undecodable bytes become U+FFFD here.
            entry.msgstr = [_replace_undecodable(text) for text in entry.msgstr]
        return entry


def parse_po(name: str, data: bytes) -> PoFile:
    """Parse the bytes of a PO file; FormatError (file, line, column, problem) on any error
    msgfmt reports, including duplicate definitions."""
    text, codec, lossy = decode_po(name, data)
    lexer = _Lexer(name, text, codec, lossy)
    entries, domains = _Parser(lexer, lexer.tokens()).parse()
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            problem = f"duplicate message definition (first defined at line {seen[key]})"
            raise lexer.fail(entry.line, 0, problem)
        seen[key] = entry.line
    return PoFile(entries, codec, domains)
