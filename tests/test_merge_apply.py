"""`import --apply` of files without stamps (TSV, CSV, a CAT tool's TMX) never silently replaces
a reviewer's confirmed translation (issue 14): it fills and replaces unconfirmed segments, lists
a conflict where it differs from a reviewed one, skips rows an earlier export held, and takes
the file's side only with --overwrite.

Projects are copies of the real seed articles (tests/conftest.py), MT off.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import seed_project_dir
from tmbuilder.cli import main
from tmbuilder.formats.tmx import write_tmx
from tmbuilder.model import MemoryUnit, Segment, Status
from tmbuilder.pipeline.merge import conflicts
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = seed_project_dir(tmp_path)
    _run("build", str(root / "docs"), "-p", str(root))
    return root


def _segments(root: Path) -> list[Segment]:
    with closing(Project(root)) as p:
        return p.store.segments()[:4]


def _set(root: Path, seg: Segment, text: str, status: Status, origin: str = "human") -> None:
    with closing(Project(root)) as p:
        p.store.update_unit(UnitChange(seg.id, text, status, origin, "reviewer", "edit"))


def _now(root: Path, seg: Segment) -> tuple[str, Status]:
    with closing(Project(root)) as p:
        now = p.store.segment(seg.id)
    return now.target, now.status


def _tsv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    return path


def test_a_tsv_fills_and_replaces_unconfirmed_work_but_never_a_reviewed_translation(
    project: Path,
) -> None:
    new, draft, translated, reviewed = _segments(project)
    _set(project, draft, "A machine draft.", Status.DRAFT, "mt:google")
    _set(project, translated, "A translator's first try.", Status.TRANSLATED)
    _set(project, reviewed, "The reviewer's confirmed words.", Status.REVIEWED)
    tsv = _tsv(
        project / "done.tsv",
        [(s.source, f"From the file {n}.") for n, s in enumerate(_segments(project))],
    )
    out = _run("import", str(tsv), "--apply", "reviewed", "-p", str(project))
    assert _now(project, new) == ("From the file 0.", Status.REVIEWED)
    assert _now(project, draft) == ("From the file 1.", Status.REVIEWED)
    assert _now(project, translated) == ("From the file 2.", Status.REVIEWED)
    assert _now(project, reviewed) == ("The reviewer's confirmed words.", Status.REVIEWED)
    assert "3 project segments updated" in out
    assert "1 segments kept the store's translation" in out and "--overwrite" in out
    assert "kept the store's “The reviewer's confirmed words.”" in out
    assert "has “From the file 3.”" in out
    with closing(Project(project)) as p:  # recorded for the review UI
        listed = conflicts(p)
    assert [(c.ours, c.theirs) for c in listed] == [
        ("The reviewer's confirmed words.", "From the file 3.")
    ]

    # The person decides the file is right: --overwrite takes it, and the conflict is gone.
    out = _run("import", str(tsv), "--apply", "reviewed", "--overwrite", "-p", str(project))
    assert _now(project, reviewed) == ("From the file 3.", Status.REVIEWED)
    assert "1 project segments updated" in out and "3 project segments already held" in out
    with closing(Project(project)) as p:
        assert conflicts(p) == []


def test_same_words_confirm_but_never_lower_a_status(project: Path) -> None:
    translated, reviewed, rejected, _ = _segments(project)
    _set(project, translated, "Same words.", Status.TRANSLATED)
    _set(project, reviewed, "Reviewed words.", Status.REVIEWED)
    _set(project, rejected, "Rejected words.", Status.REJECTED)
    tsv = _tsv(
        project / "same.tsv",
        [
            (translated.source, "Same words."),
            (reviewed.source, "Reviewed words."),
            (rejected.source, "Rejected words."),
        ],
    )
    out = _run("import", str(tsv), "--apply", "translated", "-p", str(project))
    assert _now(project, reviewed) == ("Reviewed words.", Status.REVIEWED)  # not demoted
    assert _now(project, rejected) == ("Rejected words.", Status.REJECTED)  # not un-rejected
    assert "kept the store's “Rejected words.”" in out
    _run("import", str(tsv), "--apply", "reviewed", "-p", str(project))
    assert _now(project, translated) == ("Same words.", Status.REVIEWED)  # confirmed


def test_a_row_the_last_export_held_is_an_older_copy(project: Path) -> None:
    seg = _segments(project)[0]
    _set(project, seg, "Exported version.", Status.REVIEWED)
    _run("export", "tmx", "-p", str(project))
    _set(project, seg, "Edited after the export.", Status.REVIEWED)
    tsv = _tsv(project / "old.tsv", [(seg.source, "Exported version.")])
    out = _run("import", str(tsv), "--apply", "reviewed", "--overwrite", "-p", str(project))
    assert _now(project, seg) == ("Edited after the export.", Status.REVIEWED)
    assert "1 rows not applied: an earlier export held them" in out


@pytest.mark.parametrize("suffix", [".csv", ".tmx"])
def test_csv_and_a_cat_tools_tmx_follow_the_same_rule(project: Path, suffix: str) -> None:
    seg, other = _segments(project)[:2]
    _set(project, seg, "Confirmed.", Status.REVIEWED)
    path = project / f"file{suffix}"
    if suffix == ".csv":
        path.write_text(
            f'vi-VN,en-US\n"{seg.source}",Stale.\n"{other.source}",Fresh.\n', encoding="utf-8"
        )
    else:
        write_tmx([MemoryUnit(seg.source, "Stale."), MemoryUnit(other.source, "Fresh.")], path)
    out = _run("import", str(path), "--apply", "reviewed", "-p", str(project))
    assert _now(project, seg) == ("Confirmed.", Status.REVIEWED)
    assert _now(project, other) == ("Fresh.", Status.REVIEWED)
    assert "kept the store's “Confirmed.”" in out
