"""The fast word path gives what python-crfsuite gives: words, tags and glossary candidates.

`glossary/crf.py` runs pyvi's CRF models in numpy over batches, with features as model rows
(`glossary/words.py`). The reference here is the path it replaced: pyvi's word2features as
attribute strings, one sentence at a time through python-crfsuite's Tagger.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.glossary import crf, tagged, words
from tmbuilder.glossary.extract import extract_terms
from tmbuilder.glossary.syllables import token_spans

pycrfsuite = pytest.importorskip("pycrfsuite")

DATA = Path(__file__).parent / "data"


def _segment_features(
    syllables: list[str], bigrams: frozenset[str], trigrams: frozenset[str]
) -> list[list[str]]:
    """pyvi ViTokenizer.word2features, as crfsuite attribute strings (the replaced code)."""
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


def _pos_features(tokens: list[str]) -> list[list[str]]:
    """pyvi ViPosTagger.word2features, as crfsuite attribute strings (the replaced code)."""
    lower = [w.lower() for w in tokens]
    title = [w.istitle() for w in tokens]
    upper = [w.isupper() for w in tokens]
    digit0 = [w[:1].isdigit() for w in tokens]
    upper3 = [w[:3].isupper() for w in tokens]
    n = len(tokens)
    out: list[list[str]] = []
    for i, word in enumerate(tokens):
        f = ["bias", "word.lower():" + lower[i]]
        if title[i]:
            f.append("word.istitle()")
        if word.isdigit():
            f.append("word.isdigit()")
        if digit0[i]:
            f.append("word[:1].isdigit()")
        if upper3[i]:
            f.append("word[:3].isupper()")
        if word in words.PUNCTUATION_TAGS or word == "...":
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


class _Reference:
    """The replaced path: python-crfsuite, one sentence a call."""

    def __init__(self) -> None:
        _s, _t, self.bigrams, self.trigrams = words._models()
        self._bytes = (words._model_bytes("pyvi3.pkl"), words._model_bytes("pyvipos3.pkl"))
        self.segmenter = pycrfsuite.Tagger()
        self.segmenter.open_inmemory(self._bytes[0])
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open_inmemory(self._bytes[1])

    def segment(self, syllables: list[str]) -> list[int]:
        if not syllables:
            return []
        labels = self.segmenter.tag(_segment_features(syllables, self.bigrams, self.trigrams))
        sizes = [1]
        for i in range(1, len(syllables)):
            if labels[i] == "I_W" and words._joins(syllables[i - 1], syllables[i]):
                sizes[-1] += 1
            else:
                sizes.append(1)
        return sizes

    def tag(self, tokens: list[str]) -> list[str]:
        return list(self.tagger.tag(_pos_features(tokens))) if tokens else []

    def segment_many(self, sentences: list[list[str]]) -> list[list[int]]:
        return [self.segment(s) for s in sentences]

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        return [self.tag(s) for s in sentences]


@functools.cache
def _the_reference() -> _Reference:
    return _Reference()


@pytest.fixture
def reference() -> _Reference:
    return _the_reference()


def _dev_texts() -> Iterator[tuple[str, list[str]]]:
    for path in sorted((DATA / "terms_dev").glob("*.txt")):
        yield path.name, [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    for path in sorted((DATA / "terms_dev").glob("*_pairs.tsv")):
        rows = path.read_text(encoding="utf-8").splitlines()
        yield path.name, [row.split("\t")[0] for row in rows if "\t" in row]
    for path in sorted((DATA / "seg_dev").glob("*/*/sentences.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        yield str(path.relative_to(DATA)), [line for line in lines if line.strip()]


def _syllables(text: str) -> list[str]:
    return [text[s:e] for s, e, _k in token_spans(text, cut_at_break_words=False)]


def _words_of(syllables: list[str], sizes: list[int]) -> list[str]:
    out, i = [], 0
    for size in sizes:
        out.append("_".join(syllables[i : i + size]))
        i += size
    return out


def _same_words_and_tags(reference: _Reference, texts: list[str]) -> None:
    syllables = [_syllables(t) for t in texts]
    sizes = words.segment_many(syllables)
    assert sizes == reference.segment_many(syllables)
    tokens = [_words_of(s, n) for s, n in zip(syllables, sizes, strict=True)]
    assert words.tag_many(tokens) == reference.tag_many(tokens)


@pytest.mark.parametrize("name", [name for name, _texts in _dev_texts()])
def test_words_and_tags_match_python_crfsuite_on_the_dev_texts(
    reference: _Reference, name: str
) -> None:
    texts = dict(_dev_texts())[name]
    _same_words_and_tags(reference, texts)


_VOCABULARY = (
    "con dấu nhiệm kỳ Việt Nam Hà Nội trụ cột của và là được Chính phủ UBND TP.HCM COVID-19 "
    "Tổng Bí thư Tô Lâm quốc phòng an ninh 12 2016 4.2 một hai ba ngàn tỷ USD React component "
    "hàm Điều 39 khoản , . ; : ( ) - – ... “ ” ' ! ? % đồng bộ Hoà hòa ĐẠI HỘI e-mail x"
)
_SYLLABLE = st.sampled_from(_VOCABULARY.split())
_TEXT = st.lists(
    st.one_of(_SYLLABLE, st.text(alphabet=string.ascii_letters + "ăâđêôơưĐáàảãạ0123456789.,-")),
    max_size=40,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_words_and_tags_match_python_crfsuite_on_any_text(texts: list[str]) -> None:
    _same_words_and_tags(_the_reference(), texts)


def _reference_analysis(reference: _Reference, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tagged.vi_words, "segment_many", reference.segment_many)
    monkeypatch.setattr(tagged.vi_words, "tag_many", reference.tag_many)


@pytest.mark.parametrize("name", ["dev_legal.txt", "dev_techdocs.txt", "dev_pairs.tsv"])
def test_candidates_match_the_python_crfsuite_path(
    reference: _Reference, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    texts = dict(_dev_texts())[name]
    sentences = [(f"doc{i // 40}", text) for i, text in enumerate(texts)]
    fast_words = tagged.analyse_many(texts)
    fast_terms = extract_terms(sentences)
    with monkeypatch.context() as patched:
        _reference_analysis(reference, patched)
        assert tagged.analyse_many(texts) == fast_words
        assert extract_terms(sentences) == fast_terms


def test_the_helper_process_tags_as_this_one() -> None:
    texts = dict(_dev_texts())["dev_legal.txt"][:300]
    assert tagged._HelperTagging(texts).result() == tagged.analyse_many(texts)


def test_the_helper_finishes_while_this_process_is_still_busy() -> None:
    # Its answer (here ~400 KB) is more than a pipe holds: unless it is read as it comes, the
    # helper waits for the parent to finish its own half, and the two halves run one by one.
    texts = dict(_dev_texts())["dev_legal.txt"][:300]
    helper = tagged._HelperTagging(texts)
    helper._process.wait(timeout=120)
    assert helper.result() == tagged.analyse_many(texts)


def test_everything_is_tagged_when_the_work_is_split(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = dict(_dev_texts())["dev_legal.txt"][:300]
    monkeypatch.setattr(tagged, "PARALLEL_FROM", 10)
    monkeypatch.setattr(tagged.os, "cpu_count", lambda: 2)
    assert tagged.analyse_all(texts) == tagged.analyse_many(texts)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"xCRF" + data[4:],
        lambda data: data[:28] + b"\xff\xff\xff\x00" + data[32:],  # features moved away
        lambda data: data[: len(data) // 2],  # cut short
    ],
)
def test_a_damaged_model_is_refused(damage: Callable[[bytes], bytes]) -> None:
    with pytest.raises(crf.ModelError):
        crf.read_model(damage(words._model_bytes("pyvi3.pkl")))
