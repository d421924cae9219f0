"""Vietnamese sentence segmentation: the hard cases one by one, the seeds, the gold, the script."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tmbuilder.text.segment import Segmenter, segment_lines
from tmbuilder.text.segment_rules import (
    BreakRule,
    SegmentationRules,
    default_rules,
    rule_from_mapping,
    to_python_regex,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
# ../shared beside the checkout, or beside a parent folder (a git worktree under wt/)
SHARED = next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "eval").is_dir()), REPO.parent / "shared"
)

SEG = Segmenter()

# One sentence each: a split anywhere inside is a bug.
NO_SPLIT = {
    "compound title PGS.TS.": "PGS.TS. Nguyễn Văn An phát biểu khai mạc hội thảo.",
    "compound title GS.TSKH.": "Ông mời GS.TSKH. Trần Bình làm chủ tịch hội đồng.",
    "title TS.": "Theo TS. Lê Cường, giá sẽ giảm.",
    "title ThS.": "Bài viết của ThS. Phạm Dũng đăng trên tạp chí.",
    "title Th.S": "Bài viết của Th.S Hoàng Em đăng trên tạp chí.",
    "title BS.": "BS. Vũ Giang khuyên người dân đi tiêm.",
    "title KTS.": "Công trình do KTS. Đỗ Hà thiết kế.",
    "city TP. before a name": "Ông sống ở TP. Hồ Chí Minh từ năm 1990.",
    "city TP.HCM mid-sentence": "Ông sống ở TP.HCM từ năm 1990.",
    "UBND TP.": "UBND TP. Hà Nội vừa ban hành quyết định.",
    "district Q.1": "Văn phòng ở Q.1, gần chợ Bến Thành.",
    "district Q. with a space": "Văn phòng ở Q. 1, gần chợ Bến Thành.",
    "ward P.": "Trụ sở đặt tại P. Bến Nghé, quận 1.",
    "page tr.15": "Xem chú thích ở tr.15 của báo cáo.",
    "page tr. 15": "Xem chú thích ở tr. 15 của báo cáo.",
    "v.v. mid-sentence": "Hội chợ có rau, quả, thịt, cá v.v. và nhiều mặt hàng khác.",
    "initial before a bracket": "Bị can Nguyễn Văn B. (sinh năm 1990) bị bắt.",
    "initials of a foreign name": "Tác giả J. K. Rowling và Tổng thống George W. Bush gặp nhau.",
    "thousands separators": "Giá bán là 1.500.000 đồng mỗi chiếc.",
    "decimal comma": "Tăng trưởng đạt 10,5 phần trăm.",
    "version number": "Bản Python 3.11 đã ra mắt.",
    "day-month": "Chiều 2-12, đoàn đến Viêng Chăn.",
    "full date": "Ngày 5/10/2025, hội nghị khai mạc.",
    "decree number": "Nghị định 15/2025/NĐ-CP có hiệu lực.",
    "phone number": "Đường dây nóng 028.3822.1234 hoạt động cả ngày.",
    "web address": "Mời xem toàn văn trên www.sggp.org.vn và báo khác.",
    "bare domain": "Theo vnexpress.net, giá xăng tăng.",
    "e-mail": "Liên hệ toasoan@sggp.org.vn để gửi bài.",
    "question inside a quote, lower case after": "“Đi đâu?” anh hỏi rồi bước ra.",
    "ellipsis before lower case": "Những chiếc đầu đĩa CD, VCD... chất cao 5 - 6 m.",
    "ellipsis before a figure": "Chiếc mũ giá chỉ... 19.000 đồng.",
    "list label at line start": "1. Giới thiệu chung",
    "legal heading": "Điều 5. Phạm vi điều chỉnh",
    # the Vietnamese Code (Bộ pháp điển) numbers articles topic.subject.source-kind.number
    "codified article label": "Điều 39.12.NĐ.1. Phạm vi điều chỉnh",
    "codified article of a circular": "Điều 32.2.TT.1.2. Đối tượng áp dụng",
    "codified chapter": "Chương 44.7.PL.I. Những quy định chung",
    "city title before a two-word name": "UBND TP. Thủ Đức vừa ban hành quyết định.",
    "city title before a one-word name": "Người dân TP. Huế đón Tết.",
    "two initials before a Western surname": "Nhà văn J.K. Rowling đến Hà Nội.",
    "initial before a bracket, anonymised": "Chị N.T.H. (32 tuổi) khai với cơ quan điều tra.",
    "caption credit mid-sentence": "Theo ảnh (ảnh: TTXVN) cho thấy đoàn đã tới.",
}

# Where the paragraph must split, and into what.
SPLIT = {
    "full stop": ("Hai bên hợp tác. Sau đó họ về.", ["Hai bên hợp tác.", "Sau đó họ về."]),
    "question and exclamation": (
        "Ai ngờ? Không ai! Thế đấy.",
        ["Ai ngờ?", "Không ai!", "Thế đấy."],
    ),
    "ellipsis character": ("Chờ đợi… Rồi tin đến.", ["Chờ đợi…", "Rồi tin đến."]),
    "three-dot ellipsis": ("Chờ đợi... Rồi tin đến.", ["Chờ đợi...", "Rồi tin đến."]),
    "sentence starting with a digit": (
        "Hai bên nhất trí hợp tác. 15 phút sau, đoàn rời đi.",
        ["Hai bên nhất trí hợp tác.", "15 phút sau, đoàn rời đi."],
    ),
    "after TP.HCM.": (
        "Ông làm việc tại TP.HCM. Sau đó ông ra Hà Nội.",
        ["Ông làm việc tại TP.HCM.", "Sau đó ông ra Hà Nội."],
    ),
    "caption after a sentence": (
        "Thongloun Sisoulith tại lễ đón. Ảnh: TTXVN",
        ["Thongloun Sisoulith tại lễ đón.", "Ảnh: TTXVN"],
    ),
    "v.v. ending a sentence": (
        "Hội chợ có rau, quả, thịt, cá v.v. Sau đó đoàn đi thăm nhà máy.",
        ["Hội chợ có rau, quả, thịt, cá v.v.", "Sau đó đoàn đi thăm nhà máy."],
    ),
    "closing curly quote stays": (
        "Anh hỏi: “Tôi đi được không?” Chị gật đầu.",
        ["Anh hỏi: “Tôi đi được không?”", "Chị gật đầu."],
    ),
    "quote then full stop": (
        'Anh hỏi: "Tôi đi được không?". Chị gật đầu.',
        ['Anh hỏi: "Tôi đi được không?".', "Chị gật đầu."],
    ),
    "closing bracket stays": (
        "Ai cũng biết (kể cả ông). Rồi ông về.",
        ["Ai cũng biết (kể cả ông).", "Rồi ông về."],
    ),
    "bracketed sentence": (
        "Hai bên ra tuyên bố chung. (Báo SGGP giới thiệu toàn văn.)",
        ["Hai bên ra tuyên bố chung.", "(Báo SGGP giới thiệu toàn văn.)"],
    ),
    "opening quote": (
        "Ông nói thêm. “Chúng tôi sẽ làm.”",
        ["Ông nói thêm.", "“Chúng tôi sẽ làm.”"],
    ),
    "quotation starting lower case": (
        "Nhiều tổn thất đã xảy ra. “đội quân chuột” bất lực.",
        ["Nhiều tổn thất đã xảy ra.", "“đội quân chuột” bất lực."],
    ),
    "split inside a quotation": (
        "Thanh nói: “Ông quê đâu? À, tôi nhớ rồi”.",
        ["Thanh nói: “Ông quê đâu?", "À, tôi nhớ rồi”."],
    ),
    "after a web address": (
        "Tin đăng trên vnexpress.net. Sau đó được chia sẻ.",
        ["Tin đăng trên vnexpress.net.", "Sau đó được chia sẻ."],
    ),
    "after a number": (
        "Kim ngạch đạt 1.500.000 USD. Năm nay sẽ tăng.",
        ["Kim ngạch đạt 1.500.000 USD.", "Năm nay sẽ tăng."],
    ),
    "after a decree number": (
        "Theo Nghị định 15/2025/NĐ-CP. Mức phạt tăng.",
        ["Theo Nghị định 15/2025/NĐ-CP.", "Mức phạt tăng."],
    ),
    "non-breaking space": ("Hết giờ.\u00a0Về thôi.", ["Hết giờ.", "Về thôi."]),
    "ellipsis opening a sentence": (
        "Cuộc chiến đã qua. ... Rồi cũng chính con sông này.",
        ["Cuộc chiến đã qua.", "... Rồi cũng chính con sông này."],
    ),
    "photo credit followed by text": (
        "Ảnh: AFP Giữ vững ngôi đầu, đội bóng tiếp tục tập luyện.",
        ["Ảnh: AFP", "Giữ vững ngôi đầu, đội bóng tiếp tục tập luyện."],
    ),
    "bracketed photo credit followed by text": (
        "(Ảnh: TTXVN) Theo thông báo, hội nghị diễn ra trong hai ngày.",
        ["(Ảnh: TTXVN)", "Theo thông báo, hội nghị diễn ra trong hai ngày."],
    ),
    "credit after a caption sentence, then text": (
        "Đoàn đến sân bay. Nguồn: VTV Sau đó đoàn về khách sạn.",
        ["Đoàn đến sân bay.", "Nguồn: VTV", "Sau đó đoàn về khách sạn."],
    ),
    "sentence-final TP.": (
        "Ông là lãnh đạo Công an TP. Theo ông, vụ việc đã rõ.",
        ["Ông là lãnh đạo Công an TP.", "Theo ông, vụ việc đã rõ."],
    ),
    "sentence-final initials before a Vietnamese word": (
        "Em là con gái của cô N.T.H.N. Bà N. cho biết em đã nghỉ học.",
        ["Em là con gái của cô N.T.H.N.", "Bà N. cho biết em đã nghỉ học."],
    ),
    "sentence-final three initials": (
        "Người bị hại là anh N.V.A. Theo cơ quan điều tra, anh bị đánh.",
        ["Người bị hại là anh N.V.A.", "Theo cơ quan điều tra, anh bị đánh."],
    ),
    "sentence-final initial of an anonymised name": (
        "Bị cáo là Nguyễn Văn B. Đây là lần thứ hai ông bị xử.",
        ["Bị cáo là Nguyễn Văn B.", "Đây là lần thứ hai ông bị xử."],
    ),
    "one-letter interjection is no initial": (
        "Ừ. Tôi biết rồi.",
        ["Ừ.", "Tôi biết rồi."],
    ),
}


@pytest.mark.parametrize("text", NO_SPLIT.values(), ids=NO_SPLIT.keys())
def test_no_split(text: str) -> None:
    assert SEG.split(text) == [text]


@pytest.mark.parametrize(("text", "expected"), SPLIT.values(), ids=SPLIT.keys())
def test_split(text: str, expected: list[str]) -> None:
    assert SEG.split(text) == expected


# Cases that hold only because of the abbreviation list: without it they split.
ABBREVIATION_CASES = ["compound title PGS.TS.", "title TS.", "title KTS."]


@pytest.mark.parametrize("case", ABBREVIATION_CASES)
def test_abbreviation_list_is_what_prevents_the_split(case: str) -> None:
    bare = Segmenter(SegmentationRules(abbreviations=(), rules=default_rules().rules))
    assert len(bare.split(NO_SPLIT[case])) == 2


def test_line_breaks_are_hard_boundaries() -> None:
    text = "Tạo đột phá mới\nGS.\nNguyễn Văn An phát biểu. Sau đó\r\nhọ về.\u2028Hết"
    assert SEG.split(text) == [
        "Tạo đột phá mới",
        "GS.",
        "Nguyễn Văn An phát biểu.",
        "Sau đó",
        "họ về.",
        "Hết",
    ]
    assert segment_lines("Một. Hai.\n\n  \nBa\n") == [["Một.", "Hai."], ["Ba"]]


def test_spans_point_into_the_paragraph() -> None:
    text = "  Một câu.   Câu hai!  "
    assert SEG.spans(text) == [(2, 10), (13, 21)]
    assert SEG.split(text) == ["Một câu.", "Câu hai!"]
    assert SEG.spans("") == [] and SEG.spans(" \n\t ") == []


# -- rules as data: user rules, abbreviations, validation, fingerprint --------------------------


def test_user_no_break_rule_overrides_the_defaults() -> None:
    text = "Theo QĐ. Bộ Tài chính hướng dẫn."
    assert len(SEG.split(text)) == 2
    rule = rule_from_mapping({"break": False, "before": r"\bQĐ\.", "after": r"\s"})
    assert Segmenter(default_rules().extended(rules=[rule])).split(text) == [text]


def test_user_break_rule_breaks_where_no_default_rule_would() -> None:
    rule = rule_from_mapping({"break": True, "before": ";", "after": r"\s+\p{Lu}", "name": "semi"})
    seg = Segmenter(default_rules().extended(rules=[rule]))
    assert seg.split("Một việc; Hai việc; ba việc.") == ["Một việc;", "Hai việc; ba việc."]


def test_user_rule_overrides_an_abbreviation() -> None:
    rule = BreakRule(before=r"TS\.", after=r"\s+Sau", is_break=True)
    seg = Segmenter(default_rules().extended(rules=[rule]))
    assert seg.split("Ông là TS. Sau đó về quê.") == ["Ông là TS.", "Sau đó về quê."]
    assert SEG.split("Ông là TS. Sau đó về quê.") == ["Ông là TS. Sau đó về quê."]


def test_added_abbreviation_prevents_the_split() -> None:
    text = "GĐ. Nguyễn Văn An ký quyết định."
    assert len(SEG.split(text)) == 2
    assert Segmenter(default_rules().extended(abbreviations=["GĐ."])).split(text) == [text]


def test_extended_puts_the_newest_user_rules_first() -> None:
    first = BreakRule(before="a", after="b", is_break=True, name="first")
    second = BreakRule(before="c", after="d", is_break=False, name="second")
    rules = default_rules().extended(rules=[first]).extended(rules=[second])
    names = [r.name for r in rules.effective_rules()]
    assert names[:3] == ["second", "first", "abbreviation"]
    assert names[3:] == [r.name for r in default_rules().rules]


def test_fingerprint_follows_what_changes_segmentation() -> None:
    base = default_rules().fingerprint()
    assert base == default_rules().fingerprint()
    assert re.fullmatch(r"[0-9a-f]{16}", base)
    assert default_rules().extended(abbreviations=["GĐ."]).fingerprint() != base
    rule = BreakRule(before=";", after=r"\s", is_break=True, name="one")
    renamed = BreakRule(before=";", after=r"\s", is_break=True, name="other")
    with_rule = default_rules().extended(rules=[rule]).fingerprint()
    assert with_rule != base
    assert default_rules().extended(rules=[renamed]).fingerprint() == with_rule


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"before": "a", "after": "b"}, "missing key 'break'"),
        ({"break": True, "after": "b"}, "missing key 'before'"),
        ({"break": "yes", "before": "a", "after": "b"}, "'break' must be true or false"),
        ({"break": True, "before": 5, "after": "b"}, "'before' must be a string"),
        ({"break": True, "before": "a", "after": "b", "befor": "x"}, "unknown key 'befor'"),
        ({"break": True, "before": "(", "after": "b"}, "invalid before pattern"),
        ({"break": True, "before": "(?P<x>a)", "after": "b"}, "not portable"),
        ({"break": True, "before": "a", "after": "b\\Z"}, "not portable"),
        ({"break": True, "before": "a\x01", "after": "b"}, "control character"),
        ({"break": True, "before": "\\p{Foo}", "after": "b"}, "unknown Unicode category"),
    ],
)
def test_rule_from_mapping_rejects_bad_tables_in_one_line(
    data: dict[str, object], problem: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)) as caught:
        rule_from_mapping(data)
    assert "\n" not in str(caught.value)


def test_extended_rejects_an_empty_abbreviation() -> None:
    with pytest.raises(ValueError, match="abbreviation"):
        default_rules().extended(abbreviations=["  "])


def test_unicode_categories_are_translated_for_python() -> None:
    upper = re.compile(to_python_regex(r"\p{Lu}+"))
    assert upper.fullmatch("ĐẤTNƯỚC") and not upper.search("đất")
    assert re.fullmatch(to_python_regex(r"[\p{Ll}\p{N}]+"), "việt2025")
    assert re.fullmatch(to_python_regex(r"\P{L}+"), "12 .!") and not re.search(
        to_python_regex(r"\P{L}"), "Ấn"
    )
    # an escaped backslash before p is a literal, not a category
    assert re.fullmatch(to_python_regex(r"\\p\{Lu\}"), "\\p{Lu}")
    with pytest.raises(ValueError, match="inside"):
        to_python_regex(r"[\P{L}]")


# -- the seeds: every paragraph with more than one sentence or tricky punctuation, pinned ---------

# paragraph prefix -> the start of each of its sentences
SEED_PINS: dict[str, list[str]] = {
    "Tại cuộc gặp, Tổng Bí thư Tô Lâm": ["Tại cuộc gặp, Tổng Bí thư"],
    "Hai nhà lãnh đạo đánh giá cao những thành tựu": ["Hai nhà lãnh đạo đánh giá cao"],
    "Hai nhà lãnh đạo bày tỏ vui mừng": [
        "Hai nhà lãnh đạo bày tỏ vui mừng",
        "Hai bên đánh giá cao hợp tác quốc phòng",
        "Hai bên tăng cường phối hợp với Campuchia",
    ],
    "Tổng Bí thư Tô Lâm và phu nhân dự lễ": ["Tổng Bí thư Tô Lâm và phu nhân", "Ảnh: TTXVN"],
    "Hai bên khẳng định sẽ phối hợp chặt chẽ": [
        "Hai bên khẳng định sẽ phối hợp",
        "Hai nhà lãnh đạo nhấn mạnh và khẳng định",
    ],
    "Hai bên khẳng định tiếp tục phát huy": [
        "Hai bên khẳng định tiếp tục phát huy",
        "Trên cơ sở đó, hai nước sẽ xem xét",
        "Lãnh đạo hai bên cũng thống nhất",
    ],
    "Cũng tại cuộc gặp, Thủ tướng": [
        "Cũng tại cuộc gặp, Thủ tướng",
        "Về kinh tế, hai bên nhất trí",
        "Hai nước sẽ triển khai hiệu quả",
    ],
    "Hai bên nhất trí thúc đẩy tăng trưởng": ["Hai bên nhất trí thúc đẩy tăng trưởng"],
    "Trong khuôn khổ chuyến thăm cấp Nhà nước của": [
        "Trong khuôn khổ chuyến thăm cấp Nhà nước của",
        "(Báo SGGP trân trọng giới thiệu",
    ],
    "Hai lãnh đạo trao đổi sâu rộng": ["Hai lãnh đạo trao đổi sâu rộng"],
    "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith tại lễ đón": [
        "Tổng Bí thư Tô Lâm và Tổng Bí thư",
        "Ảnh: TTXVN",
    ],
    "Tổng Bí thư, Chủ tịch nước Lào chúc mừng": [
        "Tổng Bí thư, Chủ tịch nước Lào chúc mừng",
        "Ông cũng đặc biệt chúc mừng",
    ],
    "Hai lãnh đạo khẳng định việc bổ sung nội hàm": ["Hai lãnh đạo khẳng định việc bổ sung"],
    "Việt Nam và Lào cần đẩy mạnh": ["Việt Nam và Lào cần đẩy mạnh"],
    "Hai nước nỗ lực thúc đẩy": ["Hai nước nỗ lực thúc đẩy"],
    "Hai lãnh đạo nhất trí duy trì": ["Hai lãnh đạo nhất trí duy trì"],
    "Tiếp đó, Tổng Bí thư Tô Lâm": ["Tiếp đó, Tổng Bí thư Tô Lâm"],
    "Với chủ đề “Nâng cao": ["Với chủ đề “Nâng cao"],
    "Tổng Bí thư, Chủ tịch nước Lào cho biết": ["Tổng Bí thư, Chủ tịch nước Lào cho biết"],
    "Đáng chú ý, Đại hội": ["Đáng chú ý, Đại hội"],
    "Tổng Bí thư đánh giá cao những thông tin": [
        "Tổng Bí thư đánh giá cao những thông tin",
        "Những thông tin này không chỉ",
    ],
}

# Anything a segmenter could trip on: punctuation followed by more text, quotes, brackets,
# colons and semicolons, or a dot inside a word (addresses, numbers).
TRICKY = re.compile(r"[.!?…]\S*\s|[“”\"()\[\]:;!?…]|\.\S")


def _seed_paragraphs() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths, f"no seeds in {SEEDS}"
    return [p for path in paths for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]


def _pin_for(paragraph: str) -> list[str] | None:
    # the longest matching prefix wins: two seed paragraphs share their first words
    matches = [prefix for prefix in SEED_PINS if paragraph.startswith(prefix)]
    return SEED_PINS[max(matches, key=len)] if matches else None


def test_every_tricky_seed_paragraph_is_pinned() -> None:
    unpinned = [p[:60] for p in _seed_paragraphs() if TRICKY.search(p) and _pin_for(p) is None]
    assert unpinned == []
    used = {prefix for p in _seed_paragraphs() for prefix in SEED_PINS if p.startswith(prefix)}
    assert used == set(SEED_PINS), "a pin matches no seed paragraph"


@pytest.mark.parametrize("paragraph", _seed_paragraphs(), ids=lambda p: p[:40])
def test_seed_paragraph_segments_as_a_translator_would(paragraph: str) -> None:
    sentences = SEG.split(paragraph)
    starts = _pin_for(paragraph)
    if starts is None:
        # no sentence-internal punctuation at all: a title, caption or one-sentence paragraph
        assert sentences == [paragraph]
        return
    assert len(sentences) == len(starts), sentences
    for sentence, start in zip(sentences, starts, strict=True):
        assert sentence.startswith(start)
    assert " ".join(sentences) == paragraph


# -- the gold standard and the stdin/stdout contract -------------------------------------------

EVAL = SHARED / "eval"
SCRIPT = [sys.executable, "-m", "tmbuilder.text.segment"]


@pytest.mark.parametrize(
    ("gold", "target"),
    [("ud_vi_vtb/sentences.txt", 0.985), ("ud_vi_vtb/curly/sentences.txt", 0.99)],
)
def test_boundary_f1_on_the_treebank(gold: str, target: float) -> None:
    if not (EVAL / "seg_eval.py").exists():
        pytest.skip(f"the evaluation set is not at {EVAL}")
    result = subprocess.run(
        [sys.executable, str(EVAL / "seg_eval.py"), "--gold", str(EVAL / gold), "--", *SCRIPT],
        capture_output=True,
        text=True,
        check=True,
    )
    f1 = float(re.search(r"F1=([0-9.]+)", result.stdout).group(1))  # type: ignore[union-attr]
    assert f1 >= target, result.stdout


def test_script_prints_sentences_with_blank_lines_between_paragraphs() -> None:
    stdin = "Một câu. Câu hai!\n\nTạo đột phá mới\n".encode()
    result = subprocess.run(SCRIPT, input=stdin, capture_output=True, check=True)
    assert result.stdout.decode() == "Một câu.\nCâu hai!\n\nTạo đột phá mới\n\n"


def test_script_rejects_bytes_that_are_not_utf8_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(SCRIPT, input=b"Vi\xe1\xbb t Nam\xff\n", capture_output=True)
    assert result.returncode == 1
    message = result.stderr.decode()
    assert message.startswith("<stdin>: not UTF-8") and message.count("\n") == 1
    assert "Traceback" not in message
