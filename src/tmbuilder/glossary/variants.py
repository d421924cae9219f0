"""One glossary entry per concept: fold the forms a text uses for the same thing.

Three kinds of variant are tied together:

* spelling: the same matching key (case, NFC, tone placement: "Hoà bình" / "hòa bình");
* abbreviations the text defines, "Đảng Nhân dân cách mạng (NDCM) Lào" or "TTXVN (Thông tấn xã
  Việt Nam)": "Đảng NDCM Lào" is then the same entry as "Đảng Nhân dân Cách mạng Lào";
* exonyms: two terms with the same English, a term written as another's English ("Vientiane" for
  "Viêng Chăn"), or a foreign spelling used in the same slot as a Vietnamese transcription
  ("cao tốc Hà Nội - Viêng Chăn" / "cao tốc Hà Nội - Vientiane") that sounds like it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from tmbuilder.glossary.extract import BREAK, token_spans
from tmbuilder.model import Term
from tmbuilder.text.normalize import match_key

_LONG_THEN_SHORT = re.compile(r"((?:[^\W\d_]+ ){1,12})\(([A-ZĐ][A-ZĐ0-9&]{1,9})\)")
_SHORT_THEN_LONG = re.compile(r"\b([A-ZĐ][A-ZĐ0-9&]{1,9}) \(((?:[^\W\d_]+ ?){2,12})\)")
EXONYM_SIMILARITY = 60.0  # rapidfuzz ratio of the ASCII-folded spellings, 0..100


def _initial(word: str) -> str:
    return word[:1].casefold()


def _matches_initials(words: list[str], abbreviation: str) -> bool:
    letters = [ch.casefold() for ch in abbreviation if ch.isalpha()]
    return len(words) == len(letters) and all(
        _initial(w) == letter for w, letter in zip(words, letters, strict=True)
    )


def find_abbreviations(sentences: Iterable[str]) -> dict[str, str]:
    """Abbreviations the text defines, mapped to their long form: {"NDCM": "Nhân dân cách mạng"}.

    The long form is the run of words, next to the parenthesis, whose initials spell the
    abbreviation letter for letter.
    """
    found: dict[str, str] = {}
    for sentence in sentences:
        if "(" not in sentence:
            # Both patterns need the parenthesis; without this test the backtracking over up
            # to 12 words at every letter costs seconds per 100,000 sentences.
            continue
        for match in _LONG_THEN_SHORT.finditer(sentence):
            words, short = match.group(1).split(), match.group(2)
            size = sum(ch.isalpha() for ch in short)
            if len(words) >= size and _matches_initials(words[-size:], short):
                found.setdefault(short, " ".join(words[-size:]))
        for match in _SHORT_THEN_LONG.finditer(sentence):
            short, words = match.group(1), match.group(2).split()
            if _matches_initials(words, short):
                found.setdefault(short, " ".join(words))
    return found


def _forms(term: Term) -> list[str]:
    return [term.source, *term.variants]


def _expand(form: str, abbreviations: dict[str, str]) -> str | None:
    words = form.split()
    if not any(w in abbreviations for w in words):
        return None
    return " ".join(abbreviations.get(w, w) for w in words)


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).casefold()


def _slots(forms: Collection[str], sentences: Sequence[str]) -> dict[str, set[tuple[str, ...]]]:
    """For each form, the two tokens before and after each of its occurrences: the slots it
    fills, as ("<", a, b) and (">", c, d).

    One pass: every sentence is tokenized once and each token looks up the forms starting with
    it, so the cost is the text's length whatever the number of forms (a scan per form made
    `tmbuilder build` quadratic).
    """
    slots: dict[str, set[tuple[str, ...]]] = {form: set() for form in forms}
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for form in slots:
        # Split like the sentence side is keyed: match_key per whitespace-separated word.
        wanted = tuple(match_key(form).split())
        if wanted:  # a blank form occurs nowhere (the callers only ask about names)
            by_first.setdefault(wanted[0], []).append((form, wanted))
    if not by_first:
        return slots
    for sentence in sentences:
        keys = [key for _s, _e, key in token_spans(sentence, cut_at_break_words=False)]
        for i, key in enumerate(keys):
            for form, wanted in by_first.get(key, ()):
                n = len(wanted)
                if tuple(keys[i : i + n]) != wanted:
                    continue
                before = tuple(keys[max(i - 2, 0) : i])
                after = tuple(keys[i + n : i + n + 2])
                if len(before) == 2 and BREAK not in before:
                    slots[form].add(("<", *before))
                if len(after) == 2 and BREAK not in after:
                    slots[form].add((">", *after))
    return slots


def _foreign_name(form: str) -> bool:
    return form.isascii() and form[:1].isupper() and " " not in form


def _transcribed_name(form: str) -> bool:
    words = form.split()
    return len(words) >= 2 and not form.isascii() and all(w[:1].isupper() for w in words)


class _Groups:
    """Union-find over term indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _merge(members: list[Term], preferred: Term) -> Term:
    forms: list[str] = []
    contexts: list[str] = []
    for term in [preferred, *members]:
        for form in _forms(term):
            if form != preferred.source and form not in forms:
                forms.append(form)
        contexts.extend(c for c in term.contexts if c not in contexts)
    with_target = [t for t in [preferred, *members] if t.target]
    source_of_target = with_target[0] if with_target else preferred
    notes = [t.note for t in [preferred, *members] if t.note]
    return replace(
        preferred,
        variants=tuple(forms),
        frequency=sum(t.frequency for t in members),
        documents=max(t.documents for t in members),
        score=max(t.score for t in members),
        contexts=tuple(contexts[: max(len(t.contexts) for t in members)]),
        target=source_of_target.target,
        status=source_of_target.status,
        confidence=source_of_target.confidence,
        origin=source_of_target.origin,
        note="; ".join(dict.fromkeys(notes)),
    )


