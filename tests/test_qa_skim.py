"""QA's shortcuts (tmbuilder.qa.skim) change nothing: the same findings with them as without.

Each shortcut skips work that can find nothing (tokens that cannot start a number, texts with
no URL, no date, no bracket...). These tests run the checks both ways, on real pairs (the QA
dev set, the reviewed seeds, the load bench's recombined pairs) and on generated text made of
the pieces the shortcuts look for, and compare every finding and every number read.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_qa_seed_pairs import SEED_PAIRS
from tmbuilder.inline import CodeKind, code_char
from tmbuilder.model import Term, TermStatus
from tmbuilder.qa import checks, checks_urls, numbers, skim
from tmbuilder.qa.checks import Finding, QaUnit, check_unit
from tmbuilder.qa.checks_terms import TermChecks
from tmbuilder.qa.number_compare import compare_numbers
from tmbuilder.qa.numbers import Lang, Quantity, extract_numbers

DATA = Path(__file__).parent / "data" / "qa_dev"
T = TypeVar("T")


def _clear_caches() -> None:
    # Results cached while skimming must not answer for the full path, nor the other way round.
    checks._number_diffs.cache_clear()
    checks_urls.blank_urls.cache_clear()
    numbers._digit_tokens.cache_clear()
    numbers.read_digits.cache_clear()


@contextmanager
def _full_path() -> Iterator[None]:
    _clear_caches()
    skim.ENABLED = False
    try:
        yield
    finally:
        skim.ENABLED = True
        _clear_caches()


def both_ways(run: Callable[[], T]) -> tuple[T, T]:
    """`run()` with the shortcuts, then without them."""
    _clear_caches()
    fast = run()
    with _full_path():
        full = run()
    return fast, full


GLOSSARY = TermChecks(
    [
        Term("Bộ Chính trị", "Politburo", TermStatus.APPROVED),
        Term("tăng trưởng", "growth", TermStatus.APPROVED),
        Term("Thủ tướng", "prime minister", TermStatus.FORBIDDEN),
    ]
)


def _findings(pairs: list[tuple[str, str]]) -> list[list[Finding]]:
    return [check_unit(QaUnit(i, s, t), glossary=GLOSSARY) for i, (s, t) in enumerate(pairs)]


def _dev_pairs() -> list[tuple[str, str]]:
    pairs = []
    for name in ("correct_dev.tsv", "errors_dev.tsv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            pairs += [(r["source"], r["target"]) for r in csv.DictReader(handle, delimiter="\t")]
    return pairs


def _bench_pairs(n: int = 400) -> list[tuple[str, str]]:
    """Pairs as bench/bench_qa_load.py makes them: numbered, some with a slip."""
    rng = random.Random(14)
    pairs = []
    for i in range(n):
        source, target = SEED_PAIRS[i % len(SEED_PAIRS)]
        source, target = f"{source} (mục {i})", f"{target} (item {i})"
        if rng.random() < 0.2:
            target = target.replace(f"item {i}", f"item {i + 1}").replace(" ", "  ", 1)
        pairs.append((source, target))
    return pairs


@pytest.mark.parametrize(
    "pairs", [_dev_pairs(), list(SEED_PAIRS), _bench_pairs()], ids=["dev", "seeds", "bench"]
)
def test_real_pairs_give_the_same_findings(pairs: list[tuple[str, str]]) -> None:
    fast, full = both_ways(lambda: _findings(pairs))
    assert fast == full
    assert any(fast), "the pairs should raise some findings, or the test shows little"


def test_the_full_path_is_really_taken() -> None:
    # A guard on the guard: without the shortcuts, a plain word is looked at as a number start.
    seen: list[int] = []
    original = numbers._word_draft

    def spy(text: str, tokens: numbers._Tokens, i: int, lang: Lang) -> tuple[list, int]:  # type: ignore[type-arg]
        seen.append(i)
        return original(text, tokens, i, lang)

    numbers._word_draft = spy  # type: ignore[assignment]
    try:
        both_ways(lambda: (seen.clear(), extract_numbers("xin chào bạn", Lang.VI)))
    finally:
        numbers._word_draft = original
    assert seen == [0, 1, 2]  # the full path's run, last


# Generated text: the pieces the shortcuts and the readers care about, glued by separators.
_WORDS = """
0 1 2 3 7 10 12 14 30 90 1.500 1,5 2.000.000 10,5 2026 1999 4.2 12.2016 7-2014
2/9 2-12 14h30 3:15 5bn $10m 10% 20km
một hai ba bốn năm sáu bảy tám chín mười mươi mốt lăm tư trăm nghìn ngàn triệu tỷ
rưỡi nửa tháng ngày tuần tuổi thế kỷ thập niên phần trăm những năm nay ngày Hai MƯỜI
a an one two three twenty-one fourth half dozen hundred thousand million billion
and of the about nearly khoảng gần miles km p.m. st th s
January May Sept Dec Mar quý I II XIV IV L V X XL VIII
USD UBND TS PGS CEO NASA H5N1 G7 Hà Nội Việt Nam Bộ Chính trị tăng trưởng growth
http://vnexpress.net https://t.ly/2x9 www.bbc.co.uk sggp.org.vn ai@example.com
( ) [ ] { } " “ ” ' . , ; : ! ? … -
"""
_PIECES = [
    *_WORDS.split(),
    "Thủ tướng",
    code_char(CodeKind.OPEN, 1),
    code_char(CodeKind.CLOSE, 1),
    code_char(CodeKind.ISOLATED, 2),
]
_GLUE = st.sampled_from([" ", " ", " ", "  ", "", "-", "–", ".", ",", "/", "\u00a0", "\n"])
_TEXT = st.lists(st.tuples(st.sampled_from(_PIECES), _GLUE), max_size=14).map(
    lambda parts: "".join(piece + glue for piece, glue in parts)
)
_ANY_TEXT = st.one_of(_TEXT, st.text(max_size=40))


def _read(text: str, lang: Lang) -> list[Quantity]:
    return extract_numbers(text, lang)


@settings(max_examples=400, deadline=None)
@given(source=_ANY_TEXT, target=_ANY_TEXT)
def test_generated_pairs_give_the_same_findings(source: str, target: str) -> None:
    fast, full = both_ways(
        lambda: (
            _findings([(source, target)]),
            compare_numbers(source, target),
            _read(source, Lang.VI),
            _read(target, Lang.EN),
        )
    )
    assert fast == full
