"""Glossary candidates from a project's sentences: syllable n-grams a terminologist would list.

Vietnamese separates syllables, not words, by spaces, so a generic n-gram extractor returns
scraps ("thư Tô Lâm", "tác toàn"). Four filters, in this order, keep whole terms:

1. clause cuts: punctuation and `stopwords.BREAK_WORDS` end a chunk; n-grams never span one;
2. edges: no function word, hyphen or leading number at either end (`stopwords`);
3. closedness: an n-gram that occurs only ever with the same neighbour syllable is a piece of
   a longer unit, not a unit ("Bí thư Tô Lâm" is always preceded by "Tổng"). A capitalised
   syllable after a lower-case one starts a name, so "Tô Lâm" survives its fixed title;
4. general language: lower-case candidates that are, start with or end with a general
   predicate ("khẳng định", "tiếp tục") or are one general word ("tình hình") are dropped.

Survivors are ranked by C-value (Frantzi et al. 2000, with log2(length + 1) so one-syllable
names score): frequency minus the mean frequency of the longer candidates that contain it, so
"Tổng Bí thư" keeps its own weight beside "Tổng Bí thư Tô Lâm".

Frequent n-grams are mined level by level (an n-gram can only be frequent if both its
(n-1)-gram halves are), which keeps memory proportional to the repeated text, not to all n-grams.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from tmbuilder.glossary.stopwords import (
    BREAK_WORDS,
    CLASSIFIERS,
    FUNCTION_WORDS,
    GENERAL_WORDS,
    LIGHT_VERBS,
    NOT_INITIAL,
    PREDICATE_WORDS,
    has_inner_function_word,
    has_predicate,
    is_function_edge,
    is_general,
    starts_with_adjective,
    title_then_name,
)
from tmbuilder.model import Term
from tmbuilder.text.normalize import match_key

BREAK = "\x00"  # chunk separator in the key sequence; never a token
HYPHEN = "-"  # key of a spaced hyphen or en dash joining a compound ("quốc phòng - an ninh")
MAX_HYPHENS = 2
# Two lower-case syllables are, far more often than not, one dictionary word ("hợp tác",
# "trụ cột"): a dictionary's job, not a project glossary's. Names may be one or two syllables.
MIN_COMMON_SYLLABLES = 3

_TOKEN = re.compile(
    # a syllable, number, acronym or dotted form (TP.HCM); combining marks (NFD input) included
    r"(?P<w>(?:[^\W_]|[\u0300-\u036f])+(?:['’.\-](?:[^\W_]|[\u0300-\u036f])+)*)"
    r"|(?P<d>(?<!\S)[-\u2013](?!\S))"  # a hyphen or en dash between spaces joins a compound
    r"|(?P<a>(?<=\w )\((?:[A-ZĐ][A-ZĐ0-9&]{1,9})\)(?= \w))"  # "(NDCM)" inside a name: skipped
    r"|(?P<p>\S)"  # anything else cuts the clause
)
_URL = re.compile(r"^(?:www|https?)\b|\.[a-z]{2,4}$|@", re.IGNORECASE)


def token_spans(text: str, *, cut_at_break_words: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, key) of every token of `text`; key is BREAK for a clause cut.

    Keys are `match_key` of the surface (NFC, tone placement, case folded), so "Hoà" and
    "hòa" are one syllable. Offsets are into `text` as given. Extraction cuts clauses at
    `BREAK_WORDS` too; matching known terms ("Bộ Khoa học và Công nghệ") must not.
    """
    spans: list[tuple[int, int, str]] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if match.lastgroup == "w":
            word = match.group()
            if "." in word and _URL.search(word):
                spans.append((start, end, BREAK))
            else:
                key = _key(word)
                if cut_at_break_words and key in BREAK_WORDS:
                    key = BREAK
                spans.append((start, end, key))
        elif match.lastgroup == "d":
            spans.append((start, end, HYPHEN))
        elif match.lastgroup == "a":
            # An abbreviation defined inside a name, "Đảng Nhân dân cách mạng (NDCM) Lào":
            # the name reads on through it (variants.py ties the abbreviation to the name).
            continue
        else:
            spans.append((start, end, BREAK))
    return spans


_KEYS: dict[str, str] = {}


def _key(word: str) -> str:
    key = _KEYS.get(word)
    if key is None:
        key = match_key(word)
        if len(_KEYS) < 500_000:  # a bounded memo: vocabularies are small, hostile input is not
            _KEYS[word] = key
    return key


_OPENERS = FUNCTION_WORDS | CLASSIFIERS | LIGHT_VERBS | {BREAK, HYPHEN}
_CLOSERS = FUNCTION_WORDS | {BREAK, HYPHEN} | {w[0] for w in NOT_INITIAL if len(w) == 1}

