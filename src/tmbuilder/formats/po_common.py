"""What the PO writer and reader share: the metadata escaping of tmbuilder's own PO files,
gettext language names and the fuzzy rule (see formats/po.py for the mapping)."""

from __future__ import annotations

import re
from typing import Final

FORMAT_HEADER: Final = "X-Tmbuilder-Format"
MAX_BYTES: Final = 512 * 1024 * 1024  # a PO file is parsed whole, in memory
FUZZY_STATUSES: Final = frozenset({"draft", "rejected"})
META_KEYS: Final = (
    ("tuid", "tuid"),
    ("created", "created_at"),
    ("created-by", "created_by"),
    ("changed", "changed_at"),
    ("changed-by", "changed_by"),
)
# document:paragraph:position, with the "#n" a duplicate got on export.
CONTEXT: Final = re.compile(r"(.*):(\d+):(\d+)(?:#\d+)?", re.DOTALL)
_VALUE_ESCAPES: Final = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
KEY_ESCAPES: Final = {**_VALUE_ESCAPES, ":": "\\c", "@": "\\a"}
_UNESCAPES: Final = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "s": " ", "c": ":", "a": "@"}
_ESCAPED: Final = re.compile(r"\\(u[0-9a-f]{4}|U[0-9a-f]{8}|.)", re.DOTALL)


def _escape_end(ch: str) -> str:
    # polib strips comment lines with str.strip(): any Unicode blank at either end is lost.
    if ch == " ":
        return "\\s"
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def escape(text: str, table: dict[str, str] = _VALUE_ESCAPES) -> str:
    if not text:
        return "\\e"
    out = "".join(table.get(ch, ch) for ch in text)
    if out[0].isspace():
        out = _escape_end(out[0]) + out[1:]
    if len(out) > 1 and out[-1].isspace():
        out = out[:-1] + _escape_end(out[-1])
    return out


def unescape(text: str) -> str:
    if text == "\\e":
        return ""
    return _ESCAPED.sub(_unescape_one, text)


def _unescape_one(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) > 1:  # \uHHHH or \UHHHHHHHH
        return chr(int(code[1:], 16))
    return _UNESCAPES.get(code, match.group(0))


def to_gettext_lang(lang: str) -> str:
    """'en-US' -> 'en_US' (gettext's Language header form)."""
    return lang.replace("-", "_")


def from_gettext_lang(lang: str) -> str:
    """'en_US' -> 'en-US'; a '@modifier' is kept ('sr_RS@latin' -> 'sr-RS@latin')."""
    return lang.strip().replace("_", "-")


def wants_fuzzy(status: str, msgid: str, msgstr: str) -> bool:
    """Whether the writer flags an entry fuzzy (see the module doc)."""
    if not msgstr:
        return False
    if status in FUZZY_STATUSES:
        return True
    return msgid.startswith("\n") != msgstr.startswith("\n") or (
        msgid.endswith("\n") != msgstr.endswith("\n")
    )
