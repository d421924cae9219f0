"""Reading XLIFF 1.0-1.2 (the writer and the mapping are in xliff.py).

Besides xliff.py's mapping, what files from other tools need:

- Segments: a <trans-unit> with a <seg-source> holding `<mrk mtype="seg">` (Trados sdlxliff,
  memoQ mqxliff, Okapi) gives one unit per segment, its target the target's <mrk> with the
  same `mid`; tuid is "id#mid".
- Status: the target's `state` (xliff.STATE_TO_STATUS), `approved="yes"`, Trados' per-segment
  `sdl:conf` (`<sdl:seg-defs>`) and memoQ's `mq:status` become x-status; `translate="no"` on
  the unit or a <group> around it is counted (formats/reading) and gives no unit.
- Languages: the <file>'s source-language/target-language, else the ones `ReadOptions` gives
  for files that name none (`--source-lang/--target-lang`), else "und".
- Inline elements (g/x/bx/ex/ph/bpt/ept/it/mrk) become inline codes (formats/inline_xml).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Final

from lxml import etree

from tmbuilder.errors import FormatError
from tmbuilder.formats.inline_xml import XLIFF12, UnitCodes
from tmbuilder.formats.reading import NOT_TRANSLATABLE, ReadOptions
from tmbuilder.formats.xliff import (
    PROPS_GROUP,
    REJECTED_NOTE,
    STATE_TO_STATUS,
    STATUS_TO_STATE,
    TOOL_ID,
    UNIT_GROUP,
    decode_context_type,
)
from tmbuilder.formats.xmlsafe import XML_LANG, iterparse_safely, local_name, plain_text, release
from tmbuilder.model import MemoryUnit

__all__ = ["read_xliff"]

UNDETERMINED: Final = "und"
# XLIFF says yes/no; Xcode-era files also write "false".
NOT_TRANSLATE_VALUES: Final = frozenset({"no", "false"})
SDL_NS: Final = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ_NS: Final = "MQXliff"
# Trados Studio's confirmation levels (sdl:conf) and memoQ's row status (mq:status) as x-status.
SDL_CONF: Final = {
    "Draft": "draft",
    "Translated": "translated",
    "ApprovedTranslation": "reviewed",
    "ApprovedSignOff": "reviewed",
    "RejectedTranslation": "rejected",
    "RejectedSignOff": "rejected",
}
MQ_STATUS: Final = {
    "NotStarted": "new",
    "Editing": "draft",
    "PartiallyEdited": "draft",
    "MachineTranslated": "draft",
    "Pretranslated": "draft",
    "AssembledFromFragments": "draft",
    "ManuallyConfirmed": "translated",
    "Confirmed": "translated",
    "Proofread": "reviewed",
    "Reviewer1Confirmed": "reviewed",
    "Reviewer2Confirmed": "reviewed",
    "Rejected": "rejected",
}


def read_xliff(path: Path, *, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
    """Stream the units of an XLIFF 1.0-1.2 file, all <file> elements in order."""
    return _XliffReader(Path(path), options or ReadOptions()).units()


def _check_root(path: Path, document: etree._Element) -> None:
    if local_name(document) != "xliff":
        problem = f"not an XLIFF file (root element is <{local_name(document)}>)"
        raise FormatError(str(path), problem)
    version = document.get("version", "")
    if version.startswith("2"):
        raise FormatError(str(path), f"XLIFF {version} is read by the xliff2 format, not 1.2")


def _not_translatable(unit: etree._Element) -> bool:
    node: etree._Element | None = unit
    while node is not None and local_name(node) != "file":
        value = node.get("translate")
        if value is not None:
            return value in NOT_TRANSLATE_VALUES
        node = node.getparent()
    return False


class _XliffReader:
    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options
        self.file: etree._Element | None = None
        self.ours = False
        self.src_lang = ""
        self.tgt_lang = ""

    def units(self) -> Iterator[MemoryUnit]:
        for _, unit in iterparse_safely(self.path, tag="{*}trans-unit", check_root=_check_root):
            self._enter_file(unit)
            if _not_translatable(unit):
                self.options.skipped[NOT_TRANSLATABLE] += 1
                release(unit)
                continue
            units = self._units(unit)
            release(unit)
            yield from units

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
        options = self.options
        # A language the file does not name is "und" (BCP 47: undetermined), unless the user
        # said which it is: guessing the project's would make a French file pass for English.
        self.src_lang = parent.get("source-language") or options.source_lang or UNDETERMINED
        self.tgt_lang = parent.get("target-language") or options.target_lang or UNDETERMINED
        self.ours = any(
            local_name(tool) == "tool" and tool.get("tool-id") == TOOL_ID
            for header in parent
            if local_name(header) == "header"
            for tool in header
        )

    def _units(self, unit: etree._Element) -> list[MemoryUnit]:
        source_el = target_el = seg_source = None
        state: str | None = None
        notes: list[str] = []
        props: list[tuple[str, str]] = []
        meta: dict[str, str] = {}
        conf: dict[str, str] = {}
        rejected_note = False
        for child in unit:
            name = local_name(child)
            if name == "source":
                source_el = child
            elif name == "seg-source":
                seg_source = child
            elif name == "target":
                target_el = child
                state = child.get("state")
            elif name == "note":
                if child.get("from") == TOOL_ID:
                    rejected_note = rejected_note or plain_text(self.path, child) == REJECTED_NOTE
                else:
                    notes.append(plain_text(self.path, child))
            elif name == "seg-defs":
                for seg in child:
                    if local_name(seg) == "seg" and seg.get("conf"):
                        conf[seg.get("id", "")] = str(seg.get("conf"))
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
        mq_status = MQ_STATUS.get(unit.get(f"{{{MQ_NS}}}status", ""))
        if mq_status:
            props = _with_status(props, mq_status)
        # A <source>/<target> may name its own language (Xcode files do): it wins.
        src_lang = (source_el.get(XML_LANG) if source_el is not None else None) or self.src_lang
        tgt_lang = (target_el.get(XML_LANG) if target_el is not None else None) or self.tgt_lang
        base = MemoryUnit(
            source="",
            target="",
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            tuid=meta.get("x-tuid", "") if self.ours else unit.get("id", ""),
            created_at=meta.get("x-created", ""),
            changed_at=meta.get("x-changed", ""),
            created_by=meta.get("x-created-by", ""),
            changed_by=meta.get("x-changed-by", ""),
            props=tuple(props),
            notes=tuple(notes),
        )
        segments = _segments(seg_source) if seg_source is not None else []
        if not segments:
            if source_el is None:
                raise FormatError(
                    str(self.path), f"line {unit.sourceline}: <trans-unit> without <source>"
                )
            codes = UnitCodes(self.path, XLIFF12)
            source = codes.read(source_el, first=True)
            target = codes.read(target_el, first=False) if target_el is not None else ""
            if conf:  # one segment, as some sdlxliff files have without seg-source
                props = _with_status(props, SDL_CONF.get(next(iter(conf.values())), "draft"))
            return [
                replace(base, source=source, target=target, codes=codes.codes(), props=tuple(props))
            ]
        targets = _segments(target_el) if target_el is not None else []
        by_mid = dict(targets)
        out = []
        for mid, source_mrk in segments:
            codes = UnitCodes(self.path, XLIFF12)
            source = codes.read(source_mrk, first=True)
            target_mrk = by_mid.get(mid)
            target = codes.read(target_mrk, first=False) if target_mrk is not None else ""
            seg_props = props
            if conf or self.path.suffix.lower() == ".sdlxliff":
                # Trados: a segment without sdl:conf is "not translated".
                seg_props = _with_status(props, SDL_CONF.get(conf.get(mid, ""), "new"))
            out.append(
                replace(
                    base,
                    source=source,
                    target=target,
                    tuid=f"{base.tuid}#{mid}",
                    props=tuple(seg_props),
                    codes=codes.codes(),
                )
            )
        return out


def _segments(element: etree._Element) -> list[tuple[str, etree._Element]]:
    """(mid, mrk) of each `<mrk mtype="seg">` in `element`, in order (nested in g too)."""
    return [
        (mrk.get("mid", ""), mrk) for mrk in element.iter("{*}mrk") if mrk.get("mtype") == "seg"
    ]


def _with_status(props: list[tuple[str, str]], status: str) -> list[tuple[str, str]]:
    rest = [(kind, value) for kind, value in props if kind != "x-status"]
    return [*rest, ("x-status", status)]


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
