"""Vietnamese words and parts of speech: pyvi's CRF models, run without pyvi's code.

Vietnamese puts spaces between syllables, not words: "con dấu" (seal) is one word of two
syllables. pyvi (MIT, Viet-Trung Tran) ships two CRF models in its package, a word segmenter
(F1 0.985 on its test set) and a part-of-speech tagger (VLSP tag set: N noun, Np proper noun,
Nc classifier, Ny abbreviation, V verb, A adjective, M number, E preposition, …). They load
offline; nothing is downloaded.

pyvi's own code builds a Python dict per syllable and pickles scikit-learn objects, and costs
about 1 ms a sentence. Here the two models are taken out of their pickles by a restricted
unpickler (only the two sklearn-crfsuite classes are rebuilt, as plain attribute holders, so
loading neither imports scikit-learn nor runs arbitrary pickled code) and run in numpy
(`glossary/crf.py`, bit-identical to python-crfsuite, the tests' reference) with the same
features as pyvi writes them: a `False` boolean feature has weight 0 in crfsuite, so it is
simply left out. The tags are pyvi's (tested against pyvi itself).
"""

from __future__ import annotations

import codecs
import io
import pickle
import string
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

import numpy as np

from tmbuilder.glossary.crf import CrfModel, IntArray, decode, read_model

PUNCTUATION_TAGS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~…“”’")


class _Holder:
    """Stands in for a pickled sklearn-crfsuite object (or a numpy scalar among its
    hyperparameters): keeps its state, runs nothing."""

    def __init__(self, *_args: object) -> None:
        pass

    def __setstate__(self, state: object) -> None:
        if isinstance(state, dict):
            self.__dict__.update(state)


class _ModelUnpickler(pickle.Unpickler):
    _ALLOWED = frozenset(
        {
            ("sklearn_crfsuite.estimator", "CRF"),
            ("sklearn_crfsuite._fileresource", "FileResource"),
            ("sklearn_crfsuite.trainer", "LinearChainCRF"),
            ("pycrfsuite._logparser", "TrainLogParser"),
        }
    )

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._ALLOWED or (
            module.startswith("numpy") and name in ("scalar", "dtype", "_reconstruct")
        ):
            return _Holder
        if (module, name) == ("_codecs", "encode"):
            return codecs.encode  # how protocol-2 pickles spell bytes: harmless
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in pyvi's model")


def _model_bytes(name: str) -> bytes:
    data = resources.files("pyvi").joinpath("models", name).read_bytes()
    crf = _ModelUnpickler(io.BytesIO(data)).load()
    model: bytes = crf.modelfile.__dict__["__FILE_RESOURCE_DATA__"]
    return model


@lru_cache(maxsize=1)
def _models() -> tuple[CrfModel, CrfModel, frozenset[str], frozenset[str]]:
    words = resources.files("pyvi").joinpath("models", "words.txt").read_text(encoding="utf-8")
    bigrams = frozenset(w for w in words.split("\n") if w.count(" ") == 1)
    trigrams = frozenset(w for w in words.split("\n") if w.count(" ") == 2)
    segmenter = read_model(_model_bytes("pyvi3.pkl"))
    tagger = read_model(_model_bytes("pyvipos3.pkl"))
    return segmenter, tagger, bigrams, trigrams


# The features are pyvi's word2features, attribute for attribute and in its order (a CRF sums
# its weights in attribute order: the order is kept for identical scores), as rows of the
# model (`crf.CrfModel.row`). A position's features are the syllable's (or word's) own and its
# neighbours', so each distinct syllable's rows are found once and a sentence's features are
# array lookups. The memos are bounded like `syllables.syllable_key`'s: vocabularies are
# small, hostile input is not.
_MEMO_LIMIT = 200_000
# Sentences are scored together up to this many positions: the arrays stay small (a position
# of the tagger holds 19 float64 scores, and a few such arrays are alive at once) whatever the
# text, and a batch is still big enough for numpy's per-call cost to vanish.
_BATCH_POSITIONS = 50_000


