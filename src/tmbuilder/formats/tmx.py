"""TMX: write TMX 1.4b, read TMX 1.1 to 1.4b, streaming both ways.

Mapping between a <tu> and a MemoryUnit:

- tu@tuid, @creationdate/@changedate (YYYYMMDDThhmmssZ <-> ISO 'YYYY-MM-DDTHH:MM:SSZ'),
  @creationid/@changeid <-> tuid, created_at/changed_at, created_by/changed_by. When the <tu>
  lacks them, the reader takes them from the target <tuv> (OmegaT records them there).
- <note> <-> notes, <prop type=T>V</prop> <-> props, in document order; written in DTD order
  (note*, prop*, tuv+).
- The source <tuv> is the first whose language has the primary subtag of `source_lang`
  (case-insensitive: vi, vi-VN, VI-VN all match "vi"); the target is the first other <tuv>, or
  the first in `target_lang` when that is given. Both `xml:lang` and TMX 1.1's `lang` are read.
- Inline markup in <seg>: tags are dropped and the text kept; the native codes inside
  bpt/ept/ph/it/ut (e.g. "<b>") are dropped with their element, the text inside <hi> is kept.

Whitespace needs no xml:space (which the TMX 1.4 DTD does not declare): XML keeps character data
as written, and CR is written as &#13; so it survives parsing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import BinaryIO, Final

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.atomic import WriteReport, atomic_binary, tool_version
from tmbuilder.formats.tmx_parts import TmxPart, check_head_root
from tmbuilder.formats.xmlsafe import (
    XML_LANG,
    RootCheck,
    TextCleaner,
    has_forbidden,
    inline_text,
    iterparse_safely,
    plain_text,
    release,
    require_root,
)
from tmbuilder.model import MemoryUnit, utc_now

__all__ = ["TmxHeader", "WriteReport", "read_tmx", "read_tmx_part", "write_tmx"]


_ISO: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z")
_TMX_DATE: Final = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?")
_PROLOG: Final = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
# Elements of <seg> that carry native codes, not text (see the module doc).
SEG_CODES: Final = frozenset({"bpt", "ept", "ph", "it", "ut"})
_TMX_ROOT: Final = require_root("tmx", "TMX")


def iso_to_tmx(value: str) -> str | None:
    """'2024-05-01T08:30:00Z' -> '20240501T083000Z'; None if `value` is not in that form."""
    match = _ISO.fullmatch(value)
    return "{}{}{}T{}{}{}Z".format(*match.groups()) if match else None


def tmx_to_iso(value: str) -> str | None:
    """'20240501T083000Z' -> '2024-05-01T08:30:00Z' (ISO input passes); None if neither."""
    match = _TMX_DATE.fullmatch(value)
    if match:
        return "{}-{}-{}T{}:{}:{}Z".format(*match.groups())
    return value if _ISO.fullmatch(value) else None


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

    def build(self, unit: MemoryUnit, index: int) -> etree._Element:
        # Hot path of a million-unit export: one regex scan over all the unit's text decides
        # whether any field needs cleaning; clean units skip the per-field work.
        fields = (unit.source, unit.target, unit.tuid, unit.created_by, unit.changed_by)
        langs = (unit.src_lang, unit.tgt_lang)
        blob = "".join(chain(fields, langs, unit.notes, chain.from_iterable(unit.props)))
        if has_forbidden(blob):
            unit = self._cleaned(unit, index)
        attrib: dict[str, str] = {}
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
        for kind, value in unit.props:
            sub(tu, "prop", type=kind).text = value
        src_lang = unit.src_lang or self.header.srclang
        if src_lang.lower() != self.srclang_key:
            self.mismatched_srclang += 1
        sub(sub(tu, "tuv", {XML_LANG: src_lang}), "seg").text = unit.source
        sub(sub(tu, "tuv", {XML_LANG: unit.tgt_lang}), "seg").text = unit.target
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


def write_tmx(
    units: Iterable[MemoryUnit], path: Path, header: TmxHeader | None = None
) -> WriteReport:
    """Write `units` to `path` as TMX 1.4b (UTF-8, no BOM), streaming and atomically.

    Without a header, srclang is the first unit's src_lang. Characters XML 1.0 forbids are
    removed and reported; the file on disk is always well-formed and valid against tmx14.dtd.
    """
    report = WriteReport()
    stream = iter(units)
    first = next(stream, None)
    if header is None:
        header = TmxHeader(srclang=(first.src_lang if first and first.src_lang else "vi-VN"))
    builder = _TuBuilder(header, report)
    ordered = chain([first], stream) if first is not None else iter(())
    with atomic_binary(path) as handle:
        handle.write(_PROLOG)
        with etree.xmlfile(handle, encoding="utf-8") as xf, xf.element("tmx", version="1.4"):
            xf.write("\n", _header_element(header, builder.clean), "\n")
            with xf.element("body"):
                xf.write("\n")
                for index, unit in enumerate(ordered, start=1):
                    xf.write(builder.build(unit, index), pretty_print=True)
                    report.units = index
            xf.write("\n")
        handle.write(b"\n")
    if builder.mismatched_srclang:
        report.warn(
            f"{builder.mismatched_srclang} unit(s) have a source language other than the "
            f"header's srclang {header.srclang!r}"
        )
    report.close()
    return report


def read_tmx(
    path: Path,
    *,
    source_lang: str = "vi",
    target_lang: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[MemoryUnit]:
    """Stream the translation units of a TMX 1.1-1.4b file (UTF-8 or UTF-16 with BOM).

    A <tu> without a <tuv> in `source_lang` (or in `target_lang`, when given) is skipped and
    reported to `on_warning`, as is a date that is not a TMX date. Raises FormatError for
    anything that is not well-formed TMX.
    """
    return _TmxReader(Path(path), source_lang, target_lang, on_warning).units()


def read_tmx_part(
    part: TmxPart, *, head: bool, source_lang: str = "vi", target_lang: str | None = None
) -> Iterator[MemoryUnit]:
    """read_tmx of one part of a file cut by `tmx_parts.cut_tmx` (`head`: the first part).

    Raises FormatError for anything unexpected; the caller then reads the file whole, which
    tells the real problem (line numbers in a tail part are not the file's).
    """
    reader = _TmxReader(part.path, source_lang, target_lang, None)
    return reader.units(part.open, check_head_root if head else None)


class _TmxReader:
    def __init__(
        self,
        path: Path,
        source_lang: str,
        target_lang: str | None,
        on_warning: Callable[[str], None] | None,
    ) -> None:
        self.path = path
        self.source_key = primary_subtag(source_lang)
        self.target_key = primary_subtag(target_lang) if target_lang else None
        self.on_warning = on_warning
        # Language strings repeat on every unit: classify each distinct one once.
        self.kind_cache: dict[str, int] = {}
        self.date_cache: dict[str, str] = {}

    def warn(self, message: str) -> None:
        if self.on_warning is not None:
            self.on_warning(f"{self.path}: {message}")

    def _kind(self, lang: str) -> int:
        """0: source language, 1: wanted target language, 2: some other language."""
        key = primary_subtag(lang)
        if key == self.source_key:
            kind = 0
        elif self.target_key is None or key == self.target_key:
            kind = 1
        else:
            kind = 2
        if len(self.kind_cache) < 1024:  # a hostile file must not grow it without bound
            self.kind_cache[lang] = kind
        return kind

    def units(
        self, opener: Callable[[], BinaryIO] | None = None, check_end: RootCheck | None = None
    ) -> Iterator[MemoryUnit]:
        parts = iterparse_safely(
            self.path, tag="tu", check_root=_TMX_ROOT, opener=opener, check_end=check_end
        )
        for _, tu in parts:
            unit = self._unit(tu)
            release(tu)
            if unit is not None:
                yield unit

    def _unit(self, tu: etree._Element) -> MemoryUnit | None:
        # The hot loop of a million-unit import: one pass over the children, no find(), each
        # attribute fetched once (every lxml access builds a proxy or a string).
        source: etree._Element | None = None
        target: etree._Element | None = None
        src_lang = tgt_lang = ""
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        kinds = self.kind_cache
        for child in tu:
            tag = child.tag
            if tag == "prop":
                # len(): an unresolved entity reference is a child node, not text.
                text = plain_text(self.path, child) if len(child) else child.text or ""
                props.append((child.get("type", ""), text))
            elif tag == "tuv":
                lang = child.get(XML_LANG) or child.get("lang") or ""
                kind = kinds.get(lang)
                if kind is None:
                    kind = self._kind(lang)
                if kind == 0 and source is None:
                    source, src_lang = child, lang
                elif target is None and (kind == 1 or (kind == 0 and self.target_key is None)):
                    # kind 0 here is a second source-language variant: a target only when
                    # no particular target language was asked for.
                    target, tgt_lang = child, lang
            elif tag == "note":
                notes.append(plain_text(self.path, child) if len(child) else child.text or "")
        if source is None or target is None:
            missing = "source" if source is None else "target"
            self.warn(f"line {tu.sourceline}: <tu> has no {missing} <tuv>; skipped")
            return None
        get = tu.get
        dates = self.date_cache
        created_at = get("creationdate") or target.get("creationdate") or ""
        if created_at:
            created_at = dates.get(created_at) or self._date(created_at, tu)
        changed_at = get("changedate") or target.get("changedate") or ""
        if changed_at:
            changed_at = dates.get(changed_at) or self._date(changed_at, tu)
        return MemoryUnit(
            self._seg(source),
            self._seg(target),
            src_lang,
            tgt_lang,
            get("tuid") or "",
            created_at,
            changed_at,
            get("creationid") or target.get("creationid") or "",
            get("changeid") or target.get("changeid") or "",
            tuple(props),
            tuple(notes),
        )

    def _seg(self, tuv: etree._Element) -> str:
        # <seg> is the last child of a <tuv> ((note|prop)*, seg); find() is the slow fallback.
        try:
            seg = tuv[-1]
        except IndexError:
            seg = None
        if seg is None or seg.tag != "seg":
            seg = tuv.find("seg")
            if seg is None:
                raise FormatError(str(self.path), f"line {tuv.sourceline}: <tuv> without <seg>")
        if len(seg):
            return inline_text(self.path, seg, SEG_CODES)
        return seg.text or ""

    def _date(self, value: str, tu: etree._Element) -> str:
        # Imports stamp many units with the same date: convert each distinct value once.
        converted = self.date_cache.get(value)
        if converted is None:
            converted = tmx_to_iso(value)
            if converted is None:
                self.warn(f"line {tu.sourceline}: date {value!r} is not a TMX date; left out")
                return ""
            if len(self.date_cache) > 4096:
                self.date_cache.clear()
            self.date_cache[value] = converted
        return converted
