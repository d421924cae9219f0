"""Glossary consistency: where the translation ignores the glossary or says a term two ways.

Three kinds of issue:

* missing-term: the source holds an approved term (or a variant) and the target lacks its
  approved English (any of the `;`-separated alternatives; case, spacing and dashes ignored);
* forbidden-term: the source holds a forbidden term and the target uses the English it forbids;
* inconsistent-term: a term (not approved: approval is checked above) appears in several units
  whose targets render it differently; the units that stray from the majority rendering are
  listed, with the majority rendering as `expected`.

`TermMatcher` indexes a glossary once; `glossary check`, QA (tmbuilder.qa.checks_terms) and
the review UI look terms up through it, so they always agree on what a source holds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tmbuilder.glossary.align import renderings
from tmbuilder.glossary.extract import BREAK, HYPHEN, token_spans
from tmbuilder.model import Term, TermStatus
from tmbuilder.qa.titles import abbreviations
from tmbuilder.text.normalize import match_key

_MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class TermIssue:
    """One glossary problem in one unit."""

    kind: str  # "missing-term" | "inconsistent-term" | "forbidden-term"
    term: str
    segment_id: int
    message: str
    expected: str = ""


# A dotted abbreviation: letters only, every part capitalised ("TP.HCM", "Tp.HCM", "PGS.TS",
# "N.T.H"); a web address ("vnexpress.net") has lower-case parts and stays a clause cut.
_DOTTED = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)+\.?")


def _abbreviation(word: str) -> bool:
    """A word whose following dot abbreviates, not ends a sentence ("TP.", "Q.", "Th.S")."""
    return word.isalpha() and (
        (word.isupper() and len(word) <= 5) or word.replace(".", "") in abbreviations()
    )


def match_spans(text: str) -> list[tuple[int, int, str]]:
    """`token_spans` of `text` as the matcher reads them: dotted abbreviations are words.

    "TP.HCM" is the syllables "TP" and "HCM" (so it matches "TP HCM" and "TP. HCM"), a
    mixed-case abbreviation of the titles table is one word ("Th.S" is "ThS"), and the dot after
    an abbreviation followed by a word ("UBND TP. Hồ Chí Minh") cuts nothing. Offsets stay
    offsets into `text`.
    """
    spans = token_spans(text, cut_at_break_words=False)
    out: list[tuple[int, int, str]] = []
    for index, (start, end, key) in enumerate(spans):
        surface = text[start:end]
        if "." in surface and _DOTTED.fullmatch(surface):
            parts = surface.rstrip(".").split(".")
            if all(part[0].isupper() for part in parts):
                joined = "".join(parts)
                if joined in abbreviations() and not joined.isupper():
                    out.append((start, start + len(surface.rstrip(".")), match_key(joined)))
                    continue
                offset = start
                for part in parts:
                    out.append((offset, offset + len(part), match_key(part)))
                    offset += len(part) + 1
                continue
        if surface == "." and out and out[-1][1] == start and index + 1 < len(spans):
            previous = text[out[-1][0] : out[-1][1]]
            following = spans[index + 1]
            if (
                _abbreviation(previous)
                and following[2] != BREAK
                and text[end : following[0]].isspace()
            ):
                continue
        out.append((start, end, key))
    return out


def _forms(term: Term) -> list[tuple[str, ...]]:
    forms = []
    for form in (term.source, *term.variants):
        keys = tuple(k for _s, _e, k in match_spans(form) if k != BREAK)
        if keys and keys not in forms:
            forms.append(keys)
    return forms


class TermMatcher:
    """A glossary indexed once, for finding its terms in many sources.

    Building the index tokenizes every term and variant; `hits` then costs one tokenization of
    the source and a dictionary lookup per syllable, whatever the glossary's size. Build one per
    run (a QA pass, a `glossary check`, a review session) and call it per unit.
    """

    def __init__(self, terms: Sequence[Term]) -> None:
        """Index `terms` by the first syllable key of each of their forms."""
        self.terms: tuple[Term, ...] = tuple(terms)
        # Forms by their first two syllable keys (one-syllable forms by their one), so a
        # syllable as common as "của" or "Việt" only brings up the forms that also share the
        # next one. Buckets keep glossary order, then form order: where equal forms of two
        # entries match, the entry listed first wins, as it always has.
        self._by_start: dict[tuple[str, ...], list[tuple[tuple[str, ...], Term]]] = {}
        for term in self.terms:
            for form in _forms(term):
                self._by_start.setdefault(form[:2], []).append((form, term))

    def hits(self, source: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) for every term or variant in `source`, as offsets into `source`.

        Matching is by syllable keys (case, NFC and tone placement folded) on whole syllables.
        Where hits overlap the longest wins ("Tổng Bí thư" inside "Tổng Bí thư Tô Lâm" loses to
        a longer entry if there is one); hits are returned in text order.
        """
        if not self._by_start:
            return []
        spans = match_spans(source)
        keys = [k for _s, _e, k in spans]
        found: list[tuple[int, int, Term]] = []  # token start, token end (exclusive), term
        by_start = self._by_start
        for i, key in enumerate(keys):
            candidates = by_start.get((key,), [])
            if i + 1 < len(keys):
                candidates = candidates + by_start.get((key, keys[i + 1]), [])
            for form, term in candidates:
                n = len(form)
                if tuple(keys[i : i + n]) == form:
                    found.append((i, i + n, term))
        found.sort(key=lambda hit: (-(hit[1] - hit[0]), hit[0]))
        taken: list[tuple[int, int, Term]] = []
        used: set[int] = set()
        for start, end, term in found:
            if used.isdisjoint(range(start, end)):
                used.update(range(start, end))
                taken.append((start, end, term))
        taken.sort(key=lambda hit: hit[0])
        return [(spans[s][0], spans[e - 1][1], term) for s, e, term in taken]

    def missing(self, source: str, target: str) -> list[Term]:
        """Approved terms of `source` whose approved English is not in `target`, in text order.

        An empty or blank target gives none: there is nothing to check yet.
        """
        if not target.strip():
            return []
        target_key = _english_key(target)
        hits = _distinct(self.hits(source)).values()
        return [term for term in hits if _lacks_english(term, target_key)]

    def issues(self, units: Sequence[tuple[int, str, str]]) -> list[TermIssue]:
        """Glossary issues in (segment_id, source, target) units, ordered by segment then term.

        Units with an empty target are skipped: there is nothing to check yet.
        """
        done = [(sid, src, tgt) for sid, src, tgt in units if tgt.strip()]
        issues: list[TermIssue] = []
        hits_by_unit = [_distinct(self.hits(src)) for _, src, _ in done]
        for (segment_id, _source, target), hits in zip(done, hits_by_unit, strict=True):
            if not hits:
                continue
            target_key = _english_key(target)
            for term in hits.values():
                if _lacks_english(term, target_key):
                    issues.append(
                        TermIssue(
                            "missing-term",
                            term.source,
                            segment_id,
                            f"“{term.source}” is in the source but its approved English "
                            f"“{term.target}” is not in the target",
                            term.target,
                        )
                    )
                elif (
                    term.status == TermStatus.FORBIDDEN
                    and term.target
                    and _uses_english(target_key, term.target)
                ):
                    issues.append(
                        TermIssue(
                            "forbidden-term",
                            term.source,
                            segment_id,
                            f"“{term.source}” is translated as “{term.target}”, which the "
                            "glossary forbids",
                        )
                    )
        issues.extend(_inconsistent(self.terms, done, hits_by_unit))
        issues.sort(key=lambda issue: (issue.segment_id, issue.term, issue.kind))
        return issues


