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
Inline elements (g/x/bx/ex/ph/bpt/ept/it/mrk) are inline codes (formats/inline_xml), written
back as the elements they were. Reading is in xliff_read.py (segments, Trados/memoQ status).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final
from urllib.parse import quote, unquote

from lxml import etree

from tmbuilder.formats.atomic import WriteReport, atomic_binary, tool_version
from tmbuilder.formats.inline_xml import PUA, XLIFF12, write_inline
from tmbuilder.formats.xmlsafe import (
    XML_SPACE,
    TextCleaner,
)
from tmbuilder.inline import CodeKind, InlineCode, by_key
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
        codes = by_key(unit.codes) if unit.codes else None
        _write_segment(xf, "source", {}, clean(unit.source, where), codes)
        xf.write("\n  ")
        _write_segment(xf, "target", target_attrib, clean(unit.target, where), codes)
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


def _write_segment(
    xf: etree._IncrementalFileWriter,
    name: str,
    attrib: dict[str, str],
    text: str,
    codes: dict[tuple[CodeKind, int], InlineCode] | None,
) -> None:
    """<source>/<target> with `text`; inline codes as XLIFF elements (formats/inline_xml)."""
    if codes is None or not PUA.search(text):
        with xf.element(_q(name), attrib):
            xf.write(text)
        return
    element = etree.Element(_q(name), attrib, nsmap={None: NS})  # type: ignore[dict-item]
    write_inline(element, text, codes, XLIFF12)
    etree.cleanup_namespaces(element)
    xf.write(element)


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


# The reader lives in its own module; it uses the mapping above (imported last: no cycle).
from tmbuilder.formats.xliff_read import read_xliff  # noqa: E402
