"""The PO lexer: the file decoded in its header's charset, then each line scanned once into
tokens (keywords, strings with C escapes unescaped, comments), as gettext's po-lex does.
No regular expression with a quantifier touches user text: plain runs inside strings are
skipped with a search for one character class (a quote or a backslash), done in C.
See po_syntax for the grammar and the errors.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Final

from tmbuilder.errors import FormatError

__all__ = ["Lexer", "Token", "decode_po", "header_charset", "replace_undecodable"]

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
_QUOTE_OR_BACKSLASH: Final = re.compile(r'["\\]')
_HEADER_SCAN: Final = 64 * 1024


def header_charset(data: bytes) -> str:
    """The charset the header declares ('' when none): found in the raw bytes, since the
    text cannot be decoded before it is known. PO files are ASCII-compatible by definition."""
    head = data[:_HEADER_SCAN]
    at = head.find(b"charset=")
    if at < 0:
        return ""
    start = at + len(b"charset=")
    while start < len(head) and head[start : start + 1] in (b" ", b"\t"):
        start += 1  # "charset= koi8-r": gettext skips the blanks
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
    except (LookupError, ValueError):  # ValueError: a NUL in the name ("embedded null")
        raise FormatError(name, f"line 1: unknown charset {declared!r} in the header") from None
    if data.startswith(codecs.BOM_UTF8) and codec == "utf-8":
        data = data[len(codecs.BOM_UTF8) :]
    if not codec.startswith("utf") and not data.isascii():
        _refuse_utf8_in_disguise(name, data, declared)
    try:
        return data.decode(codec), codec, False
    except UnicodeDecodeError:
        return data.decode(codec, errors="surrogateescape"), codec, True


def _refuse_utf8_in_disguise(name: str, data: bytes, declared: str) -> None:
    """Refuse a file whose header names a legacy charset but whose text is UTF-8: read as
    declared, every accented letter would be two wrong ones (msgfmt accepts it and compiles
    mojibake). Legacy text is practically never valid UTF-8 with multi-byte sequences."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    first = next(i for i, byte in enumerate(data) if byte > 0x7F)
    line = data.count(b"\n", 0, first) + 1
    problem = f"line {line}: the header says charset={declared}, but the text is UTF-8"
    raise FormatError(name, f"{problem} (it would be read as mojibake); correct the header")


def _undecodable(text: str) -> int:
    """Index of the first byte kept by surrogateescape in `text`, or -1."""
    for i, ch in enumerate(text):
        if "\udc80" <= ch <= "\udcff":
            return i
    return -1


def replace_undecodable(text: str) -> str:
    return "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in text)


@dataclass
class Token:
    kind: str  # "keyword", "string", "comment"
    value: str
    line: int
    column: int
    obsolete: bool
    index: int = -1  # msgstr[index]
    bad: int = 0  # column of an undecodable byte in a string (0: none)


class Lexer:
    def __init__(self, name: str, text: str, codec: str, lossy: bool) -> None:
        self.name = name
        self.text = text
        self.codec = codec
        self.lossy = lossy  # some bytes did not decode (see decode_po)

    def fail(self, line: int, column: int, problem: str) -> FormatError:
        place = f"line {line}:{column}" if column else f"line {line}"
        return FormatError(self.name, f"{place}: {problem}")

    def tokens(self) -> list[Token]:
        out: list[Token] = []
        for number, raw in enumerate(self.text.split("\n"), start=1):
            line = raw.removesuffix("\r")
            obsolete = line.startswith("#~")
            start = 0
            if obsolete:
                if line.startswith("#~|"):  # a previous msgid of an obsolete entry
                    out.append(Token("comment", self._comment(line[1:]), number, 1, True))
                    continue
                start = 2
            elif line.startswith("#"):
                self._check_comment_kind(line, 0, number)
                out.append(Token("comment", self._comment(line), number, 1, False))
                continue
            self._scan(line, start, number, obsolete, out)
        return out

    def _scan(self, line: str, i: int, number: int, obsolete: bool, out: list[Token]) -> None:
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
                token = Token("string", value, number, start + 1, obsolete)
                token.bad = column if bad >= 0 else 0
                out.append(token)
            elif ch == "#":
                self._check_comment_kind(line, i, number)
                out.append(Token("comment", self._comment(line[i:]), number, i + 1, obsolete))
                return
            elif ch in _WORD:
                start = i
                while i < end and line[i] in _WORD:
                    i += 1
                word = line[start:i]
                if word not in _KEYWORDS:
                    raise self.fail(number, start + 1, f'keyword "{word}" unknown')
                token = Token("keyword", word, number, start + 1, obsolete)
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
        return replace_undecodable(text) if self.lossy else text

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
                special = _QUOTE_OR_BACKSLASH.search(line, j)  # in C: linear, no backtracking
                k = special.start() if special else end
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
