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


def _segment_features(
    syllables: list[str], bigrams: frozenset[str], trigrams: frozenset[str]
) -> list[list[str]]:
    """pyvi ViTokenizer.word2features, as crfsuite attribute strings."""
    lower = [s.lower() for s in syllables]
    title = [s.istitle() for s in syllables]
    upper = [s.isupper() for s in syllables]
    n = len(syllables)
    out: list[list[str]] = []
    for i, word in enumerate(syllables):
        f = ["bias", "word.lower():" + lower[i]]
        if upper[i]:
            f.append("word.isupper()")
        if title[i]:
            f.append("word.istitle()")
        if word.isdigit():
            f.append("word.isdigit()")
        if i > 0:
            f.append("-1:word.lower():" + lower[i - 1])
            if title[i - 1]:
                f.append("-1:word.istitle()")
            if upper[i - 1]:
                f.append("-1:word.isupper()")
            if lower[i - 1] + " " + lower[i] in bigrams:
                f.append("-1:word.bi_gram()")
            if i > 1 and lower[i - 2] + " " + lower[i - 1] + " " + lower[i] in trigrams:
                f.append("-2:word.tri_gram()")
        if i < n - 1:
            f.append("+1:word.lower():" + lower[i + 1])
            if title[i + 1]:
                f.append("+1:word.istitle()")
            if upper[i + 1]:
                f.append("+1:word.isupper()")
            if lower[i] + " " + lower[i + 1] in bigrams:
                f.append("+1:word.bi_gram()")
            if i < n - 2 and lower[i] + " " + lower[i + 1] + " " + lower[i + 2] in trigrams:
                f.append("+2:word.tri_gram()")
        out.append(f)
    return out


def _pos_features(words: list[str]) -> list[list[str]]:
    """pyvi ViPosTagger.word2features, as crfsuite attribute strings."""
    lower = [w.lower() for w in words]
    title = [w.istitle() for w in words]
    upper = [w.isupper() for w in words]
    digit0 = [w[:1].isdigit() for w in words]
    upper3 = [w[:3].isupper() for w in words]
    n = len(words)
    out: list[list[str]] = []
    for i, word in enumerate(words):
        f = ["bias", "word.lower():" + lower[i]]
        if title[i]:
            f.append("word.istitle()")
        if word.isdigit():
            f.append("word.isdigit()")
        if digit0[i]:
            f.append("word[:1].isdigit()")
        if upper3[i]:
            f.append("word[:3].isupper()")
        if word in PUNCTUATION_TAGS or word == "...":
            f.append("word.isfiltered")
        if i > 0:
            f.append("-1:word.lower():" + lower[i - 1])
            if title[i - 1]:
                f.append("-1:word.istitle()")
            if digit0[i - 1]:
                f.append("-1:word[:1].isdigit()")
            if upper3[i - 1]:
                f.append("-1:word[:3].isupper()")
            if i > 1:
                f.append("-2:word.lower():" + lower[i - 2])
                if title[i - 2]:
                    f.append("-2:word.istitle()")
                if upper[i - 2]:
                    f.append("-2:word.isupper()")
        else:
            f.append("BOS")
        if i < n - 1:
            f.append("+1:word.lower():" + lower[i + 1])
            if title[i + 1]:
                f.append("+1:word.istitle()")
            if digit0[i + 1]:
                f.append("+1:word[:1].isdigit()")
            if upper[i + 1]:
                f.append("+1:word.isupper()")
            if i < n - 2:
                f.append("+2:word.lower():" + lower[i + 2])
                if title[i + 2]:
                    f.append("+2:word.istitle()")
                if upper[i + 2]:
                    f.append("+2:word.isupper()")
        else:
            f.append("EOS")
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
