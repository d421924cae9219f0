"""Variant grouping: spelling, abbreviations the text defines, exonyms."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.glossary import variants
from tmbuilder.glossary.extract import BREAK, token_spans
from tmbuilder.glossary.variants import _slots, find_abbreviations, group_variants
from tmbuilder.model import Term, TermStatus
from tmbuilder.text.normalize import match_key


def test_abbreviations_defined_either_way_round() -> None:
    found = find_abbreviations(
        [
            "Hội nghị của Đảng Nhân dân cách mạng (NDCM) Lào đã kết thúc.",
            "Theo TTXVN (Thông tấn xã Việt Nam), hai bên đã ký.",
            "Giá tăng (USD) mạnh.",  # letters do not spell the words before: no definition
        ]
    )
    assert found == {"NDCM": "Nhân dân cách mạng", "TTXVN": "Thông tấn xã Việt Nam"}


def test_abbreviated_name_joins_its_full_form() -> None:
    sentences = [("a", "Đại hội của Đảng Nhân dân cách mạng (NDCM) Lào thành công.")]
    terms = [
        Term("Đảng NDCM Lào", frequency=5, score=10.0),
        Term("Đảng Nhân dân Cách mạng Lào", frequency=3, score=8.0),
        Term("hợp tác toàn diện", frequency=4, score=9.0),
    ]
    grouped = group_variants(terms, sentences)
    assert [t.source for t in grouped] == ["Đảng Nhân dân Cách mạng Lào", "hợp tác toàn diện"]
    party = grouped[0]
    assert party.variants == ("Đảng NDCM Lào",)
    assert party.frequency == 8 and party.score == 10.0


def test_abbreviation_without_full_term_gets_the_expansion_as_variant() -> None:
    sentences = [("a", "Đảng Nhân dân cách mạng (NDCM) Lào họp.")]
    grouped = group_variants([Term("Đảng NDCM Lào", frequency=2)], sentences)
    assert grouped[0].variants == ("Đảng Nhân dân cách mạng Lào",)


def test_case_and_tone_placement_variants_merge() -> None:
    terms = [Term("hoà bình", frequency=2), Term("Hòa Bình", frequency=3)]
    grouped = group_variants(terms, [])
    assert len(grouped) == 1
    assert grouped[0].source == "Hòa Bình" and grouped[0].variants == ("hoà bình",)


def test_exonym_in_the_same_slot_joins_the_transcription() -> None:
    sentences = [
        ("a", "Dự án cao tốc Hà Nội - Viêng Chăn được thúc đẩy."),
        ("b", "Những dự án lớn như cao tốc Hà Nội - Vientiane sẽ được triển khai."),
    ]
    terms = [Term("Viêng Chăn", frequency=4), Term("Vientiane", frequency=2), Term("Hà Nội")]
    grouped = group_variants(terms, sentences)
    assert [(t.source, t.variants) for t in grouped] == [
        ("Viêng Chăn", ("Vientiane",)),
        ("Hà Nội", ()),
    ]


def test_similar_names_in_different_slots_stay_apart() -> None:
    sentences = [("a", "Ông đến Viêng Chăn hôm qua."), ("b", "Bà ở Vientiane nhiều năm.")]
    terms = [Term("Viêng Chăn"), Term("Vientiane")]
    assert len(group_variants(terms, sentences)) == 2


def test_shared_english_ties_exonyms_and_keeps_the_approved_target() -> None:
    terms = [
        Term("Viêng Chăn", target="Vientiane", status=TermStatus.APPROVED, frequency=4),
        Term("Vientiane", frequency=2),
        Term("Thủ đô Lào", target="vientiane", frequency=1, note="informal"),
    ]
    grouped = group_variants(terms, [])
    assert len(grouped) == 1
    entry = grouped[0]
    assert entry.source == "Viêng Chăn"
    assert entry.target == "Vientiane" and entry.status == TermStatus.APPROVED
    assert set(entry.variants) == {"Vientiane", "Thủ đô Lào"}
    assert entry.note == "informal"


def _reference_slots(form: str, sentences: Sequence[str]) -> set[tuple[str, ...]]:
    """The slots of one form as they were found before: every sentence scanned for each form."""
    wanted = tuple(match_key(form).split())
    n = len(wanted)
    slots: set[tuple[str, ...]] = set()
    for sentence in sentences:
        keys = [key for _s, _e, key in token_spans(sentence, cut_at_break_words=False)]
        for i in range(len(keys) - n + 1):
            if tuple(keys[i : i + n]) == wanted:
                before = tuple(keys[max(i - 2, 0) : i])
                after = tuple(keys[i + n : i + n + 2])
                if len(before) == 2 and BREAK not in before:
                    slots.add(("<", *before))
                if len(after) == 2 and BREAK not in after:
                    slots.add((">", *after))
    return slots


NAMES = ["Viêng Chăn", "Viêng chăn", "Vientiane", "VIENTIANE", "Hà Nội", "Hoà Bình", "Lào"]
WORDS = [*NAMES, "cao tốc", "-", ",", "đến", "và", "ở", "hòa", "bình", "(NDCM)", "Hà", "."]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=5),
    st.lists(st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join), max_size=8),
)
def test_one_pass_slots_equal_a_scan_per_form(forms: list[str], sentences: list[str]) -> None:
    assert _slots(forms, sentences) == {form: _reference_slots(form, sentences) for form in forms}


def test_each_sentence_is_tokenized_once_however_many_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0

    def counting(text: str, *, cut_at_break_words: bool = True) -> list[tuple[int, int, str]]:
        nonlocal calls
        calls += 1
        return token_spans(text, cut_at_break_words=cut_at_break_words)

    monkeypatch.setattr(variants, "token_spans", counting)
    sentences = [("a", f"Cao tốc Hà Nội - Viêng Chăn số {i}.") for i in range(30)]
    sentences += [("b", f"Cao tốc Hà Nội - Vientiane số {i}.") for i in range(30)]
    foreign = ["Vientiane", "Vientian", "Vienchan", "Viangchan"]
    native = ["Viêng Chăn", "Viên Chăn", "Viêng Chan", "Vieng Chăn"]
    terms = [Term(name, frequency=2) for name in foreign + native]
    grouped = group_variants(terms, sentences)
    assert calls == len(sentences)  # a scan per name would be 8 times as many
    assert grouped[0].source == "Vientiane" and "Viêng Chăn" in grouped[0].variants
