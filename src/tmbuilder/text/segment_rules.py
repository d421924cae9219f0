"""Sentence-segmentation rules for Vietnamese, kept as data in the manner of SRX 2.0.

A rule says whether the text may break at a position: `before` must match text ending there and
`after` text starting there; the first rule that matches a position decides (SRX semantics).
Patterns are written in the subset of regex syntax that Java (OmegaT) and Python share, plus
Unicode categories as `\\p{Lu}`, `\\p{Ll}`, `\\p{L}`, `\\p{N}` ... which Java understands natively
and which `to_python_regex` expands for Python's `re`. Exported SRX files carry the patterns
verbatim, so one rule text serves both the segmenter and OmegaT.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

# Bump when the meaning of a rule set changes without its text changing (e.g. how candidates are
# found); stores compare fingerprints to decide whether to resegment.
_ENGINE_VERSION = "1"

# Whitespace, spelled out: Java's `\s` is ASCII only and Python's is all of Unicode, so either
# would make OmegaT and tmbuilder disagree on text with non-breaking or typographic spaces.
WS = r"[\t\n\x0B\f\r\x1C-\x1F \x85\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
# Sentence-final punctuation with the quotes, brackets and further punctuation around it: `?”.`,
# `).` and `!).` end one sentence, not two. The run is taken whole (possessive `*+`) and only
# from its first character (the look-behind after it), so a long run of punctuation is scanned
# once instead of once per character, which would be quadratic. The pattern opens with a plain
# character class so that regex engines can skip quickly to the next punctuation mark.
_TERMINAL = "[.!?…]"
_CLOSING = "[\"'”’»)\\]}]"
_RUN = "[.!?…\"'”’»)\\]}]"
CLOSERS = _RUN + "*+"
SENTENCE_END = (
    f"{_RUN}(?<!{_RUN}.)"  # first mark of a run
    f"(?:(?<={_TERMINAL})|{_CLOSING}*+{_TERMINAL})"  # closing marks may come first: `).`
    f"{CLOSERS}"
)
ELLIPSIS = r"(?:\.\.\.|…)"
# Right after a sentence end: terminal punctuation, perhaps one closing mark (two fixed-width
# look-behinds, as Python allows no variable-width one).
_AFTER_END = f"(?:(?<={_TERMINAL})|(?<={_TERMINAL}{_CLOSING}))"
# What may open a sentence before its first letter or digit.
OPEN_QUOTES = "[“\"‘'«]"
OPENERS = "[“\"‘'«(\\[]*"

# Tokens after which a following capitalised word or number does not start a new sentence:
# academic and professional titles, administrative units and page references. "v.v." (etc.) is
# deliberately absent: it ends sentences ("... v.v. Sau đó ...") and mid-sentence it is followed
# by a lower-case word, where no rule breaks anyway.
DEFAULT_ABBREVIATIONS: tuple[str, ...] = (
    # titles; "TS." alone would cover "PGS.TS." (it may follow a dot), but the common compounds
    # are listed so that the list reads as a glossary and sequential SRX scanners see them whole
    "GS.TSKH.", "PGS.TSKH.", "PGS.TS.", "PGS.TS.BS.", "GS.TS.", "TS.BS.", "TS.KTS.", "ThS.BS.",
    "BS.CKI.", "BS.CKII.", "BSCKI.", "BSCKII.", "TSKH.", "PGS.", "GS.", "TS.", "ThS.", "Th.S.",
    "Ths.", "BS.", "Bs.", "KTS.", "KS.", "LS.", "DS.", "NCS.", "NSND.", "NSƯT.",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.",
    # places: district, ward, commune, town; "TP." (city) has its own rule below, because it
    # also ends sentences ("... của UBND TP. Theo đó ...")
    "Q.", "P.", "X.", "TT.",
    # references: page, publisher, number
    "tr.", "Tr.", "NXB.", "Nxb.", "No.",
)  # fmt: skip


@dataclass(frozen=True)
class BreakRule:
    """One SRX rule: may the text break where `before` ends and `after` begins?"""

    before: str
    after: str
    is_break: bool
    name: str = ""


@dataclass(frozen=True)
class SegmentationRules:
    """An abbreviation list and ordered break/no-break rules; the first matching rule wins.

    The abbreviations become one no-break rule placed after the first `overrides` rules (the
    ones a user added with `extended`) and before the defaults, so user rules can overrule
    everything while the defaults cannot overrule an abbreviation.
    """

    abbreviations: tuple[str, ...]
    rules: tuple[BreakRule, ...]
    overrides: int = 0

    def extended(
        self, abbreviations: Iterable[str] = (), rules: Iterable[BreakRule] = ()
    ) -> SegmentationRules:
        """User rules go FIRST so they override defaults; abbreviations are added."""
        new_rules = tuple(rules)
        for rule in new_rules:
            validate_rule(rule)
        added = tuple(a for a in dict.fromkeys(abbreviations) if a not in self.abbreviations)
        for abbreviation in added:
            _check_abbreviation(abbreviation)
        return replace(
            self,
            abbreviations=self.abbreviations + added,
            rules=new_rules + self.rules,
            overrides=self.overrides + len(new_rules),
        )

    def effective_rules(self) -> tuple[BreakRule, ...]:
        """The ordered rules the segmenter applies: overrides, abbreviations, defaults."""
        head, tail = self.rules[: self.overrides], self.rules[self.overrides :]
        if not self.abbreviations:
            return self.rules
        return (*head, abbreviation_rule(self.abbreviations), *tail)

    def fingerprint(self) -> str:
        """A stable hash of the rules; it changes whenever segmentation could change."""
        payload = json.dumps(
            {
                "engine": _ENGINE_VERSION,
                "rules": [
                    [r.before, r.after, r.is_break]
                    # names are documentation: renaming a rule must not trigger resegmentation
                    for r in self.effective_rules()
                ],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def abbreviation_rule(abbreviations: Iterable[str]) -> BreakRule:
    """The no-break rule for a list of abbreviations: never break right after one."""
    # Longest first: an engine that scans matches one after another (OmegaT) then takes
    # "PGS.TS." whole; tmbuilder only asks whether some match ends at the position.
    ordered = sorted(dict.fromkeys(abbreviations), key=lambda a: (-len(a), a))
    alternation = "|".join(re.escape(a) for a in ordered)
    # Not preceded by a letter or digit, so "TP." does not fire inside "ATP.", but a title may
    # follow another title or an opening bracket ("(PGS.TS. ...").
    return BreakRule(
        before=rf"(?<![\p{{L}}\p{{N}}])(?:{alternation})",
        after=WS,
        is_break=False,
        name="abbreviation",
    )


def sentence_end_rule() -> BreakRule:
    """The sentence rule every language's rule set ends with."""
    return BreakRule(
        # The sentence rule: terminal punctuation (with its closing quotes and brackets), space,
        # then a capital or a digit, possibly behind an opening quote or bracket, or inline code;
        # or a quotation
        # after a full stop, whatever its case ('... đã xảy ra. “đội quân ...” ...'); or an
        # ellipsis opening the next sentence. That last branch looks back at the punctuation so
        # that it can only start where a sentence ended: engines that scan `after` matches one
        # after the other (OmegaT) must not let it swallow a break position further on.
        before=SENTENCE_END,
        after=(
            f"(?:{_AFTER_END}{WS}+{ELLIPSIS})?{WS}+{OPENERS}[\\p{{Lu}}\\p{{Lt}}\\p{{N}}]"
            f"|{WS}+{OPEN_QUOTES}+\\p{{Ll}}"
            # inline code opening a sentence, as Markdown backticks or as a protected code
            # character (inline.py): "... thuộc tính `src` và `alt`. `<img />` được viết ..."
            f"|{WS}+(?:`|[\\uE001-\\uEFFF])"
        ),
        is_break=True,
        name="sentence end",
    )