def _batches(sentences: list[list[str]]) -> list[list[list[str]]]:
    batches: list[list[list[str]]] = [[]]
    size = 0
    for sentence in sentences:
        if size >= _BATCH_POSITIONS:
            batches.append([])
            size = 0
        batches[-1].append(sentence)
        size += len(sentence)
    return batches


def _segmenter_rows(syllable: str, model: CrfModel) -> tuple[str, list[int]]:
    """A syllable's lower case and its rows: as the syllable tagged (5: word.*), as the one
    before it (3: -1:*) and as the one after it (3: +1:*)."""
    lower = syllable.lower()
    title, upper = syllable.istitle(), syllable.isupper()
    absent = model.absent
    raw = lower.encode()
    return lower, [
        model.row(b"bias"),
        model.row(b"word.lower():" + raw),
        model.row(b"word.isupper()") if upper else absent,
        model.row(b"word.istitle()") if title else absent,
        model.row(b"word.isdigit()") if syllable.isdigit() else absent,
        model.row(b"-1:word.lower():" + raw),
        model.row(b"-1:word.istitle()") if title else absent,
        model.row(b"-1:word.isupper()") if upper else absent,
        model.row(b"+1:word.lower():" + raw),
        model.row(b"+1:word.istitle()") if title else absent,
        model.row(b"+1:word.isupper()") if upper else absent,
    ]


def _tagger_rows(word: str, model: CrfModel) -> list[int]:
    """A word's rows: as the word tagged (7), one before it (4), two before (3), one after
    (4), two after (3)."""
    raw = word.lower().encode()
    title, upper = word.istitle(), word.isupper()
    digit0, upper3 = word[:1].isdigit(), word[:3].isupper()
    absent = model.absent
    row = model.row
    return [
        row(b"bias"),
        row(b"word.lower():" + raw),
        row(b"word.istitle()") if title else absent,
        row(b"word.isdigit()") if word.isdigit() else absent,
        row(b"word[:1].isdigit()") if digit0 else absent,
        row(b"word[:3].isupper()") if upper3 else absent,
        row(b"word.isfiltered") if word in PUNCTUATION_TAGS or word == "..." else absent,
        row(b"-1:word.lower():" + raw),
        row(b"-1:word.istitle()") if title else absent,
        row(b"-1:word[:1].isdigit()") if digit0 else absent,
        row(b"-1:word[:3].isupper()") if upper3 else absent,
        row(b"-2:word.lower():" + raw),
        row(b"-2:word.istitle()") if title else absent,
        row(b"-2:word.isupper()") if upper else absent,
        row(b"+1:word.lower():" + raw),
        row(b"+1:word.istitle()") if title else absent,
        row(b"+1:word[:1].isdigit()") if digit0 else absent,
        row(b"+1:word.isupper()") if upper else absent,
        row(b"+2:word.lower():" + raw),
        row(b"+2:word.istitle()") if title else absent,
        row(b"+2:word.isupper()") if upper else absent,
    ]


_SYLLABLES: dict[str, tuple[str, list[int]]] = {}
_WORDS: dict[str, list[int]] = {}


_R = TypeVar("_R")


def _memo_rows(
    keys: Iterable[str], memo: dict[str, _R], make: Callable[[str, CrfModel], _R], model: CrfModel
) -> list[_R]:
    """The model rows of each key, built once per distinct key and kept (up to a bound)."""
    entries = []
    for key in keys:
        found = memo.get(key)
        if found is None:
            found = make(key, model)
            if len(memo) < _MEMO_LIMIT:
                memo[key] = found
        entries.append(found)
    return entries


