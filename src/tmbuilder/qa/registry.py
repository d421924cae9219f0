"""The QA checks tmbuilder knows: id, severity and what each one looks for.

Errors are kept for what is surely wrong (a number changed, a URL dropped, a segment left
untranslated, a forbidden term used); everything a reviewer may legitimately decide otherwise is a
warning. Only errors make `tmbuilder qa` exit non-zero. Every check is on by default and can be
switched off with `[qa] disabled = [...]` in tmbuilder.toml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tmbuilder.errors import ConfigError


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CheckInfo:
    """One check: its id (as used in config and reports), severity and a one-line description."""

    id: str
    severity: Severity
    description: str
    project_wide: bool = False  # needs every unit of the project, not just one segment


_E, _W = Severity.ERROR, Severity.WARNING

_CHECKS: tuple[CheckInfo, ...] = (
    CheckInfo("untranslated", _E, "segment has no translation (status new or empty target)"),
    CheckInfo("target-identical", _E, "target is the Vietnamese source copied unchanged"),
    CheckInfo(
        "number-mismatch",
        _E,
        "numbers differ, read with Vietnamese and English conventions (1.500,5 = 1,500.5; "
        "10 tỷ = 10 billion; 2-12 = 2 December)",
    ),
    CheckInfo(
        "number-approximate",
        _W,
        "numbers differ by a rounding the text admits (khoảng, about) or a unit conversion "
        "(km → miles)",
    ),
    CheckInfo(
        "inline-codes",
        _E,
        "an inline code (tag, placeholder) of the source is missing from the target, or added",
    ),
    CheckInfo("url", _E, "a URL of the source is missing from the target"),
    CheckInfo("email", _E, "an e-mail address of the source is missing from the target"),
    CheckInfo("forbidden-term", _E, "target uses an English term the glossary forbids"),
    CheckInfo(
        "glossary-term", _W, "source has an approved glossary term, target lacks its English"
    ),
    CheckInfo(
        "acronym", _W, "a Latin acronym of the source (ASEAN, USD) is missing from the target"
    ),
    CheckInfo("number-format", _W, "target writes a number the Vietnamese way (10,5; 1.500.000)"),
    CheckInfo("end-punctuation", _W, "source and target end with different punctuation"),
    CheckInfo("brackets", _W, "target has unpaired brackets where the source has none"),
    CheckInfo("quotes", _W, "target has unpaired double quotes where the source has none"),
    CheckInfo("double-space", _W, "target has two or more spaces in a row"),
    CheckInfo("whitespace", _W, "target starts or ends with whitespace the source does not have"),
    CheckInfo("repeated-word", _W, 'target repeats a word ("the the")'),
    CheckInfo("capitalization", _W, "source starts with a capital letter, target does not"),
    CheckInfo("length-ratio", _W, "target is suspiciously short or long for its source"),
    CheckInfo(
        "inconsistent-target",
        _W,
        "the same source is translated differently elsewhere in the project",
        project_wide=True,
    ),
    CheckInfo(
        "inconsistent-source",
        _W,
        "the same target translates different sources elsewhere in the project",
        project_wide=True,
    ),
)
_BY_ID = {info.id: info for info in _CHECKS}


def all_checks() -> list[CheckInfo]:
    """Every check, in report order."""
    return list(_CHECKS)


def check_info(check_id: str) -> CheckInfo:
    """The check with this id; KeyError for an unknown id."""
    return _BY_ID[check_id]


def validate_disabled(disabled: Iterable[str], *, path: str = "tmbuilder.toml") -> None:
    """Raise ConfigError when `[qa] disabled` names a check that does not exist (a typo)."""
    unknown = sorted(set(disabled) - _BY_ID.keys())
    if unknown:
        known = ", ".join(_BY_ID)
        raise ConfigError(
            path, f"[qa] disabled: unknown check {', '.join(unknown)} (known: {known})"
        )
