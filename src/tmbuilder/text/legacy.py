"""Decoders and encoders for the 8-bit encodings of Vietnamese documents from before Unicode.

- `cp1258` (Windows-1258): Python's codec, which yields base letters plus combining tone marks;
  we compose them (NFC). The encoder writes what Windows writes: a precomposed letter when the
  code page has one, else the letter without its tone followed by the combining tone mark.
- `tcvn3` (TCVN3 / ABC / TCVN 5712:1993 VN3) and `vni` (VNI-Windows): tables in
  `legacy_tables`. Every byte decodes to something, so "is this really TCVN3?" is a question for
  `tmbuilder.ingest.detect`, which scores decodings by how Vietnamese they look.

TCVN3 capitals: VN3 has no code for twelve capitals (Ú Ụ Ứ Ừ Ử Ữ Ự Ý Ỳ Ỷ Ỹ Ỵ). The encoder writes
the lower-case code, as ABC users did, unless `vn1_capitals=True` asks for the VN1 control-code
positions. The decoder reads VN1 positions as capitals; in a file without any, it restores a
lower-only letter to upper case where the text shows it was a capital: inside an all-capitals
word ("ỨNG" written "øNG"), and as the first letter of a paragraph or of a sentence. A capital in
the middle of a sentence (a name like "Ý") cannot be told from a lower-case letter: it stays lower.

Encoders raise `UnicodeEncodeError` on characters the encoding cannot hold; `errors="replace"`
writes "?" instead. They exist for round-trip tests and fixtures, not for producing documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from tmbuilder.text.legacy_tables import (
    TCVN3_HIGH,
    TCVN3_LOWER_ONLY,
    TCVN3_VN1_CAPITALS,
    VNI_BREVE,
    VNI_BREVE_TONE,
    VNI_CIRCUMFLEX,
    VNI_CIRCUMFLEX_TONE,
    VNI_SINGLE,
    VNI_TONE,
    VNI_TONE_BASES,
)

ENCODINGS = ("cp1258", "tcvn3", "vni")
"""The legacy encodings this module reads, by the names `SourceDocument.encoding` uses."""

DISPLAY_NAMES = {
    "cp1258": "CP1258 (Windows Vietnamese)",
    "tcvn3": "TCVN3 (legacy 8-bit Vietnamese)",
    "vni": "VNI (VNI-Windows legacy Vietnamese)",
}

_TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # grave acute hook tilde dot
_TONE_SET = frozenset(_TONE_MARKS)


def _tone(base: str, tone: int) -> str:
    """`base` with tone 0..5 (0 none; 1 grave, 2 acute, 3 hook, 4 tilde, 5 dot), composed."""
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone - 1]) if tone else base


# --- TCVN3 -------------------------------------------------------------------------------------

_TCVN3_DECODE = str.maketrans(
    {
        **{chr(0x80 + i): char for i, char in enumerate(TCVN3_HIGH)},
        **{chr(code): char for code, char in TCVN3_VN1_CAPITALS.items()},
    }
)
_TCVN3_ENCODE: dict[str, int] = {
    char: 0x80 + i for i, char in enumerate(TCVN3_HIGH) if char not in _TONE_SET
}
_TCVN3_CAPITALS = {char: code for code, char in TCVN3_VN1_CAPITALS.items()}
_VN1_CAPITAL_BYTES = re.compile(b"[" + bytes(TCVN3_VN1_CAPITALS) + b"]")

_LOWER_ONLY_WORD = re.compile(
    rf"(?<![^\W\d_])(?=[^\W\d_]*?[{TCVN3_LOWER_ONLY}])[^\W\d_]+",
)
# First letter of a paragraph (line) or sentence, after any opening quotes or brackets.
_SENTENCE_START = re.compile(
    rf"(^|[.!?…]\s+)([\"'“‘(\[]*)([{TCVN3_LOWER_ONLY}])",
    re.MULTILINE,
)


def _capitalize_caps_word(match: re.Match[str]) -> str:
    word = match.group()
    others = [c for c in word if c not in TCVN3_LOWER_ONLY]
    if others and all(c.isupper() for c in others):
        return word.upper()
    return word


def _restore_capitals(text: str) -> str:
    text = _LOWER_ONLY_WORD.sub(_capitalize_caps_word, text)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), text)


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 (ABC, with VN1 capitals) bytes -> NFC text. Every byte decodes."""
    text = data.decode("latin-1").translate(_TCVN3_DECODE)
    if any(mark in text for mark in _TONE_MARKS):
        text = unicodedata.normalize("NFC", text)
    if _VN1_CAPITAL_BYTES.search(data):
        return text  # the file writes those capitals explicitly: lower case means lower case
    return _restore_capitals(text)


def encode_tcvn3(text: str, errors: str = "strict", *, vn1_capitals: bool = False) -> bytes:
    """Text -> TCVN3 bytes; the twelve capitals VN3 lacks become their lower-case code."""
    out = bytearray()
    text = unicodedata.normalize("NFC", text)
    for i, char in enumerate(text):
        if char < "\x80":
            out.append(ord(char))
        elif char in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[char])
        elif char in _TCVN3_CAPITALS:
            lower = _TCVN3_ENCODE[char.lower()]
            out.append(_TCVN3_CAPITALS[char] if vn1_capitals else lower)
        else:
            out += _unencodable("tcvn3", text, i, errors)
    return bytes(out)


