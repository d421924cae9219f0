"""Glossary extraction: the seeds give a terminologist's list; invariants hold on any text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.glossary.extract import extract_terms, token_spans
from tmbuilder.glossary.stopwords import FUNCTION_WORDS
from tmbuilder.glossary.variants import group_variants
from tmbuilder.model import Term
from tmbuilder.text.normalize import match_key
from tmbuilder.text.segment import Segmenter

# What a terminologist lists from the two seed articles (each recurs at least twice there).
EXPECTED = tuple(
    line
    for line in (Path(__file__).parent / "seed_terms.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
)

# Entries of the seed glossary a terminologist would strike, judged one by one on the printed
# list (run pytest -s to see it). FRAGMENTS are pieces: a word cut in two, a phrase cut
# mid-way or two units glued. NOT_TERMS are whole phrases that are general language or mere
# compositions of two entries.
FRAGMENTS = frozenset(
    match_key(s)
    for s in (
        "Cách mạng Lào",  # the tail of the party's name
        "nước phát triển",  # "hai nước | phát triển": no "developed country" here
        "hội nghị thông",  # "hội nghị thông báo" / "thông tin" cut inside a word
        "Lào Thongloun Sisoulith",  # "Chủ tịch nước Lào | Thongloun Sisoulith"
        "Tổng Bí thư Tô Lâm",  # title + name glued
        "Chủ tịch nước Lào Thongloun Sisoulith",
        "Bí thư Tô Lâm",
        "thư Chủ tịch",
        "Dân chủ Nhân dân Lào",
        "Đảng Nhân dân Cách mạng",
        "phát triển mới",  # tail of "giai đoạn phát triển mới"
        "quán chủ trương",  # "nhất quán | chủ trương"
        "đặc biệt Việt Nam - Lào",
        "Đại",
        "Tổng",
        "Nhà",
        "Cộng",
    )
)
NOT_TERMS = frozenset(
    match_key(s)
    for s in (
        "Đại hội nhiệm kỳ mới",  # "the Congress of the new term": a description
        "Nhà nước Việt Nam",  # "Nhà nước" + "Việt Nam"
        "USD",  # a currency code, translated as itself
        "nhân dân hai nước",
        "tình hình thế giới",
        "hai nước",
        "hai bên",
        "tiếp tục",
        "khẳng định",
        "đánh giá cao",
    )
)


def seed_sentences(paths: list[Path]) -> list[tuple[str, str]]:
    segmenter = Segmenter()
    sentences: list[tuple[str, str]] = []
    for path in paths:
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            sentences.extend((path.name, s) for s in segmenter.split(paragraph) if s.strip())
    return sentences


def holds(sentence: str, term: str) -> bool:
    text = [k for _s, _e, k in token_spans(sentence)]
    wanted = [k for _s, _e, k in token_spans(term)]
    n = len(wanted)
    return any(text[i : i + n] == wanted for i in range(len(text) - n + 1))


def keys_of(terms: list[Term]) -> set[str]:
    return {match_key(form) for t in terms for form in (t.source, *t.variants)}


def test_seed_glossary_reads_like_a_terminologists(seed_paths: list[Path]) -> None:
    sentences = seed_sentences(seed_paths)
    terms = group_variants(extract_terms(sentences), sentences)
    print(f"\n{len(terms)} entries from {len(sentences)} sentences:")
    for term in terms:
        print(f"  {term.score:6.2f} {term.frequency:3d} {term.source}  {list(term.variants)}")
    missing = [e for e in EXPECTED if match_key(e) not in keys_of(terms)]
    print("missing:", missing)
    # The target on unseen text is 70%; the seeds, seen, must do clearly better.
    assert len(missing) <= len(EXPECTED) * 0.2, f"expected terms missing: {missing}"
    heads = [match_key(t.source) for t in terms]
    fragments = [h for h in heads if h in FRAGMENTS]
    rejected = [h for h in heads if h in FRAGMENTS | NOT_TERMS]
    assert len(fragments) / len(terms) < 0.10, fragments
    assert len(rejected) / len(terms) < 0.10, rejected
    # Viêng Chăn and Vientiane are one entry; so are the party's full and abbreviated names.
    by_head = {match_key(t.source): t for t in terms}
    assert "vientiane" in {match_key(v) for v in by_head[match_key("Viêng Chăn")].variants}
    party = by_head[match_key("Đảng Nhân dân Cách mạng Lào")]
    assert match_key("Đảng NDCM Lào") in {match_key(v) for v in party.variants}


def test_each_term_carries_its_evidence(seed_paths: list[Path]) -> None:
    sentences = seed_sentences(seed_paths)
    terms = extract_terms(sentences, max_contexts=2)
    assert terms == sorted(terms, key=lambda t: (-t.score, -t.frequency, t.source))
    secretary = next(t for t in terms if t.source == "Tổng Bí thư")
    assert secretary.frequency == sum(s.count("Tổng Bí thư") for _d, s in sentences)
    assert secretary.documents == 2
    for term in terms:
        assert term.frequency >= 2
        assert 1 <= len(term.contexts) <= 2
        # By syllable keys: "(NDCM)" inside the party's name does not interrupt it.
        assert all(holds(c, term.source) for c in term.contexts)


def test_spelling_variants_are_one_term() -> None:
    sentences = [
        ("a", "Hai bên bàn về chính sách hoà bình bền vững."),
        ("a", "Họ ủng hộ chính sách hòa bình bền vững của khu vực."),
        ("b", "Chính sách hoà bình bền vững được nhắc lại."),
    ]
    terms = extract_terms(sentences)
    peace = [t for t in terms if match_key(t.source) == match_key("chính sách hòa bình bền vững")]
    assert len(peace) == 1
    assert peace[0].frequency == 3 and peace[0].documents == 2
    assert peace[0].source[0] == "c"  # the capital forced by the sentence start is not kept


def test_nothing_recurs_nothing_extracted() -> None:
    assert extract_terms([]) == []
    assert extract_terms([("a", "Một câu duy nhất về hợp tác kinh tế.")]) == []
    assert extract_terms([("a", "!!! ??? ... 123 456")] * 3) == []


SYLLABLES = ["hợp", "tác", "kinh", "tế", "Việt", "Nam", "quốc", "phòng", "an", "ninh", "đầu", "tư"]
WORDS = st.sampled_from(SYLLABLES + sorted(FUNCTION_WORDS)[:30] + [",", ".", "-", "(", ")"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=25), min_size=1, max_size=12))
def test_terms_never_start_or_end_with_a_function_word(texts: list[list[str]]) -> None:
    sentences = [("d", " ".join(words)) for words in texts] * 2
    for term in extract_terms(sentences, max_len=4):
        keys = [k for _s, _e, k in token_spans(term.source)]
        assert keys[0] not in FUNCTION_WORDS and keys[-1] not in FUNCTION_WORDS
        assert keys[0] != "-" and keys[-1] != "-"
        assert len([k for k in keys if k != "-"]) <= 4
        assert term.frequency >= 2
