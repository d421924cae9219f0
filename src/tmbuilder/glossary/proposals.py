"""English proposals for glossary terms from word-aligned reviewed pairs.

Each reviewed pair is cut into Vietnamese words (`tagged.analyse_many`) and English words, the
pairs are word-aligned (`wordalign.align`), and every place a term occurs gives the English
its words are linked to: the stretch from the first to the last linked English word, trimmed of
function words at its edges. Those renderings are counted; up to three are proposed, each with
its count and up to two example pairs. The best becomes the term's target when it is an
acceptable rendering of a noun term (`acceptable`): never a bare number, a lone function word,
a pronoun or a verb phrase ("1.4", "my", "had refused"); a name's English is capitalised
("North" alone is only a piece of "North Korea": a name's rendering must cover its words).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from tmbuilder.glossary.english import (
    CLAUSE_OPENERS,
    ENGLISH_FUNCTION_WORDS,
    QUANTIFIERS,
    never_noun,
)
from tmbuilder.glossary.syllables import BREAK, HYPHEN, token_spans
from tmbuilder.glossary.tagged import CUT, JOIN, NAME, Word, analyse_many
from tmbuilder.glossary.wordalign import align
from tmbuilder.model import Term

MAX_PAIRS = 20_000  # pairs aligned at most (those holding a term, first first)
MAX_PROPOSALS = 3
MAX_EXAMPLES = 2
MIN_COUNT = 2  # places agreeing on a rendering before it is proposed
MIN_CONFIDENCE = 0.2
COLLOCATE_SHARE = 3 / 4
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")


def _numeric(word: str) -> bool:
    return not any(ch.isalpha() for ch in word)


def acceptable(term_is_name: bool, term_has_number: bool, words: list[str]) -> bool:
    """Whether English `words` (as written) can render a noun term."""
    if not words:
        return False
    lower = [w.casefold() for w in words]
    if all(_numeric(w) for w in words) and not term_has_number:
        return False  # "kim ngạch xuất khẩu" is not "1.4"
    if len(words) == 1 and lower[0] in ENGLISH_FUNCTION_WORDS:
        return False
    if lower[0] in CLAUSE_OPENERS:
        return False  # "had refused", "my"
    if term_is_name:
        return words[0][:1].isupper() or words[0][:1].isdigit()
    # A noun phrase has a noun head: not "financial", "represent", "around us".
    return lower[-1] not in CLAUSE_OPENERS and not never_noun(lower[-1])


@dataclass
class _Rendering:
    surface: Counter[str] = field(default_factory=Counter)
    count: int = 0
    before: Counter[str] = field(default_factory=Counter)  # the English word before each place
    after: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Pair:
    vi: str
    en: str
    tokens: list[str]  # Vietnamese word tokens for the aligner
    syllable_word: list[int]  # word index of each syllable key (BREAK/HYPHEN excluded)
    syllables: list[str]
    english: list[tuple[int, int, str]]  # (start, end, word) of each English word


def _prepare(vi: str, en: str, words: list[Word]) -> _Pair:
    tokens: list[str] = []
    owner: list[int] = []
    syllables: list[str] = []
    for word in words:
        if word.tag in (CUT, JOIN):
            continue
        key = word.key.removeprefix(NAME)
        for syllable in key.split(" "):
            syllables.append(syllable)
            owner.append(len(tokens))
        tokens.append(key.replace(" ", "_"))
    english = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(en)]
    return _Pair(vi, en, tokens, owner, syllables, english)


def _form_keys(text: str) -> tuple[str, ...]:
    return tuple(
        k for _s, _e, k in token_spans(text, cut_at_break_words=False) if k not in (BREAK, HYPHEN)
    )


def _find(syllables: list[str], form: tuple[str, ...]) -> list[int]:
    n = len(form)
    first = form[0]
    return [
        i
        for i in range(len(syllables) - n + 1)
        if syllables[i] == first and tuple(syllables[i : i + n]) == form
    ]


def _trim(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    while words and words[0][2].casefold() in ENGLISH_FUNCTION_WORDS:
        words = words[1:]
    while words and words[-1][2].casefold() in ENGLISH_FUNCTION_WORDS:
        words = words[:-1]
    return words


def propose_aligned(terms: Sequence[Term], pairs: Sequence[tuple[str, str]]) -> list[Term]:
    """Terms with up to three aligned English renderings in `extra["proposals"]` (JSON) and,
    where the best is acceptable, a proposed target. Terms with a target keep it."""
    forms = {
        t.source: [f for f in {_form_keys(x) for x in (t.source, *t.variants)} if f] for t in terms
    }
    wanted = {f[0] for fs in forms.values() for f in fs}
    selected: list[tuple[str, str]] = []
    for vi, en in pairs:
        if len(selected) >= MAX_PAIRS:
            break
        keys = {k for _s, _e, k in token_spans(vi, cut_at_break_words=False)}
        if keys & wanted:
            selected.append((vi, en))
    # tagged all at once: the word models score a batch far faster than one sentence a call
    analysed = analyse_many([vi for vi, _en in selected])
    chosen = [_prepare(vi, en, w) for (vi, en), w in zip(selected, analysed, strict=True)]
    if not chosen:
        return list(terms)
    links = align(
        [p.tokens for p in chosen], [[w.casefold() for _s, _e, w in p.english] for p in chosen]
    )
    index: dict[str, list[int]] = defaultdict(list)
    for k, pair in enumerate(chosen):
        for syllable in dict.fromkeys(pair.syllables):
            index[syllable].append(k)
    all_forms = sorted({f for fs in forms.values() for f in fs})
    out: list[Term] = []
    for term in terms:
        own = forms[term.source]
        longer = [f for f in all_forms if any(_inside(o, f) for o in own)]
        renderings, places = _renderings(term, own, longer, chosen, links, index)
        out.append(_with_proposals(term, renderings, places))
    return out


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether `short` is a proper part of `long` ("bác sĩ" of "bác sĩ hướng dẫn")."""
    n = len(short)
    return len(long) > n and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _covered(syllables: list[str], at: int, size: int, longer: list[tuple[str, ...]]) -> bool:
    """Whether the occurrence at `at` lies inside an occurrence of a longer term there."""
    return any(
        start <= at and at + size <= start + len(form)
        for form in longer
        for start in _find(syllables[max(0, at - len(form)) : at + len(form)], form)
        for start in [start + max(0, at - len(form))]
    )


