"""Glossary exports stamp every term (x-version, x-parent), and merging uses the stamps, so a stale
glossary file restored after newer term edits never reverts them (issue 14). That OmegaT,
translate-toolkit and OmegaT's TBX schema take the stamped files is proven where those tools
are already run (test_glossary_formats.py and test_tbx.py write stamped terms).

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
from tmbuilder.formats.glossary_read import TERM_PARENT, TERM_VERSION, stamp_of, stamped
from tmbuilder.formats.registry import glossary_format_named
from tmbuilder.model import Term, TermStatus
from tmbuilder.pipeline.merge import conflicts
from tmbuilder.project import Project

FORMATS = {"tsv": "g.tsv", "csv": "g.csv", "tbx": "g.tbx", "tbx3": "g.tbx3.tbx"}


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_keeps_each_terms_stamp(name: str, tmp_path: Path) -> None:
    terms = [
        stamped(Term("hợp tác", "cooperation", TermStatus.APPROVED), "3", "a1b2c3"),
        stamped(Term("thủ đô", "capital", variants=("thủ phủ",)), "1", ""),
        Term("trụ cột", "pillar", TermStatus.FORBIDDEN),  # none: another tool's term
    ]
    path = tmp_path / FORMATS[name]
    fmt = glossary_format_named(name)
    fmt.write(terms, path, src_lang="vi", tgt_lang="en")
    back = fmt.read(path)
    assert [(t.source, stamp_of(t)) for t in back] == [
        ("hợp tác", ("3", "a1b2c3")),
        ("thủ đô", ("1", "")),
        ("trụ cột", ("", "")),
    ]
    assert back[1].variants == ("thủ phủ",)  # the stamp columns do not shift the variants


def test_an_earlier_tmbuilders_files_still_read(tmp_path: Path) -> None:
    tsv = tmp_path / "old.tsv"
    tsv.write_text(
        "# tmbuilder glossary\tsource\ttarget\tcomment\tstatus\tvariants...\n"
        "hợp tác\tcooperation\t\tapproved\tcộng tác\n",
        encoding="utf-8",
    )
    (term,) = glossary_format_named("tsv").read(tsv)
    assert (term.status, term.variants, stamp_of(term)) == (
        TermStatus.APPROVED,
        ("cộng tác",),
        ("", ""),
    )
    csv = tmp_path / "old.csv"
    csv.write_text(
        "source,target,status,notes,variants\r\ntrụ cột,,approved,,\r\n", encoding="utf-8"
    )
    (term,) = glossary_format_named("csv").read(csv)
    assert (term.target, term.status) == ("", TermStatus.APPROVED)  # ours: no English is kept


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


def _set_term(root: Path, source: str, english: str) -> None:
    with closing(Project(root)) as p:
        old = next((t for t in p.store.terms() if t.source == source), None)
        p.store.save_term(
            Term(source, english, TermStatus.APPROVED, origin="human", id=old.id if old else 0)
        )


def _term(root: Path, source: str) -> str:
    with closing(Project(root)) as p:
        return next((t.target for t in p.store.terms() if t.source == source), "")


def test_exports_stamp_each_term_one_version_on_per_change(project: Path) -> None:
    _set_term(project, "hợp tác", "cooperation")
    _run("build", "-p", str(project))
    tbx = project / "glossary" / "vi-VN_en-US.tbx"
    first = next(t for t in glossary_format_named("tbx").read(tbx) if t.source == "hợp tác")
    _set_term(project, "hợp tác", "collaboration")
    _run("build", "-p", str(project))
    second = next(t for t in glossary_format_named("tbx").read(tbx) if t.source == "hợp tác")
    assert int(second.extra[TERM_VERSION]) == int(first.extra[TERM_VERSION]) + 1
    assert second.extra[TERM_PARENT] and second.extra[TERM_PARENT] != first.extra[TERM_PARENT]
    tsv = project / "glossary" / "vi-VN_en-US.tsv"
    line = next(x for x in tsv.read_text(encoding="utf-8").splitlines() if x.startswith("hợp"))
    assert line.split("\t")[4:6] == [second.extra[TERM_VERSION], second.extra[TERM_PARENT]]


def test_a_teammates_stale_glossary_never_reverts_a_newer_term(
    project: Path, tmp_path: Path
) -> None:
    # Bob clones while "hợp tác" is "cooperation", and adds a term of his own; meanwhile Alice
    # improves "hợp tác". Bob's glossary, never seen by Alice's store, holds the older English.
    _set_term(project, "hợp tác", "cooperation")
    _run("build", "-p", str(project))
    bob = tmp_path / "bob"
    shutil.copytree(project, bob, ignore=shutil.ignore_patterns(".tmbuilder"))
    _run("build", str(bob / "docs"), "-p", str(bob))
    _set_term(bob, "thủ đô", "capital")
    _run("build", "-p", str(bob))
    _set_term(project, "hợp tác", "collaboration")
    _run("build", "-p", str(project))

    shutil.copytree(bob / "glossary", project / "glossary", dirs_exist_ok=True)  # a pull
    out = _run("build", "-p", str(project))
    assert _term(project, "hợp tác") == "collaboration"  # not reverted
    assert _term(project, "thủ đô") == "capital"  # Bob's newer term comes in
    assert "conflict" not in out
    with closing(Project(project)) as p:
        assert conflicts(p) == []


def test_glossary_import_of_an_old_export_leaves_newer_terms_alone(project: Path) -> None:
    _set_term(project, "hợp tác", "cooperation")
    _run("glossary", "export", "-p", str(project))
    tsv = project / "glossary" / "vi-VN_en-US.tsv"
    old = project / "old.tsv"
    shutil.copy(tsv, old)
    _set_term(project, "hợp tác", "collaboration")
    _run("glossary", "export", "-p", str(project))
    out = _run("glossary", "import", str(old), "-p", str(project))
    assert _term(project, "hợp tác") == "collaboration"
    assert "1 older copies of the project's terms (x-version)" in out


def test_a_file_without_stamps_still_merges_three_way(project: Path) -> None:
    # Another tool's TBX (no stamps): taken over a decision only when the store has not
    # changed it since the last export.
    _set_term(project, "hợp tác", "cooperation")
    _run("build", "-p", str(project))
    tbx = project / "glossary" / "vi-VN_en-US.tbx"
    text = tbx.read_text(encoding="utf-8")
    text = "\n".join(x for x in text.splitlines() if "x-tmbuilder-" not in x)
    tbx.write_text(text.replace(">cooperation<", ">partnership<"), encoding="utf-8")
    _run("build", "-p", str(project))
    assert _term(project, "hợp tác") == "partnership"


def test_translate_toolkit_reads_the_stamped_tsv(tmp_path: Path) -> None:
    # translate-toolkit's OmegaT glossary reader takes source, target, comment, as OmegaT does
    from translate.storage import omegat

    terms = [
        stamped(Term("hợp tác", "cooperation", TermStatus.APPROVED, note="n"), "4", "ab12"),
        stamped(Term("thủ đô", "capital", variants=("thủ phủ",)), "1", ""),
    ]
    path = tmp_path / "g.utf8"
    glossary_format_named("tsv").write(terms, path, src_lang="vi", tgt_lang="en")
    store = omegat.OmegaTFile.parsefile(str(path))  # type: ignore[no-untyped-call]
    units = [u for u in store.units if not u.source.startswith("#")]  # our header line
    assert [(u.source, u.target, u.getnotes()) for u in units] == [
        ("hợp tác", "cooperation", "n"),
        ("thủ đô", "capital", ""),
    ]


def test_glossary_import_lists_a_term_changed_on_both_sides(project: Path, tmp_path: Path) -> None:
    _set_term(project, "hợp tác", "cooperation")
    _run("build", "-p", str(project))
    bob = tmp_path / "bob"
    shutil.copytree(project, bob, ignore=shutil.ignore_patterns(".tmbuilder"))
    _run("build", str(bob / "docs"), "-p", str(bob))
    _set_term(bob, "hợp tác", "joint work")  # Bob edits twice: a higher version than Alice's
    _run("build", "-p", str(bob))
    _set_term(bob, "hợp tác", "joint effort")
    _run("build", "-p", str(bob))
    _set_term(project, "hợp tác", "partnership")
    _run("build", "-p", str(project))
    out = _run("glossary", "import", str(bob / "glossary" / "vi-VN_en-US.tsv"), "-p", str(project))
    assert _term(project, "hợp tác") == "partnership"
    assert "conflict: hợp tác: kept the store's “partnership”" in out and "joint effort" in out
    with closing(Project(project)) as p:
        assert [(c.ours, c.theirs) for c in conflicts(p)] == [("partnership", "joint effort")]
