"""Glossary candidates from a project's sentences: noun phrases over words, ranked by C-value.

Vietnamese separates syllables, not words, by spaces; a syllable n-gram extractor returns
scraps ("thư Tô Lâm", "hiệu lực thi hành kể") and needs hand lists to hide them. Here each
sentence is cut into words and tagged (`tagged.analyse`: pyvi's CRF models), and candidates are
noun phrases of those words:

* a phrase starts with a noun, a proper noun or an abbreviation (N, Np, Ny), never with a
  classifier, a verb or an adjective, so "sử dụng con dấu" (use the seal) is not a candidate
  but "con dấu" is;
* it runs on through nouns, adjectives, verbs (as modifiers: "kim ngạch xuất khẩu") and a
  number after a name ("Đại hội 12"), and ends on one of them; a name's own "và" ("Bộ Khoa học
  và Công nghệ") and a spaced hyphen between compounds ("quốc phòng - an ninh") are kept;
* it never cuts a name: it cannot start or end beside a proper noun it leaves out ("Nhân dân |
  Lào"), except after a title ("Tổng Bí thư | Tô Lâm", `stopwords.NAME_HEADS`);
* a lone common word counts when it is a noun of two syllables or more that is not general
  language (`stopwords.GENERAL_WORDS`): "con dấu", "nhiệm kỳ", "trụ cột"; one-syllable common
  nouns ("năm", "người") never stand alone.

Every sub-phrase that satisfies those rules is counted, so a nested term ("Chính phủ" inside
"Nghị định của Chính phủ" or "Chính phủ Việt Nam") has its own frequency; C-value (Frantzi et
al. 2000; log2(syllables + 1) so that one-word names score) ranks it against the longer
candidates that contain it, and it is kept when it also recurs on its own or inside several
different longer candidates.

Ties are broken by the text itself, never by set or dict order, so the output does not depend
on `PYTHONHASHSEED`.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tmbuilder.glossary.english import CLAUSE_OPENERS, ENGLISH_FUNCTION_WORDS
from tmbuilder.glossary.stopwords import (
    FUNCTION_WORDS,
    NAME_HEADS,
    has_predicate,
    is_function_edge,
    is_general,
)
from tmbuilder.glossary.syllables import BREAK, HYPHEN, token_spans
from tmbuilder.glossary.tagged import CUT, JOIN, NAME, Word, analyse_all, is_acronym
from tmbuilder.model import Term

__all__ = ["BREAK", "HYPHEN", "c_values", "extract_terms", "token_spans"]

HEADS = frozenset({"N", "Np", "Ny"})  # what a term starts with
NAMES = frozenset({"Np", "Ny"})
MODIFIERS = frozenset({"N", "Np", "Ny", "A", "V", "Nu", "X"})  # what may follow the head
ENDS = frozenset({"N", "Np", "Ny", "A", "V", "X"})
MAX_WORDS = 6
INSIDE_SHARE = 0.8  # a lone word found this often inside one longer candidate is its piece
ALONE_SHARE = 0.25  # a lone common word must stand outside longer candidates this often
ENGLISH_EDGES = ENGLISH_FUNCTION_WORDS | CLAUSE_OPENERS
SPECIFICITY = 20.0  # how many times more frequent than in news text a lone syllable must be
MIN_SPECIFIC_COUNT = 4
MAX_VERBS = 2
MAX_HYPHENS = 2
_AND = "và"
_NUMBER = "số"


@dataclass
class _Corpus:
    """Every word of the project in one sequence, with what ranking needs to know."""

    keys: list[str] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    nouny: set[str] = field(default_factory=set)  # keys tagged a noun in >= 1/3 of their uses
    sentence_of: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    def add(self, number: int, analysed: list[Word]) -> None:
        self.sentence_starts.append(len(self.keys))
        if _mostly_foreign(analysed):
            analysed = []  # an English sentence left in Vietnamese docs: no Vietnamese terms
        for word in analysed:
            self.keys.append(word.key)
            self.words.append(word)
            self.sentence_of.append(number)
        self.keys.append(BREAK)
        self.words.append(Word(0, 0, BREAK, CUT, False, False, 0))
        self.sentence_of.append(number)

    def syllable_positions(self) -> list[int]:
        """Where each word starts counted in syllables (a hyphen counts as one), so that a
        candidate's occurrences can be compared with those of the candidates nesting it."""
        out: list[int] = []
        position = 0
        for word in self.words:
            out.append(position)
            position += max(word.syllables, 1)
        return out

    def resolve_initial_capitals(self) -> None:
        """A sentence-initial capitalised word is a name word where the text writes it as a name
        more often than as a common word elsewhere."""
        counts = Counter(self.keys)
        for i, word in enumerate(self.words):
            if word.initial and word.capital and counts[NAME + word.key] > counts[word.key] - 1:
                self.keys[i] = NAME + word.key
        as_noun = Counter(k for k, w in zip(self.keys, self.words, strict=True) if w.tag in HEADS)
        # "hợp tác", "tuyên bố" are nouns and verbs; pyvi picks one per place, and a noun
        # phrase may start with either reading of a word the text also uses as a noun.
        self.nouny = {k for k, c in as_noun.items() if c * 3 >= counts[k]}


