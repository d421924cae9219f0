"""`tmbuilder build` without MT on 100,000 sentences (target: under 30 s).

Generates a corpus of real Vietnamese news sentences (the UD VTB evaluation paragraphs and the
seeds, recombined so that documents differ), then times, in separate processes:
  1. `tmbuilder build DOCS --engine none` with glossary and export off (ingest, segment, store),
  2. the same build run again on the unchanged files (must be a fast no-op),
  3. a full `tmbuilder build --engine none` (plus TM leverage, glossary extraction, export).

    python bench/bench_build.py [--sentences 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EVAL = REPO.parent / "shared" / "eval" / "ud_vi_vtb" / "sentences.txt"


def corpus_sentences() -> list[str]:
    sentences = [s.strip() for s in EVAL.read_text(encoding="utf-8").splitlines() if s.strip()]
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        sentences.extend(
            p.strip() for p in seed.read_text(encoding="utf-8").splitlines() if p.strip()
        )
    return sentences


def write_corpus(folder: Path, n_sentences: int, per_doc: int = 5000) -> int:
    rng = random.Random(42)
    pool = corpus_sentences()
    written = 0
    doc = 0
    while written < n_sentences:
        lines = []
        count = min(per_doc, n_sentences - written)
        para: list[str] = []
        for i in range(count):
            # a number varies each sentence so documents are not copies of each other
            para.append(rng.choice(pool).replace("năm", f"năm {i % 97}", 1))
            if len(para) == 4:
                lines.append(" ".join(para))
                para = []
        if para:
            lines.append(" ".join(para))
        (folder / f"doc{doc:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        written += count
        doc += 1
    return doc


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=100_000)
    args = parser.parse_args()
    tmb = [sys.executable, "-m", "tmbuilder"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = root / "docs"
        docs.mkdir()
        n_docs = write_corpus(docs, args.sentences)
        size = sum(p.stat().st_size for p in docs.iterdir()) / 1e6
        print(f"corpus: ~{args.sentences:,} sentences in {n_docs} documents, {size:.1f} MB")
        (root / "tmbuilder.toml").write_text(
            '[engine]\nname = "none"\n[build]\nglossary = false\nexport = false\n', encoding="utf-8"
        )
        first = timed([*tmb, "build", "docs", "-q"], root)
        again = timed([*tmb, "build", "docs", "-q"], root)
        stats = subprocess.run([*tmb, "stats", "--json"], cwd=root, capture_output=True, text=True)
        print(
            f"build (ingest, segment, store):  {first:6.1f} s   target < 30 s   "
            f"{'OK' if first < 30 else 'MISSED'}"
        )
        print(f"re-build, files unchanged:       {again:6.1f} s")
        print(f"segments stored: {json.loads(stats.stdout)['segments']:,}")
        shutil.rmtree(root / ".tmbuilder")
        (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
        full = timed([*tmb, "build", "docs", "-q"], root)
        print(f"full build (+ TM, glossary, export): {full:6.1f} s")


if __name__ == "__main__":
    main()
