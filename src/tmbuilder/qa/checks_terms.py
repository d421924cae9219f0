"""Terminology checks: approved glossary terms, forbidden terms, acronyms carried over.

Vietnamese is matched on `tmbuilder.text.normalize.match_key` word tokens, so "hoà"/"hòa" and
case do not matter; English on case-folded word tokens, with a plural or possessive allowed on
the last word ("pillar" is found in "pillars", "Party" in "Party's").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from tmbuilder.glossary.check import TermMatcher
from tmbuilder.model import Term, TermStatus
from tmbuilder.qa import skim
from tmbuilder.qa.checks_urls import blank_urls
from tmbuilder.qa.number_words import roman_value
from tmbuilder.qa.titles import rendered, titles
from tmbuilder.text.normalize import match_key

# Vietnamese acronyms that English translates or expands and that the titles table
# (tmbuilder.qa.titles) does not list: their absence from the target is normal, so the acronym
# check leaves them alone. Those the table lists are checked against its English renderings.
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


def _singulars(token: str) -> list[str]:
    """The token and the words it may be a plural of (the inverse of `_find`'s endings)."""
    forms = [token]
    if token.endswith("s"):
        forms.append(token[:-1])
    if token.endswith("es"):
        forms.append(token[:-2])
    if token.endswith("ies"):
        forms.append(token[:-3] + "y")
    return forms


def _uses(target_tokens: Sequence[str], alternatives: list[list[str]]) -> bool:
    return any(_find(target_tokens, alt, inflected=True) for alt in alternatives)


class TermChecks:
    """The per-segment terminology checks over one glossary, prepared once.

    Preparing indexes the approved terms for `tmbuilder.glossary.check.TermMatcher`, splits
    the forbidden English into tokens and keys the approved forms the acronym check leaves
    alone; each check then costs about the same with 5,000 terms as with 5. Build one per QA
    run or review session (`check_project` does) rather than one per segment.
    """

    def __init__(self, terms: Sequence[Term]) -> None:
        """Prepare `terms` (a glossary in any status: each check picks the ones it needs)."""
        self.terms: tuple[Term, ...] = tuple(terms)
        approved = [t for t in self.terms if t.status is TermStatus.APPROVED and t.target.strip()]
        # Only approved entries compete for the longest match: a proposed "Tổng Bí thư Tô Lâm"
        # must not hide the approved "Tổng Bí thư" inside it.
        self._approved = TermMatcher(approved)
        # Where two approved entries share a source, the message names the last one's English.
        self._english = {t.source: t.target for t in approved}
        self._forbidden = [
            (t, _alternatives(t.target))
            for t in self.terms
            if t.status is TermStatus.FORBIDDEN and t.target.strip()
        ]
        # Forbidden entries by the first word of each English alternative: a target is only
        # scanned for the entries whose first word (or its singular) it holds.
        self._forbidden_by_first: dict[str, list[int]] = {}
        for index, (_term, alternatives) in enumerate(self._forbidden):
            for alternative in alternatives:
                self._forbidden_by_first.setdefault(alternative[0], []).append(index)
        self._approved_keys = frozenset(
            match_key(form) for t in approved for form in (t.source, *t.variants)
        )

    def glossary_terms(self, source: str, target: str) -> list[str]:
        """Approved terms found in the source whose approved English is not in the target.

        Uses the glossary's own matcher (tmbuilder.glossary.check), so QA and `glossary check`
        always agree: whole syllables, punctuation respected ("quốc phòng, an ninh" is a list,
        not the compound "quốc phòng - an ninh"), the longest term wins where terms nest ("Lào"
        inside "Chủ tịch nước Lào" is not demanded on its own), and English inflections
        accepted ("Parties" for "Party").
        """
        if skim.ENABLED and not self._english:  # no approved term: nothing to miss
            return []
        names = sorted({term.source for term in self._approved.missing(source, target)})
        return [f'glossary: "{name}" should be "{self._english[name]}"' for name in names]

    def forbidden_terms(self, source: str, target: str) -> list[str]:
        """Forbidden English renderings used in the target, whatever the source says."""
        if not self._forbidden:
            return []
        tgt = _en_tokens(target)
        candidates = sorted(
            {
                index
                for word in {form for token in set(tgt) for form in _singulars(token)}
                for index in self._forbidden_by_first.get(word, ())
            }
        )
        found = [
            term
            for term, alternatives in (self._forbidden[index] for index in candidates)
            if _uses(tgt, alternatives)
        ]
        return [f'forbidden term "{t.target}" (for "{t.source}")' for t in found]

    def acronyms(self, source: str, target: str) -> list[str]:
        """Latin all-caps acronyms of the source missing from the target.

        A Vietnamese title or organisation of the titles table (PGS, TS, UBND, CLB) may be
        carried or translated: any of its usual English renderings will do ("PGS.TS" →
        "Assoc. Prof. Dr."), and those the table marks as often dropped ("TP Hà Nội" →
        "Hanoi") may be left out. Left alone: other Vietnamese acronyms English expands
        (VIETNAMESE_ACRONYMS), acronyms the glossary gives an approved English for (the
        glossary check covers those), Roman numerals (XIV is a number) and all-caps headlines.
        """
        found = list(_ACRONYM.finditer(blank_urls(source)))
        if (skim.ENABLED and not found) or _is_headline(source):
            return []
        table = titles()
        # An acronym inside an approved glossary term is that term's business ("Đảng NDCM Lào").
        covered = [(start, end) for start, end, _term in self._approved.hits(source)]
        messages = []
        outside = (m.group() for m in found if not any(a <= m.start() < b for a, b in covered))
        for acronym in dict.fromkeys(outside):
            title = table.get(acronym)
            if (
                sum(c.isalpha() for c in acronym) < 2  # "G7" is no acronym to carry; "H5N1" is
                or (title is None and acronym in VIETNAMESE_ACRONYMS)
                or (title is not None and (title.may_drop or rendered(acronym, target)))
                or match_key(acronym) in self._approved_keys
                or roman_value(acronym) is not None
                or _carried(acronym, target)
            ):
                continue
            if title is None:
                messages.append(f"acronym {acronym} is not in the target")
            else:
                shown = " / ".join(title.english[:3])
                messages.append(
                    f"acronym {acronym} is not in the target, nor its English ({shown})"
                )
        return messages


def glossary_terms(source: str, target: str, terms: Sequence[Term]) -> list[str]:
    """Approved terms of the source missing their English (see `TermChecks.glossary_terms`).

    Prepares `terms` on every call: for many segments, build one `TermChecks`.
    """
    return TermChecks(terms).glossary_terms(source, target)


def forbidden_terms(source: str, target: str, terms: Sequence[Term]) -> list[str]:
    """Forbidden English renderings used in the target (see `TermChecks.forbidden_terms`)."""
    return TermChecks(terms).forbidden_terms(source, target)


def acronyms(source: str, target: str, terms: Sequence[Term]) -> list[str]:
    """Latin all-caps acronyms of the source missing from the target (see `TermChecks`)."""
    return TermChecks(terms).acronyms(source, target)


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
