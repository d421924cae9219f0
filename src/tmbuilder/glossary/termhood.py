"""Termhood: C-value, specificity against general news text, and which nested candidates
stand on their own."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources

from tmbuilder.glossary.phrases import HEADS, MODIFIERS, NAMES, Corpus, syllable_keys, title
from tmbuilder.glossary.stopwords import FUNCTION_WORDS
from tmbuilder.glossary.syllables import BREAK, HYPHEN
from tmbuilder.glossary.tagged import JOIN, NAME

SPECIFICITY = 20.0  # how many times more frequent than in news text a lone syllable must be
INSIDE_SHARE = 0.8  # a lone word found this often inside one longer candidate is its piece
CUT_SHARE = 3 / 4  # one same neighbour this often: the candidate is cut out of a longer unit
CUT_EVIDENCE = 5  # and at least this many times: two or three shared neighbours are chance


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


def weight(gram: tuple[str, ...], count: int, size: int) -> float:
    """How much of its C-value a common-language candidate keeps in the ranking: all of it
    when it is `SPECIFICITY` times more frequent here than in news text, less as it is more
    general ("cuộc sống", "quyết định" sink below "án tử hình", "phòng cấp cứu")."""
    syllables = syllable_keys(gram)
    if len(syllables) > 3:
        return 1.0  # the reference counts stop at three syllables
    ratio = specificity(" ".join(syllables), count, size)
    return min(1.0, math.log1p(ratio) / math.log1p(SPECIFICITY))


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
        weight = math.log2(len(syllable_keys(gram)) + 1)
        outer = nesting.get(gram)
        scores[gram] = weight * (count - sum(outer) / len(outer) if outer else count)
    return scores


def two_names(
    gram: tuple[str, ...],
    kept: dict[tuple[str, ...], tuple[str, list[str]]],
    corpus: Corpus,
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


def all_name(gram: tuple[str, ...]) -> bool:
    return all(k.startswith(NAME) or k == HYPHEN for k in gram)


def unbound(
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
                if all_name(inner):
                    if len(where[inner]) == count:
                        bound.add(inner)
                elif inner in single and count >= INSIDE_SHARE * len(where[inner]):
                    bound.add(inner)
    return {g: v for g, v in kept.items() if g not in bound}


def independence(
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


def _neighbour_continues(corpus: Corpus, i: int, side: int, name: bool) -> bool:
    """Whether the word at `i` belongs to the same noun phrase as its neighbour on the other
    side. Vietnamese noun phrases are head-first: on the left only a noun the candidate
    modifies counts, or a word the text also uses as a noun ("Bộ | Quốc phòng", "bảo hiểm |
    y tế"; a verb there is the candidate's predicate: "chữa | bệnh"); on the right any
    modifier ("cơ sở khám | bệnh"), and a name's own hyphen or "và" before a capitalised word.
    "số" before a number is "No.": it ends the phrase ("Nghị định | số 70")."""
    key, word = corpus.keys[i], corpus.words[i]
    if key == BREAK:
        return False
    beyond = i + side
    after = corpus.words[beyond] if 0 <= beyond < len(corpus.words) else None
    if word.tag == JOIN or key == "và":
        return after is not None and after.capital
    if key.lstrip(NAME) in FUNCTION_WORDS:
        return False
    if key == "số" and after is not None and after.tag == "M":
        return False
    if name:
        # A name's piece: its capitalised head before it ("Bộ | Quốc phòng"; a title is an
        # entry of its own: "Tổng Bí thư | Tô Lâm"), or a lower-case word after it ("Ủy ban |
        # nhân dân"; a name after it is another entry: "Chủ tịch nước | Lào").
        if side < 0:
            return key.startswith(NAME) and word.tag not in NAMES and not title([key])
        return not word.capital and word.tag in MODIFIERS
    if side < 0:
        return word.tag in ("N", "Nc", "Np", "Ny") or key.startswith(NAME) or key in corpus.nouny
    return word.tag in MODIFIERS


def cut_out(starts: list[int], sizes: list[int], corpus: Corpus, name: bool) -> bool:
    """Whether a candidate is a piece cut out of a longer unit: on one side the same content
    word stands beside it in at least `CUT_SHARE` of its occurrences ("cơ sở khám | bệnh",
    "Ủy ban | nhân dân", "Bộ | Quốc phòng"). A term's neighbours vary; a fragment's
    do not (the "accessor variety" of Feng et al. 2004, at its simplest). A function word or
    a clause cut beside it proves nothing ("có | hiệu lực thi hành")."""
    total = len(starts)
    if total < CUT_EVIDENCE:
        return False
    for side in (-1, 1):
        beside: Counter[str] = Counter()
        where: dict[str, int] = {}
        for start, size in zip(starts, sizes, strict=True):
            i = start - 1 if side < 0 else start + size
            if 0 <= i < len(corpus.keys):
                beside[corpus.keys[i]] += 1
                where.setdefault(corpus.keys[i], i)
        if not beside:
            continue
        key, count = min(beside.items(), key=lambda kv: (-kv[1], kv[0]))
        if count >= max(CUT_SHARE * total, CUT_EVIDENCE) and _neighbour_continues(
            corpus, where[key], side, name
        ):
            return True
    return False


def verb_headed(starts: list[int], sizes: list[int], corpus: Corpus) -> bool:
    """Whether the candidate is a verb phrase: its first word is read as a verb in most of its
    occurrences and it is either that verb alone ("cập nhật", update) or a one-syllable verb
    before a phrase of two syllables or more, its object ("đóng | bảo hiểm y tế", pay health
    insurance). A verb before a one-syllable noun is the Vietnamese way of naming an activity,
    kept ("khám bệnh", medical examination)."""
    verbs = sum(
        corpus.words[s].tag not in HEADS and not corpus.keys[s].startswith(NAME) for s in starts
    )
    if verbs * 2 <= len(starts):
        return False
    start, size = starts[0], sizes[0]
    if size == 1:
        return True
    rest = sum(w.syllables for w in corpus.words[start + 1 : start + size])
    return corpus.words[start].syllables == 1 and rest >= 2