_PREDICATE_TAILS = {w[-1] for w in PREDICATE_WORDS}
_PREDICATE_HEADS = {w[0] for w in PREDICATE_WORDS}


@dataclass
class _Corpus:
    """The project's sentences as one key sequence, with what ranking needs to know."""

    keys: list[str] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    initial: set[int] = field(default_factory=set)  # positions of sentence-initial words
    non_initial: Counter[str] = field(default_factory=Counter)
    capitalised: Counter[str] = field(default_factory=Counter)
    all_caps: Counter[str] = field(default_factory=Counter)

    def add(self, sentence: str) -> None:
        self.sentence_starts.append(len(self.keys))
        keys, surfaces = self.keys, self.surfaces
        first_word = True
        for start, end, key in token_spans(sentence):
            if key == BREAK:
                if keys and keys[-1] != BREAK:
                    keys.append(BREAK)
                    surfaces.append("")
                first_word = False
                continue
            surface = sentence[start:end]
            if first_word:
                self.initial.add(len(keys))
                first_word = False
            else:
                self.non_initial[key] += 1
                if surface[0].isupper():
                    self.capitalised[key] += 1
            if len(surface) > 1 and surface.isupper():
                self.all_caps[key] += 1
            keys.append(key)
            surfaces.append(surface)
        if keys and keys[-1] != BREAK:
            keys.append(BREAK)
            surfaces.append("")

    def opens_at(self, start: int) -> bool:
        """Whether a unit can start at `start`: after a clause cut, a function word, a hyphen,
        a number or acronym, a classifier, a general predicate, or where a name starts after a
        lower-case word."""
        keys = self.keys
        left = keys[start - 1] if start else BREAK
        if left in _OPENERS or self.acronym(left) or left[:1].isdigit():
            return True
        if tuple(keys[max(start - 2, 0) : start]) in PREDICATE_WORDS:
            return True
        return self.name_like(keys[start]) and not self.name_like(left)

    def closes_at(self, end: int) -> bool:
        """Whether a unit can end just before `end`: before a clause cut, a function word, a
        hyphen, a number, a general predicate or adjective, or a name."""
        keys = self.keys
        right = keys[end] if end < len(keys) else BREAK
        if right in _CLOSERS or right[:1].isdigit():
            return True
        after = tuple(keys[end : end + 2])
        if after in PREDICATE_WORDS or after in NOT_INITIAL:
            return True
        return self.name_like(right) and not self.name_like(keys[end - 1])

    def cuts_word(self, start: int, n: int, words: frozenset[tuple[str, ...]]) -> bool:
        """Whether the span's first or last syllable belongs to one of `words` reaching outside."""
        keys = self.keys
        for size in (2, 3):
            for first in range(start + n - size + 1, start + n):
                if tuple(keys[first : first + size]) in words:
                    return True
            for first in range(start - size + 1, start):
                if first >= 0 and tuple(keys[first : first + size]) in words:
                    return True
        return False

    def name_like(self, key: str) -> bool:
        """Mostly capitalised where capitals are not forced by the sentence start."""
        seen = self.non_initial[key]
        return seen > 0 and self.capitalised[key] * 2 >= seen

    def acronym(self, key: str) -> bool:
        return self.all_caps[key] > 0 and self.all_caps[key] * 2 >= self.non_initial[key]


def _mine(keys: list[str], min_freq: int, max_tokens: int) -> list[dict[tuple[str, ...], int]]:
    """Counts of the n-grams (n = index) occurring at least `min_freq` times."""
    levels: list[dict[tuple[str, ...], int]] = [{}]
    unigrams = Counter(keys)
    unigrams.pop(BREAK, None)
    frequent: dict[tuple[str, ...], int] = {(k,): c for k, c in unigrams.items() if c >= min_freq}
    levels.append(frequent)
    positions = [i for i, k in enumerate(keys) if (k,) in frequent]
    for n in range(2, max_tokens + 1):
        previous = set(positions)
        starts = [i for i in positions if i + 1 in previous]
        grams = [tuple(keys[i : i + n]) for i in starts]
        counts = Counter(grams)
        frequent = {g: c for g, c in counts.items() if c >= min_freq}
        if not frequent:
            break
        levels.append(frequent)
        positions = [i for i, g in zip(starts, grams, strict=True) if g in frequent]
    return levels


def _syllables(gram: tuple[str, ...]) -> int:
    return len(gram) - gram.count(HYPHEN)


