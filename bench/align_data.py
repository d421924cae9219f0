"""Test documents for the aligner built from IWSLT'15 TED talk pairs (TED: CC BY-NC-ND 3.0).

The pairs are read at run time from a git mirror of a public repository that carries the
Stanford copy of IWSLT'15 en-vi (tst2012: the dev set; tst2013: held out, never tuned on) and
are never copied into this repository. Each set is cut into talk-sized documents; in each,
seeded edits merge some adjacent sentences on one side and drop some on the other, which is
what real translated documents do to a 1-1 alignment. The gold beads follow from the edits.
"""

from __future__ import annotations

import html
import io
import random
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

MIRROR = Path("/work/.mirror/stefan-it+nmt-en-vi/repo")
SETS = {"tst2012": "data/dev-2012-en-vi.tgz", "tst2013": "data/test-2013-en-vi.tgz"}
DOC_LINES = 120


@dataclass
class Doc:
    vi: list[str]
    en: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]


def available() -> bool:
    return (MIRROR / "HEAD").exists() or (MIRROR / ".git").exists() or MIRROR.exists()


def read_pairs(name: str) -> list[tuple[str, str]]:
    blob = subprocess.run(
        ["git", "-C", str(MIRROR), "show", f"HEAD:{SETS[name]}"], capture_output=True, check=True
    ).stdout
    texts: dict[str, list[str]] = {}
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member)
            if handle is None:
                continue
            lang = member.name.rsplit(".", 1)[-1]
            texts[lang] = handle.read().decode("utf-8").splitlines()
    from sacremoses import MosesDetokenizer

    detok = MosesDetokenizer(lang="en")
    pairs = []
    for vi, en in zip(texts["vi"], texts["en"], strict=True):
        vi_text = html.unescape(detok.detokenize(vi.split()))
        en_text = html.unescape(detok.detokenize(en.split()))
        if vi_text.strip() and en_text.strip():
            pairs.append((vi_text, en_text))
    return pairs


def documents(
    name: str,
    *,
    seed: int = 15,
    merge: float = 0.06,
    drop: float = 0.03,
    lines: int = DOC_LINES,
) -> list[Doc]:
    pairs = read_pairs(name)
    rng = random.Random(seed)
    docs = []
    for start in range(0, len(pairs), lines):
        docs.append(_perturb(pairs[start : start + lines], rng, merge, drop))
    return docs


def _perturb(pairs: list[tuple[str, str]], rng: random.Random, merge: float, drop: float) -> Doc:
    doc = Doc([], [], [])
    k = 0
    while k < len(pairs):
        r = rng.random()
        vi, en = pairs[k]
        if r < merge and k + 1 < len(pairs):  # Vietnamese merges two sentences
            doc.vi.append(f"{vi} {pairs[k + 1][0]}")
            doc.en += [en, pairs[k + 1][1]]
            doc.gold.append(((len(doc.vi) - 1,), (len(doc.en) - 2, len(doc.en) - 1)))
            k += 2
        elif r < 2 * merge and k + 1 < len(pairs):  # English merges two sentences
            doc.en.append(f"{en} {pairs[k + 1][1]}")
            doc.vi += [vi, pairs[k + 1][0]]
            doc.gold.append(((len(doc.vi) - 2, len(doc.vi) - 1), (len(doc.en) - 1,)))
            k += 2
        elif r < 2 * merge + drop:  # the Vietnamese sentence is missing
            doc.en.append(en)
            doc.gold.append(((), (len(doc.en) - 1,)))
            k += 1
        elif r < 2 * merge + 2 * drop:  # the English sentence is missing
            doc.vi.append(vi)
            doc.gold.append(((len(doc.vi) - 1,), ()))
            k += 1
        else:
            doc.vi.append(vi)
            doc.en.append(en)
            doc.gold.append(((len(doc.vi) - 1,), (len(doc.en) - 1,)))
            k += 1
    return doc


def scores(
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]],
    test: list[tuple[tuple[int, ...], tuple[int, ...]]],
) -> tuple[int, int, int, int, int, int]:
    """(strict hits, strict test, strict gold, lax hits, lax test, lax gold) counts.

    Strict: beads with both sides, matched exactly. Lax: the sentence links (i, j) those beads
    imply. These are Vecalign's and Bertalign's measures.
    """
    g = {b for b in gold if b[0] and b[1]}
    t = {b for b in test if b[0] and b[1]}
    gl = {(i, j) for v, e in g for i in v for j in e}
    tl = {(i, j) for v, e in t for i in v for j in e}
    return len(g & t), len(t), len(g), len(gl & tl), len(tl), len(gl)


def f1(hits: int, test: int, gold: int) -> float:
    p = hits / test if test else 0.0
    r = hits / gold if gold else 0.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)
