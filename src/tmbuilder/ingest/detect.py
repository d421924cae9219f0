"""Turn a text file's bytes into Unicode, finding the encoding when the file does not say.

Order of evidence:
1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides;
2. an encoding the document declares (HTML <meta charset>), when the bytes agree with it; a
   declared Western code page (latin-1, windows-1252, ascii) is checked against the Vietnamese
   legacy encodings first, because TCVN3 and VNI web pages declared exactly that for their fonts;
3. NUL bytes mean binary, unless they fall in the pattern of BOM-less UTF-16;
4. text that decodes as strict UTF-8 is UTF-8 (pure ASCII included);
5. otherwise each 8-bit candidate (CP1258, TCVN3, VNI) is decoded and scored by the share of its
   non-ASCII words that are well-formed Vietnamese syllables: a wrong table leaves symbols inside
   words, or vowel sequences and tone marks no syllable has. The best candidate above
   `MIN_SCORE` wins; if none reaches it the file is "not Vietnamese text in a known encoding",
   or, when all but a few bytes are UTF-8, "invalid UTF-8 at byte N".
Decoded text with many control characters is refused as binary.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from tmbuilder.errors import InputError
from tmbuilder.text.legacy import DISPLAY_NAMES, ENCODINGS, decode
from tmbuilder.text.normalize import is_vietnamese_syllable

MIN_SCORE = 0.7
"""Least share of non-ASCII words that must be Vietnamese syllables for an 8-bit guess."""

_SAMPLE_BYTES = 256 * 1024  # scoring more than this changes no decision, only costs time
_MAX_SCORED_WORDS = 20_000
_WESTERN = frozenset(("iso8859-1", "cp1252", "ascii", "iso8859-15"))
_STRIP = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~“”‘’«»–—…„‚\u00a0"
_WORD = re.compile(r"[^\s\-/]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """A file's text and how it was read."""

    text: str
    encoding: str  # codec name as SourceDocument.encoding records it
    warnings: tuple[str, ...] = ()


def vietnamese_score(text: str) -> tuple[float, int]:
    """(share of non-ASCII words that are Vietnamese syllables, number of such words)."""
    good = total = 0
    for match in _WORD.finditer(text):
        word = match.group().strip(_STRIP)
        if not word or word.isascii():
            continue
        total += 1
        if word.isalpha() and is_vietnamese_syllable(word):
            good += 1
        if total >= _MAX_SCORED_WORDS:
            break
    return (good / total if total else 0.0), total


def _saved_as_unicode(encoding: str, detail: str = "") -> str:
    name = DISPLAY_NAMES.get(encoding, encoding.upper())
    return f"decoded as {name}{detail}; saved as Unicode"


