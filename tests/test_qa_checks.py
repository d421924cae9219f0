"""Each QA check: true positives and clean negatives on realistic Vietnamese/English pairs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from test_qa_seed_pairs import SEED_PAIRS, seed_units
from tmbuilder.errors import ConfigError
from tmbuilder.glossary.check import check_consistency
from tmbuilder.model import Term, TermStatus
from tmbuilder.qa import checks, checks_terms
from tmbuilder.qa.checks import QaUnit, check_project, check_unit, has_errors
from tmbuilder.qa.checks_terms import TermChecks
from tmbuilder.qa.registry import Severity, all_checks, check_info, validate_disabled

CAPTION = ("Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith tại lễ đón.",)
TRADE_VI = "Hướng tới mốc 10 tỷ USD thương mại song phương"
TRADE_EN = "Towards USD 10 billion in bilateral trade"
LPRP_VI = (
    "Tiếp đó, Tổng Bí thư Tô Lâm đã cùng Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith đồng "
    "chủ trì hội nghị thông báo kết quả Đại hội lần thứ 12 của Đảng Nhân dân cách mạng (NDCM) Lào."
)
LPRP_EN = (
    "General Secretary To Lam and Lao General Secretary and President Thongloun Sisoulith then "
    "co-chaired a conference announcing the results of the 12th National Congress of the Lao "
    "People's Revolutionary Party (LPRP)."
)
SGGP_VI = (
    "(Báo SGGP trân trọng giới thiệu và mời xem toàn văn Tuyên bố chung Việt Nam - Lào trên "
    "www.sggp.org.vn)"
)
SGGP_EN = (
    "(SGGP Newspaper presents the full text of the Vietnam-Laos Joint Statement on www.sggp.org.vn)"
)
VISIT_VI = "Tổng Bí thư Tô Lâm và phu nhân dự lễ kỷ niệm 50 năm Quốc khánh Lào."
VISIT_EN = (
    "General Secretary To Lam and his spouse attend the ceremony marking the 50th anniversary "
    "of Laos' National Day."
)
QUOTED = next(pair for pair in SEED_PAIRS if "“gắn kết chiến lược”" in pair[0])
TERMS = [
    Term(
        "Đảng Nhân dân Cách mạng Lào", "Lao People's Revolutionary Party; LPRP", TermStatus.APPROVED
    ),
    Term(
        "gắn kết chiến lược", "strategic connectivity", TermStatus.APPROVED, variants=("gắn kết",)
    ),
    Term("Lào", "Laos; Lao", TermStatus.APPROVED),
    Term("Chủ tịch nước Lào", "Lao President", TermStatus.APPROVED),
    Term("Tổng Bí thư", "Party chief", TermStatus.FORBIDDEN),
    Term("Đảng NDCM Lào", "LPRP", TermStatus.APPROVED),
]


def checks_of(source: str, target: str, terms: list[Term] | None = None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in check_unit(QaUnit(1, source, target), terms=terms or []):
        found.setdefault(f.check, []).append(f.message)
    return found


# Each case: a realistic slip in a reviewed seed translation, and the check that must catch it.
TRUE_POSITIVES = [
    ("number-mismatch", TRADE_VI, "Towards USD 10 million in bilateral trade"),
    ("number-mismatch", VISIT_VI, VISIT_EN.replace("50th", "15th")),
    ("number-mismatch", LPRP_VI, LPRP_EN.replace("12th", "11th")),
    ("target-identical", TRADE_VI, TRADE_VI),
    ("url", SGGP_VI, SGGP_EN.replace(" on www.sggp.org.vn", " on its website")),
    ("number-format", "Giá tăng 10,5% trong năm 2025.", "Prices rose 10,5% in 2025."),
    ("number-format", "Kim ngạch đạt 1.500.000 USD.", "Turnover reached USD 1.500.000."),
    ("end-punctuation", VISIT_VI, VISIT_EN.rstrip(".")),
    ("end-punctuation", "Ảnh: TTXVN.", "Photo: VNA"),
    ("brackets", SGGP_VI, SGGP_EN.rstrip(")")),
    ("quotes", QUOTED[0], QUOTED[1].replace("”", "")),
    ("double-space", TRADE_VI, "Towards USD 10 billion in  bilateral trade"),
    ("whitespace", TRADE_VI, TRADE_EN + " "),
    ("whitespace", TRADE_VI, " " + TRADE_EN),
    ("repeated-word", VISIT_VI, VISIT_EN.replace("the ceremony", "the the ceremony")),
    ("capitalization", VISIT_VI, "g" + VISIT_EN[1:]),
    ("length-ratio", SEED_PAIRS[12][0], SEED_PAIRS[12][1][:60]),
    ("length-ratio", VISIT_VI, VISIT_EN + " " + VISIT_EN + " " + VISIT_EN),
    (
        "acronym",
        "Việt Nam ủng hộ vai trò trung tâm của ASEAN.",
        "Vietnam supports the bloc's role.",
    ),
]


@pytest.mark.parametrize(("check", "source", "target"), TRUE_POSITIVES)
def test_true_positive(check: str, source: str, target: str) -> None:
    found = checks_of(source, target)
    assert check in found, found


CLEAN = [
    (TRADE_VI, TRADE_EN),
    (TRADE_VI, "Towards $10 billion in two-way trade"),  # USD as "$" is carried
    (LPRP_VI, LPRP_EN),
    (SGGP_VI, SGGP_EN),
    (SGGP_VI, SGGP_EN.replace("www.sggp.org.vn", "http://www.sggp.org.vn/")),
    (VISIT_VI, VISIT_EN),
    ("Ảnh: TTXVN", "Photo: VNA"),  # TTXVN is translated, not carried
    ("Thongloun Sisoulith", "Thongloun Sisoulith"),  # a name is legitimately identical
    ("Giá tăng 10,5% trong năm 2025.", "Prices rose 10.5% in 2025."),
    ("Đại hội XIV của Đảng", "The 14th National Party Congress"),
    ("Việt Nam ủng hộ vai trò trung tâm của ASEAN.", "Vietnam supports ASEAN's central role."),
    ("Ông nói: “Đây là dấu mốc lịch sử.”", 'He said: "This is a historic milestone."'),
    ("iPhone được bán tại Lào.", "iPhones are sold in Laos."),
]


@pytest.mark.parametrize(("source", "target"), CLEAN)
def test_clean_pair_has_no_finding(source: str, target: str) -> None:
    assert checks_of(source, target) == {}


def test_glossary_term_missing_and_present() -> None:
    source = "Hai bên tăng cường gắn kết chiến lược."
    assert "glossary-term" in checks_of(source, "The two sides strengthened strategic ties.", TERMS)
    assert (
        checks_of(source, "The two sides strengthened their strategic connectivity.", TERMS) == {}
    )


def test_glossary_alternatives_inflection_and_longest_match() -> None:
    source = "Đảng Nhân dân Cách mạng Lào tổ chức thành công Đại hội 12."
    for target in (
        "The LPRP successfully held its 12th Congress.",
        "The Lao People's Revolutionary Party successfully held its 12th Congress.",
        "The Lao People's Revolutionary Party's 12th Congress was a success.",
    ):
        assert checks_of(source, target, TERMS) == {}, target
    found = checks_of(source, "The Party successfully held its 12th Congress.", TERMS)
    assert found == {
        "glossary-term": [
            'glossary: "Đảng Nhân dân Cách mạng Lào" should be '
            '"Lao People\'s Revolutionary Party; LPRP"'
        ]
    }
    # "Lào" inside "Chủ tịch nước Lào" needs "Lao President", not also "Laos".
    source = "Chủ tịch nước Lào phát biểu."
    assert checks_of(source, "The Lao President spoke.", TERMS) == {}
    found = checks_of(source, "The President spoke.", TERMS)
    assert found["glossary-term"] == ['glossary: "Chủ tịch nước Lào" should be "Lao President"']


def test_glossary_variant_is_found_and_acronym_left_to_the_glossary() -> None:
    source = "Đảng NDCM Lào khẳng định gắn kết với Việt Nam."
    found = checks_of(source, "The Lao party affirmed its bond with Vietnam.", TERMS)
    assert sorted(found["glossary-term"]) == [
        'glossary: "gắn kết chiến lược" should be "strategic connectivity"',
        'glossary: "Đảng NDCM Lào" should be "LPRP"',
    ]
    assert "acronym" not in found


def test_forbidden_term_is_an_error() -> None:
    findings = check_unit(
        QaUnit(3, "Tổng Bí thư Tô Lâm phát biểu.", "Party chief To Lam spoke."), terms=TERMS
    )
    assert [(f.check, f.severity) for f in findings] == [("forbidden-term", Severity.ERROR)]
    assert has_errors(findings)


def test_proposed_terms_are_not_enforced() -> None:
    terms = [Term("gắn kết chiến lược", "strategic connectivity", TermStatus.PROPOSED)]
    assert checks_of("Tăng cường gắn kết chiến lược.", "Strengthening strategic ties.", terms) == {}


def test_email_must_be_carried() -> None:
    source = "Mọi ý kiến xin gửi về toasoan@sggp.org.vn."
    assert "email" in checks_of(source, "Please send comments to the newsroom.")
    assert checks_of(source, "Please send comments to toasoan@sggp.org.vn.") == {}


@pytest.mark.parametrize("status", ["new", "draft", "translated"])
def test_untranslated_is_reported_alone(status: str) -> None:
    unit = QaUnit(7, TRADE_VI, "" if status != "new" else "leftover text", status=status)
    findings = check_unit(unit, terms=TERMS)
    assert [(f.check, f.severity) for f in findings] == [("untranslated", Severity.ERROR)]


def test_disabled_checks_are_skipped() -> None:
    unit = QaUnit(1, TRADE_VI, "towards USD 10 million in  bilateral trade ")
    found = {f.check for f in check_unit(unit)}
    assert {"number-mismatch", "double-space", "whitespace", "capitalization"} <= found
    remaining = check_unit(unit, disabled={"number-mismatch", "double-space", "whitespace"})
    assert {f.check for f in remaining} == found - {"number-mismatch", "double-space", "whitespace"}
    assert check_unit(QaUnit(2, TRADE_VI, ""), disabled={"untranslated"}) == []


def test_project_consistency() -> None:
    units = [
        QaUnit(1, "Ảnh: TTXVN", "Photo: VNA"),
        QaUnit(2, "Ảnh: TTXVN", "Photo: Vietnam News Agency"),
        QaUnit(3, "ảnh:  TTXVN", "Photo: VNA"),  # same key: case and spacing do not matter
        QaUnit(4, "Tổng Bí thư Tô Lâm phát biểu", "General Secretary To Lam speaks"),
        QaUnit(5, "Tổng Bí thư Tô Lâm phát biểu tại hội nghị", "General Secretary To Lam speaks"),
        QaUnit(6, "Hai lãnh đạo hội đàm", ""),  # untranslated units take no part
        QaUnit(7, "Hai lãnh đạo hội đàm", "The two leaders hold talks"),
    ]
    findings = check_project(units)
    inconsistent = {(f.segment_id, f.check) for f in findings if f.check.startswith("inconsistent")}
    assert inconsistent == {
        (1, "inconsistent-target"),
        (2, "inconsistent-target"),
        (3, "inconsistent-target"),
        (4, "inconsistent-source"),
        (5, "inconsistent-source"),
    }
    message = next(f.message for f in findings if f.segment_id == 2)
    assert '#1 "Photo: VNA"' in message and '#3 "Photo: VNA"' in message
    assert not has_errors([f for f in findings if f.segment_id != 6])
    assert check_project(units, disabled={"inconsistent-target", "inconsistent-source"}) == [
        f for f in findings if not f.check.startswith("inconsistent")
    ]


def test_check_project_keeps_unit_order_and_every_unit_is_checked() -> None:
    units = seed_units()
    broken = [QaUnit(u.segment_id, u.source, u.target + "  ") for u in units[:3]]
    findings = check_project([*broken, *units[3:]])
    assert [f.segment_id for f in findings] == [1, 2, 3]


def test_registry_ids_severities_and_validation() -> None:
    ids = [c.id for c in all_checks()]
    assert len(ids) == len(set(ids))
    errors = {c.id for c in all_checks() if c.severity is Severity.ERROR}
    assert errors == {
        "untranslated",
        "target-identical",
        "number-mismatch",
        "inline-codes",
        "url",
        "email",
        "forbidden-term",
    }
    assert check_info("quotes").severity is Severity.WARNING
    validate_disabled(["double-space", "acronym"])
    with pytest.raises(ConfigError, match=r"tmbuilder\.toml: .*unknown check double-spaces"):
        validate_disabled(["double-spaces"])


def test_has_errors_ignores_warnings() -> None:
    warnings_only = check_unit(QaUnit(1, TRADE_VI, TRADE_EN + " "))
    assert warnings_only and not has_errors(warnings_only)
    assert not has_errors([])


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120))
def test_any_text_gives_well_formed_findings(source: str, target: str) -> None:
    known = {c.id for c in all_checks()}
    for finding in check_unit(QaUnit(1, source, target)):
        assert finding.check in known
        assert finding.severity is check_info(finding.check).severity
        assert "\n" not in finding.message


HOSTILE_TEXTS = [
    "a." * 10_000,  # a dotted run that is no URL
    "A" * 20_000 + "b",  # a capital run that is no acronym
    "1" * 20_000,  # a digit run too long to be a number
    "1.000" * 4_000,  # a thousands grouping too long to print
    "2-12 " * 4_000,  # thousands of possible dates
    "tỷ " * 5_000,  # scale words with nothing to scale
    "x" * 20_000 + "@y",  # almost an e-mail address
    "\x00\ufeff\u202e" * 1_000,  # control and bidi characters
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=range(len(HOSTILE_TEXTS)))
def test_hostile_segments_are_checked_without_error(text: str) -> None:
    for finding in check_unit(QaUnit(1, text, text[::-1]), terms=TERMS):
        assert "\n" not in finding.message


def test_core_does_not_import_textual() -> None:
    code = "import sys, tmbuilder.qa.report, tmbuilder.qa.checks; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# -- the glossary prepared once per run -----------------------------------------------------------
def test_check_project_prepares_the_glossary_once(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []

    class Counting(TermChecks):
        def __init__(self, terms: Sequence[Term]) -> None:
            built.append(len(terms))
            super().__init__(terms)

    monkeypatch.setattr(checks, "TermChecks", Counting)
    units = seed_units()
    findings = check_project(units, terms=TERMS)
    assert built == [len(TERMS)]
    assert any(f.check == "glossary-term" for f in findings)
    per_call = [f for u in units for f in check_unit(u, terms=TERMS)]
    assert len(built) == 1 + len(units)  # without a prepared glossary: one per unit
    assert [f for f in findings if not f.check.startswith("inconsistent")] == per_call


def test_check_unit_takes_terms_or_a_prepared_glossary() -> None:
    unit = QaUnit(3, "Tổng Bí thư Tô Lâm phát biểu.", "Party chief To Lam spoke.")
    prepared = TermChecks(TERMS)
    assert check_unit(unit, glossary=prepared) == check_unit(unit, terms=TERMS)
    with pytest.raises(ValueError, match="not both"):
        check_unit(unit, terms=TERMS, glossary=prepared)


def _old_glossary_terms(source: str, target: str, terms: Sequence[Term]) -> list[str]:
    """glossary_terms as it was: glossary.check.check_consistency over the approved terms."""
    approved = [t for t in terms if t.status is TermStatus.APPROVED and t.target.strip()]
    issues = check_consistency(approved, [(0, source, target)])
    missing = dict.fromkeys(i.term for i in issues if i.kind == "missing-term")
    by_source = {t.source: t for t in approved}
    return [f'glossary: "{name}" should be "{by_source[name].target}"' for name in missing]


def _old_forbidden_terms(target: str, terms: Sequence[Term]) -> list[str]:
    """forbidden_terms as it was: every forbidden entry scanned for in every target."""
    tokens = checks_terms._en_tokens(target)
    found = [
        t
        for t in terms
        if t.status is TermStatus.FORBIDDEN
        and t.target.strip()
        and any(
            checks_terms._find(tokens, alt, inflected=True)
            for alt in checks_terms._alternatives(t.target)
        )
    ]
    return [f'forbidden term "{t.target}" (for "{t.source}")' for t in found]


VI_WORDS = ["Tổng", "Bí", "bí", "thư", "Lào", "Đảng", "NDCM", "gắn", "kết", "chiến", "lược", ","]
# Few English words, with their plurals and possessives, so forbidden English turns up inflected.
EN_WORDS = ["party", "parties", "Party's", "chief", "chiefs", "box", "boxes", "LPRP", "the"]
vi_phrases = st.lists(st.sampled_from(VI_WORDS), min_size=1, max_size=4).map(" ".join)
en_phrases = st.lists(st.sampled_from(EN_WORDS), max_size=2).map(" ".join)
glossaries = st.lists(
    st.builds(
        Term,
        source=vi_phrases,
        target=st.lists(en_phrases, min_size=1, max_size=2).map("; ".join),
        status=st.sampled_from(list(TermStatus)),
        variants=st.lists(vi_phrases, max_size=1).map(tuple),
    ),
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(
    glossaries,
    st.lists(st.sampled_from(VI_WORDS), max_size=16).map(" ".join),
    st.lists(st.sampled_from(EN_WORDS), max_size=10).map(" ".join),
)
@example([Term("đảng", "party", TermStatus.FORBIDDEN)], "", "The parties met.")
@example([Term("hộp", "box", TermStatus.FORBIDDEN)], "", "Two boxes.")
@example([Term("hộp", "box; chief", TermStatus.FORBIDDEN)], "", "Boxes, the chiefs.")
def test_prepared_term_checks_equal_the_per_call_checks(
    terms: list[Term], source: str, target: str
) -> None:
    prepared = TermChecks(terms)
    assert prepared.glossary_terms(source, target) == _old_glossary_terms(source, target, terms)
    assert prepared.forbidden_terms(source, target) == _old_forbidden_terms(target, terms)


def test_quotes_silent_when_the_source_continues_a_quotation() -> None:
    # A subtitle inside a quotation: English opens it after the speech verb, mid-sentence.
    source = '"Ở Đức không có mức án tử hình'
    target = "He said, \"We don't have the death penalty in Germany."
    assert "quotes" not in checks_of(source, target)
    # ... while a target dropping the closing quote of a closed source quotation is flagged.
    assert "quotes" in checks_of('Ông nói: "Không." Rồi đi.', 'He said, "No. Then he left.')


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Ông ấy gọi 115 ngay.", "He called 911 right away."),
        ("Gia đình bà gọi cấp cứu.", "Her family called 911."),
        ("Hãy gọi cảnh sát!", "Dial 999!"),
    ],
)
def test_localised_emergency_numbers_are_no_mismatch(source: str, target: str) -> None:
    assert "number-mismatch" not in checks_of(source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Ông ấy gọi 115 ngay.", "He called 912 right away."),  # no emergency number
        ("Có 15 người đến.", "There were 911 people."),  # no emergency said in the source
        ("Ông gọi 115 và 113.", "He called 911."),  # one localised, the other dropped
    ],
)
def test_emergency_numbers_do_not_hide_a_changed_number(source: str, target: str) -> None:
    assert "number-mismatch" in checks_of(source, target)
