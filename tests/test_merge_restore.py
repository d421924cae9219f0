"""`build` reads exports back unit by unit: newer confirmed edits are never reverted (issue 14).

Projects are copies of the real seed articles (tests/conftest.py), MT off.
"""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import seed_project_dir
from tmbuilder.cli import main
from tmbuilder.model import Status, Term, TermStatus
from tmbuilder.pipeline.exports import document_outputs
from tmbuilder.pipeline.merge import conflicts
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "alice").mkdir()
    root = seed_project_dir(tmp_path / "alice")
    _run("build", str(root / "docs"), "-p", str(root))
    return root


def _confirm(root: Path, index: int, text: str, status: Status = Status.REVIEWED) -> int:
    """A reviewer confirms `text` as the translation of the index-th segment."""
    with closing(Project(root)) as p:
        seg = p.store.segments()[index]
        p.store.update_unit(UnitChange(seg.id, text, status, "human", "reviewer", "edit"))
        return seg.id


def _target(root: Path, seg_id: int) -> str:
    with closing(Project(root)) as p:
        return p.store.segment(seg_id).target


def _clone(root: Path, where: Path) -> Path:
    """What `git clone` gives a teammate: everything but the git-ignored store."""
    shutil.copytree(root, where, ignore=shutil.ignore_patterns(".tmbuilder"))
    return where


def test_export_then_newer_edit_then_build_keeps_the_newer_edit(project: Path) -> None:
    # The scenario: export by hand (as the review UI's palette does), edit, build.
    seg = _confirm(project, 0, "First reviewed version.")
    _run("export", "tmx", "-p", str(project))
    _confirm(project, 0, "Second, better version.")
    out = _run("build", "-p", str(project))
    assert _target(project, seg) == "Second, better version."
    assert "conflict" not in out


def test_an_export_to_another_name_in_tmx_is_safe_too(project: Path) -> None:
    seg = _confirm(project, 1, "Old words.")
    _run("export", "tmx", "-o", str(project / "tmx" / "snapshot.tmx"), "-p", str(project))
    _confirm(project, 1, "New words.")
    _run("build", "-p", str(project))
    assert _target(project, seg) == "New words."


def test_an_older_copy_of_the_export_never_reverts(project: Path) -> None:
    seg = _confirm(project, 2, "Version one.")
    _run("build", "-p", str(project))
    old = next((project / "tmx").glob("*.tmx")).read_bytes()
    _confirm(project, 2, "Version two.")
    _run("build", "-p", str(project))
    next((project / "tmx").glob("*.tmx")).write_bytes(old)  # `git checkout` of the old export
    out = _run("build", "-p", str(project))
    assert _target(project, seg) == "Version two."
    assert "conflict" not in out


def test_a_teammates_newer_edit_comes_in_and_concurrent_edits_conflict(
    project: Path, tmp_path: Path
) -> None:
    seg = _confirm(project, 3, "Alice's translation.")
    _run("build", "-p", str(project))
    bob = _clone(project, tmp_path / "bob")
    _run("build", str(bob / "docs"), "-p", str(bob))  # a fresh clone gets Alice's work back
    assert _target(bob, seg) == "Alice's translation."
    _confirm(bob, 3, "Bob's improvement.")
    _run("build", "-p", str(bob))
    shutil.copytree(bob / "tmx", project / "tmx", dirs_exist_ok=True)  # Alice pulls
    _run("build", "-p", str(project))
    assert _target(project, seg) == "Bob's improvement."  # newer, Alice had not changed it

    # Now both edit the same unit before syncing: Alice keeps hers, and is told.
    _confirm(project, 3, "Alice again.")
    _confirm(bob, 3, "Bob again.")
    _run("build", "-p", str(bob))
    shutil.copytree(bob / "tmx", project / "tmx", dirs_exist_ok=True)
    out = _run("build", "-p", str(project))
    assert _target(project, seg) == "Alice again."
    assert "conflict:" in out and "Bob again." in out and "Alice again." in out
    with closing(Project(project)) as p:
        listed = conflicts(p)
    assert [(c.ours, c.theirs) for c in listed] == [("Alice again.", "Bob again.")]


