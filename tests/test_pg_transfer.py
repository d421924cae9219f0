"""`tmbuilder store push` / `store pull`: a whole project to a server and back, all or nothing."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, seed_project_dir
from tmbuilder.align.record import Alignment, Pair, PairStatus
from tmbuilder.cli import main
from tmbuilder.model import Status, Term
from tmbuilder.store.base import ProjectStore, UnitChange
from tmbuilder.store.postgres.store import PostgresStore
from tmbuilder.store.sqlite import SqliteStore
from tmbuilder.store.sync_tables import SyncBase


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _snapshot(store: ProjectStore) -> tuple[object, ...]:
    segments = store.segments(include_archived=True)
    return (
        store.stats(),
        store.documents(),
        segments,
        [store.history(s.id) for s in segments],
        [store.suggestions(s.id) for s in segments],
        list(store.memory_units()),
        store.terms(),
        store.get_meta("k"),
        [store.alignment(name) for name in store.alignment_names()],
        [store.alignment_history(name) for name in store.alignment_names()],
        [(t.extra, t.synonyms, t.src_lang, t.tgt_lang) for t in store.terms()],
        store.sync_bases("unit"),
        store.sync_bases("term"),
        store.stored_conflicts(),
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TMBUILDER_STORE_URL", raising=False)
    root = tmp_path / "local"
    root.mkdir()
    seed_project_dir(root)
    assert _invoke("build", str(root / "docs"), "--engine", "none", "-p", str(root))[0] == 0
    tmx = str(REPO / "tmx" / "vi-VN_en-US.tmx")
    assert _invoke("import", tmx, "--apply", "reviewed", "-p", str(root))[0] == 0
    store = SqliteStore(root / ".tmbuilder" / "project.db")
    first = store.segments()[0]
    store.update_unit(UnitChange(first.id, "Edited.", Status.TRANSLATED, "human", "an"))
    segs = store.segments()
    left, right = next(
        (s, n)
        for s, n in pairwise(segs)
        if (s.document_id, s.paragraph, s.position + 1) == (n.document_id, n.paragraph, n.position)
    )
    store.merge_segments(left.id, right.id, "an")
    store.set_meta("k", "v")
    pairs = (Pair(0, 1, 0, 1, 0.9), Pair(1, 2, 1, 2, 0.5, PairStatus.REVIEWED, "an"))
    alignment = Alignment(0, "bai1", "vi.txt", "en.txt", ("Một.", "Hai."), ("One.", "Two."), pairs)
    store.save_alignment(alignment, author="an", action="align")
    store.merge_terms([Term("thủ đô", "capital", extra={"proposals": '[["capital", 2, []]]'})])
    store.import_terms([Term("hồ", "lake", tgt_lang="en"), Term("hồ", "pond", tgt_lang="en")])
    store.set_sync_bases("unit", [(str(first.id), SyncBase("d1", 2, "d0"))])
    store.note_conflicts("term", "g.tbx", [("hồ", {"target": "pool"})])
    store.close()
    return root


def test_push_then_pull_gives_back_the_same_project(
    project: Path, pg_url: str, tmp_path: Path
) -> None:
    local = SqliteStore(project / ".tmbuilder" / "project.db")
    before = _snapshot(local)
    local.close()
    code, out = _invoke("store", "push", pg_url, "-p", str(project))
    assert code == 0, out
    assert "memory: 64 rows" in out  # the TMX's 62 and the alignment's 2
    server = PostgresStore(pg_url)
    assert _snapshot(server) == before
    # ids continue after the copied ones
    server.set_suggestions(server.segments()[0].id, "mt", [])
    server.close()

    other = tmp_path / "other"
    other.mkdir()
    code, out = _invoke("store", "pull", pg_url, "-p", str(other))
    assert code == 0, out
    pulled = SqliteStore(other / ".tmbuilder" / "project.db")
    assert _snapshot(pulled) == before
    pulled.close()
    assert (other / ".tmbuilder" / ".gitignore").read_text() == "*\n"

    code, out = _invoke("store", "pull", pg_url, "-p", str(other))
    assert code == 1 and "already there" in out


def test_push_into_a_database_holding_a_project_changes_nothing(project: Path, pg_url: str) -> None:
    server = PostgresStore(pg_url)
    server.set_meta("owner", "someone else")
    server.close()
    code, out = _invoke("store", "push", pg_url, "-p", str(project))
    assert code == 1
    assert "(meta is not empty); push needs an empty one" in out and "Traceback" not in out
    server = PostgresStore(pg_url)
    assert server.stats().segments == 0 and server.memory_count() == 0
    server.close()
