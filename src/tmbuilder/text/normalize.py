"""Unicode normalization for Vietnamese: surface text, tone-mark placement and matching keys.

Three levels, from most to least faithful:

- `clean_text` is what the store keeps: NFC, invisible junk removed, nothing else changed.
- `fold_tone_placement` moves each syllable's tone mark to one canonical vowel, so the two
  spelling conventions compare equal. The canonical convention is the *traditional* one
  (hòa, thủy, khỏe), because Vietnamese news text, including our seeds, mostly uses it.
- `match_key` is for lookup only (TM, MT cache, glossary): folded, casefolded, whitespace and
  typographic variants unified. Never show it to a user.

Tone placement rules (traditional style), for one syllable parsed as onset + vowels + coda:
1. a vowel with its own diacritic (ă â ê ô ơ ư) takes the tone; in ươ it is the ơ;
2. otherwise, with a final consonant, the last vowel takes it (hoàn, huýt, boóng);
3. otherwise three vowels put it on the middle one (ngoài, khuỷu), two on the first (hòa, thúy,
   khỏe, mía, múa).
`qu` and `gi` before another vowel are onsets, so their u/i never carries the tone (quý, quả, già,
giữa); a misplaced "qúa" or "gìa" is repaired too. Words that do not parse as one Vietnamese
syllable (names, English, typos) are left exactly as they are.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_BASE_VOWELS = "aăâeêioôơuưy"
# Combining marks of the five written tones, in the order Vietnamese grammars list them.
_TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng
_ACUTE, _DOT = 2, 5  # tone numbers (1-based positions in _TONE_MARKS) of sắc and nặng


def _build_tables() -> tuple[dict[str, tuple[str, int]], dict[tuple[str, int], str]]:
    split: dict[str, tuple[str, int]] = {}
    join: dict[tuple[str, int], str] = {}
    for base in _BASE_VOWELS + _BASE_VOWELS.upper():
        join[(base, 0)] = base
        for tone, mark in enumerate(_TONE_MARKS, start=1):
            char = unicodedata.normalize("NFC", base + mark)
            split[char] = (base, tone)
            join[(base, tone)] = char
    return split, join


_SPLIT, _JOIN = _build_tables()
_TONED = "".join(_SPLIT)
_VOWEL_CHARS = _BASE_VOWELS + _BASE_VOWELS.upper() + _TONED

# fmt: off
_VOWEL_CLUSTERS = frozenset((
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu",
    "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ",
    "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oeo",
    "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu",
))
# Clusters ending in a glide, and the open diphthongs, never take a final consonant; these
# others always need one (iê is spelled ia when open, uô ua, ươ ưa).
_OPEN_ONLY = frozenset((
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui",
    "uơ", "ưa", "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya",
    "uyu",
))
_CLOSED_ONLY = frozenset(["ă", "â", "iê", "yê", "oă", "oo", "uâ", "uô", "ươ", "uyê"])
# fmt: on
_CODAS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))
_STOP_CODAS = frozenset(("c", "ch", "p", "t"))  # only sắc or nặng can precede these
_ONSET = re.compile(r"ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđghklmnprstvx]")
_MARKED = frozenset("ăâêôơư")

# A letter run containing a toned vowel next to another vowel: the only words whose tone could
# sit on more than one vowel. The lookbehind anchors at word starts so each word is scanned once.
_CANDIDATE = re.compile(
    rf"(?<![^\W\d_])(?=[^\W\d_]*?(?:[{_TONED}][{_VOWEL_CHARS}]|[{_VOWEL_CHARS}][{_TONED}]))"
    r"[^\W\d_]+"
)


def _suspect_pattern() -> re.Pattern[str]:
    """Local letter patterns that every non-canonical syllable contains (derived from the rules).

    Most sentences contain none, so `fold_tone_placement` skips the per-word pass for them; the
    test suite checks exhaustively that no misplaced syllable escapes this filter.
    """
    plain = _BASE_VOWELS + _BASE_VOWELS.upper()
    marked = "".join(_MARKED) + "".join(_MARKED).upper()
    toned_unmarked = "".join(c for c, (b, _) in _SPLIT.items() if b.lower() not in _MARKED)
    toned_u = "".join(c for c, (b, _) in _SPLIT.items() if b in "uU")
    toned_i = "".join(c for c, (b, _) in _SPLIT.items() if b in "iI")
    letter = r"[^\W\d_]"
    # One branch that starts at the toned vowel, with the context checked by lookarounds: the
    # regex engine then skips every other character in its fast prefix scan.
    return re.compile(
        rf"[{_TONED}](?:"
        # tone before another vowel that is followed by more letters (hòan, òai)
        rf"[{plain}](?={letter})"
        # tone before a vowel with its own diacritic (đứơc)
        rf"|[{marked}]"
        # tone on the last vowel of an open syllable whose first vowel should carry it (hoà),
        # unless that first vowel is the glide of qu / gi (quá, già; but nghià is misplaced)
        rf"|(?<=[{plain}][{toned_unmarked}])(?<![qQ][uU].)(?:(?<![gG][iI].)|(?<=[nN][gG][iI].))"
        rf"(?!{letter})"
        # tone on the glide of qu / gi (qúa, gìa)
        rf"|(?<=[qQ][{toned_u}])(?=[{plain}])|(?<=[gG][{toned_i}])(?=[{plain}]))"
    )


_SUSPECT = _suspect_pattern()


def _parse(bases: str) -> tuple[int, str, str] | None:
    """Split a lower-case, toneless word into (onset length, vowel cluster, coda), or None."""
    if bases[:2] in ("qu", "gi") and len(bases) > 2 and bases[2] in _BASE_VOWELS:
        start = 2
    else:
        onset = _ONSET.match(bases)
        start = onset.end() if onset else 0
    end = start
    while end < len(bases) and bases[end] in _BASE_VOWELS:
        end += 1
    cluster, coda = bases[start:end], bases[end:]
    if cluster not in _VOWEL_CLUSTERS or coda not in _CODAS:
        return None
    if (coda and cluster in _OPEN_ONLY) or (not coda and cluster in _CLOSED_ONLY):
        return None
    return start, cluster, coda


def _tone_slot(cluster: str, coda: str) -> int:
    """Index inside the vowel cluster that carries the tone in the traditional style."""
    for i in range(len(cluster) - 1, -1, -1):
        if cluster[i] in _MARKED:
            return i
    if coda:
        return len(cluster) - 1
    return 1 if len(cluster) == 3 else 0


def _split_word(word: str) -> tuple[list[str], int, int] | None:
    """Bases (case kept), tone and its index of a word with exactly one tone mark."""
    bases: list[str] = []
    tone, where = 0, -1
    for i, char in enumerate(word):
        base, mark = _SPLIT.get(char, (char, 0))
        if mark:
            if tone:
                return None
            tone, where = mark, i
        bases.append(base)
    return bases, tone, where


def is_vietnamese_syllable(word: str) -> bool:
    """Whether `word` (letters only, NFC, any case) spells one well-formed Vietnamese syllable.

    Used by encoding detection to tell a right decoding from mojibake. Either tone placement
    style is accepted; a syllable ending in c/ch/p/t only takes sắc or nặng (or no mark).
    """
    split = _split_word(word)
    if split is None:
        return False
    bases, tone, _ = split
    lowered = "".join(bases).lower()
    if len(lowered) != len(bases):
        return False
    parsed = _parse(lowered)
    if parsed is None:
        return False
    return not (parsed[2] in _STOP_CODAS and tone not in (0, _ACUTE, _DOT))


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    split = _split_word(word)
    if split is None or not split[1]:
        return word
    bases, tone, where = split
    lowered = "".join(bases).lower()
    if len(lowered) != len(bases):  # a letter whose lower case is longer (İ): not Vietnamese
        return word
    parsed = _parse(lowered)
    if parsed is None:
        return word
    start, cluster, coda = parsed
    target = start + _tone_slot(cluster, coda)
    if target == where:
        return word
    bases[target] = _JOIN[(bases[target], tone)]
    return "".join(bases)


def _fold_match(match: re.Match[str]) -> str:
    return _fold_word(match.group())


def nfc(text: str) -> str:
    """Unicode NFC: the one composed form every stored and compared string uses."""
    return unicodedata.normalize("NFC", text)


def fold_tone_placement(text: str) -> str:
    """Move each syllable's tone mark to its canonical (traditional) vowel; returns NFC.

    "hoà" -> "hòa", "thuý" -> "thúy", "khoẻ" -> "khỏe", "uỷ" -> "ủy"; "quý", "giá", "quốc",
    "người", "thuở" and "khuya" are already canonical and stay. Case is kept letter by letter.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isascii() or not _SUSPECT.search(text):
        return text
    return _CANDIDATE.sub(_fold_match, text)


