"""English proposals: co-occurrence alignment over reviewed pairs, and MT picks."""

from __future__ import annotations

from tmbuilder.glossary.align import (
    ascii_fold,
    pick_mt_translation,
    propose_translations,
    sentence_for_mt,
)
from tmbuilder.model import Term, TermStatus

PAIRS = [
    ("Hai bên thúc đẩy hợp tác toàn diện.", "The two sides promote comprehensive cooperation."),
    (
        "Hợp tác toàn diện Việt Nam - Lào phát triển.",
        "Vietnam-Laos comprehensive cooperation develops.",
    ),
    ("Quan hệ hợp tác toàn diện rất tốt.", "The comprehensive cooperation relationship is good."),
    ("Hai bên thúc đẩy thương mại.", "The two sides promote trade."),
    ("Tổng Bí thư Tô Lâm phát biểu.", "General Secretary To Lam spoke."),
    ("Tổng Bí thư Tô Lâm đến Lào.", "General Secretary To Lam arrived in Laos."),
    ("Hợp tác kinh tế rất tốt.", "Economic cooperation is good."),
    ("Hợp tác kinh tế tăng.", "Economic cooperation grew."),
]


def test_terms_align_with_the_english_they_travel_with() -> None:
    terms = [
        Term("hợp tác toàn diện"),
        Term("Tô Lâm"),
        Term("Tổng Bí thư"),
        Term("hợp tác kinh tế"),
        Term("quốc phòng - an ninh"),  # in no pair
        Term("Lào", target="Laos", status=TermStatus.APPROVED),  # already has English
    ]
    out = {t.source: t for t in propose_translations(terms, PAIRS)}
    assert out["hợp tác toàn diện"].target == "comprehensive cooperation"
    assert out["Tô Lâm"].target == "To Lam"
    assert out["Tổng Bí thư"].target == "General Secretary"
    assert out["hợp tác kinh tế"].target == "economic cooperation"  # sentence capital dropped
    for source in ("hợp tác toàn diện", "Tô Lâm", "Tổng Bí thư", "hợp tác kinh tế"):
        assert out[source].origin == "align"
        assert 0.2 <= out[source].confidence <= 1.0
        assert out[source].status == TermStatus.PROPOSED
    # Three agreeing pairs are better evidence than two.
    assert out["hợp tác toàn diện"].confidence > out["hợp tác kinh tế"].confidence
    assert out["quốc phòng - an ninh"] == terms[4]
    assert out["Lào"] == terms[5]


def test_one_pair_with_many_equal_candidates_is_not_enough() -> None:
    pairs = [("Hai nước ký kết hiệp định thương mại tự do.", "Both countries signed an FTA deal.")]
    (term,) = propose_translations([Term("hiệp định thương mại tự do")], pairs)
    assert term.target == "" and term.origin == ""


def test_variants_count_as_the_term() -> None:
    pairs = [
        ("Đảng NDCM Lào họp.", "The LPRP met."),
        ("Đảng Nhân dân Cách mạng Lào ra tuyên bố.", "The LPRP issued a statement."),
        ("Đảng NDCM Lào thành công.", "The LPRP succeeded."),
    ]
    term = Term("Đảng Nhân dân Cách mạng Lào", variants=("Đảng NDCM Lào",))
    (out,) = propose_translations([term], pairs)
    assert out.target == "LPRP"


def test_sentence_for_mt_prefers_the_shortest_context_holding_the_term() -> None:
    term = Term(
        "hợp tác toàn diện",
        contexts=(
            "Hai bên khẳng định tiếp tục thúc đẩy hợp tác toàn diện trong nhiều lĩnh vực.",
            "Hợp tác toàn diện phát triển.",
            "Ngắn.",
        ),
    )
    assert sentence_for_mt(term) == "Hợp tác toàn diện phát triển."
    assert sentence_for_mt(Term("trụ cột")) == "trụ cột"


def test_pick_mt_translation() -> None:
    term = Term("hợp tác toàn diện")
    sentence = "Comprehensive cooperation between the two countries keeps growing."
    assert pick_mt_translation(term, sentence, "comprehensive cooperation.") == (
        "comprehensive cooperation",
        0.7,
    )
    inside = "The two sides value their comprehensive cooperation."
    assert pick_mt_translation(term, inside, "Comprehensive Cooperation")[0] == (
        "comprehensive cooperation"
    )
    assert pick_mt_translation(term, "They work together fully.", "all-round cooperation") == (
        "all-round cooperation",
        0.4,
    )
    name = Term("Tô Lâm")
    assert pick_mt_translation(name, "General Secretary To Lam arrived.", "Mr. Lam") == (
        "To Lam",
        0.7,
    )
    assert pick_mt_translation(term, "x", "  ") == ("", 0.0)


def test_ascii_fold() -> None:
    assert ascii_fold("Tô Lâm") == "To Lam"
    assert ascii_fold("Đà Nẵng") == "Da Nang"