# --- VNI ---------------------------------------------------------------------------------------


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # five bytes are undefined in Windows-1252; keep them visible
        return chr(byte)


_CP1252 = str.maketrans({chr(b): _cp1252_char(b) for b in range(0x80, 0xA0)})
_CP1252_ENCODE = {_cp1252_char(b): b for b in range(0x80, 0x100)}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(sequence -> letter) for decoding, (letter -> canonical sequence) for encoding."""
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}

    def add(base: str, modifier: str, letter: str) -> None:
        # The base's case decides the letter's; writers pair an upper-case base with the
        # upper-case modifier, but mixed pairs occur in hand-edited files and read the same.
        for b in (base, base.upper()):
            for m in (modifier, modifier.upper()):
                decode[b + m] = letter if b == base else letter.upper()
        encode.setdefault(letter, base + modifier)
        encode.setdefault(letter.upper(), base.upper() + modifier.upper())

    for base, letter in VNI_TONE_BASES.items():
        for tone, modifier in enumerate(VNI_TONE, start=1):
            add(base, modifier, _tone(letter, tone))
    for base, circumflexed in (("a", "â"), ("e", "ê"), ("o", "ô")):
        add(base, VNI_CIRCUMFLEX, circumflexed)
        for tone, modifier in enumerate(VNI_CIRCUMFLEX_TONE, start=1):
            add(base, modifier, _tone(circumflexed, tone))
    add("a", VNI_BREVE, "ă")
    for tone, modifier in enumerate(VNI_BREVE_TONE, start=1):
        add("a", modifier, _tone("ă", tone))
    # ỵ has its own byte; "y" + dot modifier reads the same but is never written.
    encode["ỵ"], encode["Ỵ"] = "î", "Î"
    for sequence, letter in VNI_SINGLE.items():
        decode[sequence] = letter
        encode.setdefault(letter, sequence)
    return decode, encode


_VNI_DECODE, _VNI_ENCODE = _vni_tables()
# Two-character sequences first so "o" + "â" is read as ô before "â" could be read alone.
_VNI_SEQUENCE = re.compile(
    "|".join(re.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True))
)


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes -> NFC text. Every byte decodes."""
    text = data.decode("latin-1").translate(_CP1252)
    return _VNI_SEQUENCE.sub(lambda m: _VNI_DECODE[m.group()], text)


def encode_vni(text: str, errors: str = "strict") -> bytes:
    """Text -> VNI-Windows bytes (Vietnamese letters as base + modifier byte)."""
    out = bytearray()
    text = unicodedata.normalize("NFC", text)
    for i, char in enumerate(text):
        if char < "\x80":
            out.append(ord(char))
        elif char in _VNI_ENCODE:
            out += _VNI_ENCODE[char].encode("latin-1")
        elif char in _CP1252_ENCODE and char not in _VNI_DECODE:
            out.append(_CP1252_ENCODE[char])
        else:
            out += _unencodable("vni", text, i, errors)
    return bytes(out)


# --- CP1258 ------------------------------------------------------------------------------------


def decode_cp1258(data: bytes) -> str:
    """Windows-1258 bytes -> NFC text; raises UnicodeDecodeError on the five undefined bytes."""
    return unicodedata.normalize("NFC", data.decode("cp1258"))


def encode_cp1258(text: str, errors: str = "strict") -> bytes:
    """Text -> Windows-1258: precomposed where the code page has the letter, else base + tone."""
    out = bytearray()
    text = unicodedata.normalize("NFC", text)
    for i, char in enumerate(text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONE_SET)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_SET))
        if tones:
            try:
                out += (base + tones).encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
        out += _unencodable("cp1258", text, i, errors)
    return bytes(out)


# --- dispatch ----------------------------------------------------------------------------------


def _unencodable(encoding: str, text: str, index: int, errors: str) -> bytes:
    if errors == "replace":
        return b"?"
    raise UnicodeEncodeError(encoding, text, index, index + 1, "no code for this character")


_DECODERS: dict[str, Callable[[bytes], str]] = {
    "cp1258": decode_cp1258,
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
}
_ENCODERS: dict[str, Callable[[str, str], bytes]] = {
    "cp1258": encode_cp1258,
    "tcvn3": encode_tcvn3,
    "vni": encode_vni,
}


def decode(data: bytes, encoding: str) -> str:
    """Decode `data` from one of `ENCODINGS` to NFC text."""
    try:
        return _DECODERS[encoding](data)
    except KeyError:
        raise ValueError(f"unknown legacy encoding {encoding!r}") from None


def encode(text: str, encoding: str, errors: str = "strict") -> bytes:
    """Encode `text` to one of `ENCODINGS` (for tests and fixtures)."""
    if encoding not in _ENCODERS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return _ENCODERS[encoding](text, errors)
