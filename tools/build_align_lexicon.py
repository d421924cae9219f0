"""Learn the general Vietnamese–English lexicon that `tmbuilder align` ships.

Source: LibreOffice's Vietnamese translation as Debian packages it (MPL-2.0; see
src/tmbuilder/align/data/SOURCES.md): the user-interface catalogues of `libreoffice-l10n-vi`
(msgid English, msgstr Vietnamese) and the help pages of `libreoffice-help-vi` paired with
`libreoffice-help-en-us` paragraph by paragraph through their shared `par_id` attributes.
Only translated paragraphs count (Vietnamese letters present, text differing from English).

Model: IBM Model 1 in both directions (EM, a NULL word, 6 iterations), Vietnamese syllables
and English words lower-cased; a pair is kept when both directions give it a probability of at
least MIN_BOTH, one of them at least MIN_PROB, and it was seen aligned at least MIN_COUNT
times (the intersection heuristic of word aligners, applied to the translation tables).

Usage (needs apt-get download; writes the gzip TSV the package reads):
    python3 tools/build_align_lexicon.py [--work /tmp/lexwork]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tmbuilder.align.lexicon import _ibm1 as ibm1  # noqa: E402
from tmbuilder.align.tokens import en_words, vi_syllables  # noqa: E402

OUT = ROOT / "src" / "tmbuilder" / "align" / "data" / "lexicon-vi-en.tsv.gz"
# Help pages kept out of the lexicon: the tests align them (tests/data/align/), and a test
# on text the lexicon was learned from would prove little.
HELD_OUT = ("text/sbasic/shared/01170101.html", "text/scalc/01/04060185.html")
PACKAGES = ("libreoffice-l10n-vi", "libreoffice-help-vi", "libreoffice-help-en-us")
MIN_PROB = 0.1
MIN_BOTH = 0.01
MIN_COUNT = 2.0
ITERATIONS = 6
_VI_LETTER = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]")


def fetch(work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    for package in PACKAGES:
        if not list(work.glob(f"{package}_*.deb")):
            subprocess.run(["apt-get", "download", package], cwd=work, check=True)
        target = work / package
        if not target.exists():
            deb = next(work.glob(f"{package}_*.deb"))
            subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)


def ui_pairs(work: Path) -> list[tuple[str, str]]:
    import polib

    pairs = []
    for mo in sorted((work / "libreoffice-l10n-vi").rglob("*.mo")):
        for entry in polib.mofile(str(mo)):
            if entry.msgstr and entry.msgstr != entry.msgid and _VI_LETTER.search(entry.msgstr):
                pairs.append((entry.msgstr, entry.msgid))
    return pairs


def help_pairs(work: Path) -> list[tuple[str, str]]:
    from lxml import html

    vi_root = work / "libreoffice-help-vi" / "usr/share/libreoffice/help/vi"
    en_root = work / "libreoffice-help-en-us" / "usr/share/libreoffice/help/en-US"
    pairs = []
    for vi_page in sorted(vi_root.rglob("*.html")):
        en_page = en_root / vi_page.relative_to(vi_root)
        if not en_page.exists() or str(vi_page.relative_to(vi_root)) in HELD_OUT:
            continue
        english = {
            el.get("id"): " ".join(el.text_content().split())
            for el in html.parse(str(en_page)).iter()
            if isinstance(el.tag, str) and (el.get("id") or "").startswith("par_id")
        }
        for el in html.parse(str(vi_page)).iter():
            if not isinstance(el.tag, str):
                continue
            pid = el.get("id") or ""
            if not pid.startswith("par_id") or pid not in english:
                continue
            vi = " ".join(el.text_content().split())
            en = english[pid]
            if vi and en and vi != en and _VI_LETTER.search(vi):
                pairs.append((vi, en))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, default=Path("/tmp/tmbuilder-lexicon"))
    args = parser.parse_args()
    fetch(args.work)
    raw = ui_pairs(args.work) + help_pairs(args.work)
    pairs = [(vi_syllables(vi), en_words(en)) for vi, en in raw]
    pairs = [(v, e) for v, e in pairs if v and e and len(v) <= 80 and len(e) <= 80]
    print(f"{len(raw)} pairs read, {len(pairs)} used", file=sys.stderr)
    # the package's own IBM Model 1 (align/lexicon.py), run longer on this bigger corpus
    vi_to_en = ibm1(pairs, iterations=ITERATIONS)  # t(en | vi)
    en_to_vi = ibm1([(e, v) for v, e in pairs], iterations=ITERATIONS)  # t(vi | en)
    seen: Counter[tuple[str, str]] = Counter()
    for v_words, e_words in pairs:
        e_set = set(e_words)
        for v in set(v_words):
            for e in e_set:
                p1, p2 = vi_to_en.get(v, {}).get(e, 0.0), en_to_vi.get(e, {}).get(v, 0.0)
                if max(p1, p2) >= MIN_PROB and min(p1, p2) >= MIN_BOTH:
                    seen[(v, e)] += 1
    rows = sorted(
        (v, e, vi_to_en[v][e], en_to_vi[e][v])
        for (v, e), n in seen.items()
        if n >= MIN_COUNT and not (v + e).isdigit()
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same pairs give the same bytes, so a rebuild leaves git clean.
    with (
        gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as raw_out,
        io.TextIOWrapper(raw_out, encoding="utf-8") as out,
    ):
        out.write("# vi\ten\tp(en|vi)\tp(vi|en) — built by tools/build_align_lexicon.py\n")
        for v, e, p1, p2 in rows:
            out.write(f"{v}\t{e}\t{p1:.3f}\t{p2:.3f}\n")
    print(f"{len(rows)} entries → {OUT}", file=sys.stderr)
    (args.work / "pairs.json").write_text(json.dumps(raw[:50], ensure_ascii=False))


if __name__ == "__main__":
    main()