# Vietnam's centrally governed and provincial cities (thành phố), as Wikipedia's "Danh sách thành
# phố tại Việt Nam" lists them before the 2025 merger (names are facts: no licence attaches), plus
# the usual short forms of the two largest. "TP." before one of them is the city's title; before
# any other capitalised word it ends a sentence. Both tone placements of -oa/-oe/-uy are listed
# because sources use both ("Hòa"/"Hoà").
CITY_NAMES: tuple[str, ...] = (
    "Hồ Chí Minh", "HCM", "Hà Nội", "HN", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Thủ Đức",
    "Long Xuyên", "Châu Đốc", "Vũng Tàu", "Bà Rịa", "Bắc Giang", "Bắc Kạn", "Bạc Liêu",
    "Bắc Ninh", "Từ Sơn", "Bến Tre", "Quy Nhơn", "Thủ Dầu Một", "Dĩ An", "Thuận An", "Tân Uyên",
    "Bến Cát", "Đồng Xoài", "Phan Thiết", "Cà Mau", "Cao Bằng", "Buôn Ma Thuột", "Gia Nghĩa",
    "Điện Biên Phủ", "Biên Hòa", "Biên Hoà", "Long Khánh", "Cao Lãnh", "Sa Đéc", "Hồng Ngự",
    "Pleiku", "Hà Giang", "Phủ Lý", "Hà Tĩnh", "Hải Dương", "Chí Linh", "Vị Thanh", "Ngã Bảy",
    "Hòa Bình", "Hoà Bình", "Hưng Yên", "Nha Trang", "Cam Ranh", "Rạch Giá", "Hà Tiên",
    "Phú Quốc", "Kon Tum", "Lai Châu", "Đà Lạt", "Bảo Lộc", "Lạng Sơn", "Lào Cai", "Tân An",
    "Nam Định", "Vinh", "Ninh Bình", "Hoa Lư", "Tam Điệp", "Phan Rang", "Việt Trì", "Tuy Hòa",
    "Tuy Hoà", "Đồng Hới", "Tam Kỳ", "Hội An", "Quảng Ngãi", "Hạ Long", "Móng Cái", "Cẩm Phả",
    "Uông Bí", "Đông Triều", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên",
    "Sông Công", "Phổ Yên", "Thanh Hóa", "Thanh Hoá", "Sầm Sơn", "Mỹ Tho", "Gò Công",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Yên", "Phúc Yên", "Yên Bái", "Đông Hà",
    "Kon Tum", "Điện Biên", "Thủy Nguyên", "Thuỷ Nguyên", "Bình Dương",
)  # fmt: skip


