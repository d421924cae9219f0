"""XLIFF 1.2: one <file> per exported document, streamed both ways.

Mapping between a <trans-unit> and a MemoryUnit:

- <source>/<target> <-> source/target; <file> source-language/target-language <-> src_lang and
  tgt_lang. trans-unit ids are 1, 2, 3, ... in file order; xml:space="preserve" on each unit.
- x-status <-> the target's state: new -> needs-translation, draft -> needs-review-translation,
  translated -> translated, reviewed -> signed-off (and approved="yes" on the trans-unit),
  rejected -> needs-translation plus a `<note from="tmbuilder">` saying so. Reading, final
  counts as reviewed and the needs-review-* and needs-adaptation/l10n states as draft; with no
  state, approved="yes" counts as reviewed. When the state disagrees with the stored x-status
  (a CAT tool changed it) the state wins.
- x-origin also sets state-qualifier (mt:* -> mt-suggestion, tm:100/101 -> exact-match,
  other tm:* -> fuzzy-match) for CAT tools; the reader ignores state-qualifier.
- props <-> `<context-group name="x-tmbuilder-props">`, one <context> per prop in order, the
  prop type as context-type (types that are not `x-` plus non-blank text are percent-encoded
  behind `x-%`); tuid, dates and ids <-> `<context-group name="x-tmbuilder-unit">`.
- notes <-> <note> elements.

Files written by other tools (no `<tool tool-id="tmbuilder">` in the file header) are read
loosely: tuid is the trans-unit id, x-status comes from the state, notes are all notes.
Inline markup is dropped as in TMX: g/mrk keep their text, x/bx/ex/ph/bpt/ept/it go entirely.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final
from urllib.parse import quote, unquote

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.atomic import WriteReport, atomic_binary, tool_version
from tmbuilder.formats.xmlsafe import (
    XML_SPACE,
    TextCleaner,
    inline_text,
    iterparse_safely,
    local_name,
    plain_text,
    release,
)
from tmbuilder.model import MemoryUnit

__all__ = ["read_xliff", "write_xliff"]

NS: Final = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS: Final = "http://www.w3.org/XML/1998/namespace"
TOOL_ID: Final = "tmbuilder"
PROPS_GROUP: Final = "x-tmbuilder-props"
UNIT_GROUP: Final = "x-tmbuilder-unit"
_UNIT_FIELDS: Final = (
    ("x-tuid", "tuid"),
    ("x-created", "created_at"),
    ("x-created-by", "created_by"),
    ("x-changed", "changed_at"),
    ("x-changed-by", "changed_by"),
)
STATUS_TO_STATE: Final = {
    "new": "needs-translation",
    "draft": "needs-review-translation",
    "translated": "translated",
    "reviewed": "signed-off",
    "rejected": "needs-translation",
}
STATE_TO_STATUS: Final = {
    "new": "new",
    "needs-translation": "new",
    "needs-adaptation": "draft",
    "needs-l10n": "draft",
    "needs-review-adaptation": "draft",
    "needs-review-l10n": "draft",
    "needs-review-translation": "draft",
    "translated": "translated",
    "signed-off": "reviewed",
    "final": "reviewed",
}
REJECTED_NOTE: Final = "rejected by the reviewer"
CODES: Final = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it"})
_PLAIN_TYPE: Final = re.compile(r"x-[^\s%]+")


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def encode_context_type(kind: str) -> str:
    """A prop type as an XLIFF context-type ('x-' plus non-blank text, else 'x-%' + encoded)."""
    return kind if _PLAIN_TYPE.fullmatch(kind) else "x-%" + quote(kind, safe="")


def decode_context_type(value: str) -> str:
    """The inverse of encode_context_type."""
    return unquote(value[3:]) if value.startswith("x-%") else value


def state_qualifier(origin: str) -> str | None:
    """The XLIFF state-qualifier that best describes an x-origin, if any."""
    if origin.startswith("mt:"):
        return "mt-suggestion"
    if origin in ("tm:100", "tm:101"):
        return "exact-match"
    if origin.startswith("tm:"):
        return "fuzzy-match"
    return None


def write_xliff(
    units: Iterable[MemoryUnit],
    path: Path,
    *,
    original: str,
    src_lang: str = "vi-VN",
    tgt_lang: str = "en-US",
) -> WriteReport:
    """Write `units` as one XLIFF 1.2 <file original=...>, streaming and atomically."""
    report = WriteReport()
    clean = TextCleaner(report)
    file_attrib = {
        "original": clean(original, "original"),
        "source-language": clean(src_lang, "source language"),
        "target-language": clean(tgt_lang, "target language"),
        "datatype": "plaintext",
        "tool-id": TOOL_ID,
    }
    tool = {"tool-id": TOOL_ID, "tool-name": "tmbuilder", "tool-version": tool_version()}
    mismatched = 0
    with atomic_binary(Path(path)) as handle:
        handle.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        with (
            etree.xmlfile(handle, encoding="utf-8") as xf,
            # Declaring the xml prefix (allowed, never required) is what makes lxml's
            # incremental writer emit xml:space instead of inventing an ns0 prefix.
            xf.element(_q("xliff"), {"version": "1.2"}, nsmap={None: NS, "xml": XML_NS}),
        ):
            xf.write("\n")
            with xf.element(_q("file"), file_attrib):
                xf.write("\n")
                with xf.element(_q("header")), xf.element(_q("tool"), tool):
                    pass
                xf.write("\n")
                with xf.element(_q("body")):
                    xf.write("\n")
                    for index, unit in enumerate(units, start=1):
                        if (unit.src_lang, unit.tgt_lang) != (src_lang, tgt_lang):
                            mismatched += 1
                        _write_unit(xf, unit, index, clean)
                        report.units = index
                xf.write("\n")
            xf.write("\n")
        handle.write(b"\n")
    if mismatched:
        report.warn(
            f"{mismatched} unit(s) have languages other than {src_lang} -> {tgt_lang}; "
            "an XLIFF <file> has one language pair"
        )
    report.close()
    return report


def _write_unit(
    xf: etree._IncrementalFileWriter, unit: MemoryUnit, index: int, clean: TextCleaner
) -> None:
    where = f"unit {index}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
    status = unit.prop("x-status")
    target_attrib: dict[str, str] = {}
    state = STATUS_TO_STATE.get(status)
    if state:
        target_attrib["state"] = state
    qualifier = state_qualifier(unit.prop("x-origin"))
    if qualifier:
        target_attrib["state-qualifier"] = qualifier
    unit_attrib = {"id": str(index), XML_SPACE: "preserve"}
    if status == "reviewed":
        unit_attrib["approved"] = "yes"  # what CAT tools (and translate-toolkit) look at
    with xf.element(_q("trans-unit"), unit_attrib):
        xf.write("\n  ")
        with xf.element(_q("source")):
            xf.write(clean(unit.source, where))
        xf.write("\n  ")
        with xf.element(_q("target"), target_attrib):
            xf.write(clean(unit.target, where))
        meta = [(kind, clean(getattr(unit, attr), where)) for kind, attr in _UNIT_FIELDS]
        _write_group(xf, UNIT_GROUP, [(kind, value) for kind, value in meta if value])
        props = [(clean(kind, where), clean(value, where)) for kind, value in unit.props]
        _write_group(xf, PROPS_GROUP, [(encode_context_type(k), v) for k, v in props])
        for note in unit.notes:
            xf.write("\n  ")
            with xf.element(_q("note")):
                xf.write(clean(note, where))
        if status == "rejected":
            xf.write("\n  ")
            with xf.element(_q("note"), {"from": TOOL_ID, "annotates": "target"}):
                xf.write(REJECTED_NOTE)
        xf.write("\n")
    xf.write("\n")


def _write_group(
    xf: etree._IncrementalFileWriter, name: str, contexts: list[tuple[str, str]]
) -> None:
    if not contexts:  # the schema wants at least one <context> in a group
        return
    xf.write("\n  ")
    with xf.element(_q("context-group"), {"name": name, "purpose": "information"}):
        for kind, value in contexts:
            xf.write("\n    ")
            with xf.element(_q("context"), {"context-type": kind}):
                xf.write(value)
        xf.write("\n  ")


def read_xliff(path: Path) -> Iterator[MemoryUnit]:
    """Stream the trans-units of an XLIFF 1.0-1.2 file, all <file> elements in order."""
    return _XliffReader(Path(path)).units()


def _check_root(path: Path, document: etree._Element) -> None:
    if local_name(document) != "xliff":
        problem = f"not an XLIFF file (root element is <{local_name(document)}>)"
        raise FormatError(str(path), problem)
    version = document.get("version", "")
    if version.startswith("2"):
        raise FormatError(str(path), f"XLIFF {version} is not supported (only 1.0 to 1.2)")


class _XliffReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file: etree._Element | None = None
        self.ours = False
        self.src_lang = ""
        self.tgt_lang = ""

    def units(self) -> Iterator[MemoryUnit]:
        for _, unit in iterparse_safely(self.path, tag="{*}trans-unit", check_root=_check_root):
            self._enter_file(unit)
            memory_unit = self._unit(unit)
            release(unit)
            yield memory_unit

    def _enter_file(self, unit: etree._Element) -> None:
        parent = unit.getparent()
        while parent is not None and local_name(parent) != "file":
            parent = parent.getparent()
        if parent is None:
            raise FormatError(
                str(self.path), f"line {unit.sourceline}: <trans-unit> outside <file>"
            )
        if parent is self.file:
            return
        self.file = parent
        self.src_lang = parent.get("source-language", "")
        self.tgt_lang = parent.get("target-language", "")
        self.ours = any(
            local_name(tool) == "tool" and tool.get("tool-id") == TOOL_ID
            for header in parent
            if local_name(header) == "header"
            for tool in header
        )

    def _unit(self, unit: etree._Element) -> MemoryUnit:
        source = target = ""
        state: str | None = None
        notes: list[str] = []
        props: list[tuple[str, str]] = []
        meta: dict[str, str] = {}
        rejected_note = False
        for child in unit:
            name = local_name(child)
            if name == "source":
                source = inline_text(self.path, child, CODES)
            elif name == "target":
                target = inline_text(self.path, child, CODES)
                state = child.get("state")
            elif name == "note":
                if child.get("from") == TOOL_ID:
                    rejected_note = rejected_note or plain_text(self.path, child) == REJECTED_NOTE
                else:
                    notes.append(plain_text(self.path, child))
            elif name == "context-group" and self.ours:
                group = child.get("name")
                for context in child:
                    if local_name(context) != "context":
                        continue
                    kind = context.get("context-type", "")
                    value = plain_text(self.path, context)
                    if group == PROPS_GROUP:
                        props.append((decode_context_type(kind), value))
                    elif group == UNIT_GROUP:
                        meta[kind] = value
        if state is None and unit.get("approved") == "yes":
            state = "signed-off"
        props = _reconcile_status(props, state, rejected_note)
        return MemoryUnit(
            source=source,
            target=target,
            src_lang=self.src_lang,
            tgt_lang=self.tgt_lang,
            tuid=meta.get("x-tuid", "") if self.ours else unit.get("id", ""),
            created_at=meta.get("x-created", ""),
            changed_at=meta.get("x-changed", ""),
            created_by=meta.get("x-created-by", ""),
            changed_by=meta.get("x-changed-by", ""),
            props=tuple(props),
            notes=tuple(notes),
        )


def _reconcile_status(
    props: list[tuple[str, str]], state: str | None, rejected_note: bool
) -> list[tuple[str, str]]:
    """Keep the stored x-status unless the target's state says a CAT tool changed it."""
    derived = STATE_TO_STATUS.get(state or "")
    if derived is None:
        return props
    if derived == "new" and rejected_note:
        derived = "rejected"
    stored = next((value for kind, value in props if kind == "x-status"), None)
    if stored is None:
        return [*props, ("x-status", derived)]
    if STATUS_TO_STATE.get(stored) == state:
        return props
    return [(kind, derived if kind == "x-status" else value) for kind, value in props]