def _mostly_foreign(words: list[Word]) -> bool:
    """Whether the sentence is English left untranslated: it has English function words ("the",
    "you", "is") and no more words with Vietnamese letters than those. Many Vietnamese
    syllables are plain ASCII ("cho", "con"), so ASCII alone proves nothing."""
    english = vietnamese = 0
    for word in words:
        key = word.key.lstrip(NAME)
        if key in ENGLISH_EDGES:
            english += 1
        elif not key.isascii():
            vietnamese += 1
    return english >= 2 and english >= vietnamese


def _is_name(word: Word, key: str) -> bool:
    return key.startswith(NAME) or word.tag in NAMES


def _spans(corpus: _Corpus, start: int, end: int) -> list[tuple[int, int]]:
    """The (first, last+1) word spans in the run corpus[start:end] that can be a term."""
    keys, words = corpus.keys, corpus.words
    found: list[tuple[int, int]] = []
    for i in range(start, end):
        head = words[i]
        if (
            head.tag not in HEADS
            and not (head.tag == "V" and _verb_heads(corpus, i, start, end))
            and not (keys[i].startswith(NAME) and head.tag in ("Nc", "V", "A"))
        ):
            continue  # a capitalised classifier or verb opens a name: "Bộ", "Bảo hiểm"
        if is_function_edge(_syllable_keys(tuple(keys[i].split(" "))), at_start=True):
            continue  # "trên cơ sở"
        verbs = hyphens = syllables = 0
        for j in range(i, min(end, i + MAX_WORDS + MAX_HYPHENS)):
            word = words[j]
            if (
                j > i
                and words[j - 1].tag in NAMES
                and not (word.capital or word.tag in (JOIN, "M"))
            ):
                break  # a proper noun ends a noun phrase: "Lào | đồng chủ trì", "Lào | nhất quán"
            if j > i and keys[j] in FUNCTION_WORDS and keys[j] != _AND:
                break  # "tỉnh | có trách nhiệm"
            verbs += word.tag == "V"
            hyphens += word.tag == JOIN
            syllables += word.syllables
            if verbs > MAX_VERBS or hyphens > MAX_HYPHENS or syllables > 8:
                break
            if word.tag == "M":
                if j > i and words[j - 1].capital and word.key[:1].isdigit():
                    found.append((i, j + 1))  # "Đại hội 12"
                break  # "nhân dân hai nước", "lễ kỷ niệm 50 năm"
            if word.tag not in ENDS:
                continue
            if is_function_edge(_syllable_keys(tuple(keys[j].split(" "))), at_start=False):
                continue
            if keys[j] == _NUMBER and j + 1 < end and words[j + 1].tag == "M":
                continue  # "Nghị định số | 70": "số" before a number is "No."
            found.append((i, j + 1))
    return found


def _verb_heads(corpus: _Corpus, i: int, start: int, end: int) -> bool:
    """Whether the verb at `i` may start a term: a word the text also uses as a noun
    ("hợp tác", "tuyên bố"), or a verb modifying the noun before it and modified itself
    ("quan hệ | đoàn kết đặc biệt")."""
    if corpus.keys[i] in corpus.nouny:
        return True
    words = corpus.words
    return (
        i > start
        and i + 1 < end
        and words[i - 1].tag == "N"
        and not words[i - 1].capital
        and words[i + 1].tag in ("A", "N")
    )


def _title_then_name(gram: tuple[str, ...]) -> bool:
    return any(
        _title(list(gram[:k])) and all(w.startswith(NAME) for w in gram[k:])
        for k in range(1, len(gram))
    )


def _title(keys: list[str]) -> bool:
    syllables = tuple(s.lstrip(NAME) for k in keys for s in k.split())
    return syllables in NAME_HEADS


