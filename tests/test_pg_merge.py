"""Merging exports unit by unit with the project on PostgreSQL (issue 14's rules, issue 16's
store): Alice's project lives on the server, Bob's clone in a local SQLite file, and their
edits travel through the exported files as in tests/test_merge_restore.py.

Projects are copies of the real seed articles (tests/conftest.py), MT off.
"""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

from conftest import seed_project_dir
from test_merge_restore import _clone, _confirm, _run, _set_term, _target, _term
from tmbuilder.pipeline.merge import conflicts
from tmbuilder.project import Project
from tmbuilder.store.postgres.store import PostgresStore


def _on_server(tmp_path: Path, pg_url: str) -> Path:
    (tmp_path / "alice").mkdir()
    root = seed_project_dir(tmp_path / "alice")
    toml = root / "tmbuilder.toml"
    toml.write_text(f'{toml.read_text(encoding="utf-8")}[store]\nurl = "{pg_url}"\n', "utf-8")
    _run("build", str(root / "docs"), "-p", str(root))
    with closing(Project(root)) as p:
        assert isinstance(p.store, PostgresStore)
    return root


def _local_clone(root: Path, where: Path) -> Path:
    """A teammate's clone that keeps its store in a local file (no [store] url)."""
    bob = _clone(root, where)
    toml = bob / "tmbuilder.toml"
    toml.write_text(toml.read_text(encoding="utf-8").split("[store]")[0], encoding="utf-8")
    return bob


def test_units_merge_and_conflict_between_a_server_project_and_a_local_clone(
    tmp_path: Path, pg_url: str
) -> None:
    alice = _on_server(tmp_path, pg_url)
    seg = _confirm(alice, 3, "Alice's translation.")
    _run("build", "-p", str(alice))
    bob = _local_clone(alice, tmp_path / "bob")
    _run("build", str(bob / "docs"), "-p", str(bob))
    assert not (alice / ".tmbuilder" / "project.db").exists()
    assert _target(bob, seg) == "Alice's translation."
    _confirm(bob, 3, "Bob's improvement.")
    _run("build", "-p", str(bob))
    shutil.copytree(bob / "tmx", alice / "tmx", dirs_exist_ok=True)
    _run("build", "-p", str(alice))
    assert _target(alice, seg) == "Bob's improvement."

    _confirm(alice, 3, "Alice again.")
    _confirm(bob, 3, "Bob again.")
    _run("build", "-p", str(bob))
    shutil.copytree(bob / "tmx", alice / "tmx", dirs_exist_ok=True)
    out = _run("build", "-p", str(alice))
    assert _target(alice, seg) == "Alice again."
    assert "conflict:" in out and "Bob again." in out
    with closing(Project(alice)) as p:
        listed = conflicts(p)
    assert [(c.ours, c.theirs) for c in listed] == [("Alice again.", "Bob again.")]
    hits = _run("concordance", "Alice again", "--scope", "project", "-p", str(alice))
    assert "Alice again." in hits


def test_terms_merge_and_conflict_between_a_server_project_and_a_local_clone(
    tmp_path: Path, pg_url: str
) -> None:
    alice = _on_server(tmp_path, pg_url)
    _set_term(alice, "cooperation")
    _run("build", "-p", str(alice))
    bob = _local_clone(alice, tmp_path / "bob")
    _run("build", str(bob / "docs"), "-p", str(bob))
    assert _term(bob) == "cooperation"
    _set_term(bob, "collaboration")
    _run("build", "-p", str(bob))
    shutil.copytree(bob / "glossary", alice / "glossary", dirs_exist_ok=True)
    _run("build", "-p", str(alice))
    assert _term(alice) == "collaboration"

    _set_term(alice, "partnership")
    _set_term(bob, "joint work")
    _run("build", "-p", str(bob))
    shutil.copytree(bob / "glossary", alice / "glossary", dirs_exist_ok=True)
    out = _run("build", "-p", str(alice))
    assert _term(alice) == "partnership"
    assert "conflict: hợp tác: kept the store's “partnership”" in out and "joint work" in out