def _key(text: str) -> str:
    """Renderings that differ only by case or an English plural "s" agree ("doctor",
    "doctors"): they count together."""
    words = text.casefold().split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _renderings(
    term: Term,
    forms: list[tuple[str, ...]],
    longer: list[tuple[str, ...]],
    pairs: list[_Pair],
    links: list[set[tuple[int, int]]],
    index: dict[str, list[int]],
) -> tuple[dict[str, _Rendering], int]:
    found: dict[str, _Rendering] = {}
    places = 0
    is_name = term.source[:1].isupper()
    has_number = any(ch.isdigit() for ch in term.source)
    candidates = sorted({k for f in forms for k in index.get(f[0], ())})
    for k in candidates:
        pair = pairs[k]
        for form in forms:
            for at in _find(pair.syllables, form):
                if _covered(pair.syllables, at, len(form), longer):
                    continue  # the English there renders the longer term: "bác sĩ hướng dẫn"
                places += 1
                words = set(pair.syllable_word[at : at + len(form)])
                linked = sorted(j for i, j in links[k] if i in words)
                if not linked or linked[-1] - linked[0] > 2 * len(words) + 2:
                    continue  # unlinked, or scattered over the sentence
                # A neighbour the aligner gave to another Vietnamese word is that word's
                # rendering, never the term's ("e-health projects | fail": thất bại).
                elsewhere = {j for i, j in links[k] if i not in words}
                if _inside_larger_unit(links[k], words, linked):
                    continue  # the English renders more than the term: "người Mỹ gốc Phi"
                first, last = linked[0], linked[-1]
                if is_name:
                    first, last = _whole_name(pair.english, first, last)
                span = _trim(pair.english[first : last + 1])
                surfaces = [w for _s, _e, w in span]
                if not acceptable(is_name, has_number, surfaces):
                    continue
                text = pair.en[span[0][0] : span[-1][1]]
                if span[0][0] == _first_word_start(pair) and not is_name and not text.isupper():
                    text = text[:1].lower() + text[1:]  # a capital the sentence start forced
                entry = found.setdefault(_key(text), _Rendering())
                entry.surface[text] += 1
                entry.count += 1
                start, end = pair.english.index(span[0]), pair.english.index(span[-1])
                if start > 0 and start - 1 not in elsewhere:
                    entry.before[pair.english[start - 1][2]] += 1
                if end + 1 < len(pair.english) and end + 1 not in elsewhere:
                    entry.after[pair.english[end + 1][2]] += 1
                if len(entry.examples) < MAX_EXAMPLES and (pair.vi, pair.en) not in entry.examples:
                    entry.examples.append((pair.vi, pair.en))
    return found, places


