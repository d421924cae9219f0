"""XLIFF 2.0 and 2.1 (OASIS core), both ways: one memory unit per <segment>.

Reading (any <file>, <group> nesting, 2.0 or 2.1, which share the 2.0 namespace):

- languages: <xliff srcLang/trgLang> (else `--source-lang/--target-lang`, else "und");
- one unit per <segment> with its <source>/<target>; tuid is the <unit> id, plus "#" and the
  segment id (or its position) when the unit has several segments; <ignorable> (whitespace
  between segments) is not a unit;
- status: the segment's `state`: initial -> draft (a target nobody confirmed), translated ->
  translated, reviewed and final -> reviewed. A segment without `state` gets no x-status:
  its target, if any, counts as a translation (tools such as Angular never write `state`,
  though the schema's default is "initial"). `translate="no"` on the unit or a group/file
  around it: counted, no unit;
- the unit's <notes> are the unit's notes; `<originalData>` is kept with the unit, and each
  code's content is the data its `dataRef`/`dataRefStart` points to;
- inline codes: ph/pc/sc/ec/mrk/sm/em (formats/inline_xml), written back as they were;
- tmbuilder's own props, ids and dates travel in the Metadata module (`mda:metadata`, group
  categories `x-tmbuilder-unit` and `x-tmbuilder-props`), which other tools keep and ignore.

Writing: one <file> holding one <unit> per memory unit (one segment each), `version` 2.0 or
2.1; valid against the OASIS xliff_core_2.0.xsd (tested with lxml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Final

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.atomic import WriteReport, atomic_binary
from tmbuilder.formats.inline_xml import PUA, XLIFF2, UnitCodes, write_inline
from tmbuilder.formats.reading import NOT_TRANSLATABLE, ReadOptions, public_props
from tmbuilder.formats.xmlsafe import (
    XML_SPACE,
    TextCleaner,
    iterparse_safely,
    local_name,
    plain_text,
    release,
)
from tmbuilder.inline import CodeKind, InlineCode, by_key
from tmbuilder.model import MemoryUnit

__all__ = ["read_xliff2", "write_xliff2"]

NS: Final = "urn:oasis:names:tc:xliff:document:2.0"
MDA: Final = "urn:oasis:names:tc:xliff:metadata:2.0"
UNIT_GROUP: Final = "x-tmbuilder-unit"
PROPS_GROUP: Final = "x-tmbuilder-props"
DATA_PREFIX: Final = "x-tmbuilder-data:"  # an <originalData> entry kept with the unit
UNDETERMINED: Final = "und"
STATE_TO_STATUS: Final = {
    "initial": "draft",
    "translated": "translated",
    "reviewed": "reviewed",
    "final": "reviewed",
}
STATUS_TO_STATE: Final = {
    "new": "initial",
    "draft": "initial",
    "translated": "translated",
    "reviewed": "final",
    "rejected": "initial",
}
_UNIT_FIELDS: Final = (
    ("x-tuid", "tuid"),
    ("x-created", "created_at"),
    ("x-created-by", "created_by"),
    ("x-changed", "changed_at"),
    ("x-changed-by", "changed_by"),
)
# The root's own `version` attribute: whitespace before it, so ITS's `its:version="2.0"` on an
# XLIFF 1.2 root (Okapi writes it) is not taken for it.
_VERSION: Final = re.compile(rb"<(?:\w+:)?xliff\b[^>]*\sversion\s*=\s*[\"']2", re.S)


def _q(name: str, ns: str = NS) -> str:
    return f"{{{ns}}}{name}"


def is_xliff2(head: bytes) -> bool:
    """Whether the first bytes of a file (UTF-8) open an XLIFF 2.x document."""
    return _VERSION.search(head) is not None


def _check_root(path: Path, document: etree._Element) -> None:
    if local_name(document) != "xliff":
        problem = f"not an XLIFF file (root element is <{local_name(document)}>)"
        raise FormatError(str(path), problem)
    version = document.get("version", "")
    if not version.startswith("2"):
        raise FormatError(str(path), f"XLIFF {version or '(no version)'} is not XLIFF 2")


def read_xliff2(path: Path, *, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
    """Stream the segments of an XLIFF 2.0/2.1 file as memory units (see the module doc)."""
    return _Reader(Path(path), options or ReadOptions()).units()


def _not_translatable(unit: etree._Element) -> bool:
    node: etree._Element | None = unit
    while node is not None:
        value = node.get("translate")
        if value is not None:
            return value == "no"
        node = node.getparent()
    return False


class _Reader:
    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options
        self.langs: tuple[str, str] | None = None

    def units(self) -> Iterator[MemoryUnit]:
        for _, unit in iterparse_safely(self.path, tag=_q("unit"), check_root=_check_root):
            if self.langs is None:
                root = unit.getroottree().getroot()
                options = self.options
                self.langs = (
                    root.get("srcLang") or options.source_lang or UNDETERMINED,
                    root.get("trgLang") or options.target_lang or UNDETERMINED,
                )
            if _not_translatable(unit):
                self.options.skipped[NOT_TRANSLATABLE] += 1
                release(unit)
                continue
            units = self._units(unit)
            release(unit)
            yield from units

    def _units(self, unit: etree._Element) -> list[MemoryUnit]:
        assert self.langs is not None
        notes: list[str] = []
        props: list[tuple[str, str]] = []
        meta: dict[str, str] = {}
        data: dict[str, str] = {}
        segments: list[etree._Element] = []
        for child in unit:
            name = local_name(child)
            if name == "segment":
                segments.append(child)
            elif name == "notes":
                notes.extend(plain_text(self.path, n) for n in child if local_name(n) == "note")
            elif name == "originalData":
                for entry in child:
                    if local_name(entry) == "data":
                        data[entry.get("id", "")] = "".join(str(t) for t in entry.itertext())
            elif name == "metadata":
                self._metadata(child, props, meta)
        props.extend((f"{DATA_PREFIX}{key}", value) for key, value in data.items())
        unit_id = unit.get("id", "")
        out = []
        for index, segment in enumerate(segments, 1):
            source_el = segment.find(_q("source"))
            target_el = segment.find(_q("target"))
            if source_el is None:
                raise FormatError(
                    str(self.path), f"line {segment.sourceline}: <segment> without <source>"
                )
            codes = UnitCodes(self.path, XLIFF2)
            source = codes.read(source_el, first=True)
            target = codes.read(target_el, first=False) if target_el is not None else ""
            seg_props = _reconcile(props, segment.get("state"))
            tuid = meta.get("x-tuid", unit_id)
            if len(segments) > 1:
                tuid = f"{tuid}#{segment.get('id') or index}"
            records = tuple(_with_content(c, data) for c in codes.codes())
            out.append(
                MemoryUnit(
                    source,
                    target,
                    self.langs[0],
                    self.langs[1],
                    tuid,
                    meta.get("x-created", ""),
                    meta.get("x-changed", ""),
                    meta.get("x-created-by", ""),
                    meta.get("x-changed-by", ""),
                    tuple(seg_props),
                    tuple(notes),
                    records,
                )
            )
        return out

    def _metadata(
        self, element: etree._Element, props: list[tuple[str, str]], meta: dict[str, str]
    ) -> None:
        for group in element:
            category = group.get("category")
            if category not in (UNIT_GROUP, PROPS_GROUP):
                continue
            for item in group:
                if local_name(item) != "meta":
                    continue
                value = plain_text(self.path, item)
                if category == PROPS_GROUP:
                    props.append((item.get("type", ""), value))
                else:
                    meta[item.get("type", "")] = value


def _reconcile(props: list[tuple[str, str]], state: str | None) -> list[tuple[str, str]]:
    """The unit's props with x-status from the segment's state, unless the stored x-status
    (our own metadata) still agrees with it."""
    derived = STATE_TO_STATUS.get(state) if state else None
    if derived is None:
        return list(props)
    stored = next((value for kind, value in props if kind == "x-status"), None)
    if stored is not None and _agrees(stored, str(state)):
        return list(props)
    return [*((k, v) for k, v in props if k != "x-status"), ("x-status", derived)]


def _agrees(status: str, state: str) -> bool:
    """Whether a stored x-status still matches the segment's state (a CAT tool may change it)."""
    return STATUS_TO_STATE.get(status) == state or (status, state) == ("reviewed", "reviewed")