def _distinct(hits: list[tuple[int, int, Term]]) -> dict[int, Term]:
    """The terms hit, once each (keyed by identity), in the order of their first hit."""
    return {id(term): term for _s, _e, term in hits}


def _lacks_english(term: Term, target_key: str) -> bool:
    """An approved term with English that the target (as its `_english_key`) does not use."""
    approved = term.status == TermStatus.APPROVED and bool(term.target)
    return approved and not _uses_english(target_key, term.target)


def find_term_hits(source: str, terms: Sequence[Term]) -> list[tuple[int, int, Term]]:
    """(start, end, term) for every term or variant in `source` (see `TermMatcher.hits`).

    Indexes `terms` on every call: to look in many sources, build one `TermMatcher`.
    """
    return TermMatcher(terms).hits(source)


def check_consistency(
    terms: Sequence[Term], units: Sequence[tuple[int, str, str]]
) -> list[TermIssue]:
    """Glossary issues in (segment_id, source, target) units (see `TermMatcher.issues`)."""
    return TermMatcher(terms).issues(units)


def _english_key(text: str) -> str:
    key = match_key(text)
    key = re.sub(r"[\u2010-\u2015-]", "-", key)
    return " ".join(re.sub(r"\s*-\s*", "-", key).split())


# English inflects where Vietnamese does not: "hai Đảng" is "the two Parties", so a term's
# last word may take a plural or possessive ending and still be the approved term.
_INFLECTION = r"(?:s|es|'s|’s|s'|’)?"