def _check_text(text: str, path: str) -> None:
    controls = len(_CONTROL.findall(text[:_SAMPLE_BYTES]))
    if controls > max(2, len(text[:_SAMPLE_BYTES]) // 100):
        raise InputError(path, "binary content (control characters), not a text file")


def _from_bom(raw: bytes, path: str) -> Decoded | None:
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (little-endian)"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (big-endian)"),
        (codecs.BOM_UTF8, "utf-8", ""),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian)"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian)"),
    )
    for bom, codec, name in boms:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                label = name or "UTF-8"
                raise InputError(path, f"invalid {label} text at byte {exc.start}") from None
            encoding = "utf-8-sig" if codec == "utf-8" else codec
            warnings = (f"decoded as {name}; saved as Unicode",) if name else ()
            return Decoded(text, encoding, warnings)
    return None


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """BOM-less UTF-16 shows NULs in every other byte (the high byte of ASCII characters)."""
    sample = raw[:4096]
    if len(raw) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half // 4 and even == 0:
        codec = "utf-16-le"
    elif even > half // 4 and odd == 0:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    endian = "little" if codec.endswith("le") else "big"
    return Decoded(
        text, codec, (f"decoded as UTF-16 ({endian}-endian, no byte-order mark); saved as Unicode",)
    )


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _refuse_broken_utf8(raw: bytes, path: str) -> None:
    """A UTF-8 file with a few damaged bytes deserves a message that says where they are."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        lenient = raw.decode("utf-8", errors="replace")
        bad = lenient.count("\ufffd")
        non_ascii = sum(1 for char in lenient if char > "\x7f")
        if bad <= non_ascii // 100:
            raise InputError(
                path, f"invalid UTF-8 at byte {exc.start} (the rest of the file is UTF-8)"
            ) from None


def _guess_legacy(raw: bytes) -> tuple[str, float] | None:
    """The best-scoring 8-bit Vietnamese encoding and its score, or None if none decodes."""
    sample = raw[:_SAMPLE_BYTES]
    best: tuple[float, int, int, str] | None = None
    for rank, encoding in enumerate(ENCODINGS):
        try:
            text = decode(sample, encoding)
        except UnicodeDecodeError:
            continue
        score, words = vietnamese_score(text)
        # Ties go to the more common encoding (ENCODINGS order), hence -rank.
        candidate = (score, words, -rank, encoding)
        if best is None or candidate > best:
            best = candidate
    return (best[3], best[0]) if best else None


def _decode_whole(raw: bytes, encoding: str, path: str) -> str:
    """Decode the whole file as the sample's winner; a byte the code page lacks is named.

    The guess looks at the first 256 KB only: CP1258 leaves five bytes undefined, and one of
    them further on means the file is not (cleanly) CP1258 after all.
    """
    try:
        return decode(raw, encoding)
    except UnicodeDecodeError as exc:
        name = DISPLAY_NAMES.get(encoding, encoding.upper())
        raise InputError(
            path,
            f"byte 0x{raw[exc.start]:02x} at byte {exc.start} is not {name} text "
            f"(the file was read as {name} from its beginning)",
        ) from None


def _declared(raw: bytes, declared: str, path: str) -> Decoded | None:
    """Decode as the document says, or None when the name is unknown or the bytes disagree."""
    if raw.isascii():
        return None  # any ASCII-compatible declaration reads ASCII the same as UTF-8
    try:
        codec = codecs.lookup(declared).name
    except (LookupError, ValueError):  # ValueError: a NUL in the name ("embedded null")
        return None
    if codec in _WESTERN:
        codec = "cp1252" if codec in ("iso8859-1", "ascii") else codec  # as browsers read them
        guess = _guess_legacy(raw)
        if guess and guess[1] >= MIN_SCORE:
            text = _decode_whole(raw, guess[0], path)
            # CP1258 shares most letters with the Western pages: only a real difference counts.
            if text != raw.decode(codec, errors="replace"):
                detail = f" (the file declares {declared}, but its text is not)"
                return Decoded(text, guess[0], (_saved_as_unicode(guess[0], detail),))
    if codec == "cp1258":
        try:
            return Decoded(decode(raw, "cp1258"), "cp1258", (_saved_as_unicode("cp1258"),))
        except UnicodeDecodeError:
            return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    warnings = () if codec == "utf-8" else (_saved_as_unicode(codec),)
    return Decoded(text, codec, warnings)


def decode_bytes(raw: bytes, path: str, declared: str | None = None) -> Decoded:
    """Decode a text file's bytes; `declared` is an encoding the document names, if any.

    Raises InputError(path, ...) for binary content, invalid text after a BOM, and text that is
    neither UTF-8 nor Vietnamese in CP1258, TCVN3 or VNI.
    """
    result = _from_bom(raw, path)
    mismatch: tuple[str, ...] = ()
    if result is None and declared:
        result = _declared(raw, declared, path)
        if result is None and not raw.isascii():
            mismatch = (f"the declared encoding {declared!r} does not fit the file's bytes",)
    if result is None and b"\x00" in raw:
        result = _utf16_without_bom(raw)
        if result is None:
            raise InputError(path, "binary content (contains NUL bytes), not a text file")
    if result is None and _is_utf8(raw):
        result = Decoded(raw.decode("utf-8"), "utf-8")
    if result is None:
        guess = _guess_legacy(raw)
        if guess is None or guess[1] < MIN_SCORE:
            _refuse_broken_utf8(raw, path)
            raise InputError(
                path, "not Vietnamese text in a known encoding (tried UTF-8, CP1258, TCVN3, VNI)"
            )
        encoding = guess[0]
        text = _decode_whole(raw, encoding, path)
        result = Decoded(text, encoding, (_saved_as_unicode(encoding),))
    _check_text(result.text, path)
    if mismatch:
        result = Decoded(result.text, result.encoding, mismatch + result.warnings)
    return result
