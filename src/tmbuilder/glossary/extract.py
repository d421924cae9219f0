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

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence

from tmbuilder.glossary.phrases import (
    ENGLISH_EDGES,
    NAMES,
    Corpus,
    runs,
    spans,
    syllable_gram,
    syllable_keys,
    title_then_name,
)
from tmbuilder.glossary.stopwords import KIN_PRONOUNS, LIGHT_VERBS, has_predicate, is_general
from tmbuilder.glossary.syllables import BREAK, HYPHEN, token_spans
from tmbuilder.glossary.tagged import NAME, Word, analyse_all, is_acronym
from tmbuilder.glossary.termhood import (
    SPECIFICITY,
    c_values,
    cut_out,
    independence,
    specificity,
    two_names,
    unbound,
    verb_headed,
    weight,
)
from tmbuilder.model import Term

__all__ = ["BREAK", "HYPHEN", "c_values", "extract_terms", "token_spans"]

ALONE_SHARE = 0.25  # a lone common word must stand outside longer candidates this often
MIN_SPECIFIC_COUNT = 4


def _standalone(
    gram: tuple[str, ...], first: Word, corpus_name: bool, count: int, corpus: Corpus
) -> bool:
    """Whether a one-word candidate is worth an entry of its own."""
    key = gram[0]
    if key.startswith(NAME) or first.tag in NAMES or corpus_name:
        # one-syllable names only when tagged as such ("Lào"), not a capitalised noun ("Đoàn")
        return len(key.lstrip(NAME)) > 1 and (first.syllables > 1 or first.tag in NAMES)
    if is_general(syllable_keys(gram)):
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


def _clause(corpus: Corpus, start: int, size: int) -> bool:
    """A kinship pronoun followed by a verb: a subject and its predicate."""
    if corpus.keys[start] not in KIN_PRONOUNS:
        return False
    return any(w.tag == "V" for w in corpus.words[start + 1 : start + size])


# The shape of a Vietnamese syllable written without diacritics: an initial consonant (or
# cluster of the alphabet: ch, gh, gi, kh, ng, ngh, nh, ph, qu, th, tr), vowels, and one of the
# few finals (c, ch, m, n, ng, nh, p, t). "string", "props", "key" do not fit; "an ninh" does.
_VIETNAMESE_SHAPE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?"
)


def _gloss(gram: tuple[str, ...]) -> bool:
    """A hyphen between Vietnamese and English: "chuỗi - string" (not "quốc phòng - an ninh",
    whose second half is Vietnamese without diacritics)."""
    if HYPHEN not in gram:
        return False
    cut = gram.index(HYPHEN)
    left, right = syllable_keys(gram[:cut]), syllable_keys(gram[cut + 1 :])
    if not left or not right:
        return False
    sides = [all(s.isascii() for s in side) for side in (left, right)]
    if sides[0] == sides[1]:
        return False
    english = right if sides[1] else left
    return any(not _VIETNAMESE_SHAPE.fullmatch(s) for s in english)


