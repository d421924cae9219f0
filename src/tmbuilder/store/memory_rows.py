"""How a MemoryUnit is laid out in the store's `memory` table, both ways.

props and notes are strings each preceded by U+001F (ASCII's unit separator): "" for none,
"\\x1ftype\\x1fvalue\\x1ftype\\x1fvalue" for props. XML cannot carry U+001F, so text from TMX or
XLIFF never holds it; a string that does (from a PO or TSV file, say) makes that unit's list
JSON instead, told apart by its leading "[". JSON for every unit was the slowest step left in
a million-unit import (4 µs a unit, nearly all of it escaping non-ASCII text).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import chain

from tmbuilder.inline import dumps, loads
from tmbuilder.model import MemoryUnit

_US = "\x1f"
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode

# Order of the values INSERT statements name: `unit_values`, then the KeyColumns of the unit.
COLUMNS = (
    "source", "target", "src_lang", "tgt_lang", "origin", "tuid", "created_at", "changed_at",
    "created_by", "changed_by", "props", "notes", "codes", "key", "key_hash", "pair_hash",
)  # fmt: skip
# What reads select, in `unit_from_row`'s order.
SELECT = (
    "id, source, target, src_lang, tgt_lang, tuid, created_at, changed_at, created_by, "
    "changed_by, props, notes, codes"
)


_CODES = COLUMNS.index("codes")


def hashed_target(row: Sequence[object]) -> str:
    """What a row's pair hash covers besides the key: its target, and its inline codes' records
    when it has any (two units whose targets differ only in what a code stood for, `<b>` or
    `<g0>`, are two units, not duplicates)."""
    codes = row[_CODES]
    return f"{row[1]}\x00{codes}" if codes else str(row[1])


def pack_props(props: Sequence[tuple[str, str]]) -> str:
    """props as stored (see the module doc)."""
    if not props:
        return ""
    text = _US + _US.join(chain.from_iterable(props))
    return text if text.count(_US) == 2 * len(props) else _json(props)


def unpack_props(text: str) -> tuple[tuple[str, str], ...]:
    """The props `pack_props` stored (or JSON, as earlier stores and odd values have them)."""
    if not text:
        return ()
    if text[0] == _US:
        parts = text.split(_US)
        return tuple(zip(parts[1::2], parts[2::2], strict=True))
    return tuple((str(k), str(v)) for k, v in json.loads(text))


def pack_notes(notes: Sequence[str]) -> str:
    """notes as stored (see the module doc)."""
    if not notes:
        return ""
    text = _US + _US.join(notes)
    return text if text.count(_US) == len(notes) else _json(notes)


def unpack_notes(text: str) -> tuple[str, ...]:
    """The notes `pack_notes` stored."""
    if not text:
        return ()
    if text[0] == _US:
        return tuple(text.split(_US)[1:])
    return tuple(str(n) for n in json.loads(text))


def unit_values(unit: MemoryUnit, origin: str) -> tuple[object, ...]:
    """The unit's values in COLUMNS order, up to the key columns."""
    return (
        unit.source, unit.target, unit.src_lang, unit.tgt_lang, origin, unit.tuid,
        unit.created_at, unit.changed_at or unit.created_at, unit.created_by, unit.changed_by,
        pack_props(unit.props) if unit.props else "",
        pack_notes(unit.notes) if unit.notes else "",
        dumps(unit.codes) if unit.codes else "",
    )  # fmt: skip


def unit_from_row(row: Sequence[object]) -> tuple[int, MemoryUnit]:
    """(id, unit) of a row selected with SELECT."""
    unit = MemoryUnit(
        source=str(row[1]),
        target=str(row[2]),
        src_lang=str(row[3]),
        tgt_lang=str(row[4]),
        tuid=str(row[5]),
        created_at=str(row[6]),
        changed_at=str(row[7]),
        created_by=str(row[8]),
        changed_by=str(row[9]),
        props=unpack_props(str(row[10])),
        notes=unpack_notes(str(row[11])),
        codes=loads(str(row[12])) if row[12] else (),
    )
    return int(row[0]), unit  # type: ignore[call-overload]
