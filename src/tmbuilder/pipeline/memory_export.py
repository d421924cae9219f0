"""Export the imported memory as TMX 1.4b (or XLIFF 2.1 to a .xlf): `tmbuilder export memory`.

Every unit goes out with its own languages, inline codes (as TMX elements), dates, notes and
props, in import order; units cut from one multilingual <tu> go back together, and a unit that
served the project reversed is written the way its file had it. So an imported TMX comes back
out unit for unit and inline element for inline element (tested on the LISA TMX compliance kit).

With `pair`, only units serving that pair are written, in its direction. It also cleans: drop
duplicates (same languages, same source by match key, same target), empty targets, source
copies and units not confirmed as translations (`--keep-*` imports keep them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tmbuilder.errors import InputError
from tmbuilder.formats.atomic import WriteReport
from tmbuilder.formats.reading import EMPTY, REVERSED, SOURCE_COPY, UNTRANSLATED, skip_reason
from tmbuilder.formats.tmx import TmxHeader, write_tmx
from tmbuilder.formats.xliff2 import write_xliff2
from tmbuilder.inline import strip_codes
from tmbuilder.langtags import LangPair
from tmbuilder.model import MemoryUnit
from tmbuilder.project import Project
from tmbuilder.text.normalize import match_key

DUPLICATE = "duplicate"


@dataclass(frozen=True)
class MemoryCleaning:
    """What `export memory` leaves out besides what the pair and origins exclude."""

    dedupe: bool = False
    drop_empty: bool = False
    drop_copies: bool = False
    drop_untranslated: bool = False  # untranslated, unconfirmed and rejected units


@dataclass
class MemoryExportReport:
    path: Path
    units: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def export_memory(
    project: Project,
    output: Path,
    *,
    pair: LangPair | None = None,
    origins: Sequence[str] = (),
    cleaning: MemoryCleaning | None = None,
) -> MemoryExportReport:
    """Write the project's imported memory to `output` (TMX 1.4b); see the module doc."""
    store = project.store
    cleaning = cleaning or MemoryCleaning()
    known = {origin for origin in store.memory_origins()}
    missing = [origin for origin in origins if origin not in known]
    if missing:
        names = ", ".join(sorted(known)) or "none"
        raise InputError(missing[0], f"no memory was imported from it (imported: {names})")
    report = MemoryExportReport(Path(output))
    languages = {
        (a, b) for a, b, _ in store.memory_language_pairs() if pair is None or pair.serves(a, b)
    }
    units = _selected(project, pair, origins, cleaning, report)
    if Path(output).suffix.lower() in (".xlf", ".xliff"):
        written = _write_xliff2(units, Path(output), pair, languages)
    else:
        sources = {pair.source} if pair else {a for a, _ in languages}
        srclang = next(iter(sources)) if len(sources) == 1 else "*all*"
        written = write_tmx(units, Path(output), TmxHeader(srclang=srclang))
    report.units = written.units
    report.warnings = tuple(written.warnings)
    return report


def _write_xliff2(
    units: Iterator[MemoryUnit],
    output: Path,
    pair: LangPair | None,
    languages: set[tuple[str, str]],
) -> WriteReport:
    """XLIFF 2.1: one language pair per document, so the memory must hold one (or --lang-pair
    must pick one)."""
    if pair is not None:
        src, tgt = pair.source, pair.target
    elif len(languages) == 1:
        src, tgt = next(iter(languages))
    else:
        labels = ", ".join(sorted(f"{a}→{b}" for a, b in languages)) or "none"
        raise InputError(
            str(output),
            f"an XLIFF file holds one language pair; choose one with --lang-pair ({labels})",
        )
    return write_xliff2(
        units, output, original=output.stem, src_lang=src, tgt_lang=tgt, version="2.1"
    )


def _selected(
    project: Project,
    pair: LangPair | None,
    origins: Sequence[str],
    cleaning: MemoryCleaning,
    report: MemoryExportReport,
) -> Iterator[MemoryUnit]:
    seen: set[tuple[str, str, str, str]] = set()
    dropped = report.dropped
    streams = [project.store.memory_units(origin) for origin in origins] or [
        project.store.memory_units()
    ]
    for stream in streams:
        for _, unit in stream:
            if pair is not None:
                if not pair.serves(unit.src_lang, unit.tgt_lang):
                    continue
                # Written the pair's way: the reversal is not undone.
                if unit.prop(REVERSED):
                    unit = replace(unit, props=tuple(p for p in unit.props if p[0] != REVERSED))
            reason = _dropped(unit, cleaning)
            if reason is None and cleaning.dedupe:
                key = (
                    unit.src_lang.lower(),
                    unit.tgt_lang.lower(),
                    match_key(strip_codes(unit.source)),
                    unit.target.strip(),
                )
                if key in seen:
                    reason = DUPLICATE
                seen.add(key)
            if reason is not None:
                dropped[reason] = dropped.get(reason, 0) + 1
                continue
            yield unit


def _dropped(unit: MemoryUnit, cleaning: MemoryCleaning) -> str | None:
    if not (cleaning.drop_empty or cleaning.drop_copies or cleaning.drop_untranslated):
        return None
    reason = skip_reason(unit)
    if reason is None:
        return None
    if reason == EMPTY:
        return reason if cleaning.drop_empty else None
    if reason == SOURCE_COPY:
        return reason if cleaning.drop_copies else None
    return reason if cleaning.drop_untranslated else None


__all__ = [
    "DUPLICATE",
    "UNTRANSLATED",
    "MemoryCleaning",
    "MemoryExportReport",
    "export_memory",
]
