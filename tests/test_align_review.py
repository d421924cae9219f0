"""Reviewing a stored alignment: edits keep every sentence, are stored with history, feed memory."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from tmbuilder.align.record import PairStatus
from tmbuilder.cli import main
from tmbuilder.project import Project
from tmbuilder.review.alignment import AlignmentEditError, AlignmentReview

DATA = Path(__file__).parent / "data" / "align"


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    vi = (DATA / "lo-basic-properties.vi.txt").read_text(encoding="utf-8").splitlines()[:12]
    en = (DATA / "lo-basic-properties.en.txt").read_text(encoding="utf-8").splitlines()[:12]
    # The English translator joined two paragraphs and left one out: a 2-1 and a 1-0 bead.
    en = [*en[:3], f"{en[3]} {en[4]}", *en[5:8], *en[9:]]
    (tmp_path / "props.txt").write_text("\n".join(vi), encoding="utf-8")
    (tmp_path / "props.en.txt").write_text("\n".join(en), encoding="utf-8")
    root = tmp_path / "proj"
    root.mkdir()
    (root / "doc.txt").write_text("Xin chào.\n", encoding="utf-8")
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["build", str(root / "doc.txt"), "-p", str(root), "-e", "none"]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        main,
        [
            "align",
            str(tmp_path / "props.txt"),
            str(tmp_path / "props.en.txt"),
            "--segmented",
            "-p",
            str(root),
        ],
    )
    assert result.exit_code == 0, result.output
    return Project(root)


def memory(project: Project) -> list[tuple[str, str]]:
    with sqlite3.connect(project.store_path) as db:
        return db.execute(
            "SELECT source, target FROM memory WHERE origin = 'align:props.txt' ORDER BY id"
        ).fetchall()


def test_the_aligner_found_the_join_and_the_gap(project: Project) -> None:
    record = project.store.alignment("props.txt")
    kinds = [p.kind for p in record.pairs]
    assert kinds.count("2-1") == 1 and kinds.count("1-0") == 1
    assert len(memory(project)) == len(record.pairs) - 1  # the 1-0 pair is not memory


def test_low_confidence_comes_first(project: Project) -> None:
    review = AlignmentReview(project.store, "props.txt", "ana")
    order = review.order()
    pairs = review.alignment.pairs
    assert pairs[order[0]].confidence == min(p.confidence for p in pairs)


def test_edits_keep_every_sentence_and_are_stored_with_history(project: Project) -> None:
    review = AlignmentReview(project.store, "props.txt", "ana")
    n = len(review.alignment.pairs)
    review.merge_next(0)
    assert len(review.alignment.pairs) == n - 1 and review.alignment.pairs[0].kind == "2-2"
    review.split(0)
    assert [p.kind for p in review.alignment.pairs[:2]] == ["1-1", "1-1"]
    review.shift(0, "en", True)  # pair 2's English sentence joins pair 1
    assert review.alignment.pairs[0].kind == "1-2"
    review.shift(0, "en", False)
    assert review.alignment.pairs[0].kind == "1-1"
    review.mark_wrong(1)
    review.confirm(0)
    stored = project.store.alignment("props.txt")
    stored.check()  # still a partition of both documents
    assert stored.pairs[0].status is PairStatus.REVIEWED and stored.pairs[0].changed_by == "ana"
    assert stored.pairs[1].status is PairStatus.WRONG
    actions = [h[2] for h in project.store.alignment_history("props.txt")]
    assert actions == [
        "align",
        "merge",
        "split",
        "shift-en-up",
        "shift-en-down",
        "wrong",
        "confirm",
    ]
    sources = [s for s, _ in memory(project)]
    assert stored.vi_text(stored.pairs[1]) not in sources  # wrong pairs are not memory
    assert stored.vi_text(stored.pairs[0]) in sources


def test_impossible_edits_say_why_and_change_nothing(project: Project) -> None:
    review = AlignmentReview(project.store, "props.txt", "ana")
    before = review.alignment
    last = len(before.pairs) - 1
    with pytest.raises(AlignmentEditError, match="last one"):
        review.merge_next(last)
    one_to_one = next(k for k, p in enumerate(before.pairs) if p.kind == "1-1")
    with pytest.raises(AlignmentEditError, match="nothing to split"):
        review.split(one_to_one)
    unpaired = next(k for k, p in enumerate(before.pairs) if not p.paired)
    with pytest.raises(AlignmentEditError, match="one side only"):
        review.confirm(unpaired)
    assert project.store.alignment("props.txt") == before


def test_aligning_again_keeps_reviewed_work_unless_asked(project: Project, tmp_path: Path) -> None:
    AlignmentReview(project.store, "props.txt", "ana").confirm(0)
    project.close()
    args = [
        "align",
        str(tmp_path / "props.txt"),
        str(tmp_path / "props.en.txt"),
        "--segmented",
        "-p",
        str(project.root),
    ]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code != 0 and "--replace" in refused.output
    assert Project(project.root).store.alignment("props.txt").pairs[0].status == "reviewed"
    assert CliRunner().invoke(main, [*args, "--replace"]).exit_code == 0


def test_alignments_lists_counts(project: Project) -> None:
    project.close()
    result = CliRunner().invoke(main, ["alignments", "-p", str(project.root)])
    assert result.exit_code == 0 and result.output.startswith("props.txt: 10 pairs, 0 reviewed")


def test_review_screen_keys_edit_the_store(project: Project) -> None:
    asyncio.run(_press_review_keys(project))


async def _press_review_keys(project: Project) -> None:
    from textual.widgets import DataTable

    from tmbuilder.tui.alignment_app import AlignmentApp

    app = AlignmentApp(project, "props.txt", "ana")
    async with app.run_test() as pilot:
        first = app.current  # the lowest confidence pair: may be one-sided, then refused
        await pilot.press("c")
        expected = (
            "reviewed" if project.store.alignment("props.txt").pairs[first].paired else "draft"
        )
        assert project.store.alignment("props.txt").pairs[first].status == expected
        n = len(project.store.alignment("props.txt").pairs)
        table = app.query_one(DataTable)
        target = app.rows.index(0)
        table.move_cursor(row=target)
        await pilot.press("m")
        assert len(project.store.alignment("props.txt").pairs) == n - 1
        await pilot.press("s")
        assert len(project.store.alignment("props.txt").pairs) == n
        await pilot.press("w")
        wrong = [p for p in project.store.alignment("props.txt").pairs if p.status == "wrong"]
        assert len(wrong) == 1


def test_pairs_are_stored_in_the_projects_language_pair(tmp_path: Path) -> None:
    # Issue 15: a project for British English (vi → en-GB) gets vi → en-GB memory, not the
    # default vi-VN → en-US, from `align` and from every review edit after it.
    vi = (DATA / "lo-basic-properties.vi.txt").read_text(encoding="utf-8").splitlines()[:8]
    en = (DATA / "lo-basic-properties.en.txt").read_text(encoding="utf-8").splitlines()[:8]
    (tmp_path / "props.txt").write_text("\n".join(vi), encoding="utf-8")
    (tmp_path / "props.en.txt").write_text("\n".join(en), encoding="utf-8")
    root = tmp_path / "gb"
    root.mkdir()
    (root / "tmbuilder.toml").write_text(
        '[languages]\nsource = "vi"\ntarget = "en-GB"\n[engine]\nname = "none"\n', encoding="utf-8"
    )
    (root / "doc.txt").write_text("Xin chào.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(root / "doc.txt"), "-p", str(root)]).exit_code == 0
    args = ["align", str(tmp_path / "props.txt"), str(tmp_path / "props.en.txt"), "--segmented"]
    result = runner.invoke(main, [*args, "-p", str(root)])
    assert result.exit_code == 0, result.output

    def labels() -> set[tuple[str, str]]:
        with sqlite3.connect(root / ".tmbuilder" / "project.db") as db:
            rows = db.execute(
                "SELECT DISTINCT src_lang, tgt_lang FROM memory WHERE origin = 'align:props.txt'"
            ).fetchall()
        return {(str(a), str(b)) for a, b in rows}

    assert labels() == {("vi", "en-GB")}
    with closing(Project(root)) as project:
        AlignmentReview(project.store, "props.txt", "ana").confirm(0)
        assert project.store.alignment("props.txt").tgt_lang == "en-GB"
        # the project's own lookups find them: the pair serves vi → en-GB
        from tmbuilder.tm.leverage import Leverage

        leverage = Leverage(project.store, threshold=100, pair=project.config.pair)
        assert leverage.lookup(vi[0], limit=1)[0].target == en[0]
    assert labels() == {("vi", "en-GB")}
