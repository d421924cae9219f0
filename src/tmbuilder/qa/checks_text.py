"""Surface checks of a target against its source: spacing, punctuation, case, length.

Each function takes the source and target and returns the problems it found as one-line
messages (empty when the pair is clean); `checks.py` turns them into findings.
"""

from __future__ import annotations

import re
import unicodedata

from tmbuilder.qa import skim

# English/Vietnamese character-length band, calibrated on reviewed Vietnamese→English news pairs
# (tests/test_qa_seed_pairs.py: the 59 seed sentences of 40+ characters have ratios 0.86-1.66,
# median 1.08; titles grow most: "Tổng Bí thư" is "General Secretary") and on subtitles, which
# English says tersely (the dev part of tests/data/qa_dev, lines 1-776 of IWSLT tst2012: 607
# pairs of 40+ characters, median 0.96, 1st percentile 0.54, minimum 0.40). A target under
# 0.45 of its source has lost about half of it. Below the minimum source length, ratios of
# names, captions and headings vary too much to say anything.
LENGTH_RATIO_BAND = (0.45, 2.0)
LENGTH_RATIO_MIN_SOURCE = 40

_CLOSERS = "\"'”’»)]} \t\u00a0"
_END_MARKS = ".!?:;,"
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_REPEAT_OK = frozenset({"that", "had", "bora", "walla", "tom"})  # "that that" can be right
_REPEAT = re.compile(r"\b([^\W\d_]+)(?:\s+\1\b)+", re.IGNORECASE)
_QUOTE_MARKS = ('"', "“", "”")


_SPLIT_SENTENCE = frozenset({(",", "."), (";", ".")})


def _end_mark(text: str) -> str:
    body = text.rstrip(_CLOSERS)
    if body.endswith(("...", "…")):
        return "…"
    return body[-1] if body and body[-1] in _END_MARKS else ""


def _show(mark: str) -> str:
    return f'"{mark}"' if mark else "no punctuation"


def end_punctuation(source: str, target: str) -> list[str]:
    """Different final punctuation (closing quotes and brackets looked through).

    Silent when the source ends with no punctuation at all: subtitles, captions, headings and
    list items are written that way, and a translator who adds a full stop is not wrong. Silent
    too for a source ending in a comma or semicolon and a target in a full stop: a subtitle or
    a sentence split over segments, which English often ends where Vietnamese runs on.
    """
    src, tgt = _end_mark(source), _end_mark(target)
    if src == tgt or not src or (src, tgt) in _SPLIT_SENTENCE:
        return []
    return [f"source ends with {_show(src)}, target with {_show(tgt)}"]


_ANY_BRACKET = re.compile(r"[][(){}]")


def _unbalanced_brackets(text: str) -> list[str]:
    stack: list[str] = []
    problems: list[str] = []
    closers = {close: open_ for open_, close in _BRACKETS.items()}
    # Only the brackets matter, in order: the regex finds them faster than a loop over text.
    for char in _ANY_BRACKET.findall(text) if skim.ENABLED else text:
        if char in _BRACKETS:
            stack.append(char)
        elif char in closers:
            if stack and stack[-1] == closers[char]:
                stack.pop()
            else:
                problems.append(f'unpaired "{char}"')
    return problems + [f'unpaired "{char}"' for char in stack]


def brackets(source: str, target: str) -> list[str]:
    """Unpaired (), [] or {} in the target when the source's are paired.

    A source that is itself unbalanced (a sentence split inside a parenthesis) is left alone.
    """
    if _unbalanced_brackets(source):
        return []
    problems = _unbalanced_brackets(target)
    return [f"target has {', '.join(dict.fromkeys(problems))}"] if problems else []


def _has_lone_quote(text: str) -> bool:
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


