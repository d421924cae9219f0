"""Writes src/tmbuilder/glossary/data/english_non_nouns.tsv: English words that are never a noun.

    pip download --no-deps lemminflect==0.2.3 && unzip lemminflect-0.2.3-py3-none-any.whl
    python bench/make_english_non_nouns.py lemminflect/resources/infl_lu.csv.gz

lemminflect's inflection table (MIT) is derived from the NIH SPECIALIST Lexicon: each line is
`lemma,pos,form/form...`. A lowercase word is kept when it is an adjective, verb or adverb (as
a lemma or an inflected form) and never a noun lemma or noun form ("financial", "represent",
"energizing", "around"; not "poor", "display", "now", which are nouns too).
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "tmbuilder"
    / "glossary"
    / "data"
    / "english_non_nouns.tsv"
)


def main(table: str) -> None:
    noun: set[str] = set()
    other: defaultdict[str, set[str]] = defaultdict(set)
    with gzip.open(table, "rt", encoding="utf-8") as lines:
        for line in lines:
            lemma, pos, forms = line.rstrip("\n").split(",", 2)
            words = {lemma, *forms.replace("/", ",").split(",")}
            for word in words:
                if not word.isalpha() or not word.islower():
                    continue
                if pos == "noun":
                    noun.add(word)
                elif pos in ("adj", "verb", "adv"):
                    other[word].add(pos)
    kept = sorted(w for w in other if w not in noun and len(w) > 2)
    header = (
        "# English words never a noun (adjective, verb, adverb): bench/make_english_non_nouns.py\n"
    )
    OUT.write_text(header + "".join(f"{w}\n" for w in kept), encoding="utf-8")
    print(f"{len(kept)} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
