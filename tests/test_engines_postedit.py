"""Placeholders for numbers, URLs, e-mails and glossary terms; tidying MT English."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tmbuilder.engines.postedit import (
    MAX_SLOTS,
    TermMatcher,
    clean_english,
    has_words,
    match_case,
    placeholder,
    protect,
    restore,
)

PIECES = st.sampled_from(
    [
        "Hôm nay",
        "1.000.000",
        "3,5",
        "2-12",
        "12/3/2024",
        "10:30",
        "https://vi.wikipedia.org/wiki/Việt_Nam",
        "www.chinhphu.vn",
        "a.b@gov.vn",
        "người",
        "(",
        ")",
        ",",
        ".",
        "10h30",
        "COVID-19",
        "đồng",
    ]
)
TEXTS = st.lists(st.tuples(PIECES, st.sampled_from([" ", "", ", "])), max_size=30).map(
    lambda pairs: "".join(piece + sep for piece, sep in pairs)
)


@given(TEXTS | st.text(max_size=200))
def test_restore_inverts_protect(text: str) -> None:
    protected = protect(text)
    assert restore(protected.text, protected) == text


@given(TEXTS)
def test_placeholders_survive_case_changes(text: str) -> None:
    protected = protect(text)
    restored = restore(protected.text.lower(), protected)
    assert restored is not None
    assert restored.count("@") == text.count("@")  # e-mails came back verbatim
    for _, original in protected.slots:
        assert original in restored


def test_what_is_protected() -> None:
    text = "Ngày 2-12, 1.000.000 người, 3,5% tại www.chinhphu.vn (x@gov.vn) lúc 10h30; COVID-19."
    protected = protect(text)
    assert [original for _, original in protected.slots] == [
        "2-12",
        "1.000.000",
        "3,5",
        "www.chinhphu.vn",
        "x@gov.vn",
    ]
    assert protected.text == (
        "Ngày ZXQBB, ZXQBC người, ZXQBD% tại ZXQBF (ZXQBG) lúc 10h30; COVID-19."
    )


def test_url_keeps_balanced_parenthesis_but_not_sentence_punctuation() -> None:
    text = "Xem https://en.wikipedia.org/wiki/Hanoi_(city), và http://a.vn/b."
    urls = [original for _, original in protect(text).slots]
    assert urls == ["https://en.wikipedia.org/wiki/Hanoi_(city)", "http://a.vn/b"]


def test_restore_refuses_lost_doubled_or_unknown_placeholders() -> None:
    protected = protect("Năm 2024 có 30 người")
    first, second = (token for token, _ in protected.slots)
    assert restore(f"In {first} there are {second} people", protected) is not None
    assert restore(f"In {first} there are people", protected) is None
    assert restore(f"In {first} {first} there are {second}", protected) is None
    assert restore(f"In {first} there are {second} {placeholder(7)}", protected) is None


def test_text_that_already_contains_placeholder_lookalikes_is_left_alone() -> None:
    protected = protect("mã ZXQBC năm 2024")
    assert protected.text == "mã ZXQBC năm 2024" and protected.slots == ()


def test_slots_are_capped() -> None:
    text = " ".join(str(n) for n in range(MAX_SLOTS + 10))
    protected = protect(text)
    assert len(protected.slots) == MAX_SLOTS
    assert restore(protected.text, protected) == text
    assert len({placeholder(i) for i in range(MAX_SLOTS)}) == MAX_SLOTS


def test_glossary_terms_whole_words_longest_first_any_case() -> None:
    terms = TermMatcher({"Bộ Tài chính": "Ministry of Finance", "tài chính": "finance"})
    protected = protect("bộ tài  chính và tài chính, nhưng không tàichính", terms)
    assert [english for _, english in protected.slots] == ["Ministry of Finance", "finance"]
    assert protected.terms == (("Bộ Tài chính", "Ministry of Finance"), ("tài chính", "finance"))
    assert "tàichính" in protected.text
    assert (
        restore(protected.text, protected) == "Ministry of Finance và finance, nhưng không tàichính"
    )


def test_has_words() -> None:
    assert not has_words(protect("2024 — 1.000").text)
    assert has_words(protect("năm 2024").text)


def test_clean_english_fixes_tokenizer_spacing() -> None:
    assert clean_english("Hello , world ( the capital ) !") == "Hello, world (the capital)!"
    assert clean_english('He said " yes " , then left .') == 'He said "yes", then left.'
    assert clean_english("It 's the party 's plan ; they do n't agree : fine") == (
        "It's the party's plan; they don't agree: fine"
    )
    assert clean_english("“Quoted”  text — here") == '"Quoted" text - here'


def test_clean_english_leaves_clean_text_alone() -> None:
    for text in (
        "The two countries signed 12 agreements, worth $1.5 billion (about 38,000 billion dong).",
        "the so-called 'golden' and 'silver' ones",
        "Mr. Lam's visit: a milestone.",
    ):
        assert clean_english(text) == text


@given(st.text(alphabet=st.sampled_from(list("ab (),.;:!?'\"%-[]“”‘’—…«»\u00a0")), max_size=40))
def test_clean_english_is_idempotent(text: str) -> None:
    once = clean_english(text)
    assert clean_english(once) == once


def test_match_case() -> None:
    assert match_case("Bộ Tài chính họp", "ministry of Finance met") == "Ministry of Finance met"
    assert match_case("bộ tài chính", "ministry") == "ministry"
    assert match_case("2024: Hà Nội", "2024: hanoi") == "2024: Hanoi"
