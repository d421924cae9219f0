"""Tests for tmbuilder.text.normalize: NFC, tone placement, matching keys, surface cleanup."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.text import normalize
from tmbuilder.text.normalize import (
    clean_text,
    fold_tone_placement,
    is_vietnamese_syllable,
    match_key,
    nfc,
)

TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
VIETNAMESE_LETTERS = sorted(
    {nfc(base + tone) for base in "aăâeêioôơuưy" for tone in ("", *TONES)}
    | set("bcdđghklmnpqrstvx")
)
VIETNAMESE_ALPHABET = "".join(VIETNAMESE_LETTERS) + "".join(VIETNAMESE_LETTERS).upper()


def toned(letter: str, tone: int) -> str:
    return nfc(letter + TONES[tone]) if letter else letter


# new/modern placement on the left, traditional (canonical) on the right
FOLDS = [
    ("hoà", "hòa"),
    ("thuý", "thúy"),
    ("khoẻ", "khỏe"),
    ("oà", "òa"),
    ("uỷ", "ủy"),
    ("thuỷ", "thủy"),
    ("hoá", "hóa"),
    ("toạ", "tọa"),
    ("xoã", "xõa"),
    ("loè", "lòe"),
    ("HOÀ", "HÒA"),
    ("Hoà", "Hòa"),
    ("Uỷ ban", "Ủy ban"),
    ("Hoà Bình và Thuỵ Sĩ", "Hòa Bình và Thụy Sĩ"),
    # misplaced marks that old fonts and careless typing produce
    ("qúa", "quá"),
    ("gìa", "già"),
    ("Qúy", "Quý"),
    ("hòan", "hoàn"),
    ("ngòai", "ngoài"),
    ("đựơc", "được"),
    ("nứơc", "nước"),
    ("nghià", "nghìa"),
]

CANONICAL = [
    "quý", "giá", "quốc", "người", "thuở", "khuya", "quỳnh", "giữa", "gìn", "gì", "của", "mía",
    "múa", "khuỷu", "ngoài", "hoàng", "tuyết", "Việt", "nước", "được", "rượu", "khuấy", "thuế",
    "Huế", "quà", "già", "quả", "mùa", "hòa", "thủy", "khỏe", "oằn", "hoặc", "xoong",
]  # fmt: skip


@pytest.mark.parametrize(("written", "canonical"), FOLDS)
def test_fold_moves_tone_to_the_traditional_vowel(written: str, canonical: str) -> None:
    assert fold_tone_placement(written) == canonical
    assert fold_tone_placement(canonical) == canonical


@pytest.mark.parametrize("word", CANONICAL)
def test_fold_leaves_canonical_syllables_alone(word: str) -> None:
    assert fold_tone_placement(word) == word
    assert fold_tone_placement(word.upper()) == word.upper()


@pytest.mark.parametrize("word", ["café", "Zoë", "naïve", "réel", "Thongloun", "İstanbul"])
def test_fold_leaves_foreign_words_alone(word: str) -> None:
    assert fold_tone_placement(word) == nfc(word)


def test_fold_returns_nfc_from_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Hoà bình")
    assert fold_tone_placement(decomposed) == "Hòa bình"


def test_suspect_filter_misses_no_misplaced_syllable() -> None:
    # fold_tone_placement skips texts the fast filter does not flag; every syllable shape with a
    # tone on any of its vowels that folding would change must be flagged.
    changed = 0
    for onset in ONSETS:
        for cluster in normalize._VOWEL_CLUSTERS:
            for coda in normalize._CODAS:
                base = onset + cluster + coda
                for pos, letter in enumerate(base):
                    if letter not in normalize._BASE_VOWELS:
                        continue
                    for tone in range(5):
                        word = base[:pos] + toned(letter, tone) + base[pos + 1 :]
                        for cased in (word, word.upper(), word.capitalize()):
                            folded = normalize._fold_word(cased)
                            if folded != cased:
                                changed += 1
                                assert normalize._SUSPECT.search(cased), cased
                                assert normalize._fold_word(folded) == folded
    assert changed > 10_000  # the loop really exercised misplaced forms


def test_is_vietnamese_syllable() -> None:
    for word in ["người", "Việt", "quốc", "NGHIÊNG", "khuỷu", "gì", "hoà", "hòa", "a"]:
        assert is_vietnamese_syllable(word), word
    for word in ["café", "Thongloun", "ViƯt", "c¸c", "hoàà", "cảc", "xyz", "đẹpp", ""]:
        assert not is_vietnamese_syllable(word), word


def test_match_key_unifies_case_space_and_typography() -> None:
    assert match_key("  Hoà   BÌNH\u00a0và\tthịnh vượng  ") == "hòa bình và thịnh vượng"
    assert match_key("“Việt Nam” – ‘Lào’…") == match_key("\"việt nam\" - 'lào'...")
    assert match_key("a \u2014 b") == "a - b"
    assert match_key("2\u20133") == "2\u20133"  # an unspaced en dash is a range, not a hyphen
    assert match_key("Đà\u200bNẵng\u00ad") == "đànẵng"
    assert match_key("") == ""


def test_clean_text_keeps_what_the_author_wrote() -> None:
    assert clean_text("Hoà BÌNH") == "Hoà BÌNH"  # no tone re-placement, no case change
    assert clean_text(unicodedata.normalize("NFD", "Việt")) == "Việt"
    assert clean_text("\ufeffa\u200bb\x00c\x07d\te") == "abcd\te"
    assert clean_text("10\u00a0km") == "10\u00a0km"
    assert clean_text("dòng một\r\ndòng hai\u2028ba") == "dòng một  dòng hai ba"
    assert clean_text("x\u0085y\x9bz") == "x yz"


vietnamese_text = st.text(alphabet=VIETNAMESE_ALPHABET + " .,-'\"“”–—…\u00a0\t", max_size=60)


@settings(max_examples=300, deadline=None)
@given(vietnamese_text)
def test_match_key_is_idempotent(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_match_key_is_idempotent_on_any_unicode(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key


@settings(max_examples=300, deadline=None)
@given(vietnamese_text)
def test_match_key_ignores_case(text: str) -> None:
    assert match_key(text) == match_key(text.upper()) == match_key(text.lower())


@st.composite
def open_syllable_pair(draw: st.DrawFn) -> tuple[str, str]:
    """The same syllable in traditional (hòa) and modern (hoà) placement."""
    onset = draw(st.sampled_from([o for o in ONSETS if o not in ("qu", "gi")]))
    cluster = draw(st.sampled_from(["oa", "oe", "uy"]))
    tone = draw(st.integers(0, 4))
    traditional = onset + toned(cluster[0], tone) + cluster[1]
    modern = onset + cluster[0] + toned(cluster[1], tone)
    casing = draw(st.sampled_from([str.lower, str.upper, str.capitalize]))
    return casing(traditional), casing(modern)


@settings(max_examples=300, deadline=None)
@given(open_syllable_pair(), st.sampled_from(["", "Ông ", "nhà "]), st.sampled_from(["", " ạ"]))
def test_match_key_equates_old_and_new_placement(
    pair: tuple[str, str], before: str, after: str
) -> None:
    traditional, modern = pair
    assert match_key(before + modern + after) == match_key(before + traditional + after)
    assert fold_tone_placement(modern) == traditional


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_clean_text_never_adds_letters(text: str) -> None:
    def letters(s: str) -> Counter[str]:
        return Counter(c for c in unicodedata.normalize("NFD", s) if c.isalpha())

    cleaned = clean_text(text)
    assert not letters(cleaned) - letters(text)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_text(cleaned) == cleaned


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["", " ", "  ", "\t", "\n", "\u2028", "\x1c", "\u3000"]))
def test_match_key_whitespace_is_collapsed_whatever_the_shortcut(text: str, space: str) -> None:
    # match_key skips the split/join when it can prove the key is already collapsed; the key
    # must be the same as if it had always collapsed.
    key = match_key(space + text + space)
    assert key == " ".join(key.split())
    assert key == match_key(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(vietnamese_text, st.text()))
def test_match_key_plain_says_when_the_key_is_the_text_casefolded(text: str) -> None:
    key, plain = normalize.match_key_plain(text)
    assert key == match_key(text)
    if plain:
        assert key == text.casefold()
    if text.isascii() and text.isprintable() and text == " ".join(text.split()):
        assert plain  # the common case must take the shortcut
