"""A strict gettext PO parser: the syntax GNU msgfmt accepts, and nothing else.

polib is lenient: an unterminated string is cut at the line end and the entry imported with
its text cut short ("Hello" -> "Hell"). This reader refuses what msgfmt refuses, with the file,
line and column in the message: unterminated strings, unknown escapes, unknown keywords,
misplaced strings or comments, a missing msgstr, wrong plural indexes, a mix of `#~` and live
lines in one entry, duplicate definitions, and bytes that the charset the header declares
cannot decode. `po_checks` adds what `msgfmt --check` checks on top.

The scan is linear: the file is decoded once, split at LF, and each line is read by one loop
over its characters (runs of plain string text are skipped with a one-character-class search
done in C; no regular expression with a quantifier touches user text).

Escapes inside strings are C's, as gettext's lexer has them: \\n \\t \\b \\r \\f \\v \\a \\\\ \\"
and octal (1-3 digits) and hex (\\x, 1-2 digits) byte escapes, whose bytes are decoded in the
file's charset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tmbuilder.errors import FormatError
from tmbuilder.formats.po_lex import Lexer, Token, decode_po, replace_undecodable

__all__ = ["PoEntry", "PoFile", "decode_po", "parse_po"]


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
    def __init__(self, lexer: Lexer, tokens: list[Token]) -> None:
        self.lexer = lexer
        self.tokens = tokens
        self.at = 0
        self.bad: list[Token] = []  # strings of the current message with undecodable bytes

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def fail(self, token: Token | None, problem: str) -> FormatError:
        if token is None:
            last = self.tokens[-1].line if self.tokens else 1
            return self.lexer.fail(last, 0, f"{problem} at the end of the file")
        return self.lexer.fail(token.line, token.column, problem)

    def strings(self, keyword: Token) -> str:
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

    def keyword(self, name: str, first: Token) -> Token | None:
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
        comments: list[Token] = []
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

    def message(self, first: Token) -> PoEntry:
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
            entry.msgstr = [replace_undecodable(text) for text in entry.msgstr]
        return entry


def parse_po(name: str, data: bytes) -> PoFile:
    """Parse the bytes of a PO file; FormatError (file, line, column, problem) on any error
    msgfmt reports, including duplicate definitions."""
    text, codec, lossy = decode_po(name, data)
    lexer = Lexer(name, text, codec, lossy)
    entries, domains = _Parser(lexer, lexer.tokens()).parse()
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            problem = f"duplicate message definition (first defined at line {seen[key]})"
            raise lexer.fail(entry.line, 0, problem)
        seen[key] = entry.line
    return PoFile(entries, codec, domains)