def _well_formed(gram: tuple[str, ...], corpus: _Corpus, max_len: int) -> bool:
    """Edges, length and numbers: the shape rules every candidate must pass."""
    if gram[0] == HYPHEN or gram[-1] == HYPHEN or _syllables(gram) > max_len:
        return False
    if gram.count(HYPHEN) > MAX_HYPHENS or (HYPHEN, HYPHEN) in pairwise(gram):
        return False
    if is_function_edge(gram, at_start=True) or is_function_edge(gram, at_start=False):
        return False
    for i, token in enumerate(gram):
        if any(ch.isdigit() for ch in token) and (
            i == 0 or i < len(gram) - 1 or not corpus.name_like(gram[i - 1])
        ):
            return False  # "Đại hội 12" yes, "mục tiêu 5", "mốc 10 tỷ USD" no
    if has_inner_function_word(gram) or has_predicate(gram) or starts_with_adjective(gram):
        return False
    if len(gram) == 1:
        word = gram[0]
        return len(word) > 1 and (corpus.name_like(word) or corpus.acronym(word))
    return True


def _bound(levels: list[dict[tuple[str, ...], int]], corpus: _Corpus) -> set[tuple[str, ...]]:
    """N-grams whose every occurrence has the same content neighbour on one side."""
    bound: set[tuple[str, ...]] = set()
    for n in range(2, len(levels)):
        shorter = levels[n - 1]
        for gram, count in levels[n].items():
            left, inner_left = gram[0], gram[1:]
            right, inner_right = gram[-1], gram[:-1]
            binds_left = (
                shorter.get(inner_left) == count
                and left not in FUNCTION_WORDS
                and left not in _PREDICATE_TAILS  # "hoàn thiện | chế độ dân chủ nhân dân"
                and not (corpus.name_like(inner_left[0]) and not corpus.name_like(left))
            )
            binds_right = (
                shorter.get(inner_right) == count
                and right not in FUNCTION_WORDS
                and right not in _PREDICATE_HEADS
            )
            if (binds_left or binds_right) and has_predicate(gram):
                continue  # bound to a verb: the verb is no part of the unit
            if binds_left:
                bound.add(inner_left)
            if binds_right:
                bound.add(inner_right)
    return bound


def _occurrences(
    keys: list[str], candidates: set[tuple[str, ...]], max_tokens: int
) -> dict[tuple[str, ...], list[int]]:
    """Start positions of every candidate, found by one scan per n-gram length."""
    found: dict[tuple[str, ...], list[int]] = defaultdict(list)
    lengths = sorted({len(c) for c in candidates})
    for n in lengths:
        if n > max_tokens:
            break
        wanted = {c for c in candidates if len(c) == n}
        for i, gram in enumerate(zip(*(keys[j:] for j in range(n)), strict=False)):
            if gram in wanted:
                found[gram].append(i)
    return found


def _surface(corpus: _Corpus, start: int, n: int) -> str:
    return unicodedata.normalize("NFC", " ".join(corpus.surfaces[start : start + n]))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _preferred(
    corpus: _Corpus, gram: tuple[str, ...], starts: list[int]
) -> tuple[str, list[str], bool]:
    """The display form, the other forms seen, and whether the candidate is a name.

    A name is capitalised in at least 80% of the places where the sentence start does not force
    a capital: "Đại hội" is, "cách mạng" (capitalised only inside a party's name) is not.
    """
    free = Counter(_surface(corpus, s, len(gram)) for s in starts if s not in corpus.initial)
    forced = Counter(_surface(corpus, s, len(gram)) for s in starts if s in corpus.initial)
    if free:
        capitals = sum(c for form, c in free.items() if form[:1].isupper())
        is_name = capitals * 5 >= free.total() * 4
    else:
        is_name = corpus.name_like(gram[0]) or corpus.acronym(gram[0])
    if free:
        best = free.most_common(1)[0][0]
    else:
        best = forced.most_common(1)[0][0]
        if not is_name:
            best = _lower_first(best)
    others = [
        form
        for form in sorted(set(free) | set(forced))
        if form != best and not (form in forced and _lower_first(form) == _lower_first(best))
    ]
    return best, others, is_name


def _compound_name(gram: tuple[str, ...], kept: set[tuple[str, ...]], corpus: _Corpus) -> bool:
    """Whether an all-name candidate is two kept names side by side ("Lào Thongloun Sisoulith")."""
    if HYPHEN in gram or not all(corpus.name_like(t) or corpus.acronym(t) for t in gram):
        return False
    return any(gram[:i] in kept and gram[i:] in kept for i in range(1, len(gram)))


