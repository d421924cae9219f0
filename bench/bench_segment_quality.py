"""Boundary F1 per genre on tests/data/seg_dev (Vietnamese) and tests/data/seg_dev_en (English).

Run through `python bench/bench_segment.py --quality`. The metric is that of
../shared/eval/seg_eval.py: a boundary is an offset in the paragraph with every whitespace
character removed, the paragraph's end is not counted, and a segmenter that changes characters
is mapped back with difflib.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from tmbuilder.text.segment import Segmenter

REPO = Path(__file__).resolve().parent.parent
DEV_SET = REPO / "tests" / "data" / "seg_dev"
DEV_SET_EN = REPO / "tests" / "data" / "seg_dev_en"
# ../shared beside the checkout (the team's layout), or beside a parent (a worktree under wt/)
SEG_EVAL = next(
    (
        p / "shared" / "eval" / "seg_eval.py"
        for p in REPO.parents
        if (p / "shared" / "eval" / "seg_eval.py").exists()
    ),
    REPO.parent / "shared" / "eval" / "seg_eval.py",
)
GENRES = ("news", "legal", "literature", "tech", "ted")

Split = Callable[[str], list[str]]


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def _boundaries(paragraph: str, sentences: list[str]) -> set[int]:
    target = _squash(paragraph)
    pieces = [_squash(s) for s in sentences]
    offsets: list[int] = []
    pos = 0
    for piece in pieces[:-1]:
        pos += len(piece)
        offsets.append(pos)
    if "".join(pieces) == target:
        return set(offsets)
    # the segmenter changed characters: map its offsets onto the paragraph's
    matcher = difflib.SequenceMatcher(None, "".join(pieces), target, autojunk=False)
    mapped = set()
    for offset in offsets:
        for a, b, size in matcher.get_matching_blocks():
            if a <= offset <= a + size:
                mapped.add(b + offset - a)
                break
    return mapped


def read_gold(folder: Path) -> list[tuple[str, list[str]]]:
    paragraphs = (folder / "paragraphs.txt").read_text("utf-8").splitlines()
    blocks = [b.splitlines() for b in (folder / "sentences.txt").read_text("utf-8").split("\n\n")]
    blocks = [[line for line in b if line.strip()] for b in blocks]
    blocks = [b for b in blocks if b]
    if len(blocks) != len(paragraphs):
        raise SystemExit(f"{folder}: {len(paragraphs)} paragraphs but {len(blocks)} gold blocks")
    return list(zip(paragraphs, blocks, strict=True))


def score(split: Split, gold: list[tuple[str, list[str]]]) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and the number of gold boundaries."""
    tp = fp = fn = 0
    for paragraph, sentences in gold:
        want = _boundaries(paragraph, sentences)
        got = _boundaries(paragraph, split(paragraph))
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def _peers(language: str) -> list[tuple[str, Split]]:
    from bench_segment import plain_regex_split

    peers: list[tuple[str, Split]] = [
        ("tmbuilder", Segmenter.for_language(language).split),
        ("plain regex", plain_regex_split),
    ]
    if language == "vi":
        try:
            from underthesea import sent_tokenize
        except ImportError:
            print("note: underthesea is not installed (pip install underthesea); peer skipped")
        else:
            peers.append(("underthesea", sent_tokenize))
    return peers


def _table(root: Path, language: str) -> None:
    peers = _peers(language)
    print(f"| part | genre | boundaries | {' | '.join(name for name, _ in peers)} |")
    print("| --- | --- | --- |" + " --- |" * len(peers))
    for part in ("dev", "heldout"):
        for genre in GENRES:
            folder = root / part / genre
            if not (folder / "sentences.txt").exists():
                continue
            gold = read_gold(folder)
            cells = []
            count = 0
            for _name, split in peers:
                _p, _r, f1, count = score(split, gold)
                cells.append(f"{f1:.3f}")
            print(f"| {part} | {genre} | {count} | {' | '.join(cells)} |")


def _treebank() -> None:
    if not SEG_EVAL.exists():
        print(f"note: {SEG_EVAL} not found; UD_Vietnamese-VTB figure skipped")
        return
    command = [sys.executable, str(SEG_EVAL), "--", sys.executable, "-m", "tmbuilder", "segment"]
    result = subprocess.run([*command, "-"], capture_output=True, text=True, check=True)
    found = re.search(r"precision=\S+ recall=\S+ F1=\S+", result.stdout)
    print(f"UD_Vietnamese-VTB, tmbuilder segment -: {found.group() if found else result.stdout}")


def report() -> int:
    print("Vietnamese, boundary F1 (tests/data/seg_dev):")
    _table(DEV_SET, "vi")
    print()
    _treebank()
    if DEV_SET_EN.exists():
        print()
        print("English, boundary F1 (tests/data/seg_dev_en):")
        _table(DEV_SET_EN, "en")
    return 0
