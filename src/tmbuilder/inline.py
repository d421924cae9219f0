"""Inline codes: formatting tags and placeholders carried inside segment text as typed tokens.

Every format has its own inline elements (TMX `bpt/ept/ph/it/ut/hi`, XLIFF 1.2 `g/x/bx/ex/ph`,
XLIFF 2 `pc/ph/sc/ec`, printf `%s` and `{name}` in software strings, Markdown `` `code` ``).
tmbuilder stores each of them as **one character of the Unicode Private Use Area** inside the
text, plus an `InlineCode` record that keeps what the code stood for, so that:

- a code is atomic: it is one character, so an edit can delete it whole or not at all;
- every layer that handles plain strings (store, TM, QA, review) keeps working, and the text
  stays one string with the code where it was;
- matching drops the codes (`strip_codes`) and charges a small penalty when only codes differ;
- a writer puts each code back as its format's own element from `InlineCode.native` (the
  original element, serialized) or, across formats, from `kind` and `content`.

The character says the code's kind and its number `n` (1-based, unique per kind in a unit):

    U+E000 + n   a standalone code (TMX ph/ut, XLIFF x/ph, a printf placeholder)
    U+E400 + n   an opening code   (bpt, g/pc/sc start, <b>)
    U+E800 + n   a closing code    (ept, the end of g/pc, ec, </b>), paired with opening n
    U+EC00 + n   an isolated code  (TMX it, XLIFF bx/ex without a partner in the segment)

An opening and a closing code with the same `n` are a pair. Numbers are shared by source and
target of one unit: the target's opening 1 is the source's opening 1. Text from a document or a
file never contains these characters (readers replace any that occur with U+FFFD and say so), so
they cannot be confused with content. Up to 1,023 codes of each kind fit in a unit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum


class CodeKind(StrEnum):
    STANDALONE = "standalone"
    OPEN = "open"
    CLOSE = "close"
    ISOLATED = "isolated"


_BASE: dict[CodeKind, int] = {
    CodeKind.STANDALONE: 0xE000,
    CodeKind.OPEN: 0xE400,
    CodeKind.CLOSE: 0xE800,
    CodeKind.ISOLATED: 0xEC00,
}
_SPAN = 0x400
FIRST = 0xE000
LAST = 0xEFFF
MAX_N = _SPAN - 1


@dataclass(frozen=True)
class InlineCode:
    """What one code character stands for.

    `content` is the code's own text as the document had it (`<b>`, `%1$s`, `{{ x }}`), used by
    plain-text exports and machine translation. `native` is the original inline element as its
    format serialized it (e.g. `<bpt i="1" x="1">&lt;b&gt;</bpt>`), so that a writer of the same
    format puts it back unchanged; `element` names that element (`bpt`, `g`, `pc`, `printf`...)
    and `fmt` the format it came from (`tmx`, `xliff`, `xliff2`, `po`, `md`, `html`).
    """

    kind: CodeKind
    n: int
    element: str = ""
    content: str = ""
    native: str = ""
    fmt: str = ""
    attrs: tuple[tuple[str, str], ...] = field(default=())

    @property
    def char(self) -> str:
        return code_char(self.kind, self.n)


def code_char(kind: CodeKind, n: int) -> str:
    """The one character that stands for code `n` of `kind` in text."""
    if not 1 <= n <= MAX_N:
        raise ValueError(f"inline code number {n} out of range 1..{MAX_N}")
    return chr(_BASE[kind] + n)


def parse_char(ch: str) -> tuple[CodeKind, int] | None:
    """The kind and number of a code character, or None for any other character."""
    cp = ord(ch)
    if not FIRST <= cp <= LAST:
        return None
    for kind, base in _BASE.items():
        if base < cp < base + _SPAN:
            return kind, cp - base
    return None


def is_code(ch: str) -> bool:
    return FIRST < ord(ch) <= LAST and parse_char(ch) is not None


def has_codes(text: str) -> bool:
    return any(FIRST <= ord(ch) <= LAST for ch in text)


def codes_in(text: str) -> list[tuple[CodeKind, int]]:
    """Every code in `text`, in order."""
    found = []
    for ch in text:
        parsed = parse_char(ch) if FIRST <= ord(ch) <= LAST else None
        if parsed is not None:
            found.append(parsed)
    return found


def strip_codes(text: str) -> str:
    """`text` without its code characters: what matching and word counts look at."""
    if not has_codes(text):
        return text
    return "".join(ch for ch in text if not (FIRST <= ord(ch) <= LAST))


def clean_text(text: str) -> tuple[str, int]:
    """Replace code-range characters found in *incoming* plain text with U+FFFD.

    Readers call this on text that is not meant to carry codes, so a stray private-use
    character can never be taken for one. Returns the text and how many were replaced.
    """
    if not has_codes(text):
        return text, 0
    count = 0
    out = []
    for ch in text:
        if FIRST <= ord(ch) <= LAST:
            out.append("\ufffd")
            count += 1
        else:
            out.append(ch)
    return "".join(out), count


def render(text: str, codes: dict[tuple[CodeKind, int], InlineCode] | None = None) -> str:
    """`text` with each code written as its original content (plain-text exports, MT).

    A code with no record (or no content) is written in OmegaT's short form: `<x1/>`,
    `<g1>`, `</g1>`, `<it1/>`.
    """
    if not has_codes(text):
        return text
    out = []
    for ch in text:
        parsed = parse_char(ch) if FIRST <= ord(ch) <= LAST else None
        if parsed is None:
            out.append(ch)
            continue
        record = (codes or {}).get(parsed)
        out.append(record.content if record and record.content else short_form(*parsed))
    return "".join(out)


def short_form(kind: CodeKind, n: int) -> str:
    """OmegaT's short tag for a code: what a reviewer sees and can type."""
    if kind is CodeKind.OPEN:
        return f"<g{n}>"
    if kind is CodeKind.CLOSE:
        return f"</g{n}>"
    if kind is CodeKind.ISOLATED:
        return f"<it{n}/>"
    return f"<x{n}/>"