def _unbalanced_quotes(text: str) -> bool:
    # Only double quotes: a single ’ is also the English apostrophe (Laos’ capital). A quote
    # alone at either end continues a quotation from or into the next segment (subtitles,
    # a speech split over sentences): it has its partner there.
    text = text.strip()
    if not _has_lone_quote(text):
        return False
    trimmed = []
    if text[:1] in _QUOTE_MARKS:
        trimmed.append(text[1:])
    if text[-1:] in _QUOTE_MARKS:
        trimmed.append(text[:-1])
    return all(_has_lone_quote(t) for t in trimmed)


def quotes(source: str, target: str) -> list[str]:
    """Unpaired double quotes in the target when the source's are paired.

    A source with a lone quote anywhere, even at an end, is part of a quotation split over
    segments; its English may well open or close that quotation elsewhere in the sentence
    ("Ở Đức không có..." → 'He said, "We don't have...': English puts the speech verb
    first), so its target's lone quote is no slip either.
    """
    if _has_lone_quote(source):
        return []
    if _unbalanced_quotes(target):
        return ["target has unpaired double quotes"]
    return []


def double_space(source: str, target: str) -> list[str]:
    """Two or more spaces in a row inside the target."""
    if skim.ENABLED and "  " not in target and "\u00a0" not in target:
        return []
    runs = re.findall(r"(?<=\S)[ \u00a0]{2,}(?=\S)", target)
    return [f"target has {len(runs)} run(s) of several spaces"] if runs else []


def whitespace(source: str, target: str) -> list[str]:
    """Leading or trailing whitespace in the target that the source does not have."""
    problems = []
    if target[:1].isspace() and not source[:1].isspace():
        problems.append("target starts with whitespace")
    if target[-1:].isspace() and not source[-1:].isspace():
        problems.append("target ends with whitespace")
    return problems


def repeated_word(source: str, target: str) -> list[str]:
    """A word written twice in a row in the target ("the the")."""
    # A slip doubles a word; three or more in a row are meant ("Mmm mmm mmm", "no no no").
    found = [
        m.group(1)
        for m in _REPEAT.finditer(target)
        if m.group(1).casefold() not in _REPEAT_OK and len(m.group().split()) == 2
    ]
    return [f'target repeats "{word}"' for word in dict.fromkeys(found)]


def _first_letter(text: str) -> tuple[str, str] | None:
    """The first alphanumeric character of `text` and the word it starts."""
    match = re.search(r"\w+", text)
    return (match.group()[0], match.group()) if match else None


def capitalization(source: str, target: str) -> list[str]:
    """Source starts with a capital letter and the target with a lower-case one."""
    src, tgt = _first_letter(source), _first_letter(target)
    if src is None or tgt is None or not src[0].isupper():
        return []
    letter, word = tgt
    # "iPhone", "eBay", "e-Government": lower case by design, shown by a capital inside.
    if letter.islower() and not any(c.isupper() for c in word[1:]) and word != "e":
        return [f'target starts with lower-case "{word}"']
    return []


def length_ratio(source: str, target: str) -> list[str]:
    """English/Vietnamese length ratio outside `LENGTH_RATIO_BAND`."""
    src, tgt = len(source.strip()), len(target.strip())
    if src < LENGTH_RATIO_MIN_SOURCE:
        return []
    ratio = tgt / src
    low, high = LENGTH_RATIO_BAND
    if low <= ratio <= high:
        return []
    side = "short" if ratio < low else "long"
    return [f"target is {ratio:.2f}× the source's length, too {side} (expected {low}-{high})"]


def _letters(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def looks_vietnamese(text: str) -> bool:
    """True when `text` has a lower-case word with a non-ASCII letter (Vietnamese prose, not names).

    Names and acronyms ("Tô Lâm", "TTXVN") are carried unchanged into English; sentences with
    ordinary Vietnamese words are not.
    """
    for word in re.findall(r"[^\W\d_]+", _letters(text)):
        if word.islower() and not word.isascii():
            return True
    return False


def target_identical(source: str, target: str) -> list[str]:
    """Target equals the source and the source is Vietnamese prose, not a name or a number."""
    same = " ".join(source.split()).casefold() == " ".join(target.split()).casefold()
    if same and looks_vietnamese(source):
        return ["target is the source copied unchanged"]
    return []
