"""TMX: write TMX 1.4b, read TMX 1.1 to 1.4b (tmx_read.py), streaming both ways.

Mapping between a <tu> and a MemoryUnit:

- tu@tuid, @creationdate/@changedate (YYYYMMDDThhmmssZ <-> ISO 'YYYY-MM-DDTHH:MM:SSZ'),
  @creationid/@changeid <-> tuid, created_at/changed_at, created_by/changed_by.
- <note> <-> notes, <prop type=T>V</prop> <-> props, in document order; written in DTD order
  (note*, prop*, tuv+). Internal props (`x-tmbuilder-*`, formats/reading) are not written.
- Each unit's own languages label its <tuv>s. A unit read reversed (`x-tmbuilder-reversed`) is
  written the way its file had it, and consecutive units cut from one multilingual <tu>
  (`x-tmbuilder-tu`) are written as that one <tu> again.
- Inline codes are written back as TMX elements (formats/inline_xml): the original element when
  the code came from a TMX, else a generic bpt/ept/ph/it holding the code's text.

Whitespace needs no xml:space (which the TMX 1.4 DTD does not declare): XML keeps character data
as written, and CR is written as &#13; so it survives parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Final

from lxml import etree

from tmbuilder.formats.atomic import WriteReport, atomic_binary, tool_version
from tmbuilder.formats.inline_xml import TMX, write_inline
from tmbuilder.formats.reading import REVERSED, SRC, TGT, TU_ATTR, TU_GROUP, public_props
from tmbuilder.formats.tmx_read import read_tmx, read_tmx_part, tmx_to_iso
from tmbuilder.formats.xmlsafe import XML_LANG, TextCleaner, has_forbidden
from tmbuilder.inline import by_key
from tmbuilder.model import MemoryUnit, utc_now

__all__ = [
    "TmxHeader",
    "WriteReport",
    "iso_to_tmx",
    "read_tmx",
    "read_tmx_part",
    "tmx_to_iso",
    "write_tmx",
]


_ISO: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z")
_PROLOG: Final = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'


def iso_to_tmx(value: str) -> str | None:
    """'2024-05-01T08:30:00Z' -> '20240501T083000Z'; None if `value` is not in that form."""
    match = _ISO.fullmatch(value)
    return "{}{}{}T{}{}{}Z".format(*match.groups()) if match else None


def primary_subtag(lang: str) -> str:
    """'vi-VN' -> 'vi', 'VI_vn' -> 'vi'."""
    return lang.replace("_", "-").partition("-")[0].lower()


@dataclass(frozen=True)
class TmxHeader:
    """The <header> attributes; srclang must equal the source <tuv>s' xml:lang."""

    srclang: str = "vi-VN"
    adminlang: str = "en-US"
    creationtool: str = "tmbuilder"
    creationtoolversion: str = field(default_factory=tool_version)
    o_tmf: str = "tmbuilder"
    segtype: str = "sentence"
    datatype: str = "plaintext"
    creationdate: str = ""  # TMX form; empty means now


def _header_element(header: TmxHeader, clean: TextCleaner) -> etree._Element:
    created = header.creationdate or iso_to_tmx(utc_now()) or ""
    attrib = {
        "creationtool": header.creationtool,
        "creationtoolversion": header.creationtoolversion,
        "segtype": header.segtype,
        "o-tmf": header.o_tmf,
        "adminlang": header.adminlang,
        "srclang": header.srclang,
        "datatype": header.datatype,
        "creationdate": created,
    }
    return etree.Element("header", {k: clean(v, f"header @{k}") for k, v in attrib.items()})