# Sources of photos and clips: "Ảnh: AFP", "(Ảnh: TTXVN)", "Nguồn: Reuters", "Video: VTV".
def _words(*words: str) -> str:
    """An alternation of whole words (not preceded by a letter or digit), each branch opening
    with its first letter: Python's regex engine then skips ahead to those letters instead of
    trying the pattern at every position, which a leading look-behind defeats (it made the
    candidate scan 40 times slower)."""
    branches = (f"{w[0]}(?<![\\p{{L}}\\p{{N}}]{w[0]}){re.escape(w[1:])}" for w in words)
    return "(?:" + "|".join(branches) + ")"


_CREDIT_WORD = _words("Ảnh", "ẢNH", "Nguồn", "Video", "Clip", "Đồ họa", "Đồ hoạ", "Infographic")
# The colon after a credit word ("Ảnh:", "Nguồn :"), matched from the colon and checked by
# looking back, because colons are rare and capital letters are not: the scan for candidates
# then stops at colons only.
_CREDIT_COLON = (
    ":(?:"
    + "|".join(
        f"(?<=(?<![\\p{{L}}\\p{{N}}]){re.escape(word)}{space}:)"
        for word in ("Ảnh", "ẢNH", "Nguồn", "Video", "Clip", "Đồ họa", "Đồ hoạ", "Infographic")
        for space in ("", " ")
    )
    + ")"
)

# A capitalised word in plain ASCII letters: a Western name after initials ("J. K. Rowling",
# "George W. Bush"), where a Vietnamese syllable such as "Bà", "Đây", "Ở" has a letter outside
# ASCII and starts the next sentence.
_NOT_VIETNAMESE_CAPITALISED = r"[A-Z][A-Za-z]*(?![\p{L}\p{M}])"


