"""Sentence-segmentation rules for English, as data: the aligner (`tmbuilder align`) splits the
English side of a bitext with them, and `tmbuilder segment --lang en` shows what they do.

Same engine and regex dialect as the Vietnamese rules (segment_rules.py), so they export to SRX
the same way. Where the lists come from:

- Titles, military ranks, `e.g.`/`i.e.`/`vs.` and the abbreviations that only stand before a
  number (`No.`, `pp.`, `Art.`, the months) are the English non-breaking prefixes of the Moses
  toolkit (`nonbreaking_prefix.en`, as sacremoses 0.2 ships it, MIT), grouped here by how each
  one behaves before the next word. Moses's single capital letters become the initials rule.
- Added by us (marked below): `St.`/`Mt.`/`Ft.`, `cf.`, `Vol.`/`Fig.`/`Sec.`/`Ch.`/`Sept.`,
  company and name suffixes (`Inc.`, `Ltd.`, `Co.`, `Corp.`, `Jr.`, `Sr.`) and `etc.`,
  `a.m.`/`p.m.`, which end sentences as often as they sit inside one.
- The words that tell a sentence end after such a suffix or a dotted acronym (`U.S.`) are
  English closed-class words (articles, pronouns, conjunctions, common prepositions and
  auxiliaries) plus the commonest sentence adverbs: grammar, not a corpus list.
"""

from __future__ import annotations

from tmbuilder.text.segment_rules import (
    CLOSERS,
    ELLIPSIS,
    OPEN_QUOTES,
    OPENERS,
    SENTENCE_END,
    WS,
    BreakRule,
    SegmentationRules,
    sentence_end_rule,
)

# Never the end of a sentence: they stand before a name or an example.
ENGLISH_ABBREVIATIONS: tuple[str, ...] = (
    # Moses nonbreaking_prefix.en: titles and ranks
    "Adj.", "Adm.", "Adv.", "Asst.", "Bart.", "Bldg.", "Brig.", "Bros.", "Capt.", "Cmdr.",
    "Col.", "Comdr.", "Con.", "Cpl.", "DR.", "Dr.", "Drs.", "Ens.", "Gen.", "Gov.", "Hon.",
    "Hr.", "Hosp.", "Insp.", "Lt.", "MM.", "MR.", "MRS.", "MS.", "Maj.", "Messrs.", "Mlle.",
    "Mme.", "Mr.", "Mrs.", "Ms.", "Msgr.", "Op.", "Ord.", "Pfc.", "Ph.", "Prof.", "Pvt.",
    "Rep.", "Reps.", "Res.", "Rev.", "Rt.", "Sen.", "Sens.", "Sfc.", "Sgt.", "Supt.", "Surg.",
    # Moses: examples and comparisons
    "v.", "vs.", "i.e.", "e.g.",
    # added by us: places before their name, "compare"
    "St.", "Mt.", "Ft.", "cf.",
)  # fmt: skip

# Not a sentence end before a number ("No. 5", "pp. 12", "Jan. 3").
NUMERIC_ONLY: tuple[str, ...] = (
    # Moses (#NUMERIC_ONLY# entries and the months)
    "No", "Nos", "Art", "Nr", "pp", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Oct", "Nov", "Dec",
    # added by us
    "Sept", "Vol", "Fig", "Sec", "Ch", "p",
)  # fmt: skip

# End a sentence before a closed-class word, not before a name ("Apple Inc. The company ...",
# "Apple Inc. CEO Tim Cook"). Added by us.
SUFFIXES: tuple[str, ...] = ("Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "Esq", "etc", "a.m", "p.m")

# English closed-class words and common sentence adverbs, capitalised as they open a sentence.
SENTENCE_OPENERS: tuple[str, ...] = (
    "The", "A", "An", "This", "That", "These", "Those", "There", "Here", "It", "Its", "I",
    "We", "You", "He", "She", "They", "Our", "My", "Your", "His", "Her", "Their", "What",
    "Who", "When", "Where", "Why", "How", "Which", "If", "But", "And", "Or", "So", "Yet",
    "In", "On", "At", "For", "With", "By", "From", "As", "After", "Before", "Since", "While",
    "Although", "Because", "Some", "Many", "Most", "All", "Each", "Every", "No", "Not",
    "Is", "Are", "Was", "Were", "Do", "Does", "Did", "Can", "Could", "Will", "Would",
    "Should", "Then", "Now", "However", "Also", "Still", "Today", "Yesterday",
)  # fmt: skip


def _alternation(words: tuple[str, ...]) -> str:
    ordered = sorted(dict.fromkeys(words), key=lambda w: (-len(w), w))
    return "|".join(w.replace(".", r"\.") for w in ordered)


_DOTTED_ACRONYM = r"(?<![\p{L}\p{N}.])(?:\p{Lu}\.){2,}"
_SUFFIX = r"(?<![\p{L}\p{N}.])(?:" + _alternation(SUFFIXES) + r")\."
_OPENER_WORD = r"(?:" + _alternation(SENTENCE_OPENERS) + r")(?![\p{L}\p{N}])"

_ENGLISH_RULES: tuple[BreakRule, ...] = (
    BreakRule(
        # "... in the U.S. The next day ...", "... Apple Inc. It said ...": a dotted acronym or a
        # company suffix before a word that only opens sentences ends the sentence.
        before=f"(?:{_DOTTED_ACRONYM}|{_SUFFIX}){CLOSERS}",
        after=WS + r"+" + OPENERS + _OPENER_WORD,
        is_break=True,
        name="acronym or suffix before a sentence opener",
    ),
    BreakRule(
        # "U.S. Army", "J. K. Rowling", "George W. Bush", "Apple Inc. CEO": before any other
        # capitalised word they belong to a name.
        before=r"(?<![\p{L}\p{N}])\p{Lu}\.|" + _SUFFIX,
        after=WS + r"+" + OPENERS + r"\p{Lu}",
        is_break=False,
        name="initial, acronym or suffix in a name",
    ),
    BreakRule(
        # "No. 5", "pp. 12-14", "Jan. 3, 2024".
        before=r"(?<![\p{L}\p{N}])(?:" + _alternation(NUMERIC_ONLY) + r")\.",
        after=WS + r"+\p{N}",
        is_break=False,
        name="abbreviation before a number",
    ),
    BreakRule(
        # "1. Introduction", "II. Results", "a. Scope" at the start of a line are list labels.
        before=r"^" + WS + r"*(?:\p{N}{1,3}|[IVXLC]{1,6}|\p{Ll})\.",
        after=WS,
        is_break=False,
        name="list label",
    ),
    BreakRule(
        # "it cost... $5", "he said... “fine”": a pause inside the sentence.
        before=ELLIPSIS + CLOSERS,
        after=WS + r"+(?:[\p{N}$€£]|" + OPEN_QUOTES + r"+\p{Ll})",
        is_break=False,
        name="pause before a figure or quote",
    ),
    BreakRule(
        before=SENTENCE_END + WS + r"+" + ELLIPSIS,
        after=WS,
        is_break=False,
        name="opening ellipsis",
    ),
    sentence_end_rule(),
)


def english_rules() -> SegmentationRules:
    """The built-in English rules."""
    return SegmentationRules(abbreviations=ENGLISH_ABBREVIATIONS, rules=_ENGLISH_RULES)