class _TuBuilder:
    """Turns MemoryUnits into <tu> elements, cleaning text and noting problems."""

    def __init__(self, header: TmxHeader, report: WriteReport) -> None:
        self.header = header
        self.report = report
        self.clean = TextCleaner(report)
        self.srclang_key = header.srclang.lower()
        self.mismatched_srclang = 0
        self.dates: dict[str, str] = {}

    def build(self, group: list[MemoryUnit], index: int) -> etree._Element:
        """One <tu> from units sharing a source (one unit, or those cut from one <tu>)."""
        unit = group[0]
        # Hot path of a million-unit export: one regex scan over all the unit's text decides
        # whether any field needs cleaning; clean units skip the per-field work.
        fields = (unit.source, unit.target, unit.tuid, unit.created_by, unit.changed_by)
        langs = (unit.src_lang, unit.tgt_lang)
        blob = "".join(chain(fields, langs, unit.notes, chain.from_iterable(unit.props)))
        if len(group) > 1 or has_forbidden(blob):
            group = [self._cleaned(u, index) for u in group]
            unit = group[0]
        extras = _Extras(unit.props) if unit.props else _NO_EXTRAS
        attrib: dict[str, str] = dict(extras.tu)
        if unit.tuid:
            attrib["tuid"] = unit.tuid
        if unit.created_at:
            self._date(attrib, "creationdate", unit.created_at, index)
        if unit.created_by:
            attrib["creationid"] = unit.created_by
        if unit.changed_at:
            self._date(attrib, "changedate", unit.changed_at, index)
        if unit.changed_by:
            attrib["changeid"] = unit.changed_by
        tu = etree.Element("tu", attrib)
        sub = etree.SubElement
        for note in unit.notes:
            sub(tu, "note").text = note
        for kind, value in extras.public:
            sub(tu, "prop", type=kind).text = value
        src_lang = unit.src_lang or self.header.srclang
        if src_lang.lower() != self.srclang_key and self.srclang_key != "*all*":
            self.mismatched_srclang += 1
        codes = by_key(unit.codes) if unit.codes else {}
        tuv = extras.tuv(tu, SRC, src_lang)
        write_inline(sub(tuv, "seg"), unit.source, codes, TMX)
        for member in group:
            codes = by_key(member.codes) if member.codes else {}
            member_extras = _Extras(member.props) if member.props else _NO_EXTRAS
            tuv = member_extras.tuv(tu, TGT, member.tgt_lang)
            write_inline(sub(tuv, "seg"), member.target, codes, TMX)
        return tu

    def _cleaned(self, unit: MemoryUnit, index: int) -> MemoryUnit:
        where = f"unit {index}" + (f" (tuid {unit.tuid})" if unit.tuid else "")

        def c(text: str) -> str:
            return self.clean(text, where)

        return MemoryUnit(
            c(unit.source),
            c(unit.target),
            c(unit.src_lang),
            c(unit.tgt_lang),
            c(unit.tuid),
            unit.created_at,
            unit.changed_at,
            c(unit.created_by),
            c(unit.changed_by),
            tuple((c(kind), c(value)) for kind, value in unit.props),
            tuple(c(note) for note in unit.notes),
            unit.codes,
        )

    def _date(self, attrib: dict[str, str], name: str, value: str, index: int) -> None:
        # Exports stamp many units with the same few dates: convert each distinct one once.
        converted = self.dates.get(value)
        if converted is None:
            converted = iso_to_tmx(value)
            if converted is None:
                self.report.warn(f"unit {index}: {name} {value!r} is not ISO 8601 UTC; left out")
                return
            if len(self.dates) > 4096:
                self.dates.clear()
            self.dates[value] = converted
        attrib[name] = converted


