"""Terminology checks: approved glossary terms, forbidden terms, acronyms carried over.

Vietnamese is matched on `tmbuilder.text.normalize.match_key` word tokens, so "hoà"/"hòa" and
case do not matter; English on case-folded word tokens, with a plural or possessive allowed on
the last word ("pillar" is found in "pillars", "Party" in "Party's").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from tmbuilder.model import Term, TermStatus
from tmbuilder.qa.checks_urls import blank_urls
from tmbuilder.qa.number_words import roman_value
from tmbuilder.text.normalize import match_key

# Vietnamese acronyms that English translates or expands (TTXVN → VNA, UBND → People's
# Committee): their absence from the target is normal, so the acronym check leaves them alone.
VIETNAMESE_ACRONYMS = frozenset(
    """TTXVN TTX UBND NDCM MTTQ MTTQVN BCH BCT TW TBT QH UBTVQH UBKT CP TP TPHCM HCM HN VN LHQ
    CHDCND CHXHCN CNXH XHCN CNH HDH CAND THPT THCS NXB BHXH BHYT GTVT GD KH CN NN PTNT TN MT
    VH TT DL BQP BCA BNG NHNN NHTM TMCP CTCP TNHH DN DNNN KCN KKT VKSND TAND CSGT PCCC ATGT
    KHCN CNTT TTCK KT XH HTX BTC""".split()  # noqa: SIM905 - a word list, not a literal to keep
)
# Currency codes are often written as a symbol or a word in English.
_CURRENCY_FORMS = {
    "USD": ("$", "dollar"),
    "VND": ("₫", "dong", "đồng"),
    "EUR": ("€", "euro"),
    "JPY": ("¥", "yen"),
    "CNY": ("yuan", "renminbi"),
    "GBP": ("£", "pound"),
}


def source_key(text: str) -> str:
    """The key Vietnamese text is matched on (tmbuilder.text.normalize.match_key)."""
    return match_key(text)


# One start per word and no nested repetition: linear even on a 100,000-capital "word".
_ACRONYM = re.compile(r"(?<!\w)[A-Z][A-Z0-9]*(?!\w)")
_WORD = re.compile(r"\w+")


def _vi_tokens(text: str) -> list[str]:
    return _WORD.findall(match_key(text))


def _en_tokens(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def _find(tokens: Sequence[str], sub: Sequence[str], *, inflected: bool = False) -> list[int]:
    """Start indexes of `sub` in `tokens`; if `inflected`, the last word may add -s or -es."""
    n = len(sub)
    hits = []
    for i in range(len(tokens) - n + 1):
        window = tokens[i : i + n]
        if window[:-1] != list(sub[:-1]):
            continue
        last, want = window[-1], sub[-1]
        plurals = (want + "s", want + "es", want[:-1] + "ies" if want.endswith("y") else "")
        if last == want or (inflected and last in plurals):
            hits.append(i)
    return hits


def _alternatives(english: str) -> list[list[str]]:
    # A glossary target may list accepted renderings separated by ";" or "|".
    return [t for t in (_en_tokens(part) for part in re.split(r"[;|]", english)) if t]


def _uses(target_tokens: Sequence[str], english: str) -> bool:
    return any(_find(target_tokens, alt, inflected=True) for alt in _alternatives(english))


def glossary_terms(source: str, target: str, terms: Sequence[Term]) -> list[str]:
    """Approved terms found in the source whose approved English is not in the target.

    Uses the glossary's own matcher (tmbuilder.glossary.check), so QA and `glossary check`
    always agree: whole syllables, punctuation respected ("quốc phòng, an ninh" is a list, not
    the compound "quốc phòng - an ninh"), the longest term wins where terms nest ("Lào" inside
    "Chủ tịch nước Lào" is not demanded on its own), and English inflections accepted
    ("Parties" for "Party").
    """
    from tmbuilder.glossary.check import check_consistency

    approved = [t for t in terms if t.status is TermStatus.APPROVED and t.target.strip()]
    issues = check_consistency(approved, [(0, source, target)])
    missing = dict.fromkeys(i.term for i in issues if i.kind == "missing-term")
    by_source = {t.source: t for t in approved}
    return [f'glossary: "{name}" should be "{by_source[name].target}"' for name in missing]


def forbidden_terms(source: str, target: str, terms: Sequence[Term]) -> list[str]:
    """Forbidden English renderings used in the target, whatever the source says."""
    tgt = _en_tokens(target)
    found = [
        t
        for t in terms
        if t.status is TermStatus.FORBIDDEN and t.target.strip() and _uses(tgt, t.target)
    ]
    return [f'forbidden term "{t.target}" (for "{t.source}")' for t in found]


def _is_headline(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]{2,}", text)]
    return len(words) >= 3 and sum(w.isupper() for w in words) / len(words) >= 0.6


def _carried(acronym: str, target: str) -> bool:
    forms = (acronym, *_CURRENCY_FORMS.get(acronym, ()))
    for form in forms:
        if not form[0].isalnum():
            if form in target:
                return True
        elif re.search(rf"(?<!\w){re.escape(form)}(?:e?s)?(?!\w)", target, re.IGNORECASE):
            return True
    return False


def acronyms(source: str, target: str, terms: Sequence[Term]) -> list[str]:
    """Latin all-caps acronyms of the source missing from the target.

    Left alone: Vietnamese acronyms English expands (VIETNAMESE_ACRONYMS), acronyms the glossary
    gives an approved English for (the glossary check covers those), Roman numerals (XIV is a
    number) and all-caps headlines.
    """
    if _is_headline(source):
        return []
    glossary = {
        match_key(form)
        for t in terms
        if t.status is TermStatus.APPROVED and t.target.strip()
        for form in (t.source, *t.variants)
    }
    missing = []
    for acronym in dict.fromkeys(_ACRONYM.findall(blank_urls(source))):
        if (
            sum(c.isalpha() for c in acronym) < 2  # "G7" is no acronym to carry; "H5N1" is
            or acronym in VIETNAMESE_ACRONYMS
            or match_key(acronym) in glossary
            or roman_value(acronym) is not None
            or _carried(acronym, target)
        ):
            continue
        missing.append(acronym)
    return [f"acronym {a} is not in the target" for a in missing]