def _inside_larger_unit(links: set[tuple[int, int]], words: set[int], linked: list[int]) -> bool:
    """Whether every English word the term is linked to is linked to the Vietnamese words just
    before and just after it too: the term is the middle of a larger unit that English renders
    as one word ("người Mỹ gốc Phi" → "African-American"). A title before a name ("ông
    Stevenson" → "Mr. Stevenson") or a stray link of the aligner's leaves one side free."""
    before = {j for i, j in links if i == min(words) - 1}
    after = {j for i, j in links if i == max(words) + 1}
    return all(j in before and j in after for j in linked)


def _whole_name(english: list[tuple[int, int, str]], first: int, last: int) -> tuple[int, int]:
    """A name's rendering widened to the capitalised words around it: the aligner may link
    "Triều Tiên" to "North" alone, and the English name is "North Korea"."""
    if not english[first][2][:1].isupper():
        return first, last
    while last + 1 < len(english) and english[last + 1][2][:1].isupper():
        last += 1
    while first > 1 and english[first - 1][2][:1].isupper():
        first -= 1  # not into the sentence's first word, whose capital proves nothing
    return first, last


def _first_word_start(pair: _Pair) -> int:
    return pair.english[0][0] if pair.english else -1


def _with_proposals(term: Term, found: dict[str, _Rendering], places: int) -> Term:
    if not found:
        return term
    found = _pool_acronyms(found)
    ranked = sorted(found.values(), key=lambda r: (-r.count, _best(r)))[:MAX_PROPOSALS]
    proposals = [
        {"english": _best(r), "count": r.count, "examples": [list(e) for e in r.examples]}
        for r in ranked
    ]
    extra = {**term.extra, "proposals": json.dumps(proposals, ensure_ascii=False)}
    if term.target:
        return _replace(term, extra=extra)
    best = ranked[0]
    share = best.count / max(places, 1)
    confidence = round(share * best.count / (best.count + 1), 3)
    if best.count < MIN_COUNT or confidence < MIN_CONFIDENCE:
        return _replace(term, extra=extra)  # renderings to look at, none to propose
    return _replace(term, target=_best(best), confidence=confidence, origin="align", extra=extra)


def _initials(text: str) -> str:
    """ "US" for "U.S", "U.S." and "United States"; "" for anything that is neither an
    acronym nor a capitalised name of two or more words."""
    letters = text.replace(".", "")
    if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6:
        return letters
    words = text.split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        return "".join(w[0] for w in words)
    return ""


def _pool_acronyms(found: dict[str, _Rendering]) -> dict[str, _Rendering]:
    """An acronym and the name it abbreviates are one rendering ("U.S", "United States"):
    their counts pool under the name written out."""
    expansions: dict[str, str] = {}
    for key, rendering in sorted(found.items()):
        text = _best(rendering)
        if " " in text and (initials := _initials(text)):
            expansions.setdefault(initials, key)
    pooled = dict(found)
    for key, rendering in sorted(found.items()):
        text = _best(rendering)
        into = expansions.get(_initials(text)) if " " not in text else None
        if into is None or into == key:
            continue
        target = pooled[into]
        target.count += rendering.count
        target.before.update(rendering.before)
        target.after.update(rendering.after)
        for example in rendering.examples:
            if len(target.examples) < MAX_EXAMPLES and example not in target.examples:
                target.examples.append(example)
        del pooled[key]
    return pooled


def _best(rendering: _Rendering) -> str:
    text = min(rendering.surface, key=lambda s: (-rendering.surface[s], s))
    before, after = (
        _collocate(rendering.before, rendering.count),
        _collocate(rendering.after, rendering.count),
    )
    return " ".join(w for w in (before, text, after) if w)


def _collocate(words: Counter[str], count: int) -> str:
    """The content word beside a rendering in at least `COLLOCATE_SHARE` of its places: the
    aligner linked only part of the English unit ("death | penalty", "deputy | sheriff"). The
    same test as the Vietnamese side's pieces (`termhood.cut_out`), on the English side."""
    if count < MIN_COUNT or not words:
        return ""
    word, seen = min(words.items(), key=lambda kv: (-kv[1], kv[0]))
    lower = word.casefold()
    if seen < COLLOCATE_SHARE * count or _numeric(word):
        return ""
    if lower in ENGLISH_FUNCTION_WORDS or lower in CLAUSE_OPENERS or lower in QUANTIFIERS:
        return ""
    return word


def _replace(term: Term, **changes: object) -> Term:
    from dataclasses import replace

    return replace(term, **changes)  # type: ignore[arg-type]
