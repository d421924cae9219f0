"""Reading TMX 1.1 to 1.4b: every <tu> into memory units, with its languages and inline codes.

Languages are data. Each <tuv> keeps the label its file gave (`xml:lang`, or TMX 1.1's `lang`).
TMX is symmetric, so a <tu> gives:

- a unit in the project's direction when it holds a variant of both project languages (a
  `vi`/`en` unit serves a vi-VN→en-US project whichever way its file was written; when the
  file's source language, `<tu srclang>` or the header's, is the project's target language,
  the unit carries `x-tmbuilder-reversed` = that language, and an export writes it back the
  way it came);
- one unit from the file's source variant to each other variant not used above (a 5-language
  <tu> gives four units, which share `x-tmbuilder-tu` so an export rebuilds the one <tu>).

A <tu> with a single variant gives nothing and is counted (`ReadOptions.skipped`); so are
variants a <tu> could not pair with its source.

Other mappings: tu@tuid, @creationdate/@changedate (YYYYMMDDThhmmssZ <-> ISO), @creationid/
@changeid, falling back to the target <tuv>'s (OmegaT records them there); <note> and <prop>
in document order. Inline elements (bpt/ept/ph/it/ut/hi, <sub> inside them) become inline codes
(formats/inline_xml).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import BinaryIO, Final

from lxml import etree

from tmbuilder.bigimport.tmx_parts import TmxPart, check_head_root
from tmbuilder.errors import FormatError
from tmbuilder.formats.inline_xml import PUA, TMX, UnitCodes
from tmbuilder.formats.reading import (
    NO_TARGET,
    REVERSED,
    SRC,
    TGT,
    TU_ATTR,
    TU_GROUP,
    ReadOptions,
)
from tmbuilder.formats.xmlsafe import (
    XML_LANG,
    RootCheck,
    iterparse_safely,
    plain_text,
    release,
    require_root,
)
from tmbuilder.inline import InlineCode, clean_text
from tmbuilder.langtags import normalize
from tmbuilder.model import MemoryUnit

_ISO: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z")
_TMX_DATE: Final = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?")
_TMX_ROOT: Final = require_root("tmx", "TMX")
VARIANTS_DROPPED: Final = "language variants not paired with the <tu>'s source (not kept)"
_reads = count(1)
# <tu> attributes a MemoryUnit has fields for; any other is kept as an internal prop.
_TU_FIELDS: Final = frozenset({"tuid", "creationdate", "changedate", "creationid", "changeid"})


def _tuv_extras(path: Path, tuv: etree._Element, side: str) -> list[tuple[str, str]]:
    """A <tuv>'s attributes (but xml:lang), notes and props as internal props (reading.py)."""
    extras: list[tuple[str, str]] = []
    keys = tuv.keys()
    if len(keys) > 1:
        extras.extend(
            (f"{side}@{name!s}", str(tuv.get(name)))
            for name in keys
            if name not in (XML_LANG, "lang")
        )
    if len(tuv) > 1:
        for child in tuv:
            if child.tag == "note":
                extras.append((f"{side}-note", plain_text(path, child)))
            elif child.tag == "prop":
                extras.append((f"{side}-prop:{child.get('type', '')}", plain_text(path, child)))
    return extras


_Plan = tuple[tuple[tuple[int, int, str], ...], int]
_NONE: Final[list[tuple[str, str]]] = []


def _source_index(langs: list[str], file_src: str) -> int:
    """The <tuv> in the file's source language (the first one when none is, or `*all*`)."""
    if file_src and file_src != "*all*":
        wanted = normalize(file_src)
        for i, lang in enumerate(langs):
            if normalize(lang) == wanted:
                return i
        primary = wanted.partition("-")[0]
        for i, lang in enumerate(langs):
            if normalize(lang).partition("-")[0] == primary:
                return i
    return 0


def tmx_to_iso(value: str) -> str | None:
    """'20240501T083000Z' -> '2024-05-01T08:30:00Z' (ISO input passes); None if neither."""
    match = _TMX_DATE.fullmatch(value)
    if match:
        return "{}-{}-{}T{}:{}:{}Z".format(*match.groups())
    return value if _ISO.fullmatch(value) else None


