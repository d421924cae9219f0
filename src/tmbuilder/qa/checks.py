"""Translation QA: run the checks of `registry` over units and collect findings.

Pure functions over plain values: the caller (CLI, review UI) loads units and terms from the
store and the disabled ids from the config. An untranslated unit is reported once, by the
'untranslated' check, and by nothing else: a missing target is one problem, not twenty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tmbuilder import inline
from tmbuilder.inline import missing_codes
from tmbuilder.model import Status, Term
from tmbuilder.qa import checks_text, checks_urls, skim
from tmbuilder.qa.checks_project import Pair, inconsistent_sources, inconsistent_targets
from tmbuilder.qa.checks_terms import TermChecks
from tmbuilder.qa.number_compare import compare_numbers, describe, split_approximations
from tmbuilder.qa.numbers import (
    Lang,
    NumberDiff,
    digit_tokens,
    read_digits,
    vietnamese_format_in_english,
)
from tmbuilder.qa.registry import Severity, check_info


@dataclass(frozen=True)
class QaUnit:
    """A segment as QA sees it."""

    segment_id: int
    source: str
    target: str
    status: str = "translated"
    document: str = ""


@dataclass(frozen=True)
class Finding:
    """One problem of one segment."""

    check: str
    severity: Severity
    segment_id: int
    message: str
    source: str = ""
    target: str = ""


def _number_messages(diff: NumberDiff) -> list[str]:
    parts = []
    if diff.missing:
        parts.append(f"not in target: {describe(diff.missing)}")
    if diff.extra:
        parts.append(f"not in source: {describe(diff.extra)}")
    return ["; ".join(parts)] if parts else []


@lru_cache(maxsize=64)
def _number_diffs(source: str, target: str) -> tuple[NumberDiff, NumberDiff] | None:
    # Both number checks read the same comparison: made once per pair, not once per check.
    diff = compare_numbers(source, target)
    return None if diff.ok else split_approximations(diff, source, target)


def number_mismatch(source: str, target: str) -> list[str]:
    """Numbers of the source missing from the target, and numbers the target adds.

    Differences a rounding or a unit conversion explains are left to `number_approximate`.
    """
    diffs = _number_diffs(source, target)
    return _number_messages(diffs[0]) if diffs else []


def number_approximate(source: str, target: str) -> list[str]:
    """Number differences explained by a rounding ("about 2 million") or a unit conversion."""
    diffs = _number_diffs(source, target)
    return [f"rounded or converted, {m}" for m in _number_messages(diffs[1])] if diffs else []


def number_format(source: str, target: str) -> list[str]:
    """Numbers the target writes the Vietnamese way: decimal comma, thousands dots."""
    target_tokens = digit_tokens(target)
    if skim.ENABLED and not target_tokens:
        return []
    source_tokens = set(digit_tokens(source))

    def slip(token: str) -> bool:
        if vietnamese_format_in_english(token):
            return True
        # "1.500" is 1.5 in English: a slip when copied from a source where it meant 1500.
        return token in source_tokens and not read_digits(token, Lang.EN) <= read_digits(
            token, Lang.VI
        )

    slips = [token for token in dict.fromkeys(target_tokens) if slip(token)]
    return [f'"{token}" is written the Vietnamese way' for token in slips]


# Any character of the inline-code range: a text without one has no code to miss.
_CODE = re.compile(f"[{chr(inline.FIRST)}-{chr(inline.LAST)}]")


def inline_codes(source: str, target: str) -> list[str]:
    """Inline codes (tags, placeholders) of the source missing from the target, or added to it.

    Codes are `tmbuilder.inline` characters, named in messages by their short form (`<g1>`,
    `<x2/>`), which is also what the review UI shows for them.
    """
    if skim.ENABLED and not (_CODE.search(source) or _CODE.search(target)):
        return []
    missing, extra = missing_codes(source, target)
    problems = []
    if missing:
        problems.append(f"inline code {' '.join(dict.fromkeys(missing))} not in target")
    if extra:
        problems.append(f"inline code {' '.join(dict.fromkeys(extra))} not in source")
    return problems


def _urls(source: str, target: str) -> list[str]:
    return [f"URL {url} is not in the target" for url in checks_urls.missing_urls(source, target)]


def _emails(source: str, target: str) -> list[str]:
    return [f"e-mail {m} is not in the target" for m in checks_urls.missing_emails(source, target)]


_PairCheck = Callable[[str, str], list[str]]
_TermCheck = Callable[[TermChecks, str, str], list[str]]

_PAIR_CHECKS: dict[str, _PairCheck] = {
    "target-identical": checks_text.target_identical,
    "number-mismatch": number_mismatch,
    "number-approximate": number_approximate,
    "inline-codes": inline_codes,
    "url": _urls,
    "email": _emails,
    "number-format": number_format,
    "end-punctuation": checks_text.end_punctuation,
    "brackets": checks_text.brackets,
    "quotes": checks_text.quotes,
    "double-space": checks_text.double_space,
    "whitespace": checks_text.whitespace,
    "repeated-word": checks_text.repeated_word,
    "capitalization": checks_text.capitalization,
    "length-ratio": checks_text.length_ratio,
}
_TERM_CHECKS: dict[str, _TermCheck] = {
    "forbidden-term": TermChecks.forbidden_terms,
    "glossary-term": TermChecks.glossary_terms,
    "acronym": TermChecks.acronyms,
}


def is_untranslated(unit: QaUnit) -> bool:
    """Status new, or a target that is empty or blank."""
    return unit.status == Status.NEW or not unit.target.strip()


def _finding(check: str, unit: QaUnit, message: str) -> Finding:
    return Finding(
        check, check_info(check).severity, unit.segment_id, message, unit.source, unit.target
    )


def check_unit(
    unit: QaUnit,
    *,
    terms: Sequence[Term] = (),
    disabled: Collection[str] = (),
    glossary: TermChecks | None = None,
) -> list[Finding]:
    """The per-segment checks (fast enough to run on every edit in the review UI).

    The term checks use `glossary`, the glossary prepared once (`TermChecks(terms)`), when
    given; otherwise they prepare `terms` for this one call, which with thousands of terms
    costs more than all the other checks together.
    """
    if glossary is not None and terms:
        raise ValueError("check_unit takes terms or a prepared glossary, not both")
    if is_untranslated(unit):
        if "untranslated" in disabled:
            return []
        return [_finding("untranslated", unit, "segment is not translated")]
    findings: list[Finding] = []
    for check, pair_check in _PAIR_CHECKS.items():
        if check not in disabled:
            messages = pair_check(unit.source, unit.target)
            if messages:
                findings.extend(_finding(check, unit, m) for m in messages)
    term_checks = [(check, run) for check, run in _TERM_CHECKS.items() if check not in disabled]
    if term_checks:
        prepared = glossary if glossary is not None else TermChecks(terms)
        for check, term_check in term_checks:
            messages = term_check(prepared, unit.source, unit.target)
            findings.extend(_finding(check, unit, m) for m in messages)
    return findings


def check_project(
    units: Sequence[QaUnit], *, terms: Sequence[Term] = (), disabled: Collection[str] = ()
) -> list[Finding]:
    """Per-segment checks of every unit, then the project-wide consistency checks.

    Findings come out grouped by segment in the order of `units`. The glossary is prepared
    once for the run, not once per unit.
    """
    glossary = TermChecks(terms)
    per_segment: dict[int, list[Finding]] = {}
    for unit in units:
        per_segment.setdefault(unit.segment_id, []).extend(
            check_unit(unit, disabled=disabled, glossary=glossary)
        )
    by_id = {unit.segment_id: unit for unit in units}
    pairs = [Pair(u.segment_id, u.source, u.target) for u in units if not is_untranslated(u)]
    project_checks = {
        "inconsistent-target": inconsistent_targets,
        "inconsistent-source": inconsistent_sources,
    }
    for check, run in project_checks.items():
        if check in disabled:
            continue
        for segment_id, message in run(pairs):
            per_segment[segment_id].append(_finding(check, by_id[segment_id], message))
    return [finding for findings in per_segment.values() for finding in findings]


def has_errors(findings: Sequence[Finding]) -> bool:
    """True when any finding is an error (warnings alone do not fail `tmbuilder qa`)."""
    return any(f.severity is Severity.ERROR for f in findings)
