"""Glossary candidates a terminologist would strike, by class (issue 17): pieces cut out of a
longer unit, verb phrases, labels and document codes; and English taken from a longer term."""

from __future__ import annotations

from tmbuilder.glossary.extract import extract_terms
from tmbuilder.glossary.phrases import Corpus
from tmbuilder.glossary.proposals import propose_aligned
from tmbuilder.glossary.tagged import analyse
from tmbuilder.glossary.termhood import verb_headed
from tmbuilder.model import Term

LAW = [
    ("a", "Người bệnh được thanh toán tại cơ sở khám bệnh theo quy định."),
    ("a", "Danh sách cơ sở khám bệnh do Bộ Y tế công bố."),
    ("a", "Mỗi cơ sở khám bệnh phải niêm yết giá."),
    ("b", "Chi phí tại cơ sở khám bệnh tuyến huyện được quỹ chi trả."),
    ("b", "Hợp đồng giữa cơ quan bảo hiểm và cơ sở khám bệnh được ký hằng năm."),
    ("b", "Sở Y tế kiểm tra cơ sở khám bệnh hằng quý."),
    ("c", "Người bệnh chọn cơ sở khám, chữa bệnh ban đầu."),
    ("c", "Giấy chuyển cơ sở khám, chữa bệnh có giá trị một năm."),
    ("d", "Điều 1. Phạm vi áp dụng"),
    ("d", "Điều 2. Đối tượng"),
    ("d", "Điều 3. Giải thích từ ngữ"),
    ("d", "Điều 4. Mức đóng"),
    ("d", "Điều 5. Mức hưởng"),
    ("d", "Điều 1. Thẻ"),
    ("d", "Theo Điều 2 của luật."),
    ("e", "Căn cứ Nghị định số 146/2018/NĐ-CP của Chính phủ."),
    ("e", "Sửa đổi Nghị định số 75/2023/NĐ-CP của Chính phủ."),
    ("e", "Thông tư hướng dẫn Nghị định số 12/2019/NĐ-CP về thẻ."),
    ("e", "b) Người lao động;"),
    ("e", "b) Học sinh;"),
    ("e", "b) Nông dân;"),
]


def _sources() -> list[str]:
    return [t.source for t in extract_terms(LAW)]


def test_a_piece_always_followed_by_the_same_word_is_not_a_term() -> None:
    sources = _sources()
    assert "cơ sở khám bệnh" in sources
    assert "cơ sở khám" not in sources  # followed by "bệnh" in 6 of its 8 uses


def test_labels_of_a_numbered_series_and_document_codes_are_not_terms() -> None:
    sources = _sources()
    assert "Nghị định" in sources and "Chính phủ" in sources
    assert not {"điều 1", "Điều 1", "Điều 2", "NĐ-CP", "b"} & set(sources)


def _corpus(sentence: str) -> Corpus:
    corpus = Corpus()
    corpus.add(0, analyse(sentence))
    corpus.resolve_initial_capitals()
    return corpus


def test_a_verb_before_its_object_is_a_verb_phrase_a_verb_noun_compound_is_not() -> None:
    corpus = _corpus("Người lao động đóng bảo hiểm y tế và đi khám bệnh.")
    at = {corpus.keys[i]: i for i in range(len(corpus.keys))}
    pay = at["đóng"]
    size = next(
        n for n in range(1, 5) if " ".join(corpus.keys[pay + 1 : pay + n]) == "bảo hiểm y tế"
    )
    assert verb_headed([pay], [size], corpus)  # đóng | bảo hiểm y tế: pay health insurance
    examine = at["khám"]
    if corpus.words[examine].tag == "V":
        assert not verb_headed([examine], [2], corpus)  # khám bệnh: medical examination