def read_tmx(
    path: Path,
    *,
    options: ReadOptions | None = None,
    target_lang: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[MemoryUnit]:
    """Stream the translation units of a TMX 1.1-1.4b file (UTF-8 or UTF-16 with BOM).

    `options` gives the project's pair (default vi-VN→en-US) and collects skip counts;
    `target_lang` keeps only units into that language. Raises FormatError for anything that
    is not well-formed TMX.
    """
    return _TmxReader(Path(path), options or ReadOptions(), target_lang, on_warning).units()


def read_tmx_part(
    part: TmxPart, *, head: bool, options: ReadOptions | None = None
) -> Iterator[MemoryUnit]:
    """read_tmx of one part of a file cut by `tmx_parts.cut_tmx` (`head`: the first part).

    Raises FormatError for anything unexpected; the caller then reads the file whole, which
    tells the real problem (line numbers in a tail part are not the file's).
    """
    reader = _TmxReader(part.path, options or ReadOptions(), None, None)
    return reader.units(part.open, check_head_root if head else None)


class _TmxReader:
    def __init__(
        self,
        path: Path,
        options: ReadOptions,
        target_lang: str | None,
        on_warning: Callable[[str], None] | None,
    ) -> None:
        self.path = path
        self.options = options
        self.pair = options.pair
        self.only_target = normalize(target_lang).partition("-")[0] if target_lang else None
        self.on_warning = on_warning
        self.header_srclang: str | None = None
        # Tags the units cut from one <tu>: unique across reads and processes (the two halves
        # of a big import are read by two processes whose line numbers overlap).
        self.group = f"{uuid.uuid4().hex[:12]}.{next(_reads)}"
        # Language combinations repeat on every unit: pair each distinct one once.
        self.plans: dict[tuple[str, ...], _Plan] = {}
        self.date_cache: dict[str, str] = {}
        self.replaced = 0

    def warn(self, message: str) -> None:
        if self.on_warning is not None:
            self.on_warning(f"{self.path}: {message}")

    def units(
        self, opener: Callable[[], BinaryIO] | None = None, check_end: RootCheck | None = None
    ) -> Iterator[MemoryUnit]:
        parts = iterparse_safely(
            self.path, tag="tu", check_root=_TMX_ROOT, opener=opener, check_end=check_end
        )
        for _, tu in parts:
            if self.header_srclang is None:
                self.header_srclang = self._header_srclang(tu)
            units = self._units(tu)
            release(tu)
            if len(units) == 1:  # nearly always: no generator delegation for one unit
                yield units[0]
            else:
                yield from units
        if self.replaced:
            self.warn(f"{self.replaced} private-use character(s) in the text replaced by U+FFFD")

    def _header_srclang(self, tu: etree._Element) -> str:
        root = tu.getroottree().getroot()
        header = root.find("header")
        srclang = header.get("srclang", "") if header is not None else ""
        return srclang or self.options.source_lang

    def _units(self, tu: etree._Element) -> list[MemoryUnit]:
        # The hot loop of a million-unit import: one pass over the children, each attribute
        # fetched once, the pairing of the <tuv>s looked up by their languages (a plan).
        tuvs: list[etree._Element] = []
        langs: list[str] = []
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        keys = tu.keys()
        if keys and not _TU_FIELDS.issuperset(keys):
            props.extend(
                (f"{TU_ATTR}{name!s}", str(tu.get(name))) for name in keys if name not in _TU_FIELDS
            )
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                tuvs.append(child)
                langs.append(child.get(XML_LANG) or child.get("lang") or "")
            elif tag == "prop":
                # len(): an unresolved entity reference is a child node, not text.
                text = plain_text(self.path, child) if len(child) else child.text or ""
                props.append((child.get("type", ""), text))
            elif tag == "note":
                notes.append(plain_text(self.path, child) if len(child) else child.text or "")
        if len(tuvs) < 2:
            self.options.skipped[NO_TARGET] += 1
            return []
        file_src = tu.get("srclang") or self.header_srclang or ""
        key = (file_src, *langs)
        plan = self.plans.get(key)
        if plan is None:
            plan = self._plan(file_src, langs)
            if len(self.plans) < 1024:  # a hostile file must not grow it without bound
                self.plans[key] = plan
        pairs, dropped = plan
        if dropped:
            self.options.skipped[VARIANTS_DROPPED] += dropped
        if len(pairs) == 1:
            s, t, rev = pairs[0]
            return [self._unit(tu, tuvs[s], langs[s], tuvs[t], langs[t], rev, props, notes, "")]
        if not pairs:
            return []
        group = f"{self.group}:{tu.sourceline}"
        return [
            self._unit(tu, tuvs[s], langs[s], tuvs[t], langs[t], rev, props, notes, group)
            for s, t, rev in pairs
        ]

    def _plan(self, file_src: str, langs: list[str]) -> _Plan:
        """Which (source, target) <tuv> pairs a <tu> with these languages gives (module doc),
        and how many of its <tuv>s no pair uses."""
        src = _source_index(langs, file_src)
        pair = self.pair
        p_src = next((i for i, lang in enumerate(langs) if pair.is_source(lang)), None)
        p_tgt = next(
            (i for i, lang in enumerate(langs) if i != p_src and pair.is_target(lang)), None
        )
        pairs: list[tuple[int, int, str]] = []
        used: set[int] = set()
        if p_src is not None and p_tgt is not None:
            directed = bool(file_src) and file_src != "*all*"
            reversed_from = langs[p_tgt] if directed and src == p_tgt else ""
            pairs.append((p_src, p_tgt, reversed_from))
            used = {p_src, p_tgt}
        if not used or src in used:  # else the file's source is in neither project language
            pairs.extend((src, i, "") for i in range(len(langs)) if i != src and i not in used)
        if self.only_target is not None:
            pairs = [p for p in pairs if normalize(langs[p[1]]).startswith(self.only_target)]
        covered = {i for a, b, _ in pairs for i in (a, b)}
        return tuple(pairs), len(langs) - len(covered)

    def _unit(
        self,
        tu: etree._Element,
        source_tuv: etree._Element,
        src_lang: str,
        target: etree._Element,
        tgt_lang: str,
        reversed_from: str,
        props: list[tuple[str, str]],
        notes: list[str],
        group: str,
    ) -> MemoryUnit:
        source_seg = self._seg(source_tuv)
        target_seg = self._seg(target)
        codes: tuple[InlineCode, ...] = ()
        if len(source_seg) or len(target_seg):
            unit_codes = UnitCodes(self.path, TMX)
            source = unit_codes.read(source_seg, first=True)
            target_text = unit_codes.read(target_seg, first=False)
            self.replaced += unit_codes.replaced
            codes = unit_codes.codes()
        else:
            source = source_seg.text or ""
            target_text = target_seg.text or ""
            if PUA.search(source) or PUA.search(target_text):
                source, n_source = clean_text(source)
                target_text, n_target = clean_text(target_text)
                self.replaced += n_source + n_target
        get = tu.get
        created_at = get("creationdate") or target.get("creationdate") or ""
        if created_at:
            created_at = self.date_cache.get(created_at) or self._date(created_at, tu)
        changed_at = get("changedate") or target.get("changedate") or ""
        if changed_at:
            changed_at = self.date_cache.get(changed_at) or self._date(changed_at, tu)
        all_props = props
        # Most <tuv>s hold only xml:lang and a <seg>: no extras to look for.
        extra_src = extra_tgt = _NONE
        if len(source_tuv) > 1 or len(source_tuv.attrib) > 1:
            extra_src = _tuv_extras(self.path, source_tuv, SRC)
        if len(target) > 1 or len(target.attrib) > 1:
            extra_tgt = _tuv_extras(self.path, target, TGT)
        if reversed_from or group or extra_src or extra_tgt:
            all_props = [*props, *extra_src, *extra_tgt]
            if reversed_from:
                all_props.append((REVERSED, reversed_from))
            if group:
                all_props.append((TU_GROUP, group))
        return MemoryUnit(
            source,
            target_text,
            src_lang,
            tgt_lang,
            get("tuid") or "",
            created_at,
            changed_at,
            get("creationid") or target.get("creationid") or "",
            get("changeid") or target.get("changeid") or "",
            tuple(all_props),
            tuple(notes),
            codes,
        )

    def _seg(self, tuv: etree._Element) -> etree._Element:
        # <seg> is the last child of a <tuv> ((note|prop)*, seg); find() is the slow fallback.
        try:
            seg = tuv[-1]
        except IndexError:
            seg = None
        if seg is None or seg.tag != "seg":
            seg = tuv.find("seg")
            if seg is None:
                raise FormatError(str(self.path), f"line {tuv.sourceline}: <tuv> without <seg>")
        return seg

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
