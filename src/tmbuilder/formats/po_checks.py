"""What `msgfmt --check` refuses beyond the syntax (po_syntax): checked on a parsed PO file.

- a header entry must exist (msgfmt --check: "PO file header missing");
- `domain` directives are refused ("directive ignored");
- msgid, msgid_plural and every non-empty msgstr of a translated, non-fuzzy entry must agree on
  beginning and ending with "\\n" (msgfmt checks this even without --check);
- plural entries need a Plural-Forms header with a valid C expression, and every translated,
  non-fuzzy plural entry exactly `nplurals` msgstr[n];
- `c-format` and `python-format` entries: the msgstr's directives must be the msgid's
  (same count and argument types; for python-format, the same names);
- `python-brace-format` entries: the msgstr must use the msgid's fields, no others.

Other format languages (qt-format, java-format, ...) are not checked: msgfmt would refuse a
mismatch in them where this reader accepts it.
"""

from __future__ import annotations

from typing import Final

from tmbuilder.errors import FormatError
from tmbuilder.formats.po_syntax import PoEntry, PoFile

__all__ = ["check_po", "nplurals"]

_INT: Final = frozenset("diouxX")
_FLOAT: Final = frozenset("eEfFgGaA")
_CONVERSIONS: Final = _INT | _FLOAT | frozenset("cspnCS")
_FLAGS: Final = frozenset("-+ #0'I")
_SIZES: Final = ("hh", "ll", "h", "l", "L", "q", "j", "z", "Z", "t")


def _fail(name: str, line: int, problem: str) -> FormatError:
    return FormatError(name, f"line {line}: {problem}")


def check_po(name: str, po: PoFile) -> None:
    """FormatError for the first thing `msgfmt --check` would refuse."""
    header = po.header
    if header is None:
        first = po.entries[0].line if po.entries else 1
        raise _fail(name, first, 'no header entry (msgid ""); msgfmt --check refuses the file')
    if po.domains:
        raise _fail(name, po.domains[0], "'domain' directive (msgfmt --check refuses it)")
    live = [e for e in po.entries if not e.obsolete and not e.is_header]
    forms = _plural_forms(name, po, header, live)
    for entry in live:
        if entry.fuzzy:
            continue
        _check_newlines(name, entry)
        translated = all(entry.msgstr)
        if entry.msgid_plural is not None and translated and forms and len(entry.msgstr) != forms:
            problem = f"nplurals = {forms} in the header, but {len(entry.msgstr)} plural forms here"
            raise _fail(name, entry.line, problem)
        if translated and "c-format" in entry.flags:
            _check_format(name, entry, python=False)
        if translated and "python-format" in entry.flags:
            _check_format(name, entry, python=True)
        if translated and "python-brace-format" in entry.flags:
            _check_brace_format(name, entry)


def _plural_forms(name: str, po: PoFile, header: PoEntry, live: list[PoEntry]) -> int:
    """nplurals from the header when any entry has plural forms (0 when none has)."""
    metadata = po.metadata()
    spec = metadata.get("Plural-Forms")
    plural_entries = [e for e in live if e.msgid_plural is not None and not e.fuzzy]
    if spec is None:
        if plural_entries:
            problem = "plural forms but the header has no Plural-Forms"
            raise _fail(name, plural_entries[0].line, problem)
        return 0
    count = nplurals(spec)
    expression = _attribute(spec, "plural")
    if count is None or count < 1 or expression is None or not _valid_expression(expression):
        raise _fail(name, header.line, f"invalid Plural-Forms {spec!r}")
    return count or 0


def _attribute(spec: str, key: str) -> str | None:
    for part in spec.split(";"):
        name, eq, value = part.partition("=")
        if eq and name.strip() == key:
            return value.strip()
    return None


def nplurals(spec: str) -> int | None:
    """The nplurals of a Plural-Forms value, or None."""
    value = _attribute(spec, "nplurals")
    if value is None or not value.isascii() or not value.isdigit():
        return None
    return int(value)


# C expressions over n, as Plural-Forms has them: a small recursive descent (precedence
# climbing) that only says whether the expression is well-formed.
_BINARY: Final = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}


def _tokens(text: str) -> list[str] | None:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in " \t\n\\":
            i += 1
        elif ch.isascii() and ch.isdigit():
            j = i
            while j < len(text) and text[j].isascii() and text[j].isdigit():
                j += 1
            out.append(text[i:j])
            i = j
        elif text[i : i + 2] in ("||", "&&", "==", "!=", "<=", ">="):
            out.append(text[i : i + 2])
            i += 2
        elif ch in "n()?:<>+-*/%!":
            out.append(ch)
            i += 1
        else:
            return None
    return out


def _valid_expression(text: str) -> bool:
    tokens = _tokens(text)
    if not tokens:
        return False
    position = [0]

    def peek() -> str:
        return tokens[position[0]] if position[0] < len(tokens) else ""

    def primary() -> bool:
        token = peek()
        position[0] += 1
        if token == "!":
            return primary()
        if token == "(":
            if not conditional() or peek() != ")":
                return False
            position[0] += 1
            return True
        return token == "n" or token.isdigit()

    def binary(level: int) -> bool:
        if not primary():
            return False
        while _BINARY.get(peek(), 0) >= level:
            op_level = _BINARY[peek()]
            position[0] += 1
            if not binary(op_level + 1):
                return False
        return True

    def conditional() -> bool:
        if not binary(1):
            return False
        if peek() == "?":
            position[0] += 1
            if not conditional() or peek() != ":":
                return False
            position[0] += 1
            return conditional()
        return True

    try:
        return conditional() and position[0] == len(tokens)
    except RecursionError:
        return False