# The number of an article in the Vietnamese Code: topic.subject.kind-of-source[.source].article.
_CODIFIED_NUMBER = r"\p{N}{1,3}\.\p{N}{1,3}\.\p{Lu}{1,5}(?:\.\p{N}{1,4}){1,2}\."


def _city_alternation() -> str:
    names = sorted(dict.fromkeys(CITY_NAMES), key=lambda n: (-len(n), n))
    return "|".join(re.escape(n).replace(r"\ ", WS + "+") for n in names)


_DEFAULT_RULES: tuple[BreakRule, ...] = (
    BreakRule(
        # "J. K. Rowling", "George W. Bush", "J.K. Rowling": Latin capitals with a period are
        # initials when a name follows, and a bracket after them is an aside about the person
        # ("Nguyễn Văn B. (32 tuổi)"). Not before a Vietnamese word, though: initials written
        # together stand for a whole name in Vietnamese reporting, and what follows them starts
        # the next sentence ("... cô N.T.H.N. Bà N. cho biết"); nor after three or more initials
        # ("anh N.V.A. Theo ..."; "J.R.R. Tolkien" is the cost). The cost on the other side:
        # "nhóm máu O. Sau đó" stays whole. The pattern starts at the dot and looks back, so
        # that it is only tried where there is a dot.
        before=r"\.(?<=(?<![\p{L}\p{N}])[A-ZĐ]\.)(?<!\p{Lu}\.\p{Lu}\.\p{Lu}\.)",
        after=WS + r"+" + OPENERS + _NOT_VIETNAMESE_CAPITALISED,
        is_break=False,
        name="initial",
    ),
    BreakRule(
        before=r"\.(?<=(?<![\p{L}\p{N}])[A-ZĐ]\.)",
        after=WS + r"+\(",
        is_break=False,
        name="initial before an aside",
    ),
    BreakRule(
        # "TP. Hồ Chí Minh", "UBND TP. Hà Nội": the city's title before its name.
        before=r"(?<![\p{L}\p{N}])(?:TP|Tp|tp)\.",
        after=WS + r"+(?:" + _city_alternation() + r")(?![\p{L}\p{N}])",
        is_break=False,
        name="city title",
    ),
    BreakRule(
        # "1. Giới thiệu", "II. Kết quả", "a. Điều kiện" at the start of a line are list labels.
        before=r"^" + WS + r"*(?:\p{N}{1,3}|[IVXLC]{1,6}|\p{Ll})\.",
        after=WS,
        is_break=False,
        name="list label",
    ),
    BreakRule(
        # "Điều 5. Phạm vi điều chỉnh": a legal heading and its title are one segment; so is a
        # codified article ("Điều 39.12.NĐ.1.1. Phạm vi điều chỉnh"): the Vietnamese Code
        # (Bộ pháp điển) numbers articles by topic, subject, the source's kind (LQ law, NĐ
        # decree, TT circular, ...) and the article's number in it.
        before=(
            r"^"
            + WS
            + r"*(?:Điều|Chương|Mục|Phần|Khoản|Tiểu mục)"
            + WS
            + r"+[\p{N}IVXLC]+(?:\.[\p{N}\p{Lu}]{1,4}){0,6}\."
        ),
        after=WS,
        is_break=False,
        name="legal heading",
    ),
    BreakRule(
        # A codified article label is never a sentence end, wherever it stands: in a
        # cross-reference ("(Điều này có nội dung liên quan đến Điều 44.4.TL.1.4. Nội dung chi
        # ...; Điều 44.4.TL.1.5. Định mức ...)") or glued to the sentence before it.
        before=_words("Điều") + WS + r"{1,3}" + _CODIFIED_NUMBER,
        after=WS,
        is_break=False,
        name="codified article label",
    ),
    BreakRule(
        # "liên quan đến Điều 1. Phạm vi điều chỉnh; Điều 2. Đối tượng áp dụng": an article
        # cited with its title, after "đến", a semicolon or a bracket.
        before=(
            # one character class first (";", "(" or the "đ" of "đến"), for the scan's sake
            r"[;(đ](?:(?<=[;(])|(?<=(?<![\p{L}\p{N}])đ)ến)"
            + WS
            + r"{0,3}(?:Điều|Chương|Mục)"
            + WS
            + r"{1,3}[\p{N}IVXLC]{1,6}\."
        ),
        after=WS + r"+\p{Lu}",
        is_break=False,
        name="cited article with its title",
    ),
    BreakRule(
        # "... công tác pháp điển.Điều 44.7.TL.1.1. Phạm vi điều chỉnh", "... pháp luật.Chương II",
        # "... Điều này.(Điều này có nội dung ...": text copied out of legal databases often
        # loses the line break before a heading or a note; the break is still there.
        before=r"[.!?](?<=[\p{Ll}\p{N})”\"][.!?])",
        after=(r"(?:Điều|Chương|Mục|Phần)" + WS + r"+[\p{N}IVXLC]|\(\p{Lu}\p{Ll}"),
        is_break=True,
        name="heading glued to a sentence",
    ),
    BreakRule(
        # "giá chỉ... 19.000 đồng", "gọi là... “bựt”": an ellipsis before a number or a quoted
        # lower-case word is a pause inside the sentence.
        before=ELLIPSIS + CLOSERS,
        after=WS + r"+(?:\p{N}|" + OPEN_QUOTES + r"+\p{Ll})",
        is_break=False,
        name="pause before a figure or quote",
    ),
    BreakRule(
        # "... huynh đệ. ... Rồi cũng": an ellipsis after a finished sentence opens the next one.
        before=SENTENCE_END + WS + r"+" + ELLIPSIS,
        after=WS,
        is_break=False,
        name="opening ellipsis",
    ),
    BreakRule(
        # "(Ảnh: TTXVN) Theo ...": a bracketed credit is a caption of its own when a capitalised
        # sentence follows it on the same line.
        before=r"\(" + _CREDIT_WORD + WS + r"{0,3}:[^()\n]{1,60}\)",
        after=WS + r"+" + OPENERS + r"[\p{Lu}\p{N}]",
        is_break=True,
        name="bracketed credit",
    ),
    BreakRule(
        # "Ảnh: AFP Giữ ...": a credit in capitals (an agency or paper: AFP, TTXVN, VNA, AP/VGP)
        # followed by a capitalised word that is not all capitals starts a new sentence. A
        # credit to a person ("Ảnh: Hoàng Hà") cannot be told from the text after it.
        before=_CREDIT_COLON + WS + r"{0,3}\p{Lu}[\p{Lu}\p{N}&/.-]{1,15}",
        after=WS + r"+" + OPENERS + r"\p{Lu}\p{Ll}",
        is_break=True,
        name="credit in capitals",
    ),
    sentence_end_rule(),
)


