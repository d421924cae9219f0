"""Vietnamese words and parts of speech: pyvi's CRF models, run without pyvi's code.

Vietnamese puts spaces between syllables, not words: "con dấu" (seal) is one word of two
syllables. pyvi (MIT, Viet-Trung Tran) ships two CRF models in its package, a word segmenter
(F1 0.985 on its test set) and a part-of-speech tagger (VLSP tag set: N noun, Np proper noun,
Nc classifier, Ny abbreviation, V verb, A adjective, M number, E preposition, …). They load
offline; nothing is downloaded.

pyvi's own code builds a Python dict per syllable and pickles scikit-learn objects, and costs
about 1 ms a sentence. Here the two models are taken out of their pickles by a restricted
unpickler (only the two sklearn-crfsuite classes are rebuilt, as plain attribute holders, so
loading neither imports scikit-learn nor runs arbitrary pickled code) and run by python-crfsuite
with the same features as pyvi writes them, as attribute strings: a `False` boolean feature has
weight 0 in crfsuite, so it is simply left out. The tags are pyvi's (tested against pyvi itself).
"""

from __future__ import annotations

import codecs
import io
import pickle
import string
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pycrfsuite  # type: ignore[import-untyped]

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


_MODELS: list[bytes] = []


@lru_cache(maxsize=1)
def _taggers() -> tuple[pycrfsuite.Tagger, pycrfsuite.Tagger, frozenset[str], frozenset[str]]:
    import pycrfsuite  # type: ignore[import-untyped]

    words = resources.files("pyvi").joinpath("models", "words.txt").read_text(encoding="utf-8")
    bigrams = frozenset(w for w in words.split("\n") if w.count(" ") == 1)
    trigrams = frozenset(w for w in words.split("\n") if w.count(" ") == 2)
    segmenter = pycrfsuite.Tagger()
    tagger = pycrfsuite.Tagger()
    # crfsuite reads the model in place, not from a copy: the bytes must outlive the taggers.
    _MODELS.extend((_model_bytes("pyvi3.pkl"), _model_bytes("pyvipos3.pkl")))
    segmenter.open_inmemory(_MODELS[0])
    tagger.open_inmemory(_MODELS[1])
    return segmenter, tagger, bigrams, trigrams


# Feature strings are built once per distinct syllable or word and reused: a text of 100,000
# sentences has a few thousand distinct syllables, so a window's features are mostly lookups.
# They are UTF-8 bytes, which python-crfsuite hands to crfsuite as they are (a str it encodes
# anew each time: a third of the tagger's time). Each feature list holds the same attributes
# in the same order as pyvi's word2features: a CRF sums its weights in attribute order, so
# even the order is kept for identical scores. The memos are bounded like
# `syllables.syllable_key`'s: vocabularies are small, hostile input is not.
_MEMO_LIMIT = 200_000
Features = list[list[bytes]]


class _SyllableFeatures:
    """What one syllable contributes to the segmenter's feature lists, at each place."""

    __slots__ = ("left", "lower", "own", "right")

    def __init__(self, syllable: str) -> None:
        lower = syllable.lower()
        title, upper = syllable.istitle(), syllable.isupper()
        self.lower = lower
        raw = lower.encode()
        # as the syllable tagged (word.*), the one before it (-1:*) and after it (+1:*)
        own = [b"bias", b"word.lower():" + raw]
        if upper:
            own.append(b"word.isupper()")
        if title:
            own.append(b"word.istitle()")
        if syllable.isdigit():
            own.append(b"word.isdigit()")
        self.own = own
        self.left = _neighbour(b"-1:", raw, title, upper)
        self.right = _neighbour(b"+1:", raw, title, upper)


def _neighbour(prefix: bytes, lower: bytes, title: bool, upper: bool) -> list[bytes]:
    out = [prefix + b"word.lower():" + lower]
    if title:
        out.append(prefix + b"word.istitle()")
    if upper:
        out.append(prefix + b"word.isupper()")
    return out


_SYLLABLES: dict[str, _SyllableFeatures] = {}


def _syllable_features(syllable: str) -> _SyllableFeatures:
    found = _SYLLABLES.get(syllable)
    if found is None:
        found = _SyllableFeatures(syllable)
        if len(_SYLLABLES) < _MEMO_LIMIT:
            _SYLLABLES[syllable] = found
    return found


_BIGRAM_BEFORE, _BIGRAM_AFTER = b"-1:word.bi_gram()", b"+1:word.bi_gram()"
_TRIGRAM_BEFORE, _TRIGRAM_AFTER = b"-2:word.tri_gram()", b"+2:word.tri_gram()"


