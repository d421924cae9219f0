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

from tmbuilder.glossary.english import CLAUSE_OPENERS, ENGLISH_FUNCTION_WORDS
from tmbuilder.glossary.syllables import BREAK, HYPHEN, token_spans
from tmbuilder.glossary.tagged import CUT, JOIN, NAME, Word, analyse_many
from tmbuilder.glossary.wordalign import align
from tmbuilder.model import Term

MAX_PAIRS = 20_000  # pairs aligned at most (those holding a term, first first)
MAX_PROPOSALS = 3
MAX_EXAMPLES = 2
MIN_COUNT = 2  # places agreeing on a rendering before it is proposed
MIN_CONFIDENCE = 0.2
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
    return True


@dataclass
class _Rendering:
    surface: Counter[str] = field(default_factory=Counter)
    count: int = 0
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
    out: list[Term] = []
    for term in terms:
        renderings, places = _renderings(term, forms[term.source], chosen, links, index)
        out.append(_with_proposals(term, renderings, places))
    return out


def _renderings(
    term: Term,
    forms: list[tuple[str, ...]],
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
                places += 1
                words = set(pair.syllable_word[at : at + len(form)])
                linked = sorted(j for i, j in links[k] if i in words)
                if not linked or linked[-1] - linked[0] > 2 * len(words) + 2:
                    continue  # unlinked, or scattered over the sentence
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
                entry = found.setdefault(text.casefold(), _Rendering())
                entry.surface[text] += 1
                entry.count += 1
                if len(entry.examples) < MAX_EXAMPLES and (pair.vi, pair.en) not in entry.examples:
                    entry.examples.append((pair.vi, pair.en))
    return found, places


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


def _best(rendering: _Rendering) -> str:
    return min(rendering.surface, key=lambda s: (-rendering.surface[s], s))


def _replace(term: Term, **changes: object) -> Term:
    from dataclasses import replace

    return replace(term, **changes)  # type: ignore[arg-type]
