"""Rebuild the dev set's text files from their sources (see SOURCES.md).

    python tests/data/terms_dev/make_dev.py MIRROR_DIR IWSLT_DIR

MIRROR_DIR holds git mirrors of diepxuan/diepxuan.github.io and reactjs/vi.react.dev (as
owner+name/repo); IWSLT_DIR holds tst2012.vi and tst2012.en from stefan-it/nmt-en-vi's
data/dev-2012-en-vi.tgz. Output: one text file per (part, genre), one paragraph per line, and
pairs as TSV (vi, en).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAW_COMMIT = "fbaa690e1c9ff35deabbf5e9a8b8830ce3d54048"
REACT_COMMIT = "b149357c"
LAW = {
    "dev": "van-ban/bao-hiem/bao-hiem-y-te.md",
    "heldout": "van-ban/y-te-duoc/an-toan-thuc-pham.md",
}
REACT = {
    "dev": [
        "state-a-components-memory",
        "managing-state",
        "rendering-lists",
        "conditional-rendering",
        "passing-props-to-a-component",
    ],
    "heldout": ["synchronizing-with-effects", "you-might-not-need-an-effect", "thinking-in-react"],
}
LAW_CHARS = 60_000
PAIRS_DEV = 800  # tst2012 lines 1..800 dev, the rest held out


def show(repo: Path, commit: str, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def law_text(markdown: str) -> str:
    lines: list[str] = []
    seen: set[str] = set()
    for line in markdown.split("\n---\n", 2)[-1].splitlines():
        line = line.strip()
        if not line or line.startswith(("**", "---", "#", "{{", "*Nội dung")):
            continue
        if line in seen:
            continue
        seen.add(line)
        lines.append(line)
    text = "\n".join(lines)
    return text[: text.rfind("\n", 0, LAW_CHARS)] + "\n"


def react_text(markdown: str) -> str:
    markdown = re.sub(r"^---\n.*?\n---\n", "", markdown, flags=re.S)
    markdown = re.sub(r"```.*?```", "", markdown, flags=re.S)
    lines = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line or line.startswith(("<", "{", "import ", "export ")):
            continue
        line = re.sub(r"\{/\*.*?\*/\}", "", line)
        line = re.sub(r"^#+\s*|^[-*]\s+|^\d+\.\s+", "", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = line.replace("**", "")
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def detokenize(line: str) -> str:
    line = html.unescape(line.strip())
    line = re.sub(r" ([,.!?;:%)\]])", r"\1", line)
    line = re.sub(r"([(\[]) ", r"\1", line)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", line)


def main() -> int:
    mirrors, iwslt = Path(sys.argv[1]), Path(sys.argv[2])
    law = mirrors / "diepxuan+diepxuan.github.io" / "repo"
    react = mirrors / "reactjs+vi.react.dev" / "repo"
    for part in ("dev", "heldout"):
        (HERE / f"{part}_legal.txt").write_text(
            law_text(show(law, LAW_COMMIT, LAW[part])), encoding="utf-8"
        )
        pages = [
            react_text(show(react, REACT_COMMIT, f"src/content/learn/{name}.md"))
            for name in REACT[part]
        ]
        (HERE / f"{part}_techdocs.txt").write_text("".join(pages), encoding="utf-8")
    vi = (iwslt / "tst2012.vi").read_text(encoding="utf-8").splitlines()
    en = (iwslt / "tst2012.en").read_text(encoding="utf-8").splitlines()
    rows = [(detokenize(a), detokenize(b)) for a, b in zip(vi, en, strict=True)]
    rows = [(a.replace("\t", " "), b.replace("\t", " ")) for a, b in rows if a and b]
    for part, chunk in (("dev", rows[:PAIRS_DEV]), ("heldout", rows[PAIRS_DEV:])):
        text = "".join(f"{a}\t{b}\n" for a, b in chunk)
        (HERE / f"{part}_pairs.tsv").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