def test_english_of_a_longer_term_is_not_proposed_for_the_term_inside_it() -> None:
    pairs = [
        ("Bác sĩ hướng dẫn đã đến.", "The attending came."),
        ("Tôi gọi bác sĩ hướng dẫn.", "I called the attending."),
        ("Bác sĩ hướng dẫn rất bận.", "The attending is very busy."),
        ("Bác sĩ hướng dẫn nói không.", "The attending said no."),
        ("Bác sĩ khám cho tôi.", "The doctor examined me."),
        ("Các bác sĩ làm việc.", "The doctors worked."),
        ("Bác sĩ nói chuyện với tôi.", "The doctor talked to me."),
        ("Tôi gặp bác sĩ.", "I met the doctor."),
        ("Bác sĩ đã đến.", "The doctor came."),
        ("Bác sĩ rất bận.", "The doctor is very busy."),
    ]
    terms = [Term(source="bác sĩ hướng dẫn"), Term(source="bác sĩ")]
    by_source = {t.source: t for t in propose_aligned(terms, pairs)}
    assert by_source["bác sĩ"].target.casefold().rstrip("s") == "doctor"


def test_a_gloss_and_a_phrase_left_waiting_on_a_modal_verb_are_not_terms() -> None:
    docs = [
        ("a", "Mỗi chuỗi - string trong JavaScript là bất biến."),
        ("a", "Hàm nhận một chuỗi - string và trả về số."),
        ("b", "Bạn có thể nối chuỗi - string bằng dấu cộng."),
        ("b", "Mỗi component cần một key riêng."),
        ("c", "Component cần trả về JSX."),
        ("c", "Component cần được đặt tên bằng chữ hoa."),
    ]
    sources = {t.source for t in extract_terms(docs)}
    assert not {"chuỗi - string", "component cần"} & sources


def test_a_rendering_always_beside_the_same_english_word_is_widened_to_it() -> None:
    from collections import Counter

    from tmbuilder.glossary.proposals import _best, _Rendering

    piece = _Rendering(surface=Counter({"penalty": 4}), count=4)
    piece.before.update(["death", "death", "death", "the"])
    assert _best(piece) == "death penalty"  # the aligner linked "tử hình" to half the unit
    varied = _Rendering(surface=Counter({"nurse": 4}), count=4)
    varied.before.update(["a", "a", "a", "the"])  # a function word is not part of the term
    varied.after.update(["said", "came", "was", "is"])
    assert _best(varied) == "nurse"
    counted = _Rendering(surface=Counter({"gearshifts": 3}), count=3)
    counted.before.update(["four", "four", "four"])
    assert _best(counted) == "gearshifts"


def test_a_kinship_pronoun_and_its_verb_are_a_clause_not_a_term() -> None:
    docs = [
        ("a", "Hôm sau bà xuất viện và về nhà."),
        ("a", "Khi bà xuất viện, tôi đến đón."),
        ("b", "Ngày bà xuất viện trời mưa."),
        ("b", "Bác sĩ nói bà xuất viện được rồi."),
    ]
    assert "bà xuất viện" not in {t.source for t in extract_terms(docs)}


def test_a_neighbour_aligned_to_another_word_never_widens_a_rendering() -> None:
    from tmbuilder.glossary.proposals import _best, _prepare, _renderings
    from tmbuilder.glossary.tagged import analyse

    words = analyse("Dự án thất bại.")
    pairs = [_prepare("Dự án thất bại.", "Projects fail.", words) for _ in range(3)]
    assert len(pairs[0].tokens) == 2  # two Vietnamese words
    links = [{(0, 0), (1, 1)} for _ in pairs]  # dự án - Projects, thất bại - fail
    index = {"dự": [0, 1, 2]}
    found, places = _renderings(Term(source="dự án"), [("dự", "án")], [], pairs, links, index)
    assert places == 3
    (rendering,) = found.values()
    assert _best(rendering) == "projects"  # not "projects fail": "fail" is thất bại's


def test_a_compound_whose_second_half_lacks_diacritics_is_not_a_gloss() -> None:
    docs = [
        ("a", "Hai nước hợp tác về quốc phòng - an ninh."),
        ("a", "Hợp tác quốc phòng - an ninh là trụ cột."),
        ("b", "Lĩnh vực quốc phòng - an ninh được tăng cường."),
    ]
    assert "quốc phòng - an ninh" in {t.source for t in extract_terms(docs)}