def missing_codes(source: str, target: str) -> tuple[list[str], list[str]]:
    """Codes of the source absent from the target, and codes of the target not in the source,
    each as short forms (what QA reports)."""
    src = codes_in(source)
    tgt = codes_in(target)
    missing = [short_form(*c) for c in src if c not in tgt]
    extra = [short_form(*c) for c in tgt if c not in src]
    return missing, extra


# A difference in codes alone costs this many points of a match score, per code, up to
# CODE_PENALTY_MAX (memoQ and Trados charge a small fixed penalty for tag differences; ours is
# 1 point per code so a 100% text match with other tags is a 99% match, never an exact one).
CODE_PENALTY = 1.0
CODE_PENALTY_MAX = 5.0


def code_penalty(a: str, b: str) -> float:
    """Points to take off a match score when `a` and `b` carry different codes."""
    ca, cb = codes_in(a), codes_in(b)
    if ca == cb:
        return 0.0
    # Count codes that differ by multiset, plus 1 when only the order differs.
    remaining = list(cb)
    differ = 0
    for code in ca:
        if code in remaining:
            remaining.remove(code)
        else:
            differ += 1
    differ += len(remaining)
    return min(CODE_PENALTY_MAX, CODE_PENALTY * max(1, differ))


def dumps(codes: list[InlineCode] | tuple[InlineCode, ...]) -> str:
    """Codes as the store keeps them: a JSON list ('' when there are none)."""
    if not codes:
        return ""
    return json.dumps(
        [
            {
                "k": c.kind.value,
                "n": c.n,
                "e": c.element,
                "c": c.content,
                "x": c.native,
                "f": c.fmt,
                "a": [list(pair) for pair in c.attrs],
            }
            for c in codes
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def loads(data: str) -> tuple[InlineCode, ...]:
    """The inverse of `dumps`."""
    if not data:
        return ()
    return tuple(
        InlineCode(
            kind=CodeKind(item["k"]),
            n=int(item["n"]),
            element=item.get("e", ""),
            content=item.get("c", ""),
            native=item.get("x", ""),
            fmt=item.get("f", ""),
            attrs=tuple((str(k), str(v)) for k, v in item.get("a", [])),
        )
        for item in json.loads(data)
    )


def by_key(
    codes: tuple[InlineCode, ...] | list[InlineCode],
) -> dict[tuple[CodeKind, int], InlineCode]:
    return {(c.kind, c.n): c for c in codes}
