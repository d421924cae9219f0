"""The fuzzy-match score: character Levenshtein similarity on matching keys, 0..100.

score = 100 * (1 - lev(a, b) / max(len(a), len(b))), as OmegaT and Trados score fuzzy matches;
two empty keys score 100. Index lookups and the brute-force scan compute it the same way
(rapidfuzz's normalized similarity times 100), so their scores compare equal, not just close.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein


def similarity(a: str, b: str) -> float:
    """Levenshtein similarity of two keys, 0..100 (100 = identical)."""
    return Levenshtein.normalized_similarity(a, b) * 100.0
