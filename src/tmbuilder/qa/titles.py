"""Vietnamese titles, organisations and abbreviations with their usual English renderings.

The table is data (`titles.tsv` beside this module, its provenance written at its top): the
acronym check accepts any listed rendering for an abbreviation English translates ("PGS.TS" →
"Assoc. Prof. Dr.", "UBND" → "People's Committee"), and the glossary matcher reads the
abbreviations to know that the dot of "TP." or "Th.S" ends no sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Title:
    """One abbreviation of the table."""

    abbreviation: str  # as written: "PGS", "ThS", "UBND"
    vietnamese: str  # the expansion(s), "; "-separated where it has several meanings
    english: tuple[str, ...]  # renderings, any of which means it was translated
    may_drop: bool = False  # English often omits it altogether ("TP Hà Nội" → "Hanoi")


def _parse(text: str) -> dict[str, Title]:
    table: dict[str, Title] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        # A malformed line is a bug in the shipped table: fail loudly in tests, not in use.
        if len(cells) not in (3, 4):
            raise ValueError(f"titles.tsv: expected 3 or 4 tab-separated cells: {line!r}")
        abbreviation, vietnamese, english = (cell.strip() for cell in cells[:3])
        flags = cells[3].split() if len(cells) == 4 else []
        renderings = tuple(r.strip() for r in english.split("|") if r.strip())
        table[abbreviation] = Title(abbreviation, vietnamese, renderings, "drop" in flags)
    return table


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    """The table, by abbreviation as written (read once per process)."""
    text = resources.files("tmbuilder.qa").joinpath("titles.tsv").read_text(encoding="utf-8")
    return _parse(text)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Every abbreviation of the table, as written ("TP", "ThS", "Th.S" is read as "ThS")."""
    return frozenset(titles())


@lru_cache(maxsize=4096)
def _pattern(rendering: str) -> re.Pattern[str]:
    # Word-bounded, any case, a plural or possessive allowed ("courts", "People's Committees");
    # a final dot is optional ("Dr" = "Dr.") and spacing inside is free.
    body = rendering.rstrip(".")
    words = [re.escape(w) for w in body.split()]
    core = r"\s+".join(words).replace("’", "'").replace("'", "['’]")
    return re.compile(rf"(?<!\w){core}(?:s|es|['’]s?)?\.?(?!\w)", re.IGNORECASE)


def rendered(abbreviation: str, target: str) -> bool:
    """Whether `target` holds one of the table's renderings of `abbreviation`.

    False for an abbreviation the table does not list.
    """
    title = titles().get(abbreviation)
    if title is None:
        return False
    return any(_pattern(english).search(target) for english in title.english)
