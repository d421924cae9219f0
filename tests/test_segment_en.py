"""English segmentation rules: abbreviations, initials, numbers, quotes; real TED text; the CLI."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tmbuilder.text.segment import Segmenter, rules_for_language
from tmbuilder.text.segment_rules import default_rules
from tmbuilder.text.segment_rules_en import ENGLISH_ABBREVIATIONS, english_rules

EN = Segmenter.for_language("en")
DEV_EN = Path(__file__).resolve().parent / "data" / "seg_dev_en"

NO_SPLIT = {
    "title": "Mr. Smith and Dr. Jones met Prof. Lee at St. Paul's.",
    "military rank": "Gen. Petraeus spoke to Sgt. York.",
    "dotted acronym before a name": "The U.S. Army and the U.N. Security Council agreed.",
    "dotted acronym before lower case": "Many U.S. officials agreed.",
    "initials": "J. K. Rowling met George W. Bush and J.R.R. Tolkien's heirs.",
    "example": "Some fruit, e.g. Apples, and some places, i.e. Paris, were named.",
    "number after No.": "He lives at No. 10 Downing Street.",
    "pages": "See pp. 12-14 and Vol. 3 of the report.",
    "month before a day": "It opened on Jan. 5 and closed on Sept. 30.",
    "company before a title": "Apple Inc. CEO Tim Cook spoke.",
    "decimal and money": "It cost $3.50, or 3.5 percent more.",
    "question inside a quote, lower case after": '"Why?" she asked.',
    "ellipsis before lower case": "It rose... and then it fell.",
    "ellipsis before a figure": "It cost... $5.",
    "list label": "1. Introduction",
}

SPLIT = {
    "plain": ("It rained. We stayed in.", ["It rained.", "We stayed in."]),
    "after a number": (
        "Sales rose in 2019. The next year fell.",
        ["Sales rose in 2019.", "The next year fell."],
    ),
    "quote closes the sentence": (
        'He said, "Go home." Then he left.',
        ['He said, "Go home."', "Then he left."],
    ),
    "inside a quotation": (
        'She said, "Yes, Mama. I\'ll do that."',
        ['She said, "Yes, Mama.', 'I\'ll do that."'],
    ),
    "acronym ends the sentence": (
        "I moved to the U.S. The rest is history.",
        ["I moved to the U.S.", "The rest is history."],
    ),
    "company ends the sentence": (
        "He joined Apple Inc. It was 1998.",
        ["He joined Apple Inc.", "It was 1998."],
    ),
    "p.m. ends the sentence": (
        "We met at 5 p.m. The talks ran late.",
        ["We met at 5 p.m.", "The talks ran late."],
    ),
    "question and exclamation": ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
    "ellipsis before a capital": ("Wait... What?", ["Wait...", "What?"]),
}  # fmt: skip


@pytest.mark.parametrize("text", NO_SPLIT.values(), ids=NO_SPLIT.keys())
def test_no_split(text: str) -> None:
    assert EN.split(text) == [text]


@pytest.mark.parametrize(("text", "expected"), SPLIT.values(), ids=SPLIT.keys())
def test_split(text: str, expected: list[str]) -> None:
    assert EN.split(text) == expected


def test_languages_are_chosen_by_code() -> None:
    assert rules_for_language("en-US") == english_rules()
    assert rules_for_language("vi_VN") == default_rules()
    assert english_rules().fingerprint() != default_rules().fingerprint()
    with pytest.raises(ValueError, match="no segmentation rules for language 'fr'"):
        rules_for_language("fr")


def test_the_vietnamese_rules_do_not_know_english_titles() -> None:
    text = "He met Sen. Warren. Then he left."
    assert "Sen." in ENGLISH_ABBREVIATIONS
    assert EN.split(text) == ["He met Sen. Warren.", "Then he left."]
    assert Segmenter().split(text) == ["He met Sen.", "Warren.", "Then he left."]


def _f1(part: str) -> float:
    folder = DEV_EN / part / "ted"
    paragraphs = (folder / "paragraphs.txt").read_text(encoding="utf-8").splitlines()
    blocks = (folder / "sentences.txt").read_text(encoding="utf-8").strip().split("\n\n")
    tp = fp = fn = 0
    for paragraph, block in zip(paragraphs, blocks, strict=True):
        want = _offsets(block.splitlines())
        got = _offsets(EN.split(paragraph))
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    return 2 * tp / (2 * tp + fp + fn)


def _offsets(sentences: list[str]) -> set[int]:
    out, pos = set(), 0
    for sentence in sentences[:-1]:
        pos += len("".join(unicodedata.normalize("NFC", sentence).split()))
        out.add(pos)
    return out


def test_boundary_f1_on_real_english_ted_text() -> None:
    # the dev part; the held-out part is reported by bench/bench_segment.py --quality
    assert _f1("dev") >= 0.98


def test_cli_segments_english_and_exports_both_languages(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "tmbuilder", "segment", "--project", str(tmp_path)]
    text = b"Mr. Smith left. He came back.\n"
    english = subprocess.run([*command, "--lang", "en", "-"], input=text, capture_output=True)
    assert english.returncode == 0, english.stderr
    assert english.stdout.decode() == "Mr. Smith left.\nHe came back.\n"
    target = tmp_path / "rules.srx"
    exported = subprocess.run([*command, "--export-srx", str(target)], capture_output=True)
    assert exported.returncode == 0, exported.stderr
    data = target.read_text(encoding="utf-8")
    assert 'languagepattern="vi.*"' in data and 'languagepattern="en.*"' in data