def group_variants(terms: list[Term], sentences: Sequence[tuple[str, str]]) -> list[Term]:
    """Merge terms that name the same concept; keeps the input order of the surviving entries.

    The entry's headword is a full form over an abbreviated one, then the more frequent form.
    """
    texts = [sentence for _doc, sentence in sentences]
    abbreviations = find_abbreviations(texts)
    groups = _Groups(len(terms))
    by_key: dict[str, int] = {}
    expanded: dict[int, list[str]] = {}
    for i, term in enumerate(terms):
        for form in _forms(term):
            key = match_key(form)
            if key in by_key:
                groups.join(by_key[key], i)
            else:
                by_key[key] = i
    for i, term in enumerate(terms):
        for form in _forms(term):
            long_form = _expand(form, abbreviations)
            if long_form is None:
                continue
            expanded.setdefault(i, []).append(long_form)
            other = by_key.get(match_key(long_form))
            if other is not None:
                groups.join(other, i)
    by_target: dict[str, int] = {}
    for i, term in enumerate(terms):
        if term.target:
            key = match_key(term.target)
            if key in by_target:
                groups.join(by_target[key], i)
            else:
                by_target[key] = i
    for i, term in enumerate(terms):
        source_as_target = by_target.get(match_key(term.source))
        if source_as_target is not None:
            groups.join(source_as_target, i)
    _join_exonyms(terms, texts, groups)

    members: dict[int, list[int]] = {}
    for i in range(len(terms)):
        members.setdefault(groups.find(i), []).append(i)
    result: list[Term] = []
    for root in sorted(members):
        indexes = members[root]
        group = [terms[i] for i in indexes]

        def rank(i: int) -> tuple[int, int, int]:
            abbreviated = i in expanded and not any(
                by_key.get(match_key(f)) == i for f in expanded[i]
            )
            return (int(abbreviated), -terms[i].frequency, i)

        best = min(indexes, key=rank)
        merged = _merge(group, terms[best])
        known = {match_key(f) for f in _forms(merged)}
        extra_forms = [f for i in indexes for f in expanded.get(i, []) if match_key(f) not in known]
        if extra_forms:
            merged = replace(merged, variants=merged.variants + tuple(dict.fromkeys(extra_forms)))
        result.append(merged)
    return result


def _join_exonyms(terms: list[Term], sentences: Sequence[str], groups: _Groups) -> None:
    """Tie a foreign one-word name to a Vietnamese transcription used in the same slot."""
    foreign = [i for i, t in enumerate(terms) if _foreign_name(t.source)]
    native = [i for i, t in enumerate(terms) if _transcribed_name(t.source)]
    if not foreign or not native:
        return
    # Pairs whose spellings are close enough first; then one pass over the text for the slots
    # of every name in such a pair.
    folded = {i: _ascii_fold(terms[i].source) for i in (*foreign, *native)}
    pairs = [
        (f, v)
        for f in foreign
        for v in native
        if fuzz.ratio(folded[f], folded[v]) >= EXONYM_SIMILARITY
    ]
    if not pairs:
        return
    slots = _slots({terms[i].source for pair in pairs for i in pair}, sentences)
    for f, v in pairs:
        if slots[terms[f].source] & slots[terms[v].source]:
            groups.join(f, v)
