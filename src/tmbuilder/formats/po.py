"""Gettext PO and MO through polib.

Mapping between a PO entry and a MemoryUnit (files carrying the `X-Tmbuilder-Format: 1` header):

- msgid/msgstr <-> source/target; the header's X-Source-Language and Language <-> src_lang and
  tgt_lang (Language in gettext form: en_US <-> en-US).
- msgctxt is "document:paragraph:position" (from x-document/x-paragraph/x-position), else the
  tuid, else none; a repeated msgctxt+msgid gets "#2", "#3", ... appended, because gettext
  forbids duplicates. msgctxt is for gettext and humans: the reader takes the unit's metadata
  from the comments below, and parses msgctxt only in files tmbuilder did not write.
- Extracted comments hold the metadata, one escaped line each: `#. @x-status: reviewed` for
  every prop in order, `#. @@tuid: 17`, `@@created`, `@@created-by`, `@@changed`, `@@changed-by`.
- Translator comments hold the notes, one escaped line per note.
- The fuzzy flag marks draft and rejected units, and any unit whose msgid and msgstr do not
  both begin and end with a newline (msgfmt --check refuses those unless fuzzy). A reader that
  finds the flag disagreeing with the stored x-status trusts the flag: a translator who clears
  "fuzzy" in Poedit has accepted the draft (x-status becomes translated).

Escaping in comment lines: backslash, newline, CR and tab as \\\\ \\n \\r \\t; a blank at either
end as \\s (space) or \\uHHHH (polib strips lines with str.strip()); an empty note as \\e.

Units with an empty source are skipped with a warning: the empty msgid is the PO header.
MO keeps only msgctxt, msgid and msgstr, and only translated, non-fuzzy entries.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import polib

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.atomic import WriteReport, atomic_path, tool_version
from tmbuilder.formats.xmlsafe import TextCleaner, one_line
from tmbuilder.model import MemoryUnit

__all__ = ["read_mo", "read_po", "write_mo", "write_po"]

FORMAT_HEADER: Final = "X-Tmbuilder-Format"
MAX_BYTES: Final = 512 * 1024 * 1024  # polib parses a whole file into memory
FUZZY_STATUSES: Final = frozenset({"draft", "rejected"})
_META_KEYS: Final = (
    ("tuid", "tuid"),
    ("created", "created_at"),
    ("created-by", "created_by"),
    ("changed", "changed_at"),
    ("changed-by", "changed_by"),
)
# document:paragraph:position, with the "#n" a duplicate got on export.
_CONTEXT: Final = re.compile(r"(.*):(\d+):(\d+)(?:#\d+)?", re.DOTALL)
_VALUE_ESCAPES: Final = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_KEY_ESCAPES: Final = {**_VALUE_ESCAPES, ":": "\\c", "@": "\\a"}
_UNESCAPES: Final = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "s": " ", "c": ":", "a": "@"}
_ESCAPED: Final = re.compile(r"\\(u[0-9a-f]{4}|U[0-9a-f]{8}|.)", re.DOTALL)


def _escape_end(ch: str) -> str:
    # polib strips comment lines with str.strip(): any Unicode blank at either end is lost.
    if ch == " ":
        return "\\s"
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def _escape(text: str, table: dict[str, str] = _VALUE_ESCAPES) -> str:
    if not text:
        return "\\e"
    out = "".join(table.get(ch, ch) for ch in text)
    if out[0].isspace():
        out = _escape_end(out[0]) + out[1:]
    if len(out) > 1 and out[-1].isspace():
        out = out[:-1] + _escape_end(out[-1])
    return out


def _unescape(text: str) -> str:
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


def _gettext_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def _build_pofile(
    units: Iterable[MemoryUnit], src_lang: str, tgt_lang: str, report: WriteReport
) -> polib.POFile:
    clean = TextCleaner(report)
    now = _gettext_now()
    po = polib.POFile(wrapwidth=0)  # wrapping would reflow comment lines and lose blanks
    po.metadata = {
        "Project-Id-Version": "tmbuilder export",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "tmbuilder",
        "Language-Team": "none",
        "Language": to_gettext_lang(clean(tgt_lang, "target language")),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"tmbuilder {tool_version()}",
        "X-Source-Language": clean(src_lang, "source language"),
        FORMAT_HEADER: "1",
    }
    if tgt_lang.lower().startswith("en"):
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    seen: set[tuple[str | None, str]] = set()
    mismatched = 0
    for index, unit in enumerate(units, start=1):
        where = f"unit {index}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
        entry = _entry(unit, where, clean)
        if entry is None:
            report.warn(f"{where}: empty source cannot be a PO msgid; skipped")
            continue
        if (unit.src_lang, unit.tgt_lang) != (src_lang, tgt_lang):
            mismatched += 1
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            base, n = entry.msgctxt or "", 2
            while (f"{base}#{n}", entry.msgid) in seen:
                n += 1
            entry.msgctxt = f"{base}#{n}"
            key = (entry.msgctxt, entry.msgid)
        seen.add(key)
        po.append(entry)
    if mismatched:
        report.warn(
            f"{mismatched} unit(s) have languages other than {src_lang} -> {tgt_lang}; "
            "PO records one language pair per file"
        )
    return po


def _entry(unit: MemoryUnit, where: str, clean: TextCleaner) -> polib.POEntry | None:
    msgid = clean(unit.source, where)
    if not msgid:
        return None
    msgstr = clean(unit.target, where)
    props = [(clean(kind, where), clean(value, where)) for kind, value in unit.props]
    lines = [f"@{_escape(kind, _KEY_ESCAPES)}: {_escape(value)}" for kind, value in props]
    for key, attr in _META_KEYS:
        value = clean(getattr(unit, attr), where)
        if value:
            lines.append(f"@@{key}: {_escape(value)}")
    notes = [_escape(clean(note, where)) for note in unit.notes]
    found: dict[str, str] = {}
    for kind, value in props:
        found.setdefault(kind, value)  # the first of a repeated type, as MemoryUnit.prop()
    position = (found.get("x-document"), found.get("x-paragraph"), found.get("x-position"))
    if all(part is not None for part in position):
        msgctxt: str | None = ":".join(str(part) for part in position)
    else:
        msgctxt = clean(unit.tuid, where) or None
    status = found.get("x-status", "")  # cleaned, as the reader will see it
    return polib.POEntry(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=msgctxt,
        comment="\n".join(lines),
        tcomment="\n".join(notes),
        flags=["fuzzy"] if wants_fuzzy(status, msgid, msgstr) else [],
    )


def write_po(
    units: Iterable[MemoryUnit], path: Path, *, src_lang: str = "vi-VN", tgt_lang: str = "en-US"
) -> WriteReport:
    """Write `units` as a UTF-8 PO file that passes `msgfmt --check`, atomically."""
    report = WriteReport()
    po = _build_pofile(units, src_lang, tgt_lang, report)
    report.units = len(po)
    with atomic_path(Path(path)) as tmp:
        po.save(str(tmp))
    report.close()
    return report


def write_mo(
    units: Iterable[MemoryUnit], path: Path, *, src_lang: str = "vi-VN", tgt_lang: str = "en-US"
) -> WriteReport:
    """Write the translated, non-fuzzy units as a gettext MO catalogue, atomically.

    Untranslated and fuzzy units (draft, rejected) are left out, as msgfmt would; the report
    counts them. MO keeps no comments: props and notes other than the msgctxt are lost.
    """
    report = WriteReport()
    po = _build_pofile(units, src_lang, tgt_lang, report)
    kept = po.translated_entries()
    report.units = len(kept)
    if len(po) > len(kept):
        report.warn(f"{len(po) - len(kept)} untranslated or fuzzy unit(s) left out of the MO")
    with atomic_path(Path(path)) as tmp:
        po.save_as_mofile(str(tmp))
    report.close()
    return report


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise InputError(str(path), "not a regular file")
    if size == 0:
        raise FormatError(str(path), "file is empty")
    if size > MAX_BYTES:
        raise FormatError(str(path), f"too large for a PO/MO file ({size:,} bytes)")


def _load(path: Path, kind: str) -> Any:
    _check_file(path)
    try:
        if kind == "po":
            with open(path, "rb") as handle:
                if b"\0" in handle.read(8192):
                    raise FormatError(str(path), "binary data, not a PO file")
            # A path, not the text: polib splits text with str.splitlines(), which also breaks
            # at U+2028 and friends inside strings.
            return polib.pofile(str(path), wrapwidth=0)
        _check_mo_tables(path)
        return polib.mofile(str(path))
    except (OSError, ValueError, UnicodeError, LookupError) as exc:
        # polib reports syntax errors as OSError/ValueError; LookupError is an unknown charset.
        problem = f"not a valid {kind.upper()} file: {one_line(str(exc))}"
        raise FormatError(str(path), problem) from None
    except (struct.error, IndexError, KeyError) as exc:
        raise FormatError(str(path), f"not a valid MO file: {one_line(str(exc))}") from None


def _check_mo_tables(path: Path) -> None:
    """Refuse an MO whose string tables point outside the file (polib reads short silently)."""
    data = path.read_bytes()
    if len(data) < 28 or data[:4] not in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):
        raise FormatError(str(path), "not an MO file (bad magic number)")
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    count, originals, translations = struct.unpack(f"{order}3I", data[8:20])
    for table in (originals, translations):
        if table + 8 * count > len(data):
            raise FormatError(str(path), "truncated MO file (string table past the end)")
        for i in range(count):
            length, offset = struct.unpack_from(f"{order}2I", data, table + 8 * i)
            if offset + length > len(data):
                raise FormatError(str(path), f"truncated MO file (string {i} past the end)")


def read_po(path: Path) -> Iterator[MemoryUnit]:
    """Stream the units of a PO file (obsolete entries and the header are skipped).

    polib parses the whole file before the first unit is yielded.
    """
    return _units(Path(path), "po")


def read_mo(path: Path) -> Iterator[MemoryUnit]:
    """Stream the units of a gettext MO file, in the MO's sorted key order."""
    return _units(Path(path), "mo")


