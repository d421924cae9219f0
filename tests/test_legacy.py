"""Tests for tmbuilder.text.legacy: CP1258, TCVN3 and VNI decoders and encoders."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.text import legacy
from tmbuilder.text.legacy_tables import TCVN3_HIGH, TCVN3_LOWER_ONLY

TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
LOWER = sorted({unicodedata.normalize("NFC", b + t) for b in "aăâeêioôơuưy" for t in TONES} | {"đ"})
UPPER = [c.upper() for c in LOWER]
ALL_LETTERS = LOWER + UPPER


def typographic_to_ascii(text: str) -> str:
    """TCVN3 has no curly quotes (its 0x80-0x9F are capitals): fixtures straighten them."""
    return text.translate(str.maketrans("“”‘’–—", "\"\"''--"))


def test_tables_cover_every_vietnamese_letter() -> None:
    assert len(LOWER) == 73 and len(set(TCVN3_HIGH)) == 128
    for letter in ALL_LETTERS:
        for encoding in legacy.ENCODINGS:
            legacy.encode(letter, encoding)  # raises if a letter has no code


@pytest.mark.parametrize(
    ("text", "tcvn3", "vni", "cp1258"),
    [
        ("Việt Nam", b"Vi\xd6t Nam", b"Vie\xe4t Nam", b"Vi\xea\xf2t Nam"),
        ("Đảng", b"\xa7\xb6ng", b"\xd1a\xfbng", b"\xd0a\xd2ng"),
        ("người", b"ng\xad\xeai", b"ng\xf6\xf4\xf8i", b"ng\xfd\xf5\xcci"),
        ("ắ ỵ ĩ", b"\xbe \xfe \xdc", b"a\xe9 \xee \xf3", b"\xe3\xec y\xf2 i\xde"),
        ("Ở Ấ", b"\x99 \xc4", b"\xd4\xdb A\xc1", b"\xd5\xd2 \xc2\xec"),
    ],
)
def test_known_byte_sequences(text: str, tcvn3: bytes, vni: bytes, cp1258: bytes) -> None:
    # Reference bytes from the libiconv TCVN table, the VNI keyboard tables and Windows-1258.
    assert legacy.encode(text, "tcvn3") == tcvn3
    assert legacy.encode(text, "vni") == vni
    assert legacy.encode(text, "cp1258") == cp1258
    for encoding, data in (("tcvn3", tcvn3), ("vni", vni), ("cp1258", cp1258)):
        assert legacy.decode(data, encoding) == text


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_seeds_round_trip(encoding: str, seed_paths: list[Path]) -> None:
    assert seed_paths
    for path in seed_paths:
        seed = path.read_text(encoding="utf-8")
        if encoding == "tcvn3":
            seed = typographic_to_ascii(seed)
        data = legacy.encode(seed, encoding)
        assert not data.isascii()
        assert legacy.decode(data, encoding) == seed


@pytest.mark.parametrize("encoding", ["vni", "cp1258"])
def test_every_letter_round_trips(encoding: str) -> None:
    text = " ".join(ALL_LETTERS)
    assert legacy.decode(legacy.encode(text, encoding), encoding) == text


def test_tcvn3_capitals_without_a_code() -> None:
    capitals = TCVN3_LOWER_ONLY.upper()
    # VN1 positions keep them exactly.
    data = legacy.encode_tcvn3(" ".join(capitals), vn1_capitals=True)
    assert legacy.decode_tcvn3(data) == " ".join(capitals)
    # VN3 writes the lower-case code; reading restores capitals where the text shows them.
    assert legacy.encode_tcvn3("Ú") == legacy.encode_tcvn3("ú")
    text = "ỨNG DỤNG. Ý kiến. “Ủy ban” hỏi: Úc? Ừ, ông Ý ở Úc."
    decoded = legacy.decode_tcvn3(legacy.encode_tcvn3(typographic_to_ascii(text)))
    assert decoded == typographic_to_ascii("ỨNG DỤNG. Ý kiến. “Ủy ban” hỏi: úc? Ừ, ông ý ở úc.")


def test_vni_reads_mixed_case_modifiers_and_alternative_y() -> None:
    assert legacy.decode_vni(b"Vie\xc4t") == "Việt"  # upper-case modifier after "e"
    assert legacy.decode_vni(b"VIE\xe4T") == "VIỆT"  # lower-case modifier after "E"
    assert legacy.decode_vni(b"y\xef") == "ỵ"


def test_cp1258_decoding_composes_tone_marks() -> None:
    decoded = legacy.decode_cp1258(b"Vi\xea\xf2t")
    assert decoded == "Việt" and len(decoded) == 4
    with pytest.raises(UnicodeDecodeError):
        legacy.decode_cp1258(b"\x81")  # undefined in Windows-1258


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_unencodable_characters(encoding: str) -> None:
    with pytest.raises(UnicodeEncodeError):
        legacy.encode("Việt 中", encoding)
    assert legacy.encode("a中", encoding, errors="replace") == b"a?"


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(ValueError, match="viscii"):
        legacy.decode(b"x", "viscii")
    with pytest.raises(ValueError, match="viscii"):
        legacy.encode("x", "viscii")


PUNCTUATION = list(" .,;:!?-'\"\n")
any_vietnamese = st.text(alphabet=ALL_LETTERS + PUNCTUATION, max_size=80)
# TCVN3 reading re-capitalizes ú, ý, ... at sentence starts, so exact round trips leave them out.
exact_in_tcvn3 = st.text(
    alphabet=[c for c in ALL_LETTERS if c.lower() not in TCVN3_LOWER_ONLY] + PUNCTUATION,
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(any_vietnamese)
def test_vni_and_cp1258_round_trip_property(text: str) -> None:
    for encoding in ("vni", "cp1258"):
        assert legacy.decode(legacy.encode(text, encoding), encoding) == text


@settings(max_examples=200, deadline=None)
@given(exact_in_tcvn3, any_vietnamese)
def test_tcvn3_round_trip_property(exact: str, cased: str) -> None:
    assert legacy.decode_tcvn3(legacy.encode_tcvn3(exact)) == exact
    assert legacy.decode_tcvn3(legacy.encode_tcvn3(cased)).lower() == cased.lower()
    if any(c in TCVN3_LOWER_ONLY.upper() for c in cased):
        # VN1 capitals in a file show its case is explicit: nothing is guessed.
        assert legacy.decode_tcvn3(legacy.encode_tcvn3(cased, vn1_capitals=True)) == cased


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_tcvn3_and_vni_decode_any_bytes_to_nfc(data: bytes) -> None:
    for encoding in ("tcvn3", "vni"):
        decoded = legacy.decode(data, encoding)
        assert unicodedata.is_normalized("NFC", decoded)
