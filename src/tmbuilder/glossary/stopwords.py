"""Vietnamese words that decide where a glossary term may start, end or run.

Vietnamese writes one syllable per space-separated token, so a syllable n-gram extractor needs to
know which syllables are grammar rather than content. Three lists, all as matching keys
(lower case, NFC):

* `FUNCTION_WORDS` may sit inside a term but never at its edge (a term is a noun phrase, and
  Vietnamese noun phrases do not start or end with a preposition, quantifier or aspect marker).
* `BREAK_WORDS` are function words that never occur inside a term or inside a longer word, so the
  extractor cuts clauses at them: no candidate spans "Tô Lâm và Tổng Bí thư".
* `EDGE_EXCEPTIONS` are content words whose first or last syllable is also a function word
  ("tự do" ends with "do", "từ điển" starts with "từ"); they may stand at a term's edge.

`PREDICATE_WORDS` are multi-syllable verbs and adverbs of general language (reporting,
evaluating, aspect, manner) that head clauses in news and policy text but are not terminology.
A candidate may not start or end with one and may not be one. `GENERAL_WORDS` are
general-vocabulary nouns and adjectives that are not worth a glossary entry on their own, but
may appear inside a longer term ("tình hình" alone no; nothing longer is blocked by it).
The lists are general Vietnamese, not tuned to any one text: every entry of `PREDICATE_WORDS`
and `GENERAL_WORDS` occurs in the Universal Dependencies Vietnamese VTB news text
(tests/test_glossary_extract_words.py checks it). The 30 predicate and 28 general entries that
occurred only in the seed articles were removed (issue 17), and 7 more that UD does not attest.
With the part-of-speech tagger (`tagged.py`) these lists only trim general language from what
the noun-phrase patterns find.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    """Multi-syllable entries separated by "|" (line breaks ignored), as syllable tuples."""
    return frozenset(tuple(w.split()) for w in text.replace("\n", " ").split("|") if w.strip())


BREAK_WORDS: frozenset[str] = _words(
    """và của là được đã sẽ đang bị những các với nhằm này cũng đều rất thì mà hoặc nhưng
    nếu tuy dù vẫn hãy chớ nhé ạ"""
)

FUNCTION_WORDS: frozenset[str] = BREAK_WORDS | _words(
    """trong ngoài trên dưới tại ở từ đến tới về theo cho để bằng qua vào ra lên xuống giữa
    sau trước đối do bởi như hay vì nên cùng vừa từng sắp còn có không chưa chẳng
    hơn quá lắm khá hết nữa lại luôn ngay chỉ cả mọi mỗi một hai ba bốn sáu bảy tám chín
    mười trăm nghìn ngàn triệu tỷ nhiều ít vài mấy đó kia ấy nọ nào đây đấy thế vậy gì ai sao
    đâu nhau tôi chúng họ nó mình thêm rồi khi lúc kể bạn"""
)

EDGE_EXCEPTIONS: frozenset[tuple[str, str]] = frozenset(
    tuple(word.split())  # type: ignore[misc]
    for word in (
        "tự do",
        "hiện tại",
        "từ điển",
        "từ thiện",
        "cho vay",
        "hàng không",
        "không gian",
        "không quân",
        "thông qua",
        "nhà ở",
        "ra đa",
        "thời sự",
        "trong nước",
        "có thể",
        "ba lan",
        "năm mới",
        "hiện nay",
        "đối tác",
        "đối thoại",
        "đối ngoại",
        "đối tượng",
        "đối thủ",
        "sau đại",
        "trước mắt",
        "tiền tệ",
        "việc làm",
    )
)

PREDICATE_WORDS: frozenset[tuple[str, ...]] = _phrases(
    """
    khẳng định|tiếp tục|đánh giá|thống nhất|cho rằng|cho biết|cho thấy|bày tỏ|cảm ơn|đồng thời|
    hơn nữa|lẫn nhau|ngày càng|hết sức|cùng nhau|sau đó|trong đó|bên cạnh|thúc đẩy|
    tăng cường|đẩy mạnh|nâng cao|triển khai|tạo điều kiện|góp phần|mang lại|bảo đảm|đảm bảo|
    mở rộng|xem xét|thực hiện|tham gia|tham dự|diễn ra|trao đổi|chia sẻ|quan tâm|ủng hộ|nỗ lực|
    cố gắng|tập trung|ưu tiên|coi trọng|trân trọng|đề nghị|đề xuất|yêu cầu|cần thiết|có thể|
    chặt chẽ|sâu sắc|kịp thời|tích cực|mạnh mẽ|thiết thực|cụ thể|rõ ràng|nhanh chóng|thực chất|
    lâu dài|tối đa|quan trọng|thành công|xác định|thể hiện|làm rõ|phù hợp|bám sát|gắn với|
    liên quan|dành cho|giúp đỡ|hỗ trợ|đạt được|trở thành|tiến lên|kết thúc|bắt đầu|đến thăm|
    chứng kiến|phát biểu|gặp gỡ|làm việc|hài lòng|
    nhắc lại|tiếp nhận|vừa qua|sắp tới|trong thời gian|cũng như|nhất là|đặc biệt là
    """
)

GENERAL_WORDS: frozenset[tuple[str, ...]] = _phrases(
    """
    tình hình|kết quả|ý nghĩa|vấn đề|nội dung|lĩnh vực|khu vực|hoạt động|công tác|nhiệm vụ|
    giải pháp|biện pháp|mục tiêu|thời gian|giai đoạn|thời kỳ|quá trình|cơ sở|điều kiện|khả năng|
    nhu cầu|lợi ích|trách nhiệm|vai trò|vị trí|thế giới|quốc tế|quốc gia|đất nước|
    nhân dân|người dân|lãnh đạo|hai nước|hai bên|phát triển|hợp tác|quan hệ|chiến lược|kinh tế|
    xã hội|chính trị|văn hóa|giáo dục|thương mại|đầu tư|an ninh|quốc phòng|khoa học|công nghệ|
    chất lượng|hiệu quả|thông tin|kinh nghiệm|mới|lớn|cao|chung|chính|đặc biệt|toàn diện|
    bền vững|lịch sử|truyền thống|tin cậy|dự án|chương trình|kế hoạch|hội nghị|cuộc gặp|sự kiện|
    ý kiến|nền tảng|kết nối|tư duy|quyết tâm|niềm tin|sự nghiệp|con đường|hôm nay|
    năm nay|cấp cao|toàn quốc|thủ đô|nhà nước|đại hội|tổng kết|bài học|nước|người|năm|ngày|
    tháng|lần|lần thứ|ông|bà|anh|chị|ảnh|báo|đảng
    """
)


LIGHT_VERBS: frozenset[str] = _words(
    "tạo đưa làm giúp đạt mang đặt coi xem dành rời cần phải gây nêu nói đi"
)
"""Verbs that open clauses and never a term ("tạo đột phá", "mang tính chiến lược")."""

GENERAL_HEADS: frozenset[tuple[str, ...]] = _phrases(
    """tình hình|bước|giai đoạn|hiệu quả|kết quả|vấn đề|nội dung|ý nghĩa|
    tầm quan trọng|sự cần thiết|khả năng|thời gian|thời điểm|phần|số"""
)
"""Abstract nouns whose phrases are descriptions, not terms ("tình hình thế giới")."""

KIN_PRONOUNS: frozenset[str] = _words(
    "ông bà anh chị em cô chú bác dì cậu mợ thím cháu con cha mẹ bố má tôi tao mày ta mình"
)
"""Kinship terms Vietnamese uses as personal pronouns (and the plain pronouns): with a verb after
it, such a word is a clause's subject ("bà xuất viện", she was discharged), not a term's head.
A closed class of the language, as any grammar lists it (Thompson, A Vietnamese Grammar, 1965)."""

CLASSIFIERS: frozenset[str] = _words("mối nền cuộc sự việc nhà người chuyến bản cái chiếc")
"""Classifiers and nominalisers: "mối quan hệ" is "quan hệ", general however it is dressed."""

NAME_HEADS: frozenset[tuple[str, ...]] = _phrases(
    """tổng bí thư|bí thư|chủ tịch|chủ tịch nước|phó chủ tịch|phó chủ tịch nước|
    chủ tịch quốc hội|thủ tướng|phó thủ tướng|bộ trưởng|thứ trưởng|đại sứ|tổng thống|
    phó tổng thống|quốc vương|nhà vua|hoàng thân|tổng thư ký|ủy viên|trưởng ban|phu nhân|
    đồng chí|ông|bà|giáo sư|tiến sĩ|bác sĩ|đại tướng|thượng tướng|trung tướng|thiếu tướng|
    thủ đô|thành phố|tỉnh|huyện|quận|sân bay|sân bay quốc tế|nước|đất nước|nhân dân|
    người dân"""
)
"""Titles, place classifiers and "people of" written before a name: "Tổng Bí thư Tô Lâm" is the
title plus the name, two entries, not a third ("thủ đô Viêng Chăn" likewise)."""


def _in_exception(tokens: tuple[str, ...], index: int) -> bool:
    pairs = (tokens[index - 1 : index + 1], tokens[index : index + 2])
    return any(len(pair) == 2 and pair in EDGE_EXCEPTIONS for pair in pairs)


def is_function_edge(tokens: tuple[str, ...], at_start: bool) -> bool:
    """Whether the first (or last) syllable of `tokens` is a function word that bars the edge."""
    index = 0 if at_start else len(tokens) - 1
    return tokens[index] in FUNCTION_WORDS and not _in_exception(tokens, index)


def _contains(tokens: tuple[str, ...], words: frozenset[tuple[str, ...]]) -> bool:
    n = len(tokens)
    return any(
        tokens[i : i + size] in words
        for size in range(2, min(n, 4) + 1)
        for i in range(n - size + 1)
    )


def has_predicate(tokens: tuple[str, ...]) -> bool:
    """Whether `tokens` is, starts with, ends with or contains a general predicate word."""
    return tokens in PREDICATE_WORDS or _contains(tokens, PREDICATE_WORDS)


def is_general(tokens: tuple[str, ...]) -> bool:
    """Whether `tokens` is general language: one general word, bare or behind a classifier
    ("nền kinh tế"), a phrase headed by an abstract noun ("tình hình thế giới"), or one that
    opens with a light verb ("tạo đột phá")."""
    if tokens in GENERAL_WORDS or tokens[0] in LIGHT_VERBS:
        return True
    if tokens[0] in CLASSIFIERS and tokens[1:] in GENERAL_WORDS:
        return True
    return any(tokens[:size] in GENERAL_HEADS for size in range(1, min(len(tokens), 3) + 1))