class _Layout:
    """Where each position of a batch of sentences sits: its vocabulary entry, and whether it
    has one, two neighbours before it and after it in its sentence."""

    def __init__(self, sentences: list[list[str]]) -> None:
        index: dict[str, int] = {}
        self.flat = [index.setdefault(t, len(index)) for s in sentences for t in s]
        self.vocabulary = list(index)
        self.lengths = [len(s) for s in sentences]
        size = len(self.flat)
        self.ids = np.asarray(self.flat, dtype=np.int64)
        lengths = np.asarray(self.lengths, dtype=np.int64)
        starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        place = np.arange(size, dtype=np.int64) - starts  # index within the sentence
        left = np.repeat(lengths, lengths) - place - 1  # positions after it in the sentence
        self.before1, self.before2 = place >= 1, place >= 2
        self.after1, self.after2 = left >= 1, left >= 2
        self.first, self.last = place == 0, left == 0
        self.size = size

    def shifted(
        self, table: IntArray, by: int, where: np.ndarray[Any, np.dtype[np.bool_]], absent: int
    ) -> IntArray:
        """`table` rows of the entry `by` positions away, where there is one."""
        out = np.full((self.size, table.shape[1]), absent, dtype=np.int64)
        positions = np.flatnonzero(where)
        out[positions] = table[self.ids[positions + by]]
        return out


def segment_many(sentences: list[list[str]]) -> list[list[int]]:
    """`segment` of each sentence."""
    out: list[list[int]] = []
    for batch in _batches(sentences):
        out.extend(_segment_batch(batch))
    return out


def _segment_batch(sentences: list[list[str]]) -> list[list[int]]:
    model, _tagger, bigrams, trigrams = _models()
    present = [s for s in sentences if s]
    sizes_of_present: list[list[int]] = []
    if present:
        layout = _Layout(present)
        entries = _memo_rows(layout.vocabulary, _SYLLABLES, _segmenter_rows, model)
        table = np.asarray([rows for _lower, rows in entries], dtype=np.int64)
        lowers = [lower for lower, _rows in entries]
        pair, triple = _dictionary_words(layout, lowers, bigrams, trigrams)
        absent = model.absent
        rows = np.full((layout.size, 10), absent, dtype=np.int64)  # after the own 5
        rows[:, 0:3] = layout.shifted(table[:, 5:8], -1, layout.before1, absent)
        before_pair = np.zeros(layout.size, dtype=bool)
        before_pair[1:] = pair[:-1]
        rows[layout.before1 & before_pair, 3] = model.row(b"-1:word.bi_gram()")
        before_triple = np.zeros(layout.size, dtype=bool)
        before_triple[2:] = triple[:-2]
        rows[layout.before2 & before_triple, 4] = model.row(b"-2:word.tri_gram()")
        rows[:, 5:8] = layout.shifted(table[:, 8:11], 1, layout.after1, absent)
        rows[pair, 8] = model.row(b"+1:word.bi_gram()")
        rows[triple, 9] = model.row(b"+2:word.tri_gram()")
        inside = model.labels.index("I_W")
        best = decode(model, table[:, 0:5], layout.ids, rows, layout.lengths)
        labels = (best == inside).tolist()
        position = 0
        for syllables in present:
            sizes = [1]
            for i in range(1, len(syllables)):
                if labels[position + i] and _joins(syllables[i - 1], syllables[i]):
                    sizes[-1] += 1
                else:
                    sizes.append(1)
            sizes_of_present.append(sizes)
            position += len(syllables)
    found_sizes = iter(sizes_of_present)
    return [next(found_sizes) if s else [] for s in sentences]