def _units(path: Path, kind: str) -> Iterator[MemoryUnit]:
    catalogue = _load(path, kind)
    metadata: dict[str, str] = catalogue.metadata
    ours = metadata.get(FORMAT_HEADER, "").strip() == "1"
    src_lang = metadata.get("X-Source-Language", "").strip()
    tgt_lang = from_gettext_lang(metadata.get("Language", ""))
    for entry in catalogue:
        if entry.obsolete or (entry.msgid == "" and not entry.msgctxt):
            continue
        yield _unit(entry, src_lang, tgt_lang, ours=ours, flags=kind == "po")


def _unit(entry: Any, src_lang: str, tgt_lang: str, *, ours: bool, flags: bool) -> MemoryUnit:
    msgstr: str = entry.msgstr
    if entry.msgid_plural and entry.msgstr_plural:
        msgstr = entry.msgstr_plural.get(0, "")
    comment: str = entry.comment or ""
    tcomment: str = entry.tcomment or ""
    props: list[tuple[str, str]] = []
    meta: dict[str, str] = {}
    notes: list[str] = []
    if ours:
        notes = [_unescape(note) for note in tcomment.split("\n")] if tcomment else []
        for line in comment.split("\n") if comment else ():
            if line.startswith("@@") and ": " in line:
                key, _, value = line[2:].partition(": ")
                meta[key] = _unescape(value)
            elif line.startswith("@") and ":" in line:
                key, _, value = line[1:].partition(":")
                props.append((_unescape(key), _unescape(value.removeprefix(" "))))
            else:
                notes.append(line)  # a comment someone added by hand
    else:
        notes = [text for text in (tcomment, comment) if text]
    if (not ours or not flags) and entry.msgctxt:  # MO (no flags) has no comments either
        match = _CONTEXT.fullmatch(entry.msgctxt)
        if match:
            props = [("x-document", match[1]), ("x-paragraph", match[2]), ("x-position", match[3])]
    if flags:  # MO entries carry no flags: nothing to reconcile
        props = _reconcile_status(props, entry.msgid, msgstr, "fuzzy" in entry.flags)
    return MemoryUnit(
        source=entry.msgid,
        target=msgstr,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        tuid=meta.get("tuid", ""),
        created_at=meta.get("created", ""),
        changed_at=meta.get("changed", ""),
        created_by=meta.get("created-by", ""),
        changed_by=meta.get("changed-by", ""),
        props=tuple(props),
        notes=tuple(notes),
    )


def _reconcile_status(
    props: list[tuple[str, str]], msgid: str, msgstr: str, fuzzy: bool
) -> list[tuple[str, str]]:
    """Keep the stored x-status unless the fuzzy flag says a translator changed it."""
    stored = next((value for kind, value in props if kind == "x-status"), None)
    if stored is not None and wants_fuzzy(stored, msgid, msgstr) == fuzzy:
        return props
    if stored is None:
        # Fuzzy without a stored status: a draft, unless the writer flagged it for newlines.
        draft = fuzzy and not wants_fuzzy("", msgid, msgstr)
        return [*props, ("x-status", "draft")] if draft else props
    status = "draft" if fuzzy else ("translated" if msgstr else "new")
    return [(kind, status if kind == "x-status" else value) for kind, value in props]
