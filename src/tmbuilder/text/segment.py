"""Split Vietnamese paragraphs into sentences with SRX-style rules (see segment_rules.py).

Speed comes from never looking at most of the text in Python: one compiled regex per break rule
finds the few positions where a break is possible at all, and only there are the ordered rules
tried, each a compiled regex anchored at that position.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from tmbuilder.text.segment_rules import SegmentationRules, default_rules, to_python_regex
from tmbuilder.text.segment_rules_en import english_rules

# The built-in rule sets by language (ISO 639-1), and the SRX language pattern each is mapped to.
LANGUAGES: dict[str, tuple[str, str]] = {
    "vi": ("Vietnamese (tmbuilder)", "vi.*"),
    "en": ("English (tmbuilder)", "en.*"),
}


def rules_for_language(language: str) -> SegmentationRules:
    """The built-in rules for `language` ("vi", "en", "en-US", "vi_VN" ...).

    Raises ValueError (one line) for a language without rules.
    """
    code = language.strip().lower().replace("_", "-").split("-")[0]
    if code == "vi":
        return default_rules()
    if code == "en":
        return english_rules()
    known = ", ".join(LANGUAGES)
    raise ValueError(f"no segmentation rules for language {language!r} (known: {known})")


# Characters str.splitlines() breaks on: line breaks are hard boundaries, never inside a sentence.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")

# How far back from a candidate position a rule's `before` pattern may reach. Rules are about
# the last word or two (an abbreviation, an initial, a line-initial label); bounding the look-back
# keeps each check O(1) instead of O(paragraph).
LOOKBEHIND = 80


@dataclass(frozen=True)
class _Check:
    before: re.Pattern[str] | None  # None: the empty pattern, which matches everywhere
    after: re.Pattern[str] | None
    is_break: bool
    reach: int  # the longest text `before` can match, capped at LOOKBEHIND
    before_first: bool = False  # `before` is cheaper to rule out than `after`


def _reach(pattern: re.Pattern[str] | None) -> int:
    """How many characters before a position a search for `pattern` has to start.

    A search tries every start in the window, so an abbreviation list that can only match 10
    characters should not be tried at 80 starts. The width comes from the stdlib's own regex
    parser; if that private module ever moves, the fixed LOOKBEHIND is still correct, only slower.
    """
    if pattern is None:
        return 0
    try:
        from re import _parser  # type: ignore[attr-defined]

        _low, high = _parser.parse(pattern.pattern).getwidth()
    except (ImportError, AttributeError, TypeError, ValueError):
        return LOOKBEHIND
    return min(int(high), LOOKBEHIND)


def _compile(pattern: str, suffix: str = "") -> re.Pattern[str] | None:
    if not pattern:
        return None
    return re.compile(f"(?:{to_python_regex(pattern)}){suffix}")


class Segmenter:
    """Sentence splitter for one rule set; build once, reuse for many paragraphs."""

    def __init__(self, rules: SegmentationRules | None = None) -> None:
        self.rules = rules if rules is not None else default_rules()
        effective = self.rules.effective_rules()
        # `\Z` with an endpos makes the pattern end exactly at the candidate position.
        checks = []
        for rule in effective:
            before = _compile(rule.before, r"\Z")
            reach = _reach(before)
            checks.append(
                _Check(before, _compile(rule.after), rule.is_break, reach, 0 < reach <= 4)
            )
        self._checks = tuple(checks)
        self._plan = tuple(
            (
                c.before.search if c.before is not None else None,
                c.after.match if c.after is not None else None,
                c.reach,
                c.is_break,
                c.before_first,
            )
            for c in checks
        )
        # A break can only happen where some break rule matches, so those rules' matches are
        # the candidates; no-break rules only ever veto.
        self._finders = tuple(
            re.compile(f"(?:{to_python_regex(r.before)})(?={to_python_regex(r.after)})")
            for r in effective
            if r.is_break
        )

    @classmethod
    def for_language(cls, language: str) -> Segmenter:
        """A segmenter with the built-in rules of `language` (see `rules_for_language`)."""
        return cls(rules_for_language(language))

    def spans(self, paragraph: str) -> list[tuple[int, int]]:
        """Character offsets of each sentence in `paragraph`, in order, trimmed of whitespace.

        Every non-whitespace character lies in exactly one span; line breaks always end a span.
        """
        out: list[tuple[int, int]] = []
        for line in _LINE.finditer(paragraph):
            start, end = line.span()
            text = paragraph if (start, end) == (0, len(paragraph)) else line.group()
            cut = 0
            for pos in self._breaks(text):
                _add_trimmed(out, text, cut, pos, start)
                cut = pos
            _add_trimmed(out, text, cut, len(text), start)
        return out

    def split(self, paragraph: str) -> list[str]:
        """The sentences of `paragraph`: `[paragraph[a:b] for a, b in self.spans(paragraph)]`."""
        return [paragraph[a:b] for a, b in self.spans(paragraph)]

    def _breaks(self, text: str) -> list[int]:
        if len(self._finders) == 1:
            candidates: list[int] = [m.end() for m in self._finders[0].finditer(text)]
        else:
            candidates = sorted({m.end() for f in self._finders for m in f.finditer(text)})
        size = len(text)
        return [pos for pos in candidates if 0 < pos < size and self._decide(text, pos)]

    def _decide(self, text: str, pos: int) -> bool:
        """SRX semantics: the first rule whose before and after both match decides."""
        # The hot loop of segmentation: bound methods and plain tuples, no attribute lookups.
        for before, after, reach, is_break, before_first in self._plan:
            lo = pos - reach if pos > reach else 0
            # Which side is tried first changes nothing but time: a `before` that can only
            # match a few characters ("TP.") rules out a long `after` (every city) at once.
            if before_first:
                if before is not None and before(text, lo, pos) is None:
                    continue
                if after is not None and after(text, pos) is None:
                    continue
            else:
                if after is not None and after(text, pos) is None:
                    continue
                if before is not None and before(text, lo, pos) is None:
                    continue
            return is_break
        return False


def _add_trimmed(out: list[tuple[int, int]], text: str, a: int, b: int, offset: int) -> None:
    piece = text[a:b]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append((offset + a + lead, offset + a + lead + len(stripped)))


def segment_lines(text: str, segmenter: Segmenter | None = None) -> list[list[str]]:
    """Line breaks are hard boundaries; each non-blank line is a paragraph -> its sentences."""
    seg = segmenter if segmenter is not None else Segmenter()
    return [seg.split(line) for line in text.splitlines() if line.strip()]


def _main() -> int:
    """`tmbuilder segment -` until the CLI exists: paragraphs on stdin, sentences on stdout."""
    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        sys.stderr.write(f"<stdin>: not UTF-8 text (byte {exc.start}): {exc.reason}\n")
        return 1
    blocks = ["\n".join(sentences) for sentences in segment_lines(text)]
    sys.stdout.write("".join(block + "\n\n" for block in blocks))
    return 0


if __name__ == "__main__":
    sys.exit(_main())
