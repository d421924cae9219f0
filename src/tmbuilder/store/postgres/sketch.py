"""The syllable sketch of a match key: what the server's fuzzy search finds candidates with.

A key's sketch is one letter per syllable (a word between spaces, punctuation dropped), the
letter drawn from 36 by an md5 of the syllable: "tôi ngồi ngay đằng sau ông." -> six letters.
pg_trgm indexes a sketch as one word, so its trigrams are runs of three syllables. Character
trigrams of Vietnamese are few and common (5,600 distinct ones in 200,000 sentences): a GIN
scan of a sentence's ~80 of them walks posting lists of tens of thousands of rows, 300 ms of
server CPU a lookup at 200,000 units (bench/bench_pg.py). Syllable runs are rare (5 ms a
lookup, the same recall@5) and a sketch has a third as many trigrams. 36 letters, all ASCII,
keep the index's distinct keys at most 36^3: with one CJK letter per syllable they ran into
millions and the index took three times as long to build; with 36 it builds faster than the
character index did (13 s against 19 s at 200,000 units on a loaded machine).

What a sketch misses: a neighbour that differs in every second or third syllable (no run of
three left), a tone mark dropped throughout included. The floor of 0.1 keeps those whose runs
mostly survive; the rest are the recall@5 bench_pg.py reports short of 100 %. Short keys (a few
syllables) have too few runs to find a neighbour that differs in one of them: their candidates
come from the character trigrams of the key, indexed for short keys only.

The database computes the same sketch for rows written before the column existed (migration
v5's `tmbuilder_sketch`); tests/test_pg_fuzzy.py checks the two agree.
"""

from __future__ import annotations

import re
from hashlib import md5

LETTERS = "0123456789abcdefghijklmnopqrstuvwxyz"
# Dropped before splitting, so "ông." and "ông" are one syllable: ASCII punctuation and the
# few marks match_key leaves in Vietnamese text. The SQL twin below names the same characters.
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~…–—«»"
_DROP = re.compile("[" + re.escape(PUNCTUATION) + "]")  # str.translate: 4x slower


# syllable -> letter, for every syllable seen: a memory has some tens of thousands of them, and
# a dict lookup is what keeps a sketch at ~3 µs a sentence (an md5 a syllable would be 12).
_LETTERS: dict[str, str] = {"": ""}


def _letter(syllable: str) -> str:
    digest = md5(syllable.encode(), usedforsecurity=False).hexdigest()
    letter = _LETTERS[syllable] = LETTERS[int(digest[:4], 16) % len(LETTERS)]
    return letter


def sketch(key: str) -> str:
    """One letter per syllable of `key` (see the module doc); '' when it has none."""
    syllables = _DROP.sub("", key).split(" ")
    try:
        return "".join(map(_LETTERS.__getitem__, syllables))
    except KeyError:
        return "".join([_LETTERS[s] if s in _LETTERS else _letter(s) for s in syllables])


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# The same function in SQL (standard_conforming_strings: a backslash is itself).
SKETCH_FUNCTION = f"""
CREATE FUNCTION tmbuilder_sketch(key TEXT) RETURNS TEXT
IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $fn$
  SELECT coalesce(string_agg(
           substr('{LETTERS}', ('x' || substr(md5(s), 1, 4))::bit(16)::int % {len(LETTERS)} + 1, 1),
           '' ORDER BY n), '')
  FROM unnest(string_to_array(translate(key, {_sql_literal(PUNCTUATION)}, ''), ' '))
       WITH ORDINALITY AS t(s, n)
  WHERE s <> ''
$fn$
"""