def default_rules() -> SegmentationRules:
    """The built-in Vietnamese rules."""
    return SegmentationRules(abbreviations=DEFAULT_ABBREVIATIONS, rules=_DEFAULT_RULES)


def rule_from_mapping(data: Mapping[str, object]) -> BreakRule:
    """A rule from a TOML table `{break = bool, before = str, after = str, name = str?}`.

    Raises ValueError with a one-line message on a missing or unknown key, a value of the wrong
    type, or a pattern that is invalid or not portable to Java.
    """
    allowed = {"break", "before", "after", "name"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValueError(
            f"segmentation rule: unknown key {unknown[0]!r} (allowed: break, before, after, name)"
        )
    for key in ("break", "before", "after"):
        if key not in data:
            raise ValueError(f"segmentation rule: missing key {key!r}")
    is_break = data["break"]
    if not isinstance(is_break, bool):
        raise ValueError(f"segmentation rule: 'break' must be true or false, not {is_break!r}")
    texts: dict[str, str] = {}
    for key in ("before", "after", "name"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise ValueError(f"segmentation rule: {key!r} must be a string, not {value!r}")
        texts[key] = value
    rule = BreakRule(
        before=texts["before"], after=texts["after"], is_break=is_break, name=texts["name"]
    )
    validate_rule(rule)
    return rule


def validate_rule(rule: BreakRule) -> None:
    """Raise ValueError (one line) if a pattern of `rule` is invalid or not portable to Java."""
    label = f" {rule.name!r}" if rule.name else ""
    for which, pattern in (("before", rule.before), ("after", rule.after)):
        try:
            if _NOT_EXPORTABLE.search(pattern):
                # SRX is XML: raw control characters cannot travel; `\x01` can.
                raise ValueError("holds a raw control character; write it as an escape")
            re.compile(to_python_regex(pattern))
        except (re.error, ValueError) as exc:
            raise ValueError(
                f"segmentation rule{label}: invalid {which} pattern {pattern!r}: {exc}"
            ) from None


def _check_abbreviation(abbreviation: str) -> None:
    if not abbreviation.strip() or _NOT_EXPORTABLE.search(abbreviation):
        raise ValueError(f"abbreviation {abbreviation!r}: empty or holds a control character")


# Java-only or Python-only syntax that would make an exported rule mean something else (or
# nothing) in OmegaT. `\Z` differs (Python's is Java's `\z`), `(?P...)` is Python-only.
_NOT_PORTABLE = re.compile(r"\(\?P|(?<!\\)(?:\\\\)*\\[Zz]")
# Characters XML 1.0 cannot carry (the complement of its Char production): SRX is XML.
_NOT_EXPORTABLE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CATEGORY = re.compile(r"\\([pP])(?:\{(\^?)(?:Is)?([A-Za-z_]+)\}|([A-Za-z]))")


def to_python_regex(pattern: str) -> str:
    """Translate the shared Java/Python regex subset to Python `re` syntax.

    Expands `\\p{Lu}`-style Unicode categories (and `\\P{..}` outside brackets) into explicit
    character ranges; rejects syntax that is not portable between the two engines.
    """
    bad = _NOT_PORTABLE.search(pattern)
    if bad:
        raise ValueError(f"{bad.group()!r} is not portable between Java and Python regex")
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            m = _CATEGORY.match(pattern, i)
            if m is None:
                out.append(pattern[i : i + 2])
                i += 2
                continue
            negated = (m.group(1) == "P") != bool(m.group(2))
            ranges = _category_ranges(m.group(3) or m.group(4))
            if in_class:
                if negated:
                    raise ValueError("a negated \\P{..} inside [...] is not supported")
                out.append(ranges)
            else:
                out.append(f"[{'^' if negated else ''}{ranges}]")
            i = m.end()
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            i += 1
            # "]" right after "[" or "[^" is a literal in both engines' class syntax
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):
                out.append("\\]")
                i += 1
            continue
        if ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def _category_ranges(name: str) -> str:
    table = _category_table(full=name.startswith("C"))
    if name not in table:
        raise ValueError(f"unknown Unicode category \\p{{{name}}}")
    return table[name]


# Every letter, digit, mark, punctuation and space sits in planes 0-3 or in plane 14; the rest of
# the code space is unassigned or private use. Scanning only those planes keeps the first use of
# a category to a fraction of the 1.1M-code-point scan, which only `\p{C..}` needs.
_ASSIGNED_PLANES = (range(0x40000), range(0xE0000, 0xF0000))


@functools.cache
def _category_table(full: bool) -> dict[str, str]:
    """Character-class bodies for every general category and its one-letter group."""
    members: dict[str, list[int]] = {}
    for plane in (range(sys.maxunicode + 1),) if full else _ASSIGNED_PLANES:
        for cp in plane:
            members.setdefault(unicodedata.category(chr(cp)), []).append(cp)
    groups: dict[str, list[int]] = {}
    for cat, cps in members.items():
        groups.setdefault(cat[0], []).extend(cps)
    table = {cat: _ranges(cps) for cat, cps in members.items()}
    table.update({group: _ranges(sorted(cps)) for group, cps in groups.items()})
    return table


def _ranges(codepoints: list[int]) -> str:
    parts: list[str] = []
    start = prev = codepoints[0]
    for cp in codepoints[1:]:
        if cp != prev + 1:
            parts.append(_span(start, prev))
            start = cp
        prev = cp
    parts.append(_span(start, prev))
    return "".join(parts)


def _span(lo: int, hi: int) -> str:
    def esc(cp: int) -> str:
        return f"\\U{cp:08x}"

    return esc(lo) if lo == hi else f"{esc(lo)}-{esc(hi)}"
