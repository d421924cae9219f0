"""Byte tables of the two legacy Vietnamese 8-bit encodings that pre-Unicode documents use.

TCVN3 ("ABC", TCVN 5712:1993 VN3): one byte per letter. Bytes 0x80-0xFF below follow the
TCVN 5712 table as GNU libiconv ("TCVN") gives it; the xvnkb keyboard's ABC table agrees on
every letter it lists. 0xB0-0xB4 are combining tone marks (libiconv decodes them; VN3 fonts
rarely use them). VN3 has no code for twelve capitals (Ú Ụ Ứ... see `TCVN3_LOWER_ONLY`): ABC users
typed them with the lower-case code in an upper-case-only "VnTimeH" font. VN1, the standard's
other table, puts those capitals in C0 positions (`TCVN3_VN1_CAPITALS`); we read those too.

VNI (VNI-Windows): a base letter followed by a modifier byte that the VNI fonts draw as the
marks, e.g. "a" + 0xF9 = á, "a" + 0xE1 = ấ, "a" + 0xE9 = ắ. A few letters are single bytes
(đ, ơ, ư, and i/ỵ with tones). Upper-case letters use the upper-case modifier (0xD9 for 0xF9).
Other bytes are Windows-1252. Values follow the VNI table in the xvnkb keyboard (lamdao/xvnkb).
"""

from __future__ import annotations

# fmt: off
# TCVN3 bytes 0x80..0xFF, eight per line.
TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈ"  # 0x80
    "ẺẼÉẸỆÌỈĨ"  # 0x88
    "ÍỊÒỎÕÓỌỘ"  # 0x90
    "ỜỞỠỚỢÙỦŨ"  # 0x98
    "\u00a0ĂÂÊÔƠƯĐ"  # 0xA0 (no-break space first)
    "ăâêôơưđẰ"  # 0xA8
    "\u0300\u0309\u0303\u0301\u0323àảã"  # 0xB0 (combining grave, hook, tilde, acute, dot)
    "áạẲằẳẵắẴ"  # 0xB8
    "ẮẦẨẪẤỀặầ"  # 0xC0
    "ẩẫấậèỂẻẽ"  # 0xC8
    "éẹềểễếệì"  # 0xD0
    "ỉỄẾỒĩíịò"  # 0xD8
    "Ổỏõóọồổỗ"  # 0xE0
    "ốộờởỡớợù"  # 0xE8
    "Ỗủũúụừửữ"  # 0xF0
    "ứựỳỷỹýỵỐ"  # 0xF8
)
# fmt: on

# Capitals VN3 cannot write: each is typed with the code of its lower-case letter.
TCVN3_LOWER_ONLY = "úụừửữứựỳỷỹýỵ"

# VN1 positions of those capitals (C0 control codes in every other encoding).
TCVN3_VN1_CAPITALS = {
    0x01: "Ú",
    0x02: "Ụ",
    0x04: "Ừ",
    0x05: "Ử",
    0x06: "Ữ",
    0x11: "Ứ",
    0x12: "Ự",
    0x13: "Ỳ",
    0x14: "Ỷ",
    0x15: "Ỹ",
    0x16: "Ý",
    0x17: "Ỵ",
}

# VNI modifier bytes (as Windows-1252 characters, lower-case form) by what they add.
# Tone order everywhere: grave (huyền), acute (sắc), hook (hỏi), tilde (ngã), dot (nặng).
VNI_TONE = "øùûõï"  # 0xF8 0xF9 0xFB 0xF5 0xEF
VNI_CIRCUMFLEX = "â"  # 0xE2: â ê ô without tone
VNI_CIRCUMFLEX_TONE = "àáåãä"  # 0xE0 0xE1 0xE5 0xE3 0xE4: circumflex plus tone
VNI_BREVE = "ê"  # 0xEA: ă without tone
VNI_BREVE_TONE = "èéúüë"  # 0xE8 0xE9 0xFA 0xFC 0xEB: breve plus tone

# VNI single bytes: the byte's Windows-1252 character -> the Vietnamese letter it stands for.
# (ỵ is a single byte; y with the other tones uses the tone modifiers.)
VNI_SINGLE = {
    "ñ": "đ",
    "Ñ": "Đ",
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "ì": "ì",
    "Ì": "Ì",
    "í": "í",
    "Í": "Í",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}

# Bases that take a tone modifier: the Windows-1252 character of the base byte -> the letter.
VNI_TONE_BASES = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
