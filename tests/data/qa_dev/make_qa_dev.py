"""Rebuild the QA dev set from IWSLT'15 en-vi tst2012 (see SOURCES.md); run once, by hand.

    python tests/data/qa_dev/make_qa_dev.py tst2012.vi tst2012.en

Lines 1-776 give the dev part, lines 777-1553 (other talks) the held-out part. Each part takes
200 correct pairs in three strata (90 with digits or Latin acronyms, 30 with Vietnamese number
words, 80 others, seeded sample) and 30 injected errors of realistic kinds, made by rules that
never look at what tmbuilder's QA says about a pair. tst2013 is never read.
"""

from __future__ import annotations

import csv
import html
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

from sacremoses import MosesDetokenizer

HERE = Path(__file__).resolve().parent
PARTS = {"dev": (0, 776), "heldout": (776, 1553)}
Pair = tuple[int, str, str]

NUM_WORDS_VI = re.compile(
    r"\b(hai|ba|bốn|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ|rưỡi)\b", re.I
)
MEASURE_VI = re.compile(
    r"\b(hai|ba|bốn|sáu|bảy|tám|chín|mười)\s+(năm|tháng|tuần|ngày|giờ|phút|tuổi)\b", re.I
)
EN_WORD_SWAP = {
    "two": "three",
    "three": "four",
    "four": "five",
    "five": "six",
    "six": "seven",
    "seven": "eight",
    "eight": "nine",
    "nine": "ten",
    "ten": "twelve",
    "twenty": "thirty",
    "hundred": "thousand",
    "thousand": "million",
    "million": "billion",
    "billion": "million",
}
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
YEAR = re.compile(r"\b(1[89][0-9]{2}|20[0-2][0-9])\b")
DIGITS = re.compile(r"\b[0-9][0-9,]*\b")
CODE_OPEN, CODE_CLOSE = "\ue401", "\ue801"  # tmbuilder.inline: opening and closing code 1


def load(vi_path: str, en_path: str) -> list[Pair]:
    vi_lines = Path(vi_path).read_text(encoding="utf-8").splitlines()
    en_lines = Path(en_path).read_text(encoding="utf-8").splitlines()
    vi, en = MosesDetokenizer("vi"), MosesDetokenizer("en")

    def clean(detok: MosesDetokenizer, line: str) -> str:
        return str(detok.detokenize(html.unescape(line).split()))

    return [
        (i + 1, clean(vi, v), clean(en, e))
        for i, (v, e) in enumerate(zip(vi_lines, en_lines, strict=True))
    ]


def usable(pair: Pair) -> bool:
    _i, v, e = pair
    return len(v) >= 25 and len(e) >= 15 and not v.startswith("(")


def correct_pairs(pairs: list[Pair], rng: random.Random) -> list[Pair]:
    digits = [p for p in pairs if re.search(r"\d", p[1]) or ACRONYM.search(p[1])]
    words = [p for p in pairs if p not in digits and NUM_WORDS_VI.search(p[1])]
    rest = [p for p in pairs if p not in digits and p not in words]
    chosen = rng.sample(digits, 90) + rng.sample(words, 30) + rng.sample(rest, 80)
    return sorted(chosen)


# --- injected errors: each rule returns (new target, what was done) or None -------------------


def change_digits(pair: Pair, rng: random.Random) -> tuple[str, str] | None:
    _i, v, e = pair
    shared = [m for m in DIGITS.finditer(e) if m.group().replace(",", "") in v.replace(".", "")]
    if not shared:
        return None
    m = shared[0]
    old = m.group()
    plain = old.replace(",", "")
    if len(plain) >= 2 and plain[-1] != plain[-2] and plain[-1] != "0":
        new = plain[:-2] + plain[-1] + plain[-2]  # transposed digits: 24 → 42, 1971 → 1917
    elif len(plain) >= 2:
        new = plain + "0"  # a zero too many
    else:
        new = str(int(plain) + 1)
    if "," in old:
        new = f"{int(new):,}"
    return e[: m.start()] + new + e[m.end() :], f"number {old} → {new}"


def change_word(pair: Pair, rng: random.Random) -> tuple[str, str] | None:
    _i, v, e = pair
    for m in re.finditer(r"\b(" + "|".join(EN_WORD_SWAP) + r")\b", e, re.I):
        word = m.group().lower()
        if not (re.search(r"\d", v) or NUM_WORDS_VI.search(v)):
            return None
        new = EN_WORD_SWAP[word]
        new = new.capitalize() if m.group()[0].isupper() else new
        return e[: m.start()] + new + e[m.end() :], f"number word {m.group()} → {new}"
    return None


