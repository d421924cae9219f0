"""Language tags (BCP 47) as memory units carry them, and which of them a project can use.

Files label languages every way (`vi`, `vi-VN`, `VI_vn`, `en-us`, `EN-US`); a unit keeps the
label its file gave, and matching is done here. A unit's language serves a project language
when their primary subtags agree and neither names a region the other contradicts, except that
a missing region always matches (region fallback: `vi` serves `vi-VN`, `en` serves `en-US` and
`en-GB`). `en-GB` serves an `en-US` project too (a British English translation of a Vietnamese
sentence is still an English translation) unless the project's own pair is two variants of one
language (`en-US`→`en-GB`), where regions must agree.
"""

from __future__ import annotations

from dataclasses import dataclass


def normalize(tag: str) -> str:
    """'VI_vn' -> 'vi-vn': the form tags are compared in."""
    return tag.strip().replace("_", "-").lower()


def primary(tag: str) -> str:
    """'vi-VN' -> 'vi'."""
    return normalize(tag).partition("-")[0]


def _region(tag: str) -> str:
    for part in normalize(tag).split("-")[1:]:
        if len(part) == 2 or (len(part) == 3 and part.isdigit()):
            return part
    return ""


def same_language(tag: str, wanted: str, *, strict_region: bool = False) -> bool:
    """Whether a unit labelled `tag` serves a project language `wanted` (see the module doc)."""
    if not tag or primary(tag) != primary(wanted):
        return False
    if not strict_region:
        return True
    a, b = _region(tag), _region(wanted)
    return not a or not b or a == b


@dataclass(frozen=True)
class LangPair:
    """A project's language pair (`[languages]` in tmbuilder.toml)."""

    source: str = "vi-VN"
    target: str = "en-US"

    @property
    def strict(self) -> bool:
        """Two variants of one language: regions must agree."""
        return primary(self.source) == primary(self.target)

    def is_source(self, tag: str) -> bool:
        return same_language(tag, self.source, strict_region=self.strict)

    def is_target(self, tag: str) -> bool:
        return same_language(tag, self.target, strict_region=self.strict)

    def serves(self, src_lang: str, tgt_lang: str) -> bool:
        """Whether a unit src_lang→tgt_lang is usable as this pair's memory."""
        return self.is_source(src_lang) and self.is_target(tgt_lang)

    def reverses(self, src_lang: str, tgt_lang: str) -> bool:
        """Whether a unit tgt_lang→src_lang would serve this pair (an en→vi unit, vi→en)."""
        return self.is_source(tgt_lang) and self.is_target(src_lang)

    def label(self) -> str:
        return f"{self.source}→{self.target}"

    @classmethod
    def parse(cls, text: str) -> LangPair:
        """'vi-VN:en-US' -> LangPair('vi-VN', 'en-US'); ValueError if it is not that shape."""
        source, sep, target = text.partition(":")
        if not sep or not source.strip() or not target.strip():
            raise ValueError(f"expected SOURCE:TARGET language tags, got {text!r}")
        return cls(source.strip(), target.strip())