def test_a_file_without_versions_never_replaces_a_persons_newer_work(project: Path) -> None:
    # A CAT tool's XLIFF keeps no x-version: it is taken over a draft, not over a changed edit.
    out_dir = project / "handoff"
    _run("export", "xliff", "-o", str(out_dir), "-p", str(project))
    xlf = sorted(out_dir.rglob("*.xlf"))[0]
    seg = _confirm(project, 0, "Edited after the handoff.")
    text = xlf.read_text(encoding="utf-8").replace('context-type="x-version"', 'context-type="x-v"')
    xlf.write_text(text, encoding="utf-8")
    _run("import", str(xlf), "-p", str(project))
    assert _target(project, seg) == "Edited after the handoff."


def test_glossary_decisions_merge_term_by_term(project: Path) -> None:
    with closing(Project(project)) as p:
        p.store.save_term(Term("hợp tác", "cooperation", TermStatus.APPROVED, origin="human"))
    _run("glossary", "export", "-p", str(project))
    with closing(Project(project)) as p:
        term = next(t for t in p.store.terms() if t.source == "hợp tác")
        p.store.save_term(Term("hợp tác", "collaboration", TermStatus.APPROVED, id=term.id))
    _run("build", "-p", str(project))
    with closing(Project(project)) as p:
        assert next(t for t in p.store.terms() if t.source == "hợp tác").target == "collaboration"


def test_xliff_names_follow_the_document_path(tmp_path: Path) -> None:
    root = tmp_path / "p"
    for folder in ("a", "b"):
        (root / folder).mkdir(parents=True)
        shutil.copy(
            sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))[0],
            root / folder / "news.txt",
        )
    (root / "b" / "news.txt").write_text(
        (root / "b" / "news.txt").read_text(encoding="utf-8") + "\nMột câu nữa.\n", encoding="utf-8"
    )
    (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    _run("build", str(root / "a"), str(root / "b"), "-p", str(root))
    _run("export", "xliff", "-o", str(tmp_path / "out"), "-p", str(root))
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.xlf")
    )
    assert written == ["a/news.txt.xlf", "b/news.txt.xlf"]
    assert "Một câu nữa." in (tmp_path / "out" / "b" / "news.txt.xlf").read_text(encoding="utf-8")


def test_two_documents_for_one_export_file_are_refused(tmp_path: Path) -> None:
    from tmbuilder.errors import InputError

    with pytest.raises(InputError, match="two documents would be written here"):
        document_outputs(tmp_path, ["a/News.txt", "a/news.txt"], ".xlf")


def _set_term(root: Path, english: str) -> None:
    with closing(Project(root)) as p:
        old = next((t for t in p.store.terms() if t.source == "hợp tác"), None)
        p.store.save_term(
            Term("hợp tác", english, TermStatus.APPROVED, origin="human", id=old.id if old else 0)
        )


def _term(root: Path) -> str:
    with closing(Project(root)) as p:
        return next(t for t in p.store.terms() if t.source == "hợp tác").target


def test_a_teammates_term_comes_in_and_concurrent_term_edits_conflict(
    project: Path, tmp_path: Path
) -> None:
    _set_term(project, "cooperation")
    _run("build", "-p", str(project))
    bob = _clone(project, tmp_path / "bob")
    _run("build", str(bob / "docs"), "-p", str(bob))
    assert _term(bob) == "cooperation"
    _set_term(bob, "collaboration")
    _run("build", "-p", str(bob))
    shutil.copytree(bob / "glossary", project / "glossary", dirs_exist_ok=True)
    _run("build", "-p", str(project))
    assert _term(project) == "collaboration"  # Alice had not touched it since they agreed

    _set_term(project, "partnership")
    _set_term(bob, "joint work")
    _run("build", "-p", str(bob))
    shutil.copytree(bob / "glossary", project / "glossary", dirs_exist_ok=True)
    out = _run("build", "-p", str(project))
    assert _term(project) == "partnership"
    assert "conflict: hợp tác: kept the store's “partnership”" in out and "joint work" in out
