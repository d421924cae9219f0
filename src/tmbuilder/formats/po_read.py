"""PO and MO files into MemoryUnits: strict parsing, only real translations, counted skips.

Parsing is po_syntax (what msgfmt accepts) plus po_checks (what `msgfmt --check` adds); MO
files go through mo_read. Then each message becomes a unit, or is skipped for a reason that is
counted in `PoUnits.skipped` (the import prints the counts):

- `obsolete`: `#~` entries;
- `untranslated`: msgstr empty (any plural form empty);
- `fuzzy`: flagged fuzzy (kept, as a draft suggestion, with `keep_unconfirmed`);
- `empty`: source or translation only blanks;
- `source-copy`: the translation is the source, unchanged.

`everything=True` keeps all of them (the format's round-trip tests, tools that want the whole
file); obsolete entries are never units.

Languages are data: the target is the `Language:` header (else a file name such as `vi.po`),
the source `X-Source-Language` when a header names it, else English, gettext's convention for
msgids. An en->vi PO is stored en->vi.

Plural entries are one unit: msgid -> msgstr[0], with `x-po-msgid-plural`, `x-po-msgstr-1`...
and the header's `x-po-plural-forms` as props, so the writer gives the same entry back. A
msgctxt is kept as `x-po-msgctxt`; flags other than fuzzy as `x-po-flags`; references as
`x-po-references`. In files tmbuilder did not write, placeholders become inline codes
(po_codes).
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.mo_read import parse_mo
from tmbuilder.formats.po_checks import check_po
from tmbuilder.formats.po_codes import placeholders_to_codes
from tmbuilder.formats.po_common import (
    CONTEXT,
    FORMAT_HEADER,
    MAX_BYTES,
    from_gettext_lang,
    unescape,
    wants_fuzzy,
)
from tmbuilder.formats.po_syntax import PoEntry, PoFile, parse_po
from tmbuilder.inline import InlineCode, by_key, loads, render
from tmbuilder.model import MemoryUnit

__all__ = ["SKIP_REASONS", "PoUnits", "read_mo", "read_po"]

OBSOLETE: Final = "obsolete (#~ entries)"
SKIP_REASONS: Final = (OBSOLETE, "untranslated", "fuzzy", "empty", "source-copy")


def read_file_bytes(path: Path, kind: str) -> bytes:
    """The bytes of a regular file, refusing FIFOs, devices, empty and oversized files."""
    name = str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file (a FIFO, device or folder)")
    if info.st_size == 0:
        raise FormatError(name, "file is empty")
    if info.st_size > MAX_BYTES:
        raise FormatError(name, f"too large for a {kind} file ({info.st_size:,} bytes)")
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None


class PoUnits(Iterator[MemoryUnit]):
    """The units of a PO or MO file, read when first asked for.

    `skipped` counts the messages left out by reason (SKIP_REASONS) and `warnings` lists what
    was changed on the way (private-use characters replaced); both are complete once the
    iteration has ended.
    """

    def __init__(
        self,
        path: Path,
        kind: str,
        *,
        keep_unconfirmed: bool,
        everything: bool,
        skipped: Counter[str] | None = None,
    ) -> None:
        self.path = Path(path)
        self.kind = kind
        self.keep_unconfirmed = keep_unconfirmed
        self.everything = everything
        # A caller's counter (the import's ReadOptions.skipped) is counted into directly.
        self.skipped: Counter[str] = Counter() if skipped is None else skipped
        self.warnings: list[str] = []
        self._units: Iterator[MemoryUnit] | None = None

    def __iter__(self) -> PoUnits:
        return self

    def __next__(self) -> MemoryUnit:
        if self._units is None:
            self._units = self._read()
        return next(self._units)

    def _read(self) -> Iterator[MemoryUnit]:
        name = str(self.path)
        data = read_file_bytes(self.path, self.kind.upper())
        if self.kind == "po":
            if b"\0" in data:
                raise FormatError(name, "binary data (NUL bytes), not a PO file")
            catalogue = parse_po(name, data)
            check_po(name, catalogue)
        else:
            catalogue = parse_mo(name, data)
        yield from _Mapper(self, catalogue).units()


class _Mapper:
    def __init__(self, owner: PoUnits, catalogue: PoFile) -> None:
        self.owner = owner
        self.is_po = owner.kind == "po"
        self.metadata = catalogue.metadata()
        self.catalogue = catalogue
        self.ours = self.metadata.get(FORMAT_HEADER, "").strip() == "1"
        self.src_lang = (
            self.metadata.get("X-Source-Language", "").strip()
            or from_gettext_lang(self.metadata.get("Source-Language", ""))
            or ("" if self.ours else "en")
        )
        self.tgt_lang = from_gettext_lang(self.metadata.get("Language", "")) or _lang_from_name(
            owner.path
        )
        self.plural_forms = self.metadata.get("Plural-Forms", "")

    def units(self) -> Iterator[MemoryUnit]:
        skipped = self.owner.skipped
        for entry in self.catalogue.entries:
            if entry.msgid == "" and entry.msgctxt is None:
                continue  # the header
            if entry.obsolete:
                skipped[OBSOLETE] += 1
                continue
            reason = self._skip_reason(entry)
            suggestion = reason == "fuzzy" and self.owner.keep_unconfirmed
            if reason and not self.owner.everything and not suggestion:
                skipped[reason] += 1
                continue
            yield self._unit(entry)

    def _skip_reason(self, entry: PoEntry) -> str:
        if not all(entry.msgstr):
            return "untranslated"
        if entry.fuzzy:
            return "fuzzy"
        if not entry.msgid.strip() or not all(s.strip() for s in entry.msgstr):
            return "empty"
        forms = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        if entry.msgstr[0] == entry.msgid and all(s in forms for s in entry.msgstr):
            return "source-copy"
        return ""

    def _unit(self, entry: PoEntry) -> MemoryUnit:
        target = entry.msgstr[0] if entry.msgstr else ""
        props: list[tuple[str, str]] = []
        meta: dict[str, str] = {}
        notes: list[str] = []
        comments = "\n".join(entry.extracted_comments)
        tcomments = "\n".join(entry.translator_comments)
        if self.ours:
            notes = [unescape(note) for note in entry.translator_comments]
            for line in entry.extracted_comments:
                if line.startswith("@@") and ": " in line:
                    key, _, value = line[2:].partition(": ")
                    meta[key] = unescape(value)
                elif line.startswith("@") and ":" in line:
                    key, _, value = line[1:].partition(":")
                    props.append((unescape(key), unescape(value.removeprefix(" "))))
                else:
                    notes.append(line)  # a comment someone added by hand
            if not self.is_po and entry.msgctxt:  # an MO keeps no comments, only msgctxt
                match = CONTEXT.fullmatch(entry.msgctxt)
                if match:
                    props = [
                        ("x-document", match[1]),
                        ("x-paragraph", match[2]),
                        ("x-position", match[3]),
                    ]
        else:
            notes = [text for text in (tcomments, comments) if text]
            if entry.msgctxt is not None:
                props.append(("x-po-msgctxt", entry.msgctxt))
            other_flags = [f for f in entry.flags if f != "fuzzy"]
            if other_flags:
                props.append(("x-po-flags", ", ".join(other_flags)))
            if entry.references:
                props.append(("x-po-references", " ".join(entry.references)))
        if entry.msgid_plural is not None and not any(k == "x-po-msgid-plural" for k, _ in props):
            props.append(("x-po-msgid-plural", entry.msgid_plural))
            props.extend((f"x-po-msgstr-{i}", s) for i, s in enumerate(entry.msgstr[1:], 1))
            if self.plural_forms:
                props.append(("x-po-plural-forms", self.plural_forms))
        if self.is_po:
            props = _reconcile_status(props, entry.msgid, target, entry.fuzzy)
        if not self.ours and any(entry.msgstr) and not all(entry.msgstr):
            # A plural entry with some forms missing: untranslated for the import's filter.
            props = [(k, v) for k, v in props if k != "x-status"] + [("x-status", "new")]
        source = entry.msgid
        codes: tuple[InlineCode, ...] = ()
        if self.ours and "codes" in meta:
            source, target, codes = _coded(meta, source, target)
        if not self.ours:
            source, target, found, stray = placeholders_to_codes(
                source, target, flags=tuple(entry.flags)
            )
            codes = found
            if stray:
                self.owner.warnings.append(
                    f"{self.owner.path}: line {entry.line}: {stray} private-use character(s) "
                    "replaced with U+FFFD"
                )
        return MemoryUnit(
            source=source,
            target=target,
            src_lang=self.src_lang,
            tgt_lang=self.tgt_lang,
            tuid=meta.get("tuid", ""),
            created_at=meta.get("created", ""),
            changed_at=meta.get("changed", ""),
            created_by=meta.get("created-by", ""),
            changed_by=meta.get("changed-by", ""),
            props=tuple(props),
            notes=tuple(notes),
            codes=codes,
        )


def _coded(
    meta: dict[str, str], source: str, target: str
) -> tuple[str, str, tuple[InlineCode, ...]]:
    """Source and target with the inline codes our writer recorded, where the recorded texts
    still render to what the file says (see formats/po.py)."""
    try:
        codes = loads(meta["codes"])
    except (ValueError, KeyError, TypeError):
        return source, target, ()
    table = by_key(codes)
    coded_source = meta.get("coded-source", "")
    coded_target = meta.get("coded-target", "")
    if render(coded_source, table) != source:
        return source, target, ()
    if render(coded_target, table) == target:
        target = coded_target
    return coded_source, target, codes


def _lang_from_name(path: Path) -> str:
    """'vi' from vi.po, 'pt-BR' from pt_BR.po; '' when the stem is no language code."""
    stem = path.stem
    base, _, region = stem.partition("_")
    language = 2 <= len(base) <= 3 and base.isascii() and base.isalpha() and base.islower()
    country = not region or (len(region) == 2 and region.isascii() and region.isupper())
    if language and country:
        return from_gettext_lang(stem)
    return ""


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


def read_po(
    path: Path,
    *,
    keep_unconfirmed: bool = False,
    everything: bool = False,
    skipped: Counter[str] | None = None,
) -> PoUnits:
    """The units of a PO file that are real translations (see the module doc)."""
    return PoUnits(
        Path(path),
        "po",
        keep_unconfirmed=keep_unconfirmed,
        everything=everything,
        skipped=skipped,
    )


def read_mo(
    path: Path,
    *,
    keep_unconfirmed: bool = False,
    everything: bool = False,
    skipped: Counter[str] | None = None,
) -> PoUnits:
    """The units of a gettext MO file, in the MO's sorted key order (see read_po)."""
    return PoUnits(
        Path(path),
        "mo",
        keep_unconfirmed=keep_unconfirmed,
        everything=everything,
        skipped=skipped,
    )
