"""English sentences for the aligner: the project's English rule set (text/segment_rules_en.py).

One segmenter per process: building it compiles the rule set's patterns once.
"""

from __future__ import annotations

from functools import lru_cache

from tmbuilder.text.segment import Segmenter


@lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    return Segmenter.for_language("en")


def split_english(paragraph: str) -> list[str]:
    """The sentences of one English paragraph, stripped, none empty."""
    return _segmenter().split(paragraph)
