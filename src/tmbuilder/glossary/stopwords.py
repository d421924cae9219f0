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
The lists are general Vietnamese, not tuned to any one text.
"""

from __future__ import annotations

from collections.abc import Callable


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
    đâu nhau tôi chúng họ nó mình thêm rồi khi lúc"""
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
    khẳng định|nhấn mạnh|tiếp tục|đánh giá|đánh giá cao|nhất trí|thống nhất|cho rằng|cho biết|
    cho thấy|bày tỏ|cảm ơn|chúc mừng|đồng thời|hơn nữa|lẫn nhau|ngày càng|hết sức|cùng nhau|
    tiếp đó|sau đó|trong đó|bên cạnh|thúc đẩy|tăng cường|đẩy mạnh|nâng cao|triển khai|phát huy|
    tạo điều kiện|góp phần|mang lại|đóng góp|bảo đảm|đảm bảo|giữ vững|duy trì|mở rộng|xem xét|
    thực hiện|tham gia|tham dự|diễn ra|trao đổi|thông báo|chia sẻ|quan tâm|ủng hộ|
    phấn đấu|nỗ lực|cố gắng|tập trung|ưu tiên|coi trọng|trân trọng|đề nghị|đề ra|đề xuất|
    yêu cầu|cần thiết|có thể|chặt chẽ|sâu sắc|sâu rộng|kịp thời|tích cực|mạnh mẽ|
    tốt đẹp|thiết thực|cụ thể|rõ ràng|nhanh chóng|thực chất|vững chắc|lâu dài|
    tối đa|cao độ|tuyệt đối|nhất quán|quan trọng|thành công|xác định|thể hiện|làm rõ|
    hiểu rõ|nhận thức|phù hợp|
    tương xứng|bám sát|gắn với|liên quan|dành cho|giúp đỡ|hỗ trợ|đạt được|trở thành|
    củng cố|làm sâu sắc|hoàn thiện|tiến lên|hướng tới|kết thúc|bắt đầu|đến thăm|
    chứng kiến|phát biểu|tiếp đón|gặp gỡ|làm việc|đồng chủ trì|chủ trì|tới dự|
    vui mừng|hài lòng|mong muốn|tin tưởng|khẳng định lại|nhắc lại|tiếp nhận|vừa qua|
    thời gian qua|sắp tới|trong thời gian|từ trước đến nay|cũng như|nhất là|đặc biệt là
    """
)

GENERAL_WORDS: frozenset[tuple[str, ...]] = _phrases(
    """
    tình hình|kết quả|ý nghĩa|vấn đề|nội dung|lĩnh vực|khu vực|
    hoạt động|công tác|nhiệm vụ|giải pháp|biện pháp|mục tiêu|định hướng|phương hướng|
    thời gian|giai đoạn|thời kỳ|quá trình|cơ chế|cơ sở|điều kiện|khả năng|tiềm năng|
    thế mạnh|nhu cầu|lợi ích|trách nhiệm|vai trò|vị trí|tầm quan trọng|bối cảnh|xu thế|
    xu hướng|thế giới|quốc tế|quốc gia|đất nước|nhân dân|người dân|lãnh đạo|hai nước|
    hai bên|mỗi nước|phát triển|hợp tác|quan hệ|chiến lược|kinh tế|xã hội|chính trị|
    văn hóa|giáo dục|thương mại|đầu tư|an ninh|quốc phòng|khoa học|công nghệ|chất lượng|
    hiệu quả|thông tin|kinh nghiệm|đổi mới|mới|lớn|cao|chung|chính|trọng tâm|trọng điểm|
    then chốt|đặc biệt|toàn diện|bền vững|lịch sử|truyền thống|hữu nghị|đoàn kết|gắn bó|
    tin cậy|dự án|chương trình|kế hoạch|hội nghị|hội đàm|cuộc gặp|chuyến thăm|sự kiện|ý kiến|
    dấu mốc|dấu ấn|nền tảng|động lực|nguồn lực|kết nối|mô hình|tăng trưởng|tầm nhìn|
    tư duy|quyết tâm|niềm tin|sự nghiệp|con đường|chủ trương|chính sách|đường lối|
    hôm nay|năm nay|cấp cao|toàn quốc|thủ đô|nhà nước|đại hội|tổng kết|bài học|chủ đề|
    nước|người|năm|ngày|tháng|lần|lần thứ|ông|bà|anh|chị|ảnh|báo|đảng
    """
)


INNER_WORDS: frozenset[str] = _words(
    """trong giữa tại hai ba mỗi mọi một đối về để cho theo từ đến tới như do bởi có"""
)
"""Function words that do not occur inside a term either ("Lào trong giai đoạn", "hợp tác giữa
hai nước"), unless they belong to an `EDGE_EXCEPTIONS` word ("chính sách đối ngoại")."""

NOT_INITIAL: frozenset[tuple[str, ...]] = _phrases(
    """đặc biệt|toàn diện|vĩ đại|bền vững|hiện đại|cấp cao|song phương|đa phương|
    quốc tế|chung|lớn|mới"""
)
"""Adjectives: Vietnamese noun phrases put them after the noun, so a term never starts with one
("đặc biệt Việt Nam - Lào" is the tail of "quan hệ đặc biệt Việt Nam - Lào")."""

LIGHT_VERBS: frozenset[str] = _words(
    "tạo đưa làm giúp đạt mang đặt coi xem dành rời cần phải gây nêu nói đi"
)
"""Verbs that open clauses and never a term ("tạo đột phá", "mang tính chiến lược")."""

GENERAL_HEADS: frozenset[tuple[str, ...]] = _phrases(
    """tình hình|bước|giai đoạn|hiệu quả|kết quả|vấn đề|nội dung|ý nghĩa|
    tầm quan trọng|sự cần thiết|khả năng|thời gian|thời điểm|phần|số"""
)
"""Abstract nouns whose phrases are descriptions, not terms ("tình hình thế giới")."""

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


def has_inner_function_word(tokens: tuple[str, ...]) -> bool:
    """Whether a syllable strictly inside `tokens` is an `INNER_WORDS` function word."""
    return any(
        tokens[i] in INNER_WORDS and not _in_exception(tokens, i) for i in range(1, len(tokens) - 1)
    )


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


def starts_with_adjective(tokens: tuple[str, ...]) -> bool:
    """Whether `tokens` opens with a post-nominal adjective (and so is the tail of a phrase)."""
    return any(tokens[:size] in NOT_INITIAL for size in range(1, min(len(tokens), 3) + 1))


def title_then_name(tokens: tuple[str, ...], name_like: Callable[[str], bool]) -> bool:
    """Whether `tokens` is a title followed only by name syllables ("tổng bí thư tô lâm")."""
    for size in range(1, min(len(tokens) - 1, 4) + 1):
        if tokens[:size] in NAME_HEADS and all(name_like(t) for t in tokens[size:]):
            return True
    return False