def _preferred(
    sentences: Sequence[tuple[str, str]], corpus: Corpus, starts: list[int], sizes: list[int]
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
    starts: list[int], corpus: Corpus, sentences: Sequence[tuple[str, str]], limit: int
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


SERIES = 5  # a word followed by this many different numbers heads a numbered series


def _numbered_series(corpus: Corpus) -> set[str]:
    """Words the text numbers in series ("Điều 1", "Điều 2", … "Điều 39"): word + number is a
    label of that series, not a term; "Đại hội 12" (one or two numbers) stays a name."""
    numbers: defaultdict[str, set[str]] = defaultdict(set)
    for i in range(1, len(corpus.words)):
        if corpus.words[i].tag == "M":
            numbers[corpus.keys[i - 1].lstrip(NAME)].add(corpus.keys[i])
    return {key for key, seen in numbers.items() if len(seen) >= SERIES}


def _label(
    gram: tuple[str, ...],
    starts: list[int],
    sizes: list[int],
    corpus: Corpus,
    sentences: Sequence[tuple[str, str]],
    series: set[str],
) -> bool:
    """Whether a candidate is a label or a code, not a term: a lone letter (a list item "b"),
    a member of a numbered series ("Điều 1"), or the tail of a document number written after
    a slash in most of its occurrences ("146/2018/NĐ-CP")."""
    keys = syllable_keys(gram)
    if len(keys) == 1 and len(keys[0]) == 1:
        return True
    last = starts[0] + sizes[0] - 1
    if corpus.words[last].tag == "M" and corpus.keys[last - 1].lstrip(NAME) in series:
        return True
    slashed = 0
    for start in starts:
        word = corpus.words[start]
        text = sentences[corpus.sentence_of[start]][1]
        slashed += word.start > 0 and text[word.start - 1] == "/"
    return slashed * 2 > len(starts)


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
    corpus = Corpus()
    for number, words in enumerate(_analysed(sentences)):
        corpus.add(number, words)
    corpus.resolve_initial_capitals()
    # A candidate is identified by its syllables, not its words: pyvi does not always cut a
    # name the same way ("Thongloun Sisoulith" one word here, two there).
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    words_in: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for start, end in runs(corpus):
        for i, j in spans(corpus, start, end):
            gram = syllable_gram(corpus.keys[i:j])
            where[gram].append(i)
            words_in[gram].append(j - i)
    frequent = {
        g: starts
        for g, starts in where.items()
        if len(starts) >= min_freq and len(syllable_keys(g)) <= max_len
    }
    series = _numbered_series(corpus)
    kept: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    for gram, starts in frequent.items():
        first = corpus.words[starts[0]]
        if has_predicate(syllable_keys(gram)):
            continue  # "lãnh đạo khẳng định": a clause, not a term
        if _english_phrase(syllable_keys(gram)):
            continue  # untranslated English: "you can", "a list of"
        if _gloss(gram):
            continue  # "chuỗi - string": a Vietnamese word glossed in English, two entries
        if _clause(corpus, starts[0], words_in[gram][0]):
            continue  # "bà xuất viện": a pronoun and its verb
        last = corpus.words[starts[0] + words_in[gram][0] - 1]
        if words_in[gram][0] > 1 and last.tag == "V" and last.key in LIGHT_VERBS:
            continue  # "component cần": a modal or light verb waits for its complement
        best, others, is_name = _preferred(sentences, corpus, starts, words_in[gram])
        if _label(gram, starts, words_in[gram], corpus, sentences, series):
            continue  # "b", "Điều 1", "NĐ-CP" (of "146/2018/NĐ-CP"): labels and codes
        if not is_name and verb_headed(starts, words_in[gram], corpus):
            continue  # "đóng bảo hiểm y tế", "cập nhật": a verb phrase
        if cut_out(starts, words_in[gram], corpus, is_name):
            continue  # "cơ sở khám | bệnh", "Bộ | Quốc phòng": a piece of a longer unit
        if max(words_in[gram]) == 1:
            if corpus.keys[starts[0]] not in corpus.nouny or not _standalone(
                gram, first, is_name, len(starts), corpus
            ):
                continue
        elif not is_name and is_general(syllable_keys(gram)):
            continue
        elif title_then_name(gram) and corpus.words[starts[0] + words_in[gram][0] - 1].tag in NAMES:
            continue  # "Tổng Bí thư Tô Lâm": the title and the name are two entries
        kept[gram] = (best, others)
    kept = {g: v for g, v in kept.items() if not two_names(g, kept, corpus, frequent)}
    single = {g for g in kept if max(words_in[g]) == 1}
    kept = unbound(kept, frequent, single)
    counts = {g: len(frequent[g]) for g in kept}
    alone, parents = independence(counts, frequent, corpus.syllable_positions())
    scores = c_values(counts)
    names = {g for g, (best, _o) in kept.items() if best[:1].isupper()}
    size = len(corpus.keys)
    scores = {
        g: v if g in names or v <= 0 else v * weight(g, counts[g], size) for g, v in scores.items()
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