def _check_newlines(name: str, entry: PoEntry) -> None:
    msgid = entry.msgid
    if entry.msgid_plural is not None:
        for edge, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(msgid, "\n") != test(entry.msgid_plural, "\n"):
                problem = f"'msgid' and 'msgid_plural' entries do not both {edge} with '\\n'"
                raise _fail(name, entry.line, problem)
    for msgstr in entry.msgstr:
        if not msgstr:
            continue
        for edge, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(msgid, "\n") != test(msgstr, "\n"):
                problem = f"'msgid' and 'msgstr' entries do not both {edge} with '\\n'"
                raise _fail(name, entry.line, problem)


def format_directives(text: str, *, python: bool) -> list[tuple[str, str]] | None:
    """(argument, type) of each printf directive of `text`, or None when a directive is
    broken. The argument is its position ("1", "2", ... counting unnumbered ones in order) or,
    for python-format, its %(name)."""
    out: list[tuple[str, str]] = []
    i = 0
    counter = 0
    end = len(text)
    while i < end:
        if text[i] != "%":
            i += 1
            continue
        j = i + 1
        argument = ""
        if python and j < end and text[j] == "(":
            close = text.find(")", j)
            if close < 0:
                return None
            argument = "(" + text[j + 1 : close]
            j = close + 1
        else:
            k = j
            while k < end and text[k].isascii() and text[k].isdigit():
                k += 1
            if k > j and k < end and text[k] == "$" and not python:
                argument = text[j:k]
                j = k + 1
        while j < end and text[j] in _FLAGS:
            j += 1
        while j < end and (text[j].isdigit() or text[j] == "*"):
            j += 1
        if j < end and text[j] == ".":
            j += 1
            while j < end and (text[j].isdigit() or text[j] == "*"):
                j += 1
        size = next((s for s in _SIZES if text.startswith(s, j)), "")
        j += len(size)
        if j >= end:
            return None
        conversion = text[j]
        if conversion == "%" and not argument:
            i = j + 1
            continue
        allowed = _CONVERSIONS | (frozenset("r") if python else frozenset())
        if conversion not in allowed:
            return None
        kind = "int" if conversion in _INT else "float" if conversion in _FLOAT else conversion
        if python and kind in ("s", "r"):
            kind = "s"
        if not argument:
            counter += 1
            argument = str(counter)
        out.append((argument, size + kind))
        i = j + 1
    return out


def _check_format(name: str, entry: PoEntry, *, python: bool) -> None:
    language = "Python" if python else "C"
    wanted = format_directives(entry.msgid, python=python)
    if wanted is None:
        return  # msgid is no valid format string: msgfmt does not compare
    for msgstr in entry.msgstr:
        got = format_directives(msgstr, python=python)
        if got is None:
            problem = f"'msgstr' is not a valid {language} format string, unlike 'msgid'"
            raise _fail(name, entry.line, problem)
        if sorted(set(got)) != sorted(set(wanted)) and not (
            entry.msgid_plural is not None and set(got) <= set(wanted)
        ):
            problem = "format specifications in 'msgid' and 'msgstr' do not match"
            raise _fail(name, entry.line, problem)


def brace_fields(text: str) -> set[str] | None:
    """The field names of a Python brace format string ('{0}', '{name.attr}' -> '0', 'name';
    '{}' counts as its position), or None when the braces do not pair up."""
    fields: set[str] = set()
    i, end, auto = 0, len(text), 0
    while i < end:
        ch = text[i]
        if ch == "}":
            if text.startswith("}}", i):
                i += 2
                continue
            return None
        if ch != "{":
            i += 1
            continue
        if text.startswith("{{", i):
            i += 2
            continue
        close = text.find("}", i + 1)
        if close < 0 or "{" in text[i + 1 : close]:
            return None
        inner = text[i + 1 : close]
        name = inner
        for stop in "!:.[":
            name = name.split(stop, 1)[0]
        if not name:
            name = str(auto)
            auto += 1
        fields.add(name)
        i = close + 1
    return fields


def _check_brace_format(name: str, entry: PoEntry) -> None:
    wanted = brace_fields(entry.msgid)
    if wanted is None:
        return
    for msgstr in entry.msgstr:
        got = brace_fields(msgstr)
        if got is None:
            problem = "'msgstr' is not a valid Python brace format string, unlike 'msgid'"
            raise _fail(name, entry.line, problem)
        missing = sorted(wanted - got) if entry.msgid_plural is None else []
        extra = sorted(got - wanted)
        if missing:
            problem = (
                f"a format specification for argument '{missing[0]}' doesn't exist in 'msgstr'"
            )
            raise _fail(name, entry.line, problem)
        if extra:
            problem = f"a format specification for argument '{extra[0]}' is not in 'msgid'"
            raise _fail(name, entry.line, problem)
