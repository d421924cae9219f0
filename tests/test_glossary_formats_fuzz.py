"""Fuzzing the glossary readers (TSV, CSV, TBX): any bytes give terms or one line naming the
file, never a traceback; a refused file leaves the store unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmbuilder.errors import TmBuilderError
from tmbuilder.formats.glossary_registry import CsvGlossary, TbxGlossary, TsvGlossary
from tmbuilder.pipeline.glossary import import_glossary
from tmbuilder.project import Project

REAL = Path(__file__).parent / "data" / "real"
SEED_TBX = (REAL / "tbx" / "weblate-fr-extended-metadata.tbx").read_bytes()
SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
READERS = {".txt": TsvGlossary, ".csv": CsvGlossary, ".tbx": TbxGlossary}


def outcome(path: Path) -> None:
    try:
        READERS[path.suffix].read(path, src_lang="fr", tgt_lang="en")
    except TmBuilderError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "\n" not in message


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(sorted(READERS)))
def test_any_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"g{suffix}"
    path.write_bytes(data)
    outcome(path)


@SETTINGS
@given(
    st.text(alphabet='\t,;"\n\r#ab\ufeffvé \x00', max_size=120), st.sampled_from([".txt", ".csv"])
)
def test_text_shaped_input(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"g{suffix}"
    path.write_text(text, encoding="utf-8")
    outcome(path)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(SEED_TBX) - 1), st.binary(max_size=2)), max_size=5))
def test_mutated_real_tbx(tmp_path: Path, edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(SEED_TBX)
    for at, insert in edits:
        data[at : at + 1] = insert
    path = tmp_path / "g.tbx"
    path.write_bytes(bytes(data))
    outcome(path)


def test_refused_file_leaves_the_store_unchanged(tmp_path: Path) -> None:
    project = Project(tmp_path / "p")
    good = tmp_path / "good.txt"
    good.write_text("hòa bình\tpeace\n", encoding="utf-8")
    import_glossary(project, [good])
    bad = tmp_path / "bad.txt"
    bad.write_bytes("chiến lược\tstrategy\n".encode() + b"\xff\xfe broken\n")
    with pytest.raises(TmBuilderError, match=r"bad\.txt: line 2"):
        import_glossary(project, [bad])
    assert [t.source for t in project.store.terms()] == ["hòa bình"]
    project.close()
