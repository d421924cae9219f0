"""English words that never make or edge a term: the renderings' filter and the extractor's
(Vietnamese documentation often leaves English phrases untranslated: "you can", "a list of")."""

from __future__ import annotations

from functools import cache
from importlib import resources

ENGLISH_FUNCTION_WORDS = frozenset(
    """a an the of and or to in on at for with by from as is are was were be been its it this
    that these those their his her our your into over under between among than which who
    whose whom what when where why how not no so but if then there here also very more
    most""".split()  # noqa: SIM905
)
# What a noun's rendering never starts with: auxiliaries, modals and pronouns open clauses.
CLAUSE_OPENERS = frozenset(
    """had has have having was were is are am be been being will would shall should can could
    may might must do does did i you he she we they it me him us them my mine your yours his
    her hers our ours their theirs its this that these those""".split()  # noqa: SIM905
)
# Determiners, quantifiers and cardinal numbers (closed classes of English grammar): they
# stand beside a noun's rendering without belonging to the term ("some | good thing",
# "four | gearshifts").
QUANTIFIERS = frozenset(
    """some any all every each many much few several both either neither such other another
    one two three four five six seven eight nine ten eleven twelve twenty hundred thousand
    million billion first second third last next""".split()  # noqa: SIM905
)


@cache
def _non_nouns() -> frozenset[str]:
    text = resources.files("tmbuilder.glossary").joinpath("data", "english_non_nouns.tsv")
    lines = text.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def never_noun(word: str) -> bool:
    """Whether an English word is only ever an adjective, verb or adverb ("financial",
    "represent", "energizing"): it cannot head a noun term's rendering. From the SPECIALIST
    Lexicon by way of lemminflect (data/SOURCES.md); words it does not know may be nouns."""
    return word in _non_nouns()