def _runs(corpus: _Corpus) -> list[tuple[int, int]]:
    """Stretches of words a noun phrase can lie in: nouns, modifiers, a name's "và", hyphens."""
    keys, words = corpus.keys, corpus.words
    runs: list[tuple[int, int]] = []
    start = -1
    n = len(words)
    for i in range(n + 1):
        inside = False
        if i < n:
            word = words[i]
            tag = word.tag
            if tag in MODIFIERS or tag == "M":
                inside = True
            elif tag == JOIN:
                inside = start >= 0
            elif keys[i] == _AND and start >= 0 and i + 1 < n:
                # "Bộ Khoa học và Công nghệ": a name's own "và" sits between capitalised nouns
                before, after = words[i - 1], words[i + 1]
                inside = before.capital and after.capital and before.tag == "N" and after.tag == "N"
        if inside and start < 0:
            start = i
        elif not inside and start >= 0:
            runs.append((start, i))
            start = -1
    return runs


@lru_cache(maxsize=1)
def _general_counts() -> tuple[dict[str, int], int]:
    """Syllable n-gram counts of general Vietnamese news text (glossary/data/SOURCES.md), and
    its size in syllables."""
    text = resources.files("tmbuilder.glossary").joinpath("data", "general_ngrams.tsv")
    counts: dict[str, int] = {}
    total = 1
    for line in text.read_text(encoding="utf-8").splitlines():
        if line.startswith("# total syllables"):
            total = int(line.split("\t")[1])
        elif line and not line.startswith("#"):
            ngram, count = line.split("\t")
            counts[ngram] = int(count)
    return counts, total


def specificity(key: str, count: int, size: int) -> float:
    """How many times more often the word `key` (syllable keys joined by spaces) occurs here
    than in general news text (add-one smoothed): the "weirdness" of Ahmad, Gillam and
    Tostevin (1999)."""
    general, total = _general_counts()
    return (count / max(size, 1)) / ((general.get(key.removeprefix(NAME), 0) + 1) / total)


def _syllable_gram(keys: list[str]) -> tuple[str, ...]:
    """Word keys as syllable keys, a name word's prefix on each of its syllables."""
    out: list[str] = []
    for key in keys:
        if key.startswith(NAME):
            out.extend(NAME + s for s in key[1:].split(" "))
        else:
            out.extend(key.split(" "))
    return tuple(out)


def _syllable_keys(gram: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k.lstrip(NAME) for k in gram if k != HYPHEN)


def _standalone(
    gram: tuple[str, ...], first: Word, corpus_name: bool, count: int, corpus: _Corpus
) -> bool:
    """Whether a one-word candidate is worth an entry of its own."""
    key = gram[0]
    if key.startswith(NAME) or first.tag in NAMES or corpus_name:
        # one-syllable names only when tagged as such ("Lào"), not a capitalised noun ("Đoàn")
        return len(key.lstrip(NAME)) > 1 and (first.syllables > 1 or first.tag in NAMES)
    if is_general(_syllable_keys(gram)):
        return False
    if first.syllables >= 2:
        return True
    # A one-syllable noun is this text's term ("hàm", "mảng", "component" in programming
    # docs) only where it is far more frequent than in general news text ("năm", "người").
    return count >= MIN_SPECIFIC_COUNT and specificity(key, count, len(corpus.keys)) >= SPECIFICITY


def _english_phrase(syllables: tuple[str, ...]) -> bool:
    """All ASCII and mostly English function words: "you can", "a list of" (not "an ninh")."""
    if not all(s.isascii() for s in syllables):
        return False
    return sum(s in ENGLISH_EDGES for s in syllables) * 2 > len(syllables)


def _weight(gram: tuple[str, ...], count: int, size: int) -> float:
    """How much of its C-value a common-language candidate keeps in the ranking: all of it
    when it is `SPECIFICITY` times more frequent here than in news text, less as it is more
    general ("cuộc sống", "quyết định" sink below "án tử hình", "phòng cấp cứu")."""
    syllables = _syllable_keys(gram)
    if len(syllables) > 3:
        return 1.0  # the reference counts stop at three syllables
    ratio = specificity(" ".join(syllables), count, size)
    return min(1.0, math.log1p(ratio) / math.log1p(SPECIFICITY))


