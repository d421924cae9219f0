"""A small deterministic review project for the TUI tests and snapshots."""

from __future__ import annotations

from pathlib import Path

from tmbuilder.model import Match, SourceDocument, Status, Term, TermStatus
from tmbuilder.project import Project
from tmbuilder.store.base import NewSegment, UnitChange
from tmbuilder.text.normalize import match_key

PARAGRAPHS: list[list[str]] = [
    [
        "Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư Lào.",
        "Hai bên nhất trí tăng cường quan hệ hữu nghị vĩ đại.",
    ],
    [
        "Việt Nam và Lào ký kết 12 văn kiện hợp tác.",
        "Kim ngạch thương mại song phương đạt 2,3 tỷ USD năm 2024.",
        "Hai nước sẽ phối hợp chặt chẽ tại các diễn đàn quốc tế.",
    ],
    [
        "Chuyến thăm diễn ra tại Viêng Chăn.",
        "Quan hệ hữu nghị vĩ đại là tài sản vô giá của hai dân tộc.",
        "Lãnh đạo hai nước đánh giá cao kết quả hợp tác.",
    ],
]

# (segment index, target, status, origin)
UNITS: list[tuple[int, str, Status, str]] = [
    (0, "General Secretary To Lam held talks with the Lao leader.", Status.REVIEWED, "human"),
    (1, "The two sides agreed to strengthen the great friendship.", Status.DRAFT, "mt:google"),
    (2, "Viet Nam and Laos signed 12 cooperation documents.", Status.TRANSLATED, "tm:100"),
    (3, "Bilateral trade reached 2.3 billion USD in 2024.", Status.DRAFT, "mt:google"),
    (5, "The visit took place in Vientiane.", Status.REJECTED, "human"),
]

TERMS = [
    Term("hữu nghị vĩ đại", "great friendship", TermStatus.APPROVED, origin="human"),
    Term("Viêng Chăn", "Vientiane", TermStatus.APPROVED, origin="human"),
    Term("Tổng Bí thư", "General Secretary", TermStatus.PROPOSED, frequency=2),
    Term("kim ngạch", "turnover", TermStatus.FORBIDDEN, note="use 'trade value'"),
]


def make_project(root: Path, *, extra_segments: int = 0) -> Project:
    """A project with 8 segments in 3 paragraphs (plus `extra_segments` filler ones), some
    translated in every status, TM and MT suggestions for segment 2, and four terms."""
    root.mkdir(parents=True, exist_ok=True)
    project = Project(root)
    store = project.store
    segments = [
        NewSegment(p, i, s, match_key(s))
        for p, para in enumerate(PARAGRAPHS)
        for i, s in enumerate(para)
    ]
    for n in range(extra_segments):
        text = f"Câu bổ sung số {n + 1} về hợp tác Việt Nam – Lào."
        segments.append(NewSegment(len(PARAGRAPHS) + n, 0, text, match_key(text)))
    paragraphs = tuple(" ".join(p) for p in PARAGRAPHS)
    doc = SourceDocument("news.txt", "txt", "utf-8", "hash-1", paragraphs)
    store.sync_document(doc, segments, "seg-1")
    rows = store.segments()
    store.update_units(
        UnitChange(rows[i].id, target, status, origin, "fixture", "draft")
        for i, target, status, origin in UNITS
    )
    store.set_suggestions(
        rows[1].id,
        "tm",
        [
            Match(
                87.0,
                "Hai bên nhất trí tăng cường quan hệ hữu nghị.",
                "The two sides agreed to strengthen friendship.",
                "project",
            ),
            Match(
                76.0,
                "Hai bên nhất trí tăng cường hợp tác.",
                "The two sides agreed to boost cooperation.",
                "old.tmx",
            ),
        ],
    )
    store.set_suggestions(
        rows[1].id,
        "mt",
        [
            Match(
                0.0,
                rows[1].source,
                "Both sides agreed to enhance the great friendship.",
                "mt:google",
                kind="mt",
            )
        ],
    )
    for term in TERMS:
        store.save_term(term)
    return project


def build_seeds_project(root: Path) -> Path:
    """The repository's own project (seeds/, their TMX and glossary) built without MT."""
    import shutil

    from click.testing import CliRunner

    from tmbuilder.cli import main

    repo = Path(__file__).resolve().parent.parent
    for part in ("seeds", "tmx", "glossary"):
        shutil.copytree(repo / part, root / part)
    (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root / "seeds"), "-q", "-p", str(root)])
    assert result.exit_code == 0, result.output
    assert "63 reviewed" in result.output, result.output  # the TMX read back onto the seeds
    return root
