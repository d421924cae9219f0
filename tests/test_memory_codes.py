"""Inline codes in the memory: stored, ignored by matching, charged a small penalty."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from tmbuilder.inline import CODE_PENALTY, CodeKind, code_char
from tmbuilder.pipeline.imports import import_files
from tmbuilder.project import Project
from tmbuilder.store.schema import SCHEMA_VERSION
from tmbuilder.tm.leverage import EXACT, Leverage

TAGGED = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="vi" creationtool="x" creationtoolversion="1"
 segtype="sentence" o-tmf="x" adminlang="en" datatype="html"/><body>
<tu><tuv xml:lang="vi"><seg>Hai nước <bpt i="1">&lt;b&gt;</bpt>hợp tác<ept i="1">&lt;/b&gt;</ept>.
</seg></tuv><tuv xml:lang="en"><seg>The two countries <bpt i="1">&lt;b&gt;</bpt>cooperate<ept i="1">
&lt;/b&gt;</ept>.</seg></tuv></tu>
</body></tmx>
"""


def test_codes_are_stored_and_matching_ignores_them(tmp_path: Path) -> None:
    (tmp_path / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    tmx = tmp_path / "tagged.tmx"
    tmx.write_text(TAGGED, encoding="utf-8")
    with closing(Project(tmp_path)) as project:
        assert project.store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        import_files(project, [tmx])
        ((_, unit),) = project.store.memory_units()
        b, end_b = code_char(CodeKind.OPEN, 1), code_char(CodeKind.CLOSE, 1)
        assert unit.source == f"Hai nước {b}hợp tác{end_b}.\n"
        assert [c.native for c in unit.codes] == [
            '<bpt i="1">&lt;b&gt;</bpt>',
            '<ept i="1">&lt;/b&gt;</ept>',
            '<ept i="1">\n&lt;/b&gt;</ept>',  # the target's differs (a line break): its own
        ]
        leverage = Leverage(project.store, pair=project.config.pair)
        # The same sentence without the tags: the text matches, the codes do not (2 codes).
        (match,) = leverage.lookup("Hai nước hợp tác.", "câu trước", "câu sau")
        assert match.score == EXACT - 2 * CODE_PENALTY  # a fuzzy match, never filled in
        # With the same codes it is exact again.
        (match,) = leverage.lookup(f"Hai nước {b}hợp tác{end_b}.\n")
        assert match.score >= EXACT