def _contexts(
    starts: list[int], corpus: _Corpus, sentences: Sequence[tuple[str, str]], limit: int
) -> tuple[tuple[str, ...], int]:
    """Up to `limit` distinct example sentences, one per document first; and the document count."""
    chosen: list[str] = []
    seen_docs: set[str] = set()
    later: list[str] = []
    for start in starts:
        doc, sentence = sentences[bisect_right(corpus.sentence_starts, start) - 1]
        if doc not in seen_docs:
            seen_docs.add(doc)
            if sentence not in chosen and len(chosen) < limit:
                chosen.append(sentence)
                continue
        if sentence not in later:
            later.append(sentence)
    for sentence in later:
        if len(chosen) >= limit:
            break
        if sentence not in chosen:
            chosen.append(sentence)
    return tuple(chosen), len(seen_docs)


def _independent(
    kept: dict[tuple[str, ...], int], where: dict[tuple[str, ...], list[int]]
) -> dict[tuple[str, ...], int]:
    """How often each candidate occurs outside every longer kept candidate.

    "Cách mạng Lào" occurs five times, four of them inside "Đảng Nhân dân Cách mạng Lào": once
    on its own is not recurring, so it is no entry of its own.
    """
    covered: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for outer in kept:
        n = len(outer)
        for size in range(1, n):
            for offset in range(n - size + 1):
                inner = outer[offset : offset + size]
                if inner in kept:
                    covered[inner].update(s + offset for s in where[outer])
    return {gram: count - len(covered.get(gram, ())) for gram, count in kept.items()}


def c_values(frequency: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], float]:
    """C-value of each candidate against the longer candidates of the same set that nest it."""
    nesting: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for gram, count in frequency.items():
        n = len(gram)
        inner = {gram[i : i + size] for size in range(1, n) for i in range(n - size + 1)}
        for sub in inner:
            if sub in frequency:
                nesting[sub].append(count)
    scores: dict[tuple[str, ...], float] = {}
    for gram, count in frequency.items():
        weight = math.log2(_syllables(gram) + 1)
        outer = nesting.get(gram)
        scores[gram] = weight * (count - sum(outer) / len(outer) if outer else count)
    return scores


def extract_terms(
    sentences: Sequence[tuple[str, str]],
    *,
    min_freq: int = 2,
    max_len: int = 6,
    max_contexts: int = 3,
) -> list[Term]:
    """Glossary candidates from (document_id, sentence) pairs, best first.

    Each Term carries its display form, the other surface forms seen (`variants`), frequency,
    number of documents, C-value (`score`) and up to `max_contexts` example sentences.
    """
    if min_freq < 1 or max_len < 1:
        raise ValueError("min_freq and max_len must be at least 1")
    corpus = _Corpus()
    for _doc, sentence in sentences:
        corpus.add(sentence)
    max_tokens = max_len + MAX_HYPHENS
    levels = _mine(corpus.keys, min_freq, max_tokens + 1)
    bound = _bound(levels, corpus)
    shaped = {
        gram: count
        for level in levels[1 : max_tokens + 1]
        for gram, count in level.items()
        if gram not in bound and _well_formed(gram, corpus, max_len)
    }
    where = _occurrences(corpus.keys, set(shaped), max_tokens)
    forms: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    for gram in shaped:
        starts = where[gram]
        n = len(gram)
        # A unit stands free somewhere: "hội nghị thông" only ever runs on into "thông báo"
        # or "thông tin", so it is a piece of a phrase, not a term.
        if not any(corpus.opens_at(s) for s in starts) or not any(
            corpus.closes_at(s + n) for s in starts
        ):
            continue
        if any(corpus.cuts_word(s, n, PREDICATE_WORDS) for s in starts):
            continue  # "Lào Thongloun Sisoulith đồng | chủ trì"
        if all(corpus.cuts_word(s, n, GENERAL_WORDS) for s in starts):
            continue  # "hai | nước phát triển": the tail of "hai nước", not "nước phát triển"
        best, others, is_name = _preferred(corpus, gram, starts)
        if title_then_name(gram, corpus.name_like):
            continue
        if is_name or (_syllables(gram) >= MIN_COMMON_SYLLABLES and not is_general(gram)):
            forms[gram] = (best, others)
    names = set(forms)
    kept = {g: shaped[g] for g in forms if not _compound_name(g, names - {g}, corpus)}
    scores = c_values(kept)
    alone = _independent(kept, where)
    terms: list[Term] = []
    for gram, score in scores.items():
        if score <= 0 or alone[gram] < min_freq:
            continue
        best, others = forms[gram]
        contexts, documents = _contexts(where[gram], corpus, sentences, max_contexts)
        terms.append(
            Term(
                source=best,
                variants=tuple(others),
                frequency=kept[gram],
                documents=documents,
                score=round(score, 3),
                contexts=contexts,
            )
        )
    terms.sort(key=lambda t: (-t.score, -t.frequency, t.source))
    return terms