def _preferred(
    sentences: Sequence[tuple[str, str]], corpus: _Corpus, starts: list[int], sizes: list[int]
) -> tuple[str, list[str], bool]:
    """The display form, the other forms seen, and whether the candidate is a name."""
    free: Counter[str] = Counter()
    forced: Counter[str] = Counter()
    for s, n in zip(starts, sizes, strict=True):
        first, last = corpus.words[s], corpus.words[s + n - 1]
        sentence = sentences[corpus.sentence_of[s]][1]
        form = sentence[first.start : last.end]
        (forced if first.initial else free)[form] += 1
    is_name = corpus.keys[starts[0]].startswith(NAME) or is_acronym(
        max(free or forced, key=lambda f: ((free or forced)[f], f))
    )
    pool = free or forced
    best = min(pool, key=lambda f: (-pool[f], f))
    if not free and not is_name:
        best = best[:1].lower() + best[1:]
    lowered = best[:1].lower() + best[1:]
    others = sorted(
        f
        for f in set(free) | set(forced)
        if f != best and not (f in forced and f[:1].lower() + f[1:] == lowered)
    )
    return best, others, is_name


def _contexts(
    starts: list[int], corpus: _Corpus, sentences: Sequence[tuple[str, str]], limit: int
) -> tuple[tuple[str, ...], int]:
    """Up to `limit` distinct example sentences, one per document first; and the document count."""
    chosen: list[str] = []
    later: list[str] = []
    seen_docs: set[str] = set()
    for start in starts:
        doc, sentence = sentences[bisect_right(corpus.sentence_starts, start) - 1]
        if doc not in seen_docs:
            seen_docs.add(doc)
            if sentence not in chosen and len(chosen) < limit:
                chosen.append(sentence)
                continue
        if len(later) < limit and sentence not in later:
            later.append(sentence)
    for sentence in later:
        if len(chosen) >= limit:
            break
        if sentence not in chosen:
            chosen.append(sentence)
    return tuple(chosen), len(seen_docs)


def c_values(frequency: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], float]:
    """C-value of each candidate (word-key tuples) against the longer candidates nesting it."""
    nesting: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for gram, count in frequency.items():
        n = len(gram)
        inner = {gram[i : i + size] for size in range(1, n) for i in range(n - size + 1)}
        for sub in inner:
            if sub in frequency:
                nesting[sub].append(count)
    scores: dict[tuple[str, ...], float] = {}
    for gram, count in frequency.items():
        weight = math.log2(len(_syllable_keys(gram)) + 1)
        outer = nesting.get(gram)
        scores[gram] = weight * (count - sum(outer) / len(outer) if outer else count)
    return scores


def _analysed(sentences: Sequence[tuple[str, str]]) -> list[list[Word]]:
    """Each sentence tagged once: repeated sentences (common in a translation project) reuse it."""
    unique = list(dict.fromkeys(sentence for _doc, sentence in sentences))
    analysed = dict(zip(unique, analyse_all(unique), strict=True))
    return [analysed[sentence] for _doc, sentence in sentences]


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
    `max_len` bounds a candidate's syllables.
    """
    if min_freq < 1 or max_len < 1:
        raise ValueError("min_freq and max_len must be at least 1")
    corpus = _Corpus()
    for number, words in enumerate(_analysed(sentences)):
        corpus.add(number, words)
    corpus.resolve_initial_capitals()
    # A candidate is identified by its syllables, not its words: pyvi does not always cut a
    # name the same way ("Thongloun Sisoulith" one word here, two there).
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    words_in: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for start, end in _runs(corpus):
        for i, j in _spans(corpus, start, end):
            gram = _syllable_gram(corpus.keys[i:j])
            where[gram].append(i)
            words_in[gram].append(j - i)
    frequent = {
        g: starts
        for g, starts in where.items()
        if len(starts) >= min_freq and len(_syllable_keys(g)) <= max_len
    }
    kept: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    for gram, starts in frequent.items():
        first = corpus.words[starts[0]]
        if has_predicate(_syllable_keys(gram)):
            continue  # "lãnh đạo khẳng định": a clause, not a term
        if _english_phrase(_syllable_keys(gram)):
            continue  # untranslated English: "you can", "a list of"
        best, others, is_name = _preferred(sentences, corpus, starts, words_in[gram])
        if max(words_in[gram]) == 1:
            if corpus.keys[starts[0]] not in corpus.nouny or not _standalone(
                gram, first, is_name, len(starts), corpus
            ):
                continue
        elif not is_name and is_general(_syllable_keys(gram)):
            continue
        elif (
            _title_then_name(gram) and corpus.words[starts[0] + words_in[gram][0] - 1].tag in NAMES
        ):
            continue  # "Tổng Bí thư Tô Lâm": the title and the name are two entries
        kept[gram] = (best, others)
    kept = {g: v for g, v in kept.items() if not _two_names(g, kept, corpus, frequent)}
    single = {g for g in kept if max(words_in[g]) == 1}
    kept = _unbound(kept, frequent, single)
    counts = {g: len(frequent[g]) for g in kept}
    alone, parents = _independence(counts, frequent, corpus.syllable_positions())
    scores = c_values(counts)
    names = {g for g, (best, _o) in kept.items() if best[:1].isupper()}
    size = len(corpus.keys)
    scores = {
        g: v if g in names or v <= 0 else v * _weight(g, counts[g], size) for g, v in scores.items()
    }
    terms: list[Term] = []
    for gram, score in scores.items():
        if score <= 0 or (alone[gram] < min_freq and parents[gram] < 2):
            continue
        if gram in single and gram not in names and alone[gram] < ALONE_SHARE * counts[gram]:
            continue  # a common word mostly met inside longer terms: "y tế" (bảo hiểm y tế, …)
        best, others = kept[gram]
        contexts, documents = _contexts(frequent[gram], corpus, sentences, max_contexts)
        terms.append(
            Term(
                source=best,
                variants=tuple(others),
                frequency=counts[gram],
                documents=documents,
                score=round(score, 3),
                contexts=contexts,
            )
        )
    terms.sort(key=lambda t: (-t.score, -t.frequency, t.source))
    return terms


def _two_names(
    gram: tuple[str, ...],
    kept: dict[tuple[str, ...], tuple[str, list[str]]],
    corpus: _Corpus,
    where: dict[tuple[str, ...], list[int]],
) -> bool:
    """Whether a candidate is a kept entry followed by a kept name: "Lào | Thongloun
    Sisoulith", "Tuyên bố chung | Việt Nam - Lào". The parts are entries; the whole is not."""
    first = where[gram][0]
    # the word each syllable of the first occurrence belongs to
    owner: list[int] = []
    position = first
    while len(owner) < len(gram):
        owner.extend([position] * max(corpus.words[position].syllables, 1))
        position += 1
    for i in range(1, len(gram)):
        right = gram[i:]
        left = gram[:i]
        if owner[i] == owner[i - 1] or left not in kept or right not in kept:
            continue
        if corpus.words[owner[i]].tag not in NAMES:
            continue
        if not all(k.startswith(NAME) or k == HYPHEN for k in right):
            continue
        if min(len(where[left]), len(where[right])) > len(where[gram]):
            # both parts recur apart: "Lào | Thongloun Sisoulith" ("Chủ tịch nước Thongloun
            # Sisoulith" elsewhere), not "Đảng Cộng sản | Việt Nam" or "Đảng | NDCM Lào"
            return True
    return False


