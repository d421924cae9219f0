"""Stateful property test: random edit / export / pull / old checkout / import / build sequences
on two clones of one project never replace a confirmed edit by an older copy (issue 14) — also
when an old export comes back as a TSV without stamps through `import --apply` (a translator's
spreadsheet), and when a newer TSV edit is forced in with --overwrite. A glossary term gets the
same treatment: edits, glossary exports, pulls of glossary/, old glossaries checked out again
and `glossary import` of old copies never move it back to an older decision.

Every edit writes a new text carrying a global counter, so "older" is exact: a clone's target
for a segment may only ever move to a text with a higher counter. A longer run:
`TMBUILDER_LONG=1 make faults` (more examples, longer sequences).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from conftest import SEEDS
from tmbuilder.formats.bitext import write_bitext
from tmbuilder.formats.tmx_read import read_tmx
from tmbuilder.model import MemoryUnit, Status, Term, TermStatus
from tmbuilder.pipeline import build
from tmbuilder.pipeline.exports import default_tmx_path, export_tmx
from tmbuilder.pipeline.glossary import export_glossary, glossary_paths, import_glossary
from tmbuilder.pipeline.imports import import_files
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange

LONG = bool(os.environ.get("TMBUILDER_LONG"))
CLONES = ("alice", "bob")
SEGMENTS = 2  # few segments, so sequences collide on the same units often
_TEXT = re.compile(r"edit (\d+) ")
TERM = "hợp tác"
_TEMPLATE: Path | None = None


def _template() -> Path:
    """One built project (the real seed articles, MT/glossary off), copied for every run."""
    global _TEMPLATE
    if _TEMPLATE is None:
        root = Path(tempfile.mkdtemp(prefix="tmb-merge-template-"))
        shutil.copytree(SEEDS, root / "docs", ignore=shutil.ignore_patterns("*.md"))
        (root / "tmbuilder.toml").write_text(
            '[engine]\nname = "none"\n[build]\ndraft = false\nglossary = false\n',
            encoding="utf-8",
        )
        with closing(Project(root)) as p:
            build(p, [root / "docs"])
        _TEMPLATE = root
    return _TEMPLATE


def _counter(text: str) -> int:
    found = _TEXT.match(text)
    return int(found[1]) if found else -1


class TwoClones(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="tmb-merge-"))
        self.roots = {name: self.tmp / name for name in CLONES}
        for root in self.roots.values():
            shutil.copytree(_template(), root)
        self.pool: list[Path] = []  # export copies: old versions, files mailed around
        self.edits = 0
        self.seen = {(c, i): -1 for c in CLONES for i in range(SEGMENTS)}
        self.glossaries: list[Path] = []  # glossary export folders: old copies
        self.term_seen = dict.fromkeys(CLONES, -1)

    def _open(self, clone: str) -> Project:
        return Project(self.roots[clone])

    @rule(clone=st.sampled_from(CLONES), index=st.integers(0, SEGMENTS - 1))
    def edit(self, clone: str, index: int) -> None:
        self.edits += 1
        with closing(self._open(clone)) as p:
            seg = p.store.segments()[index]
            text = f"edit {self.edits} by {clone}"
            p.store.update_unit(UnitChange(seg.id, text, Status.REVIEWED, "human", clone))

    @rule(clone=st.sampled_from(CLONES), index=st.integers(0, SEGMENTS - 1))
    def edit_then_build(self, clone: str, index: int) -> None:  # the everyday round
        self.edit(clone, index)
        self.run_build(clone)

    @rule(clone=st.sampled_from(CLONES))
    def run_build(self, clone: str) -> None:
        with closing(self._open(clone)) as p:
            build(p, [])

    @rule(clone=st.sampled_from(CLONES))
    def export(self, clone: str) -> None:  # `tmbuilder export tmx`, the UI's palette
        with closing(self._open(clone)) as p:
            export_tmx(p)

    @rule(clone=st.sampled_from(CLONES))
    def export_copy(self, clone: str) -> None:  # `export tmx -o` somewhere else
        path = self.tmp / "pool" / f"{len(self.pool)}.tmx"
        path.parent.mkdir(exist_ok=True)
        with closing(self._open(clone)) as p:
            export_tmx(p, path)
        self.pool.append(path)

    @rule(source=st.sampled_from(CLONES))
    def pull(self, source: str) -> None:  # git push + pull of tmx/, then build
        dest = CLONES[1 - CLONES.index(source)]
        with closing(self._open(source)) as p:
            src = default_tmx_path(p)
        if src.exists():
            shutil.copy(src, self.roots[dest] / "tmx" / src.name)
            self.run_build(dest)

    @rule(clone=st.sampled_from(CLONES), pick=st.integers(0, 50))
    def checkout_old(self, clone: str, pick: int) -> None:  # an old export back in tmx/
        if self.pool:
            with closing(self._open(clone)) as p:
                shutil.copy(self.pool[pick % len(self.pool)], default_tmx_path(p))
            self.run_build(clone)

    @rule(clone=st.sampled_from(CLONES), pick=st.integers(0, 50))
    def import_copy(self, clone: str, pick: int) -> None:  # `tmbuilder import old.tmx`
        if self.pool:
            with closing(self._open(clone)) as p:
                import_files(p, [self.pool[pick % len(self.pool)]])

    @rule(clone=st.sampled_from(CLONES), pick=st.integers(0, 50))
    def apply_tsv_copy(self, clone: str, pick: int) -> None:  # `import old.tsv --apply reviewed`
        if self.pool:
            units = list(read_tmx(self.pool[pick % len(self.pool)]))
            tsv = self.tmp / "pool" / f"{pick}.tsv"
            write_bitext(units, tsv)
            with closing(self._open(clone)) as p:
                import_files(p, [tsv], apply_status=Status.REVIEWED)

    @rule(clone=st.sampled_from(CLONES), index=st.integers(0, SEGMENTS - 1))
    def overwrite_with_a_newer_tsv(self, clone: str, index: int) -> None:
        # a translator's newer edit, forced in: the file wins, and it is the newest text
        self.edits += 1
        with closing(self._open(clone)) as p:
            seg = p.store.segments()[index]
            tsv = self.tmp / f"new-{self.edits}.tsv"
            write_bitext([MemoryUnit(seg.source, f"edit {self.edits} by a tsv")], tsv)
            import_files(p, [tsv], apply_status=Status.REVIEWED, overwrite=True)

    @rule(clone=st.sampled_from(CLONES))
    def edit_term(self, clone: str) -> None:
        self.edits += 1
        with closing(self._open(clone)) as p:
            old = next((t for t in p.store.terms() if t.source == TERM), None)
            english = f"edit {self.edits} by {clone}"
            p.store.save_term(
                Term(TERM, english, TermStatus.APPROVED, origin="human", id=old.id if old else 0)
            )

    @rule(clone=st.sampled_from(CLONES))
    def export_glossary_copy(self, clone: str) -> None:  # `glossary export -o` elsewhere
        folder = self.tmp / "glossaries" / str(len(self.glossaries))
        with closing(self._open(clone)) as p:
            export_glossary(p, directory=folder, formats=("tsv", "tbx"))
        self.glossaries.append(folder)

    @rule(source=st.sampled_from(CLONES))
    def pull_glossary(self, source: str) -> None:  # git push + pull of glossary/, then build
        dest = CLONES[1 - CLONES.index(source)]
        if (self.roots[source] / "glossary").is_dir():
            shutil.copytree(
                self.roots[source] / "glossary", self.roots[dest] / "glossary", dirs_exist_ok=True
            )
            self.run_build(dest)

    @rule(clone=st.sampled_from(CLONES), pick=st.integers(0, 50))
    def checkout_old_glossary(self, clone: str, pick: int) -> None:
        if self.glossaries:
            folder = self.glossaries[pick % len(self.glossaries)]
            with closing(self._open(clone)) as p:
                target = glossary_paths(p)["tbx"]
            target.parent.mkdir(exist_ok=True)
            shutil.copy(next(folder.glob("*.tbx")), target)
            self.run_build(clone)

    @rule(clone=st.sampled_from(CLONES), pick=st.integers(0, 50))
    def import_old_glossary(self, clone: str, pick: int) -> None:  # `glossary import old.tsv`
        if self.glossaries:
            folder = self.glossaries[pick % len(self.glossaries)]
            with closing(self._open(clone)) as p:
                import_glossary(p, [next(folder.glob("*.tsv"))])

    @invariant()
    def no_term_decision_replaced_by_an_older_copy(self) -> None:
        for clone in CLONES:
            with closing(self._open(clone)) as p:
                term = next((t for t in p.store.terms() if t.source == TERM), None)
            now = _counter(term.target) if term else -1
            before = self.term_seen[clone]
            assert now >= before, f"{clone}: term '{term}' replaced a newer decision ({before})"
            self.term_seen[clone] = now

    @invariant()
    def no_edit_replaced_by_an_older_copy(self) -> None:
        for clone in CLONES:
            with closing(self._open(clone)) as p:
                segments = p.store.segments()[:SEGMENTS]
            for index, seg in enumerate(segments):
                now = _counter(seg.target)
                before = self.seen[(clone, index)]
                assert now >= before, (
                    f"{clone} segment {index}: '{seg.target}' replaced a newer edit ({before})"
                )
                self.seen[(clone, index)] = now

    def teardown(self) -> None:
        for root in self.roots.values():
            with closing(sqlite3.connect(root / ".tmbuilder" / "project.db")) as db:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        shutil.rmtree(self.tmp, ignore_errors=True)


TwoClones.TestCase.settings = settings(
    max_examples=100 if LONG else 10,
    stateful_step_count=40 if LONG else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestNoConfirmedEditIsReplacedByAnOlderCopy = TwoClones.TestCase