class _Extras:
    """A unit's props split: public ones (written as <prop>) and what the reader kept of the
    <tu> and its <tuv>s (formats/reading: TU_ATTR, SRC, TGT)."""

    def __init__(self, props: tuple[tuple[str, str], ...]) -> None:
        self.public = public_props(props)
        self.tu: list[tuple[str, str]] = []
        self.sides: dict[str, list[tuple[str, str, str]]] = {SRC: [], TGT: []}
        if self.public is props:
            return
        for kind, value in props:
            if kind.startswith(TU_ATTR):
                self.tu.append((kind[len(TU_ATTR) :], value))
            elif kind.startswith((SRC, TGT)):
                side, rest = kind[: len(SRC)], kind[len(SRC) :]
                self.sides[side].append((rest, kind, value))

    def tuv(self, tu: etree._Element, side: str, lang: str) -> etree._Element:
        """A <tuv> in `tu` with this side's attributes, notes and props."""
        items = self.sides[side]
        attrib = {rest[1:]: value for rest, _, value in items if rest.startswith("@")}
        attrib[XML_LANG] = lang
        tuv = etree.SubElement(tu, "tuv", attrib)
        for rest, _, value in items:
            if rest == "-note":
                etree.SubElement(tuv, "note").text = value
        for rest, _, value in items:
            if rest.startswith("-prop:"):
                etree.SubElement(tuv, "prop", type=rest[len("-prop:") :]).text = value
        return tuv


_NO_EXTRAS: Final = _Extras(())


def _swap_sides(props: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    swap = {SRC: TGT, TGT: SRC}
    return tuple(
        (swap[kind[: len(SRC)]] + kind[len(SRC) :] if kind.startswith((SRC, TGT)) else kind, v)
        for kind, v in props
    )


def as_written(unit: MemoryUnit) -> MemoryUnit:
    """`unit` the way its file had it: un-reversed (code numbers need no swapping: source and
    target share them). The writer leaves internal props out (see _Extras)."""
    if unit.props and unit.prop(REVERSED):
        unit = replace(
            unit,
            source=unit.target,
            target=unit.source,
            src_lang=unit.tgt_lang,
            tgt_lang=unit.src_lang,
            props=tuple((k, v) for k, v in _swap_sides(unit.props) if k != REVERSED),
        )
    return unit


def tu_groups(units: Iterable[MemoryUnit]) -> Iterator[list[MemoryUnit]]:
    """Units as <tu>s: consecutive units cut from one multilingual <tu> (same x-tmbuilder-tu,
    same source) together, every other unit alone."""
    group: list[MemoryUnit] = []
    key: tuple[str, str, str] | None = None
    for unit in units:
        tag = unit.prop(TU_GROUP) if unit.props else ""
        written = as_written(unit)
        this = (tag, written.src_lang, written.source) if tag else None
        if group and (this is None or this != key):
            yield group
            group = []
        group.append(written)
        key = this
    if group:
        yield group


def write_tmx(
    units: Iterable[MemoryUnit], path: Path, header: TmxHeader | None = None
) -> WriteReport:
    """Write `units` to `path` as TMX 1.4b (UTF-8, no BOM), streaming and atomically.

    Without a header, srclang is the first unit's src_lang. Characters XML 1.0 forbids are
    removed and reported; the file on disk is always well-formed and valid against tmx14.dtd.
    """
    report = WriteReport()
    groups = tu_groups(units)
    first = next(groups, None)
    if header is None:
        srclang = first[0].src_lang if first and first[0].src_lang else "vi-VN"
        header = TmxHeader(srclang=srclang)
    builder = _TuBuilder(header, report)
    ordered = chain([first], groups) if first is not None else iter(())
    written = 0
    with atomic_binary(path) as handle:
        handle.write(_PROLOG)
        with etree.xmlfile(handle, encoding="utf-8") as xf, xf.element("tmx", version="1.4"):
            xf.write("\n", _header_element(header, builder.clean), "\n")
            with xf.element("body"):
                xf.write("\n")
                for index, group in enumerate(ordered, start=1):
                    xf.write(builder.build(group, index), pretty_print=True)
                    written += len(group)
                    report.units = written
            xf.write("\n")
        handle.write(b"\n")
    if builder.mismatched_srclang:
        report.warn(
            f"{builder.mismatched_srclang} unit(s) have a source language other than the "
            f"header's srclang {header.srclang!r}"
        )
    report.close()
    return report
