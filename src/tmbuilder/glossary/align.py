"""English for glossary terms: from reviewed translations first, from the MT engine otherwise.

Alignment is by co-occurrence. Over the reviewed (vi, en) pairs, each English n-gram (1 to 5
words, not starting or ending with a function word) that occurs in a pair whose source holds
the term is scored with the Dice coefficient, 2·both / (pairs with the term + pairs with the
n-gram). Ties, frequent when a term occurs once or twice, are broken by how close the n-gram's
length is to what the term's syllable count predicts (about two Vietnamese syllables to one
English word), then by preferring the longer n-gram. Names whose ASCII spelling appears in the
English ("Tô Lâm" / "To Lam") are taken as they are written there.

Confidence is the Dice score scaled by the evidence: one shared pair proves little,
`both / (both + 1)` rises with each pair that agrees.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from tmbuilder.glossary.proposals import acceptable
from tmbuilder.glossary.syllables import BREAK, token_spans
from tmbuilder.model import Term
from tmbuilder.text.normalize import match_key

MAX_ENGLISH_WORDS = 5
ALIGN_FROM = 50  # reviewed pairs from which word alignment replaces Dice association
MIN_CONFIDENCE = 0.2  # below this, leave the term for the MT engine
RENDERING_SHARE = 0.6  # how close to the best Dice a longer rendering must come
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
ENGLISH_FUNCTION_WORDS = frozenset(
    str.split(
        """a an the of and or to in on at for with by from as is are was were be been its it this
    that these those their his her our your into over under between among than which who"""
    )
)


def _keys(text: str) -> list[str]:
    return [key for _s, _e, key in token_spans(text, cut_at_break_words=False)]


def _contains(keys: list[str], wanted: tuple[str, ...]) -> bool:
    n = len(wanted)
    return any(tuple(keys[i : i + n]) == wanted for i in range(len(keys) - n + 1))


def _forms(term: Term) -> list[tuple[str, ...]]:
    forms = {tuple(k for k in _keys(f) if k != BREAK) for f in (term.source, *term.variants)}
    return [f for f in forms if f]


def _english_ngrams(text: str) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    grams: set[tuple[str, ...]] = set()
    for n in range(1, MAX_ENGLISH_WORDS + 1):
        for i in range(len(words) - n + 1):
            gram = tuple(words[i : i + n])
            if gram[0] in ENGLISH_FUNCTION_WORDS or gram[-1] in ENGLISH_FUNCTION_WORDS:
                continue
            grams.add(gram)
    return grams


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics, as names appear in English: "Tô Lâm" -> "To Lam"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch.isascii()))


def _surface(english: str, gram: tuple[str, ...], name: bool = True) -> str:
    """`gram` as the English text writes it (its case), falling back to the lower-case words.

    A match opening the sentence has a capital the sentence forced: a common noun loses it.
    """
    pattern = r"(?<![\w])" + r"\W+".join(re.escape(w) for w in gram) + r"(?![\w])"
    matches = list(re.finditer(pattern, english, flags=re.IGNORECASE))
    if not matches:
        return " ".join(gram)
    opening = re.match(r"\W*", english)
    inner = [m for m in matches if opening is None or m.start() != opening.end()]
    if inner:
        return inner[0].group()
    found = matches[0].group()
    words = found.split()
    if not name and not words[0].isupper() and all(w[:1].islower() for w in words[1:]):
        found = found[:1].lower() + found[1:]
    return found


def _expected_words(term: Term) -> float:
    syllables = len([k for k in _keys(term.source) if k not in (BREAK, "-")])
    return max(1.0, syllables / 2)


def _folded(term: Term) -> tuple[str, ...]:
    """The name's English spelling as lower-case words, or () where folding changes nothing."""
    folded = ascii_fold(term.source)
    if folded.casefold() == term.source.casefold():
        return ()
    return tuple(w.casefold() for w in _WORD.findall(folded))


def _is_name(term: Term) -> bool:
    return term.source[:1].isupper()