def _segment_features(
    syllables: list[str], bigrams: frozenset[str], trigrams: frozenset[str]
) -> Features:
    """pyvi ViTokenizer.word2features, as crfsuite attributes."""
    parts = [_syllable_features(s) for s in syllables]
    lower = [p.lower for p in parts]
    n = len(syllables)
    # whether syllables i, i+1 (and i+2) are a word of pyvi's list
    pair = [lower[i] + " " + lower[i + 1] in bigrams for i in range(n - 1)]
    triple = [lower[i] + " " + lower[i + 1] + " " + lower[i + 2] in trigrams for i in range(n - 2)]
    out: Features = []
    for i in range(n):
        f = parts[i].own.copy()
        if i > 0:
            f += parts[i - 1].left
            if pair[i - 1]:
                f.append(_BIGRAM_BEFORE)
            if i > 1 and triple[i - 2]:
                f.append(_TRIGRAM_BEFORE)
        if i < n - 1:
            f += parts[i + 1].right
            if pair[i]:
                f.append(_BIGRAM_AFTER)
            if i < n - 2 and triple[i]:
                f.append(_TRIGRAM_AFTER)
        out.append(f)
    return out


class _WordFeatures:
    """What one word contributes to the tagger's feature lists, at each place."""

    __slots__ = ("after1", "after2", "before1", "before2", "own")

    def __init__(self, word: str) -> None:
        raw = word.lower().encode()
        title, upper = word.istitle(), word.isupper()
        digit0, upper3 = word[:1].isdigit(), word[:3].isupper()
        own = [b"bias", b"word.lower():" + raw]
        if title:
            own.append(b"word.istitle()")
        if word.isdigit():
            own.append(b"word.isdigit()")
        if digit0:
            own.append(b"word[:1].isdigit()")
        if upper3:
            own.append(b"word[:3].isupper()")
        if word in PUNCTUATION_TAGS or word == "...":
            own.append(b"word.isfiltered")
        self.own = own
        # as the word one before the tagged one (-1:*), two before (-2:*), one after, two after
        before1 = [b"-1:word.lower():" + raw]
        if title:
            before1.append(b"-1:word.istitle()")
        if digit0:
            before1.append(b"-1:word[:1].isdigit()")
        if upper3:
            before1.append(b"-1:word[:3].isupper()")
        self.before1 = before1
        self.before2 = _neighbour(b"-2:", raw, title, upper)
        after1 = [b"+1:word.lower():" + raw]
        if title:
            after1.append(b"+1:word.istitle()")
        if digit0:
            after1.append(b"+1:word[:1].isdigit()")
        if upper:
            after1.append(b"+1:word.isupper()")
        self.after1 = after1
        self.after2 = _neighbour(b"+2:", raw, title, upper)


_WORDS: dict[str, _WordFeatures] = {}


def _word_features(word: str) -> _WordFeatures:
    found = _WORDS.get(word)
    if found is None:
        found = _WordFeatures(word)
        if len(_WORDS) < _MEMO_LIMIT:
            _WORDS[word] = found
    return found


def _pos_features(words: list[str]) -> Features:
    """pyvi ViPosTagger.word2features, as crfsuite attributes."""
    parts = [_word_features(w) for w in words]
    n = len(words)
    out: Features = []
    for i in range(n):
        f = parts[i].own.copy()
        if i > 0:
            f += parts[i - 1].before1
            if i > 1:
                f += parts[i - 2].before2
        else:
            f.append(b"BOS")
        if i < n - 1:
            f += parts[i + 1].after1
            if i < n - 2:
                f += parts[i + 2].after2
        else:
            f.append(b"EOS")
        out.append(f)
    return out


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
    _s, _t, bigrams, trigrams = _taggers()
    text = " ".join(syllables).lower()
    return text in bigrams or text in trigrams


def segment(syllables: list[str]) -> list[int]:
    """How many syllables each word of the sentence has ("con dấu" -> one word of 2)."""
    if not syllables:
        return []
    segmenter, _tagger, bigrams, trigrams = _taggers()
    labels = segmenter.tag(_segment_features(syllables, bigrams, trigrams))
    sizes = [1]
    for i in range(1, len(syllables)):
        if labels[i] == "I_W" and _joins(syllables[i - 1], syllables[i]):
            sizes[-1] += 1
        else:
            sizes.append(1)
    return sizes


def tag(words: list[str]) -> list[str]:
    """pyvi's part-of-speech tag of each word (syllables of a word joined by "_")."""
    if not words:
        return []
    _segmenter, tagger, _b, _t = _taggers()
    tags: list[str] = tagger.tag(_pos_features(words))
    return tags
