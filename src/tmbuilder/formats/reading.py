"""What a memory reader is told, and what it tells back: languages, and units it did not keep.

Every reader takes a `ReadOptions`: the project's language pair (so a symmetric format such as
TMX can hand out units in the project's direction), the languages to assume for files that name
none (`--source-lang/--target-lang`, TSV/CSV), and a `skipped` counter in which the reader
counts, per reason, what it read but did not turn into a unit. The import flow adds its own
reasons (untranslated, unconfirmed, source copy...) to the same counter and prints it: nothing
read is dropped without a count.

Internal props (`x-tmbuilder-*`) travel with a unit inside the store and are never exported:
`x-tmbuilder-reversed` (the file had the unit the other way round: its value is the file's
source language) and `x-tmbuilder-tu` (units cut from one multilingual <tu> share it, so an
export puts them back together).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from tmbuilder.inline import strip_codes
from tmbuilder.langtags import LangPair
from tmbuilder.model import MemoryUnit

REVERSED: Final = "x-tmbuilder-reversed"
# What a TMX <tu> holds beyond a unit's fields, kept so an export writes it back: attributes of
# the <tu> ("x-tmbuilder-tu@usagecount") and of each <tuv>, notes and props of each <tuv>
# ("x-tmbuilder-src-note", "x-tmbuilder-tgt-prop:TYPE", "x-tmbuilder-src@creationid").
TU_ATTR: Final = "x-tmbuilder-tu@"
SRC: Final = "x-tmbuilder-src"
TGT: Final = "x-tmbuilder-tgt"
TU_GROUP: Final = "x-tmbuilder-tu"
TRANSLATE: Final = "x-translate"  # "no": the file marks the unit not translatable
INTERNAL_PREFIX: Final = "x-tmbuilder-"

# Reasons a unit read is not memory (printed by `import`, one count each).
NO_TARGET: Final = "no translation (a single language variant)"
EMPTY: Final = "empty target"
SOURCE_COPY: Final = "target is a copy of the source"
UNTRANSLATED: Final = "untranslated (state new / needs-translation)"
UNCONFIRMED: Final = "not confirmed (fuzzy, draft, needs-review)"
REJECTED: Final = "rejected"
NOT_TRANSLATABLE: Final = 'marked translate="no"'
UNCONFIRMED_STATUSES: Final = frozenset({"draft"})


@dataclass
class ReadOptions:
    """See the module doc. `source_lang`/`target_lang` only label files that name no language."""

    pair: LangPair = field(default_factory=LangPair)
    source_lang: str = ""
    target_lang: str = ""
    skipped: Counter[str] = field(default_factory=Counter)


def skip_reason(unit: MemoryUnit, *, keep_copies: bool = False) -> str | None:
    """Why `unit` should not become memory, or None if it is a real translation."""
    # One pass over the props (this runs on every unit of a million-unit import).
    status = ""
    for kind, value in unit.props:
        if kind == "x-status":
            status = value
        elif kind == TRANSLATE and value == "no":
            return NOT_TRANSLATABLE
    if status == "new":
        return UNTRANSLATED
    if status == "rejected":
        return REJECTED
    if unit.codes:
        target = strip_codes(unit.target).strip()
        source = strip_codes(unit.source).strip()
    else:
        target, source = unit.target, unit.source
        if target[:1].isspace() or target[-1:].isspace():
            target = target.strip()
        if source[:1].isspace() or source[-1:].isspace():
            source = source.strip()
    if not target:
        return EMPTY
    if status in UNCONFIRMED_STATUSES:
        return UNCONFIRMED
    if not keep_copies and source == target:
        return SOURCE_COPY
    return None


def is_confirmed(unit: MemoryUnit) -> bool:
    """Whether a stored unit may give an exact match (unconfirmed ones are suggestions only)."""
    return unit.prop("x-status") not in UNCONFIRMED_STATUSES


def public_props(props: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """`props` without the internal ones (what an export writes)."""
    if not any(kind.startswith(INTERNAL_PREFIX) for kind, _ in props):
        return props
    return tuple((k, v) for k, v in props if not k.startswith(INTERNAL_PREFIX))


@dataclass
class MemoryFilter:
    """Decides which units read become memory, counting the others by reason (`skipped`) and
    the languages of those kept (`languages`). `keep_unconfirmed` keeps unconfirmed units (as
    suggestions: they never give an exact match); `keep_copies` keeps source copies."""

    skipped: Counter[str] = field(default_factory=Counter)
    keep_unconfirmed: bool = False
    keep_copies: bool = False
    languages: Counter[tuple[str, str]] = field(default_factory=Counter)
    unconfirmed: int = 0  # unconfirmed units kept as suggestions

    def __call__(self, unit: MemoryUnit) -> bool:
        reason = skip_reason(unit, keep_copies=self.keep_copies)
        if reason is not None:
            if not (reason == UNCONFIRMED and self.keep_unconfirmed):
                self.skipped[reason] += 1
                return False
            self.unconfirmed += 1
        self.languages[(unit.src_lang, unit.tgt_lang)] += 1
        return True

    def as_dict(self) -> dict[str, object]:
        """What a helper process sends back (see bigimport/tail_reader)."""
        return {
            "skipped": dict(self.skipped),
            "languages": [[a, b, n] for (a, b), n in self.languages.items()],
            "unconfirmed": self.unconfirmed,
        }

    def add(self, data: dict[str, object]) -> None:
        """Counts a helper sent back (`as_dict`), added to these."""
        skipped = data.get("skipped", {})
        languages = data.get("languages", [])
        if isinstance(skipped, dict):
            self.skipped.update({str(k): int(v) for k, v in skipped.items()})
        if isinstance(languages, list):
            for a, b, n in languages:
                self.languages[(str(a), str(b))] += int(n)
        self.unconfirmed += int(str(data.get("unconfirmed", 0)))