def _english_pattern(wanted: str) -> str:
    pattern = re.escape(wanted)
    if wanted.endswith("y") and len(wanted) > 1:
        pattern = f"(?:{pattern}|{re.escape(wanted[:-1])}ies)"
    return r"(?<!\w)" + pattern + _INFLECTION + r"(?!\w)"


@lru_cache(maxsize=16_384)
def _english_patterns(english: str) -> tuple[re.Pattern[str], ...]:
    # Compiled once per distinct English: re's own cache holds 512 patterns, fewer than one
    # glossary's worth, so without this every unit would recompile every term's pattern.
    keys = (_english_key(alternative) for alternative in re.split(r"[;|]", english))
    return tuple(re.compile(_english_pattern(wanted)) for wanted in keys if wanted)


def _uses_english(target_key: str, english: str) -> bool:
    """Whether a target (given as its `_english_key`) uses one of the `;`-separated forms."""
    return any(pattern.search(target_key) for pattern in _english_patterns(english))


def _has_english(target: str, english: str) -> bool:
    return _uses_english(_english_key(target), english)


def _inconsistent(
    terms: Sequence[Term],
    done: list[tuple[int, str, str]],
    hits_by_unit: list[dict[int, Term]],
) -> list[TermIssue]:
    issues: list[TermIssue] = []
    # Which units hold each term, gathered in one pass (not one pass over the units per term).
    holding_by_term: dict[int, list[int]] = {}
    for i, hits in enumerate(hits_by_unit):
        for key in hits:
            holding_by_term.setdefault(key, []).append(i)
    for term in terms:
        # an approved term is checked by missing-term; where alignment already tried and found
        # no confident rendering, the renderings are too unreliable to call anything inconsistent
        weak = term.target and term.confidence < _MIN_CONFIDENCE
        if term.status != TermStatus.PROPOSED or weak:
            continue
        holding = holding_by_term.get(id(term), [])
        if len(holding) < 2:
            continue
        pairs = [(done[i][1], done[i][2]) for i in holding]
        chosen = renderings(term, pairs)
        counts = Counter(_english_key(r) for r in chosen.values())
        if len(counts) < 2:
            continue
        (majority, top), (_, second) = counts.most_common(2)
        if top == second or top < 2:
            continue  # no majority to measure the others against
        for local, rendering in chosen.items():
            segment_id, _src, target = done[holding[local]]
            if _english_key(rendering) != majority and not _has_english(target, majority):
                issues.append(
                    TermIssue(
                        "inconsistent-term",
                        term.source,
                        segment_id,
                        f"“{term.source}” is rendered “{rendering}” here but “{majority}” in "
                        f"{top} other units",
                        majority,
                    )
                )
    return issues


__all__ = [
    "HYPHEN",
    "TermIssue",
    "TermMatcher",
    "check_consistency",
    "find_term_hits",
    "match_spans",
]