def drop_number(pair: Pair, rng: random.Random) -> tuple[str, str] | None:
    _i, v, e = pair
    shared = [m for m in DIGITS.finditer(e) if m.group().replace(",", "") in v.replace(".", "")]
    shared = [m for m in shared if not YEAR.fullmatch(m.group())]
    if not shared:
        return None
    m = shared[0]
    return e[: m.start()] + "many" + e[m.end() :], f"number {m.group()} → many"


def drop_measured_word(pair: Pair, rng: random.Random) -> tuple[str, str] | None:
    _i, v, e = pair
    if not MEASURE_VI.search(v):
        return None
    words = "two|three|four|five|six|seven|eight|nine|ten|[0-9]+"
    m = re.search(rf"\b({words})\s+(years?|months?|weeks?|days?|hours?|minutes?)\b", e, re.I)
    if not m:
        return None
    new = f"a few {m.group(2)}"
    return e[: m.start()] + new + e[m.end() :], f"{m.group()} → {new}"


def change_year(pair: Pair, rng: random.Random) -> tuple[str, str] | None:
    _i, v, e = pair
    m = YEAR.search(e)
    if not m or m.group() not in v:
        return None
    new = str(int(m.group()) + rng.choice((-10, -1, 1, 10)))
    return e[: m.start()] + new + e[m.end() :], f"year {m.group()} → {new}"


def drop_acronym(pair: Pair, rng: random.Random) -> tuple[str, str] | None:
    _i, v, e = pair
    for m in ACRONYM.finditer(v):
        roman = set(m.group()) <= set("IVXLC")  # World War II: a number, not an acronym
        if re.search(rf"\b{m.group()}\b", e) and m.group() not in ("TED", "OK") and not roman:
            new = re.sub(rf"\b{m.group()}\b", "the organization", e, count=1)
            return new, f"acronym {m.group()} dropped"
    return None


def untranslated(pair: Pair, rng: random.Random) -> tuple[str, str] | None:
    return pair[1], "source copied as target"


def drop_code(pair: Pair, rng: random.Random) -> tuple[str, str] | None:
    # The source's first word is bold (opening and closing code 1); the target lost the closing.
    _i, v, e = pair
    vm, em = re.match(r"\w+", v), re.match(r"\w+", e)
    if not vm or not em:
        return None
    return CODE_OPEN + e[: em.end()] + e[em.end() :], "closing inline code dropped"


def with_code(source: str) -> str:
    m = re.match(r"\w+", source)
    assert m
    return CODE_OPEN + source[: m.end()] + CODE_CLOSE + source[m.end() :]


RULES: list[tuple[str, Callable[[Pair, random.Random], tuple[str, str] | None], int]] = [
    ("number-changed", change_digits, 10),
    ("number-word-changed", change_word, 4),
    ("number-dropped", drop_number, 3),
    ("measured-number-dropped", drop_measured_word, 3),
    ("year-changed", change_year, 2),
    ("acronym-dropped", drop_acronym, 3),
    ("untranslated", untranslated, 2),
    ("code-dropped", drop_code, 3),
]


def injected(pairs: list[Pair], rng: random.Random) -> list[tuple[int, str, str, str, str]]:
    out = []
    used: set[int] = set()
    order = pairs[:]
    rng.shuffle(order)
    for kind, rule, count in RULES:
        made = 0
        for pair in order:
            if made == count:
                break
            if pair[0] in used:
                continue
            result = rule(pair, rng)
            if result is None or result[0] == pair[2]:
                continue
            source = with_code(pair[1]) if kind == "code-dropped" else pair[1]
            out.append((pair[0], kind, source, result[0], result[1]))
            used.add(pair[0])
            made += 1
        if made < count:
            raise SystemExit(f"only {made} pairs for {kind}")
    return out


def write(path: Path, header: list[str], rows: list[tuple[object, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    pairs = load(sys.argv[1], sys.argv[2])
    for part, (lo, hi) in PARTS.items():
        candidates = [p for p in pairs[lo:hi] if usable(p)]
        correct = correct_pairs(candidates, random.Random(2012))
        errors = injected(candidates, random.Random(1553))
        write(HERE / f"correct_{part}.tsv", ["line", "source", "target"], correct)
        write(HERE / f"errors_{part}.tsv", ["line", "kind", "source", "target", "change"], errors)
        print(part, len(correct), len(errors))
        if part == "dev":
            # Every other usable dev pair, as correct pairs: more text to find classes of
            # false alarms in than 200 pairs show (the held-out part gets no such file).
            taken = {p[0] for p in correct} | {int(row[0]) for row in errors}
            rest = [p for p in candidates if p[0] not in taken]
            write(HERE / "correct_dev_rest.tsv", ["line", "source", "target"], rest)
            print("dev rest", len(rest))


if __name__ == "__main__":
    main()