def _dictionary_words(
    layout: _Layout, lowers: list[str], bigrams: frozenset[str], trigrams: frozenset[str]
) -> tuple[np.ndarray[Any, np.dtype[np.bool_]], np.ndarray[Any, np.dtype[np.bool_]]]:
    """For each position, whether it and the next syllable (pair), and the next two (triple),
    are a word of pyvi's list, lower-cased; each distinct pair or triple looked up once."""
    ids, size = layout.ids, layout.size
    pair = np.zeros(size, dtype=bool)
    triple = np.zeros(size, dtype=bool)
    if size < 2:
        return pair, triple
    # a pair of entries as one number, and a triple as (its first pair's number, entry)
    entries = len(lowers)
    pair_code = ids[:-1] * entries + ids[1:]
    pairs, pair_number = np.unique(pair_code, return_inverse=True)
    known = np.fromiter(
        (lowers[c // entries] + " " + lowers[c % entries] in bigrams for c in pairs.tolist()),
        dtype=bool,
        count=len(pairs),
    )
    pair[:-1] = known[pair_number] & layout.after1[:-1]
    if size >= 3:
        triple_code = pair_number[:-1].astype(np.int64) * entries + ids[2:]
        triples, triple_number = np.unique(triple_code, return_inverse=True)
        known = np.fromiter(
            (
                " ".join(
                    (
                        lowers[pairs[c // entries] // entries],
                        lowers[pairs[c // entries] % entries],
                        lowers[c % entries],
                    )
                )
                in trigrams
                for c in triples.tolist()
            ),
            dtype=bool,
            count=len(triples),
        )
        triple[:-2] = known[triple_number] & layout.after2[:-2]
    return pair, triple


def tag_many(sentences: list[list[str]]) -> list[list[str]]:
    """`tag` of each sentence."""
    out: list[list[str]] = []
    for batch in _batches(sentences):
        out.extend(_tag_batch(batch))
    return out


def _tag_batch(sentences: list[list[str]]) -> list[list[str]]:
    _segmenter, model, _b, _t = _models()
    present = [s for s in sentences if s]
    tags_of_present: list[list[str]] = []
    if present:
        layout = _Layout(present)
        entries = _memo_rows(layout.vocabulary, _WORDS, _tagger_rows, model)
        table = np.asarray(entries, dtype=np.int64)
        absent = model.absent
        rows = np.full((layout.size, 16), absent, dtype=np.int64)  # after the own 7
        rows[:, 0:4] = layout.shifted(table[:, 7:11], -1, layout.before1, absent)
        rows[:, 4:7] = layout.shifted(table[:, 11:14], -2, layout.before2, absent)
        rows[layout.first, 7] = model.row(b"BOS")
        rows[:, 8:12] = layout.shifted(table[:, 14:18], 1, layout.after1, absent)
        rows[:, 12:15] = layout.shifted(table[:, 18:21], 2, layout.after2, absent)
        rows[layout.last, 15] = model.row(b"EOS")
        names = model.labels
        labels = decode(model, table[:, 0:7], layout.ids, rows, layout.lengths).tolist()
        position = 0
        for words in present:
            tags_of_present.append([names[k] for k in labels[position : position + len(words)]])
            position += len(words)
    found_tags = iter(tags_of_present)
    return [next(found_tags) if s else [] for s in sentences]


def _joins(left: str, right: str) -> bool:
    """pyvi's rule for where its segmenter may join two syllables into one word."""
    # `in string.punctuation` is pyvi's own test (a substring test, kept for identical output)
    return not (
        right in string.punctuation
        or left in string.punctuation
        or right[:1].isdigit()
        or left[:1].isdigit()
        or (right[:1].istitle() and not left[:1].istitle())
    )


def in_dictionary(syllables: list[str]) -> bool:
    """Whether the syllables, lower-cased, are a two- or three-syllable word of pyvi's list."""
    _s, _t, bigrams, trigrams = _models()
    text = " ".join(syllables).lower()
    return text in bigrams or text in trigrams


def segment(syllables: list[str]) -> list[int]:
    """How many syllables each word of the sentence has ("con dấu" -> one word of 2)."""
    return segment_many([syllables])[0]


def tag(words: list[str]) -> list[str]:
    """pyvi's part-of-speech tag of each word (syllables of a word joined by "_")."""
    return tag_many([words])[0]