# Characters that look different but never change what a sentence means.
_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
        **dict.fromkeys("\u2010\u2011\u2212", "-"),
        **dict.fromkeys("\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006", " "),
        **dict.fromkeys("\u2008\u2009\u200a\u205f\u3000\u1680\u0085\u2028\u2029", " "),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f", None),
        "\u2026": "...",
    }
)
# str.translate with a dict is slow on non-ASCII text; a class search first costs far less.
_TYPOGRAPHIC_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _TYPOGRAPHIC)) + "]")


def match_key(text: str) -> str:
    """The key TM lookup, the MT cache and glossary matching compare: never displayed.

    NFC, tone placement folded, casefolded, whitespace collapsed and stripped; curly and straight
    quotes, the space family (NBSP, thin, ...), hyphen look-alikes, "…" vs "...", and a spaced
    en/em dash vs a spaced hyphen are unified. Zero-width characters and soft hyphens vanish.
    """
    return match_key_plain(text)[0]


def match_key_plain(text: str) -> tuple[str, bool]:
    """(match_key(text), whether that is just text.casefold()): a memory import stores no key
    for such text (nearly every clean sentence), and this knows it without comparing."""
    # Each step below returns its input itself when it changes nothing: `is` tells.
    key = unicodedata.normalize("NFC", text)
    if not key.isascii():
        if _TYPOGRAPHIC_CHARS.search(key):
            key = key.translate(_TYPOGRAPHIC)
        if _SUSPECT.search(key):
            key = _CANDIDATE.sub(_fold_match, key)
    plain = key is text
    key = key.casefold()
    # Collapsing whitespace changes nothing in most keys; proving that costs a fraction of
    # doing it. isprintable() is False for every whitespace character but " ".
    if not key.isprintable() or "  " in key or key[:1] == " " or key[-1:] == " ":
        collapsed = " ".join(key.split())
        plain = plain and collapsed == key
        key = collapsed
    if "\u2013" in key or "\u2014" in key:
        dashed = key.replace(" \u2013 ", " - ").replace(" \u2014 ", " - ")
        plain = plain and dashed == key
        key = dashed
    if not key.isascii():
        # casefold can decompose a few non-Vietnamese letters (ǰ -> j + caron); keep keys NFC.
        composed = unicodedata.normalize("NFC", key)
        plain = plain and composed is key
        key = composed
    return key, plain


_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CLEAN = str.maketrans(
    {
        **{chr(c): None for c in range(0x20) if chr(c) != "\t"},
        **{chr(c): None for c in range(0x7F, 0xA0)},
        **dict.fromkeys(_LINE_BREAKS, " "),
        **dict.fromkeys("\u200b\u2060\ufeff\u00ad\u200e\u200f", None),
    }
)


_CLEAN_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _CLEAN)) + "]")


def clean_text(text: str) -> str:
    """Surface text as the store keeps it: NFC, with characters nobody typed on purpose removed.

    Removed: C0/C1 control characters except tab, zero-width space, word joiner, BOM, soft
    hyphen, and left-to-right/right-to-left marks. Line breaks (any kind) become one space each,
    because a stored string is one paragraph or sentence. Kept as written: letters, case, tone
    placement, NBSP and other spaces (an author's non-breaking space is deliberate), ZWJ/ZWNJ
    (emoji and some scripts need them), leading and trailing whitespace (callers strip).
    """
    if _CLEAN_CHARS.search(text):
        text = text.translate(_CLEAN)
    return unicodedata.normalize("NFC", text)