def propose_translations(terms: Sequence[Term], pairs: Sequence[tuple[str, str]]) -> list[Term]:
    """Terms with an English proposal where the reviewed pairs support one.

    Terms that already have a target, or that no pair supports, are returned unchanged. A
    proposal sets target, confidence (0..1) and origin="align"; status stays as it was.
    From `ALIGN_FROM` pairs on, renderings come from word alignment (`proposals.py`: up to
    three, with counts and examples, in `extra["proposals"]`); names keep their transliteration
    when the English spells it. Below that, too few pairs to align, the Dice association of
    English n-grams decides.
    """
    if len(pairs) < ALIGN_FROM:
        return _propose_by_dice(terms, pairs)
    from tmbuilder.glossary.proposals import propose_aligned

    aligned = propose_aligned(terms, pairs)
    # The Dice path only for what it does best here: names as the English spells them.
    names = [t for t in terms if _is_name(t) and not t.target]
    transliterated = {t.source: t for t in _propose_by_dice(names, pairs)}
    result: list[Term] = []
    for term, word in zip(terms, aligned, strict=True):
        dice = transliterated.get(term.source, term)
        if term.target:
            result.append(word)
        elif (
            _is_name(term)
            and dice.target
            and _folded(term) == tuple(w.casefold() for w in _WORD.findall(dice.target))
        ):
            result.append(replace(dice, extra=word.extra))  # the name as the English spells it
        else:
            result.append(word)
    return result


def _propose_by_dice(terms: Sequence[Term], pairs: Sequence[tuple[str, str]]) -> list[Term]:
    sources = [_keys(vi) for vi, _en in pairs]
    english = [_english_ngrams(en) for _vi, en in pairs]
    gram_pairs: Counter[tuple[str, ...]] = Counter()
    for grams in english:
        gram_pairs.update(grams)
    names = [(term, _forms(term), _folded(term)) for term in terms if _is_name(term)]
    claimed: list[set[tuple[str, ...]]] = [set() for _ in pairs]
    for _term, forms, folded in names:
        for i, keys in enumerate(sources):
            if folded and any(_contains(keys, f) for f in forms):
                claimed[i].add(folded)
    result: list[Term] = []
    for term in terms:
        if term.target:
            result.append(term)
            continue
        forms = _forms(term)
        hits = [i for i, keys in enumerate(sources) if any(_contains(keys, f) for f in forms)]
        own = _folded(term)
        # English another name in the pair already accounts for ("To Lam") is not this term's.
        local = [
            {g for g in english[i] if not any(_overlaps(c, g) and c != own for c in claimed[i])}
            if claimed[i]
            else english[i]
            for i in range(len(pairs))
        ]
        proposal = _align(term, hits, pairs, local, gram_pairs) if hits else None
        if proposal is None:
            result.append(term)
        else:
            target, confidence = proposal
            result.append(replace(term, target=target, confidence=confidence, origin="align"))
    return result


def _align(
    term: Term,
    hits: list[int],
    pairs: Sequence[tuple[str, str]],
    english: list[set[tuple[str, ...]]],
    gram_pairs: Counter[tuple[str, ...]],
) -> tuple[str, float] | None:
    if _is_name(term):
        folded = ascii_fold(term.source)
        # The folded name as a capitalised whole word ("My" for "Mỹ" is the pronoun "my"
        # unless the English writes it with its capital, away from the sentence start).
        spelled = re.compile(r"(?<!^)(?<![\w])" + re.escape(folded) + r"(?![\w])")
        with_name = [i for i in hits if spelled.search(pairs[i][1].strip())]
        if with_name and folded.casefold() != term.source.casefold():
            share = len(with_name) / len(hits)
            return _surface(pairs[with_name[0]][1], tuple(folded.casefold().split())), round(
                0.95 * share, 3
            )
    both: Counter[tuple[str, ...]] = Counter()
    for i in hits:
        both.update(english[i])
    if not both:
        return None
    expected = _expected_words(term)
    scored: dict[tuple[str, ...], tuple[float, float, int]] = {}
    for gram, together in both.items():
        dice = 2 * together / (len(hits) + gram_pairs[gram])
        scored[gram] = (round(dice, 9), -abs(len(gram) - expected), len(gram))
    # the n-gram itself breaks the last ties: set order would depend on PYTHONHASHSEED
    best = max(scored, key=lambda g: (scored[g], g))
    dice = scored[best][0]
    together = both[best]
    confidence = dice * together / (together + 1)
    # An arbitrary pick among equally good, unrelated n-grams is no evidence.
    rivals = sum(1 for g, s in scored.items() if s[0] == dice and not _overlaps(g, best))
    confidence /= 1 + rivals
    if confidence < MIN_CONFIDENCE:
        return None
    where = next(i for i in hits if best in english[i])
    surface = _surface(pairs[where][1], best, _is_name(term))
    if _is_name(term) and " " not in surface and _cut_name(pairs[where][1], surface):
        return None  # "North" of "North Korea" is no rendering of "Triều Tiên"
    has_number = any(ch.isdigit() for ch in term.source)
    if not acceptable(_is_name(term), has_number, surface.split()):
        return None
    return surface, round(confidence, 3)


