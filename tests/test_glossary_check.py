"""Consistency checks and term hits."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.glossary.align import renderings
from tmbuilder.glossary.check import (
    TermIssue,
    TermMatcher,
    _english_key,
    _english_pattern,
    check_consistency,
    find_term_hits,
)
from tmbuilder.glossary.extract import BREAK, token_spans
from tmbuilder.model import Term, TermStatus

APPROVED = Term(
    "hợp tác toàn diện",
    target="comprehensive cooperation",
    status=TermStatus.APPROVED,
    variants=("hợp tác toàn điện",),
)
SECRETARY = Term("Tổng Bí thư", target="General Secretary", status=TermStatus.APPROVED)
FORBIDDEN = Term("Viêng Chăn", target="Viang Chan", status=TermStatus.FORBIDDEN)


def test_missing_approved_english_is_reported_per_unit() -> None:
    units = [
        (1, "Hai bên thúc đẩy hợp tác toàn diện.", "Both sides promote comprehensive cooperation."),
        (2, "Hợp tác toàn diện Việt Nam - Lào.", "All-round cooperation between Vietnam and Laos."),
        (3, "Hợp tác toàn điện phát triển.", "Comprehensive  Cooperation grows."),  # variant, case
        (4, "Tổng Bí thư phát biểu.", "The General-Secretary spoke."),  # dash spelling
        (5, "Tổng bí thư đến.", "The party chief arrived."),
        (6, "Hợp tác toàn diện.", ""),  # untranslated: nothing to check
    ]
    issues = check_consistency([APPROVED, SECRETARY], units)
    assert [(i.kind, i.segment_id, i.expected) for i in issues] == [
        ("missing-term", 2, "comprehensive cooperation"),
        ("missing-term", 4, "General Secretary"),
        ("missing-term", 5, "General Secretary"),
    ]
    assert all("\n" not in i.message and i.term in i.message for i in issues)


def test_alternatives_and_forbidden_english() -> None:
    approved = Term("Viêng Chăn", target="Vientiane; Viangchan", status=TermStatus.APPROVED)
    units = [(7, "Thủ đô Viêng Chăn.", "The capital Viangchan.")]
    assert check_consistency([approved], units) == []
    units = [(8, "Thủ đô Viêng Chăn.", "The capital Viang Chan."), (9, "Viêng Chăn.", "Vientiane.")]
    assert check_consistency([FORBIDDEN], units) == [
        TermIssue(
            "forbidden-term",
            "Viêng Chăn",
            8,
            "“Viêng Chăn” is translated as “Viang Chan”, which the glossary forbids",
        )
    ]


def test_a_term_rendered_two_ways_is_inconsistent() -> None:
    term = Term("gắn kết chiến lược")
    units = [
        (1, "Tăng cường gắn kết chiến lược.", "Strengthen the strategic bond."),
        (2, "Gắn kết chiến lược Việt Nam - Lào.", "The Vietnam-Laos strategic bond."),
        (3, "Trụ cột của gắn kết chiến lược.", "A pillar of the strategic bond."),
        (4, "Bổ sung gắn kết chiến lược.", "Adding strategic cohesion."),
        (5, "Hai bên họp.", "The two sides met."),
    ]
    issues = check_consistency([term], units)
    assert [(i.kind, i.segment_id, i.expected) for i in issues] == [
        ("inconsistent-term", 4, "strategic bond")
    ]
    consistent = [u for u in units if u[0] != 4]
    assert check_consistency([term], consistent) == []


def test_hits_are_offsets_into_the_source_and_the_longest_wins() -> None:
    terms = [Term("Tổng Bí thư"), Term("Tổng Bí thư Tô Lâm"), Term("Tô Lâm"), APPROVED]
    source = "Tổng Bí thư Tô Lâm gặp Tổng bí thư Lào về hợp tác toàn điện."
    hits = find_term_hits(source, terms)
    assert [(source[s:e], t.source) for s, e, t in hits] == [
        ("Tổng Bí thư Tô Lâm", "Tổng Bí thư Tô Lâm"),
        ("Tổng bí thư", "Tổng Bí thư"),
        ("hợp tác toàn điện", "hợp tác toàn diện"),
    ]


def test_hits_on_decomposed_text_and_whole_syllables_only() -> None:
    source = unicodedata.normalize("NFD", "Về hợp tác toàn diện.")
    ((start, end, _term),) = find_term_hits(source, [APPROVED])
    assert unicodedata.normalize("NFC", source[start:end]) == "hợp tác toàn diện"
    assert find_term_hits("hợp tác toàn diệnx", [APPROVED]) == []
    assert find_term_hits("", [APPROVED]) == []


def test_imported_terms_with_function_words_match() -> None:
    ministry = Term("Bộ Khoa học và Công nghệ", target="Ministry of Science and Technology")
    source = "Đại diện Bộ Khoa học và Công nghệ phát biểu."
    ((start, end, _term),) = find_term_hits(source, [ministry])
    assert source[start:end] == "Bộ Khoa học và Công nghệ"


# -- TermMatcher: built once, the same answers as indexing the glossary on every call ------------
def test_matcher_is_reused_across_units_and_wrappers_agree() -> None:
    terms = [Term("Tổng Bí thư"), Term("Tổng Bí thư Tô Lâm"), APPROVED, SECRETARY, FORBIDDEN]
    matcher = TermMatcher(terms)
    sources = ["Tổng Bí thư Tô Lâm đến Viêng Chăn.", "Hợp tác toàn diện.", "", "Không có gì."]
    for source in sources:
        assert matcher.hits(source) == find_term_hits(source, terms)
    units = [(1, sources[0], "General Secretary To Lam visits Viang Chan."), (2, sources[1], "x")]
    assert matcher.issues(units) == check_consistency(terms, units)
    assert [t.source for t in matcher.missing(sources[1], "Cooperation.")] == [APPROVED.source]
    assert matcher.missing(sources[1], "Comprehensive cooperations.") == []  # plural accepted
    assert matcher.missing(sources[1], "  ") == []  # nothing translated, nothing to check
    assert TermMatcher([]).hits(sources[0]) == []


def _reference_hits(source: str, terms: Sequence[Term]) -> list[tuple[int, int, Term]]:
    """find_term_hits as it was before TermMatcher: the index built per call, by first key."""
    spans = token_spans(source, cut_at_break_words=False)
    keys = [k for _s, _e, k in spans]
    by_first: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
    for term in terms:
        forms: list[tuple[str, ...]] = []
        for form in (term.source, *term.variants):
            key = tuple(
                k for _s, _e, k in token_spans(form, cut_at_break_words=False) if k != BREAK
            )
            if key and key not in forms:
                forms.append(key)
        for key in forms:
            by_first.setdefault(key[0], []).append((key, term))
    found = [
        (i, i + len(form), term)
        for i, key in enumerate(keys)
        for form, term in by_first.get(key, ())
        if tuple(keys[i : i + len(form)]) == form
    ]
    found.sort(key=lambda hit: (-(hit[1] - hit[0]), hit[0]))
    taken: list[tuple[int, int, Term]] = []
    used: set[int] = set()
    for start, end, term in found:
        if used.isdisjoint(range(start, end)):
            used.update(range(start, end))
            taken.append((start, end, term))
    taken.sort(key=lambda hit: hit[0])
    return [(spans[s][0], spans[e - 1][1], term) for s, e, term in taken]


def _reference_has_english(target: str, english: str) -> bool:
    key = _english_key(target)
    return any(
        wanted and re.search(_english_pattern(wanted), key)
        for wanted in (_english_key(alt) for alt in re.split(r"[;|]", english))
    )


def _reference_issues(
    terms: Sequence[Term], units: Sequence[tuple[int, str, str]]
) -> list[TermIssue]:
    """check_consistency as it was: hits per call, patterns per call, units scanned per term."""
    done = [(sid, src, tgt) for sid, src, tgt in units if tgt.strip()]
    hits_by_unit = [{id(t): t for _s, _e, t in _reference_hits(src, terms)} for _, src, _ in done]
    issues = []
    for (segment_id, _source, target), hits in zip(done, hits_by_unit, strict=True):
        for term in hits.values():
            if term.status == TermStatus.APPROVED and term.target:
                if not _reference_has_english(target, term.target):
                    issues.append(("missing-term", term.source, segment_id, term.target))
            elif (
                term.status == TermStatus.FORBIDDEN
                and term.target
                and _reference_has_english(target, term.target)
            ):
                issues.append(("forbidden-term", term.source, segment_id, ""))
    for term in terms:
        weak = term.target and term.confidence < 0.6
        if term.status != TermStatus.PROPOSED or weak:
            continue
        holding = [i for i, hits in enumerate(hits_by_unit) if id(term) in hits]
        if len(holding) < 2:
            continue
        chosen = renderings(term, [(done[i][1], done[i][2]) for i in holding])
        counts = Counter(_english_key(r) for r in chosen.values())
        if len(counts) < 2:
            continue
        (majority, top), (_, second) = counts.most_common(2)
        if top == second or top < 2:
            continue
        for local, rendering in chosen.items():
            segment_id, _src, target = done[holding[local]]
            if _english_key(rendering) != majority and not _reference_has_english(target, majority):
                issues.append(("inconsistent-term", term.source, segment_id, majority))
    issues.sort(key=lambda issue: (issue[2], issue[1], issue[0]))
    return [TermIssue(kind, term, sid, "", expected) for kind, term, sid, expected in issues]


# A small vocabulary so that generated terms occur in generated sources, nest and overlap.
SYLLABLES = ["Tổng", "bí", "Bí", "thư", "Tô", "Lâm", "hợp", "tác", "toàn", "diện", "Hoà", "hòa"]
SOURCE_WORDS = [*SYLLABLES, "bình", ",", "-", "và", "(NDCM)", "Lào."]
ENGLISH = ["cooperation", "Party", "Parties", "general secretary", "peace; calm", "To Lam"]
phrases = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=4).map(" ".join)
terms_strategy = st.lists(
    st.builds(
        Term,
        source=phrases,
        target=st.sampled_from(["", *ENGLISH]),
        status=st.sampled_from(list(TermStatus)),
        variants=st.lists(phrases, max_size=2).map(tuple),
    ),
    max_size=12,
)
sources = st.lists(st.sampled_from(SOURCE_WORDS), max_size=25).map(" ".join)
targets = st.lists(st.sampled_from([*ENGLISH, "the", "and", "two"]), max_size=8).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(terms_strategy, st.lists(st.tuples(sources, targets), max_size=6))
def test_matcher_equals_the_per_call_path(terms: list[Term], pairs: list[tuple[str, str]]) -> None:
    matcher = TermMatcher(terms)
    for source, _target in pairs:
        assert matcher.hits(source) == _reference_hits(source, terms)
    units = [(i, source, target) for i, (source, target) in enumerate(pairs)]
    issues = matcher.issues(units)
    assert [(i.kind, i.term, i.segment_id, i.expected) for i in issues] == [
        (i.kind, i.term, i.segment_id, i.expected) for i in _reference_issues(terms, units)
    ]
    for segment_id, source, target in units:
        missing = [
            i.term for i in issues if i.segment_id == segment_id and i.kind == "missing-term"
        ]
        assert sorted(t.source for t in matcher.missing(source, target)) == sorted(missing)


# Reviewed-looking pairs that render the same terms in different ways, so that proposed terms
# drawn from them give inconsistent-term issues as well as missing and forbidden ones.
RENDERED = [
    ("Tăng cường gắn kết chiến lược.", "Strengthen the strategic bond."),
    ("Gắn kết chiến lược Việt Nam - Lào.", "The Vietnam-Laos strategic bond."),
    ("Bổ sung gắn kết chiến lược.", "Adding strategic cohesion."),
    ("Hai bên thúc đẩy hợp tác toàn diện.", "Both sides promote comprehensive cooperation."),
    ("Hợp tác toàn diện phát triển.", "Comprehensive cooperation grows."),
    ("Hợp tác toàn diện Việt Nam - Lào.", "All-round cooperation between Vietnam and Laos."),
    ("Tổng Bí thư Tô Lâm phát biểu.", "General Secretary To Lam spoke."),
    ("Tổng bí thư Tô Lâm đến.", "Party chief To Lam arrived."),
    ("Tổng Bí thư gặp hợp tác xã.", "The General Secretary met a cooperative."),
]
RENDERED_TERMS = [
    Term("gắn kết chiến lược"),
    Term("hợp tác toàn diện"),
    Term("Tổng Bí thư"),
    Term("Tô Lâm", target="To Lam", confidence=0.9),
    Term("hợp tác", target="cooperation", confidence=0.3),
    Term("Việt Nam", target="Viet Nam", status=TermStatus.APPROVED),
    Term("phát triển", target="grows", status=TermStatus.FORBIDDEN),
    APPROVED,
    SECRETARY,
    Term("Tổng Bí thư", target="Party chief", status=TermStatus.FORBIDDEN),
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(RENDERED_TERMS), min_size=1, max_size=6),
    st.lists(st.sampled_from(RENDERED), min_size=2, max_size=12),
)
def test_matcher_equals_the_per_call_path_on_renderings(
    terms: list[Term], pairs: list[tuple[str, str]]
) -> None:
    units = [(i, source, target) for i, (source, target) in enumerate(pairs)]
    expected = [(i.kind, i.term, i.segment_id, i.expected) for i in _reference_issues(terms, units)]
    issues = TermMatcher(terms).issues(units)
    assert [(i.kind, i.term, i.segment_id, i.expected) for i in issues] == expected


def test_rendering_pool_gives_every_kind_of_issue() -> None:
    # Keeps the property above honest: its pool must reach the inconsistent-term path.
    units = [(i, source, target) for i, (source, target) in enumerate(RENDERED)]
    kinds = {i.kind for i in TermMatcher(RENDERED_TERMS).issues(units)}
    assert kinds == {"missing-term", "forbidden-term", "inconsistent-term"}