def _all_name(gram: tuple[str, ...]) -> bool:
    return all(k.startswith(NAME) or k == HYPHEN for k in gram)


def _unbound(
    kept: dict[tuple[str, ...], tuple[str, list[str]]],
    where: dict[tuple[str, ...], list[int]],
    single: set[tuple[str, ...]],
) -> dict[tuple[str, ...], tuple[str, list[str]]]:
    """Candidates that stand apart from the longer candidates containing them.

    A name found only inside a longer name is a piece ("Thongloun" always in "Thongloun
    Sisoulith"), and so is a lone common word found mostly inside one longer candidate ("y tế"
    in "bảo hiểm y tế"); other common phrases nested in a longer one are left to C-value.
    """
    bound: set[tuple[str, ...]] = set()
    for outer in kept:
        n, count = len(outer), len(where[outer])
        for size in range(1, n):
            for offset in range(n - size + 1):
                inner = outer[offset : offset + size]
                if inner not in kept:
                    continue
                if _all_name(inner):
                    if len(where[inner]) == count:
                        bound.add(inner)
                elif inner in single and count >= INSIDE_SHARE * len(where[inner]):
                    bound.add(inner)
    return {g: v for g, v in kept.items() if g not in bound}


def _independence(
    counts: dict[tuple[str, ...], int],
    where: dict[tuple[str, ...], list[int]],
    syllable_at: list[int],
) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
    """For each candidate: how often it occurs outside every longer kept candidate, and in how
    many different longer kept candidates it occurs."""
    covered: dict[tuple[str, ...], set[int]] = defaultdict(set)
    parents: Counter[tuple[str, ...]] = Counter()
    for outer in counts:
        n = len(outer)
        inners = {
            (offset, outer[offset : offset + size])
            for size in range(1, n)
            for offset in range(n - size + 1)
        }
        seen: set[tuple[str, ...]] = set()
        for offset, inner in inners:
            if inner in counts:
                covered[inner].update(syllable_at[s] + offset for s in where[outer])
                if inner not in seen:
                    seen.add(inner)
                    parents[inner] += 1
    alone = {g: c - len(covered.get(g, ())) for g, c in counts.items()}
    return alone, {g: parents[g] for g in counts}