def _with_content(code: InlineCode, data: dict[str, str]) -> InlineCode:
    """A code whose content is what it stands for: its <originalData> entry (dataRef...), else
    its display text (disp...), as `inline.render` and machine translation want it."""
    attrs = dict(code.attrs)
    end = code.kind is CodeKind.CLOSE
    ref = attrs.get("dataRefEnd" if end else "dataRefStart") or attrs.get("dataRef")
    content = data.get(ref, "") if ref else ""
    if not content:
        content = attrs.get("dispEnd" if end else "dispStart") or attrs.get("disp") or ""
    return replace(code, content=content) if content else code


def write_xliff2(
    units: Iterable[MemoryUnit],
    path: Path,
    *,
    original: str = "",
    src_lang: str = "vi-VN",
    tgt_lang: str = "en-US",
    version: str = "2.0",
) -> WriteReport:
    """Write `units` as XLIFF `version` (2.0 or 2.1), one <unit> each, atomically."""
    if version not in ("2.0", "2.1"):
        raise FormatError(str(path), f"cannot write XLIFF {version} (2.0 or 2.1)")
    report = WriteReport()
    clean = TextCleaner(report)
    root_attrib = {
        "version": version,
        "srcLang": clean(src_lang, "source language"),
        "trgLang": clean(tgt_lang, "target language"),
    }
    file_attrib = {"id": "f1"}
    if original:
        file_attrib["original"] = clean(original, "original")
    mismatched = 0
    with atomic_binary(Path(path)) as handle:
        handle.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        with (
            etree.xmlfile(handle, encoding="utf-8") as xf,
            xf.element(_q("xliff"), root_attrib, nsmap={None: NS, "mda": MDA}),
        ):
            xf.write("\n")
            with xf.element(_q("file"), file_attrib):
                xf.write("\n")
                for index, unit in enumerate(units, start=1):
                    if (unit.src_lang, unit.tgt_lang) != (src_lang, tgt_lang):
                        mismatched += 1
                    # Not pretty-printed: that would indent mixed content (a <source> that
                    # starts with an inline element) and change the text.
                    xf.write(_unit_element(unit, index, clean), "\n")
                    report.units = index
            xf.write("\n")
        handle.write(b"\n")
    if mismatched:
        report.warn(
            f"{mismatched} unit(s) have languages other than {src_lang} -> {tgt_lang}; "
            "an XLIFF 2 document has one language pair"
        )
    report.close()
    return report