def _cut_name(english: str, surface: str) -> bool:
    """Whether the one word `surface` sits in `english` beside another capitalised word, inside
    the sentence: a piece of a longer English name ("North" of "North Korea"; a title of two
    words or more before a name, "General Secretary To Lam", is whole)."""
    pattern = r"(?<![\w])" + re.escape(surface) + r"(?![\w])"
    for match in re.finditer(pattern, english):
        after = re.match(r"\s+([A-Z])", english[match.end() :])
        before = re.search(r"\b([A-Z]\w*)\s+$", english[: match.start()])
        starts_sentence = before is not None and not english[: before.start()].strip()
        if after or (before and not starts_sentence):
            return True
    return False


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one n-gram lies inside the other (they name the same stretch of English)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def renderings(term: Term, units: Sequence[tuple[str, str]]) -> dict[int, str]:
    """For each unit (vi, en) holding the term, the English n-gram most associated with it.

    Used by the consistency check to see how a term was translated where no approved English
    tells it what to look for. Units without the term are absent from the result.
    """
    forms = _forms(term)
    sources = [_keys(vi) for vi, _en in units]
    english = [_english_ngrams(en) for _vi, en in units]
    hits = [i for i, keys in enumerate(sources) if any(_contains(keys, f) for f in forms)]
    if len(hits) < 2:
        return {}
    gram_units: Counter[tuple[str, ...]] = Counter()
    for grams in english:
        gram_units.update(grams)
    together: Counter[tuple[str, ...]] = Counter()
    for i in hits:
        together.update(english[i])
    chosen: dict[int, str] = {}
    for i in hits:
        if not english[i]:
            continue
        dice = {g: 2 * together[g] / (len(hits) + gram_units[g]) for g in english[i]}
        top = max(dice.values())
        # The longest n-gram nearly as associated as the best: "strategic bond", not the
        # "strategic" every rendering shares.
        close = [g for g, d in dice.items() if d >= RENDERING_SHARE * top]
        best = max(close, key=lambda g: (len(g), dice[g]))
        chosen[i] = " ".join(best)
    return chosen


def sentence_for_mt(term: Term) -> str:
    """The sentence to send to the MT engine with the term: its shortest example context.

    Short contexts translate faster and leave the engine less room to paraphrase the term.
    Without contexts the term itself is returned.
    """
    key = match_key(term.source)
    holding = [c for c in term.contexts if key in match_key(c)]
    pool = holding or list(term.contexts)
    return min(pool, key=len) if pool else term.source


def pick_mt_translation(term: Term, mt_sentence: str, mt_term: str) -> tuple[str, float]:
    """Choose the English for `term` from the engine's two answers and say how sure that is.

    `mt_term` is the term translated alone, `mt_sentence` its context sentence translated.
    The term's translation found in the sentence's translation agrees with itself: 0.7, in the
    sentence's casing. A name kept in ASCII in the sentence: 0.7. Otherwise the isolated
    translation, 0.4 (an isolated term loses the context that picks the sense).
    """
    alone = mt_term.strip().strip(".;:,!?\"'“”")
    if _is_name(term):
        folded = ascii_fold(term.source)
        if folded.casefold() in mt_sentence.casefold():
            return _surface(mt_sentence, tuple(folded.casefold().split())), 0.7
    words = tuple(w.casefold() for w in _WORD.findall(alone))
    if words and words in _all_ngrams(mt_sentence, len(words)):
        return _surface(mt_sentence, words, _is_name(term)), 0.7
    return alone, 0.4 if alone else 0.0


def _all_ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
