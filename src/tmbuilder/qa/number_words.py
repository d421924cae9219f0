"""The words Vietnamese and English write numbers with: scales, number words, months, Roman.

Tables only (and the Roman numeral reader); `numbers` does the reading.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    # Word lists are written as strings: one word a line would fill the file.
    return text.split()


VI_SCALES: dict[str, int] = {
    "trăm": 100,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "vạn": 10_000,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
}
EN_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
# "m" and "k" glued to a number are scales only in money ("$10m"); elsewhere "10m" is ten metres.
EN_MONEY_SUFFIXES: dict[str, int] = {"k": 1_000, "m": 10**6, "b": 10**9}
MONEY_MARKS = ("$", "€", "£", "¥", "₫", "USD", "US$", "EUR", "VND", "GBP", "JPY")

EN_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
EN_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
EN_ORDINAL_UNITS = _words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
EN_ORDINAL_TENS = _words(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
)
EN_WORDS: dict[str, int] = {w: i for i, w in enumerate(EN_UNITS)}
EN_WORDS.update({w: i for i, w in enumerate(EN_ORDINAL_UNITS)})
EN_WORDS.update({w: 20 + 10 * i for i, w in enumerate(EN_TENS)})
EN_WORDS.update({w: 20 + 10 * i for i, w in enumerate(EN_ORDINAL_TENS)})
EN_WORDS.update({"dozen": 12, "decade": 10, "once": 1, "twice": 2, "both": 2, "couple": 2})
EN_WORDS.update({"single": 1, "pair": 2})
# "half" is a value of its own: "một nửa" / "1 nửa" is "half", "hai năm rưỡi" "two and a half".
EN_HALF = "half"
EN_TENS_VALUES = frozenset(range(20, 100, 10))

MONTHS = _words(
    "january february march april may june july august september october november december"
)
EN_MONTHS: dict[str, int] = {m.capitalize(): i + 1 for i, m in enumerate(MONTHS)}
EN_MONTHS.update({m[:3].capitalize(): i + 1 for i, m in enumerate(MONTHS)})
EN_MONTHS["Sept"] = 9

VI_DIGITS: dict[str, int] = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
# Nouns that count time, age and shares: a Vietnamese number word before one of them is as much
# a number as digits ("ba năm sáu tháng tù" = three years and six months in prison), so it is
# demanded from the target. Other nouns are left optional: "hai nước" is as often "both
# countries" as "the two countries"; "năm" itself is too often "year" ("qua năm tháng", over the
# years) and one is too often an article ("một năm" = "a year", "the past year") to demand
# either. Words from any Vietnamese grammar of classifiers and
# measure nouns (time: năm tháng tuần ngày giờ tiếng phút giây; age: tuổi; phần trăm).
VI_MEASURE_NOUNS = frozenset(_words("năm tháng tuần ngày đêm giờ phút giây tuổi quý"))
# ... and the two-syllable ones: thế kỷ (century), thập kỷ / thập niên (decade), phần trăm.
VI_MEASURE_PAIRS = frozenset(
    tuple(pair.split("+")) for pair in _words("thế+kỷ thế+kỉ thập+kỷ thập+kỉ thập+niên phần+trăm")
)
# "rưỡi" adds half of the unit before it: "một năm rưỡi" 1.5 years, "hai triệu rưỡi" 2.5 million.
VI_HALF_AFTER = "rưỡi"
VI_HALF = "nửa"
# Words before a two-digit decade ("những năm 90", "thập niên 80") that make it the 1990s.
VI_DECADE_CUES = frozenset(_words("năm niên kỷ kỉ"))
# Units that exist only after "mươi"/"mười": hai mươi mốt = 21, mười lăm = 15, hai mươi tư = 24.
VI_COMPOUND_UNITS: dict[str, int] = {"mốt": 1, "lăm": 5, "nhăm": 5, "tư": 4}
# "năm" is also "year": next to a digit or before these words it is never the number five.
VI_YEAR_WORDS = frozenset(_words("nay ngoái qua tới sau trước học mới đó ấy nào rồi xưa"))
# ... and after a number word it is "years": mười năm, hai trăm năm, mấy năm.
VI_BEFORE_YEAR = frozenset([*VI_DIGITS, "mười", "mươi", "trăm", "nghìn", "ngàn", "mấy", "vài"])
# A lone Roman capital is a number only after words that introduce one (quý I, khóa X, phần V).
ROMAN_CUES = frozenset(
    _words("quý khóa khoá kỳ kì phần chương mục lục đoạn kỷ hội war phase part chapter quarter")
)
ROMAN = re.compile(r"L?X{0,3}(?:IX|IV|V?I{0,3})")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(word: str) -> int | None:
    """The value of an upper-case Roman numeral up to 89 (XIV = 14); None for anything else."""
    if not word or not ROMAN.fullmatch(word):
        return None
    total = 0
    for i, char in enumerate(word):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[word[i + 1]] if i + 1 < len(word) else 0
        total += -value if value < following else value
    return total


# Emergency telephone numbers are localised like units: "gọi 115" / "gọi cấp cứu" (call an
# ambulance) is "call 911" for an American reader and "dial 999" for a British one. Vietnam's
# numbers: 112 rescue, 113 police, 114 fire, 115 ambulance (Ministry of Information and
# Communications, national numbering plan); the reader's: 911 (North America), 999 (UK and
# Ireland, Hong Kong, Malaysia...), 112 (EU, GSM standard): Wikipedia, "Emergency telephone
# number".
VI_EMERGENCY_NUMBERS = frozenset({112, 113, 114, 115})
EN_EMERGENCY_NUMBERS = frozenset({911, 999, 112})
# The words that say a Vietnamese sentence calls an emergency service without its number.
VI_EMERGENCY_WORDS = ("cấp cứu", "cứu thương", "cứu hỏa", "cứu hoả", "cảnh sát", "khẩn cấp")