def _unit_element(unit: MemoryUnit, index: int, clean: TextCleaner) -> etree._Element:
    where = f"unit {index}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
    attrib = {"id": f"u{index}", XML_SPACE: "preserve"}
    nsmap = {None: NS, "mda": MDA}
    element = etree.Element(_q("unit"), attrib, nsmap=nsmap)  # type: ignore[arg-type]
    sub = etree.SubElement
    fields = [(kind, clean(getattr(unit, attr), where)) for kind, attr in _UNIT_FIELDS]
    fields = [(kind, value) for kind, value in fields if value]
    data = [(k[len(DATA_PREFIX) :], v) for k, v in unit.props if k.startswith(DATA_PREFIX)]
    props = public_props(unit.props)
    if fields or props:
        metadata = sub(element, _q("metadata", MDA))
        for category, items in ((UNIT_GROUP, fields), (PROPS_GROUP, props)):
            if not items:
                continue
            group = sub(metadata, _q("metaGroup", MDA), category=category)
            for kind, value in items:
                sub(group, _q("meta", MDA), type=clean(kind, where)).text = clean(value, where)
    if unit.notes:
        notes = sub(element, _q("notes"))
        for note in unit.notes:
            sub(notes, _q("note")).text = clean(note, where)
    if data:
        original = sub(element, _q("originalData"))
        for key, value in data:
            sub(original, _q("data"), id=key).text = clean(value, where)
    status = unit.prop("x-status")
    target = clean(unit.target, where)
    attrib = {}
    state = STATUS_TO_STATE.get(status) if status else ("translated" if target else None)
    if state:
        attrib["state"] = state
    segment = sub(element, _q("segment"), attrib)
    codes = by_key(unit.codes) if unit.codes else {}
    source_el = sub(segment, _q("source"))
    write_inline(source_el, clean(unit.source, where), codes, XLIFF2)
    if target or state not in (None, "initial"):
        write_inline(sub(segment, _q("target")), target, codes, XLIFF2)
    if codes and (PUA.search(unit.source) or PUA.search(unit.target)):
        etree.cleanup_namespaces(element)
    return element
