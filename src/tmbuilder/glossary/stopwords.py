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

BREAK_WORDS: frozenset[str] = frozenset(
    """và của là được đã sẽ đang bị những các với nhằm này cũng đều rất thì mà hoặc nhưng
    song nếu tuy dù vẫn hãy chớ nhé ạ""".split()
)

FUNCTION_WORDS: frozenset[str] = BREAK_WORDS | frozenset(
    """trong ngoài trên dưới tại ở từ đến tới về theo cho để bằng qua vào ra lên xuống giữa
    sau trước đối do bởi như hay vì nên cùng vừa mới từng sắp còn có không chưa chẳng
    hơn nhất quá lắm khá hết nữa lại luôn ngay chỉ cả mọi mỗi một hai ba bốn sáu bảy tám chín
    mười trăm nghìn ngàn triệu tỷ nhiều ít vài mấy đó kia ấy nọ nào đây đấy thế vậy gì ai sao
    đâu nhau tôi chúng họ nó mình thêm rồi khi lúc""".split()
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
        "trên cơ",
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
    )
)

PREDICATE_WORDS: frozenset[tuple[str, ...]] = frozenset(
    tuple(word.split())
    for word in """
    khẳng định|nhấn mạnh|tiếp tục|đánh giá|đánh giá cao|nhất trí|thống nhất|cho rằng|cho biết|
    cho thấy|bày tỏ|cảm ơn|chúc mừng|đồng thời|hơn nữa|lẫn nhau|ngày càng|hết sức|cùng nhau|
    tiếp đó|sau đó|trong đó|bên cạnh|thúc đẩy|tăng cường|đẩy mạnh|nâng cao|triển khai|phát huy|
    tạo điều kiện|góp phần|mang lại|đóng góp|bảo đảm|đảm bảo|giữ vững|duy trì|mở rộng|xem xét|
    thực hiện|tham gia|tham dự|diễn ra|trao đổi|thông báo|chia sẻ|quan tâm|ủng hộ|
    phấn đấu|nỗ lực|cố gắng|tập trung|ưu tiên|coi trọng|trân trọng|đề nghị|đề ra|đề xuất|
    yêu cầu|cần thiết|có thể|chặt chẽ|sâu sắc|sâu rộng|kịp thời|tích cực|mạnh mẽ|
    tốt đẹp|thiết thực|cụ thể|rõ ràng|nhanh chóng|thực chất|vững chắc|lâu dài|
    tối đa|cao độ|tuyệt đối|nhất quán|xác định|thể hiện|làm rõ|hiểu rõ|nhận thức|phù hợp|
    tương xứng|bám sát|gắn với|liên quan|dành cho|giúp đỡ|hỗ trợ|đạt được|trở thành|
    củng cố|làm sâu sắc|hoàn thiện|tiến lên|hướng tới|kết thúc|bắt đầu|đến thăm|
    chứng kiến|phát biểu|tiếp đón|gặp gỡ|làm việc|đồng chủ trì|chủ trì|tới dự|
    vui mừng|hài lòng|mong muốn|tin tưởng|khẳng định lại|nhắc lại|tiếp nhận|vừa qua|
    thời gian qua|sắp tới|trong thời gian|từ trước đến nay|cũng như|nhất là|đặc biệt là
    """.replace("\n", "").split("|")
    if word.strip()
)

GENERAL_WORDS: frozenset[tuple[str, ...]] = frozenset(
    tuple(word.split())
    for word in """
    tình hình|kết quả|quan trọng|ý nghĩa|thành công|vấn đề|nội dung|lĩnh vực|khu vực|
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
    """.replace("\n", "").split("|")
    if word.strip()
)


def is_function_edge(tokens: tuple[str, ...], at_start: bool) -> bool:
    """Whether the first (or last) syllable of `tokens` is a function word that bars the edge."""
    if at_start:
        if tokens[:2] in EDGE_EXCEPTIONS:
            return False
        return tokens[0] in FUNCTION_WORDS
    if tokens[-2:] in EDGE_EXCEPTIONS:
        return False
    return tokens[-1] in FUNCTION_WORDS
