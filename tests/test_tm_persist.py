"""The fuzzy index stored with the project (tm/persist): same answers as a fresh in-memory
FuzzyIndex and as brute force, kept current by imports, rebuilt rather than trusted when the
memory changed another way or its files are damaged."""

from __future__ import annotations

import json
import random
import shutil
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tmbuilder.model import MemoryUnit
from tmbuilder.store.sqlite import SqliteStore
from tmbuilder.tm import persist
from tmbuilder.tm.index import FuzzyIndex, brute_force
from tmbuilder.tm.persist import MANIFEST, MemoryIndex, index_directory, open_memory_index

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from bench_fuzzy import CorpusMaker  # noqa: E402  (the benchmark's real-shaped memory)

THRESHOLD = 75.0


def _sentences() -> list[str]:
    """Real Vietnamese news sentences (the seed articles; the UD eval set when it is there)."""
    out: list[str] = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        out += [s for s in path.read_text(encoding="utf-8").split(". ") if len(s) > 20]
    for parent in REPO.parents:
        ud = parent / "shared" / "eval" / "ud_vi_vtb" / "sentences.txt"
        if ud.is_file():
            out += [s for s in ud.read_text(encoding="utf-8").splitlines() if s.strip()]
            break
    assert len(out) > 50
    return out


MAKER = CorpusMaker(_sentences(), seed=11)
KEYS = list(MAKER.memory(2_500))
QUERIES = [q for q, _ in MAKER.queries(KEYS, 40)]


def _units(keys: list[str], pair: tuple[str, str] = ("vi-VN", "en-US")) -> Iterator[MemoryUnit]:
    for i, key in enumerate(keys):
        yield MemoryUnit(key, f"target {i} of {key[:20]}", src_lang=pair[0], tgt_lang=pair[1])


@pytest.fixture(autouse=True)
def _small_store_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persist, "STORE_AFTER", 100)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with closing(SqliteStore(tmp_path / ".tmbuilder" / "project.db")) as s:
        yield s


def _open(project_store: SqliteStore, *, write: bool = True) -> MemoryIndex:
    directory = index_directory(project_store.path)
    return open_memory_index(project_store.memory_db, directory, store=write)


def _fuzzy(index: MemoryIndex) -> FuzzyIndex:
    fuzzy = FuzzyIndex()
    for _, segment in index.segments:
        fuzzy.add_segment(segment)
    fuzzy.add_many((unit_id, key) for unit_id, key, _ in index.tail)
    return fuzzy


def _memory(store: SqliteStore) -> list[tuple[int, str]]:
    return list(store.memory_keys())


def _assert_same_answers(store: SqliteStore, index: MemoryIndex, queries: list[str]) -> None:
    memory = _memory(store)
    fresh = FuzzyIndex()
    fresh.add_many(memory)
    stored = _fuzzy(index)
    assert len(stored) == len(memory)
    for query in queries:
        expected = brute_force(memory, query, limit=5, threshold=THRESHOLD)
        assert stored.search(query, limit=5, threshold=THRESHOLD) == expected
        assert fresh.search(query, limit=5, threshold=THRESHOLD) == expected


def _directory(store: SqliteStore) -> Path:
    directory = index_directory(store.path)
    assert directory is not None
    return directory


def test_stored_index_answers_as_a_fresh_one_and_brute_force(store: SqliteStore) -> None:
    store.add_memory(_units(KEYS), "news.tmx")
    first = _open(store)
    assert first.stored and not first.tail
    assert (_directory(store) / MANIFEST).is_file()
    # another process: maps the files, reads nothing of the memory but its state
    with closing(SqliteStore(store.path)) as other:
        again = _open(other)
        assert again.stored and not again.tail
        assert sum(map(len, (s for _, s in again.segments))) == len(KEYS)
        _assert_same_answers(other, again, QUERIES)


def test_small_additions_are_a_tail_and_big_ones_new_segments(store: SqliteStore) -> None:
    store.add_memory(_units(KEYS[:2_300]), "a.tmx")
    assert _open(store).stored
    before = _manifest(store)["segments"]
    store.add_memory(_units(KEYS[2_300:2_350]), "b.tmx")  # below STORE_AFTER: stays a tail
    small = _open(store)
    assert small.stored and len(small.tail) == 50
    assert _manifest(store)["segments"] == before
    store.add_memory(_units(KEYS[2_350:]), "c.tmx")  # 150 units: less than 1/4 of 2,350
    big = _open(store)
    assert big.stored and not big.tail
    after = _manifest(store)["segments"]
    assert after[0] == before[0] and len(after) == 2  # appended: the first kept, not rebuilt
    _assert_same_answers(store, big, QUERIES)
    # a batch as big as a quarter of the rest merges into it: segments stay few
    store.add_memory(_units([k + " nữa" for k in KEYS[:1_000]]), "d.tmx")
    merged = _open(store)
    assert merged.stored and len(_manifest(store)["segments"]) == 1
    _assert_same_answers(store, merged, QUERIES[:10])


def _manifest(store: SqliteStore) -> dict[str, list[dict[str, object]]]:
    raw: dict[str, list[dict[str, object]]] = json.loads(
        (_directory(store) / MANIFEST).read_text(encoding="utf-8")
    )
    return raw


def test_delete_by_origin_makes_the_stored_index_stale(store: SqliteStore) -> None:
    store.add_memory(_units(KEYS[:1_500]), "keep.tmx")
    store.add_memory(_units(KEYS[1_500:]), "align:doc")
    assert _open(store).stored
    gone = {i for i, _ in _memory(store) if i > 1_500}
    # what the alignment store does when an alignment is reviewed again
    with store.transaction():
        store.memory_db.execute("DELETE FROM memory WHERE origin = ?", ("align:doc",))
    stale = _open(store, write=False)
    assert not stale.stored and len(stale.tail) == len(_memory(store))
    rebuilt = _open(store)
    assert rebuilt.stored
    found = _fuzzy(rebuilt)
    for query in QUERIES + KEYS[1_500:1_520]:
        assert not {i for i, _ in found.search(query)} & gone
    _assert_same_answers(store, rebuilt, QUERIES[:10])


def test_a_changed_key_makes_it_stale(store: SqliteStore) -> None:
    store.add_memory(_units(KEYS[:500]), "a.tmx")
    assert _open(store).stored
    with store.transaction():
        store.memory_db.execute("UPDATE memory SET key = 'x' WHERE id = 3")
    assert not _open(store, write=False).stored
    # a date change (what merging a duplicate does) leaves it trusted
    assert _open(store).stored
    with store.transaction():
        store.memory_db.execute("UPDATE memory SET changed_at = 'z' WHERE id = 4")
    assert _open(store, write=False).stored


@pytest.mark.parametrize("damage", ["truncate", "remove", "garbage manifest", "other store"])
def test_damaged_files_are_rebuilt_not_trusted(
    store: SqliteStore, tmp_path: Path, damage: str
) -> None:
    store.add_memory(_units(KEYS[:800]), "a.tmx")
    assert _open(store).stored
    directory = _directory(store)
    postings = sorted(directory.glob("*.postings.npy"))[0]
    if damage == "truncate":
        size = postings.stat().st_size
        with open(postings, "r+b") as out:
            out.truncate(size - 4)
    elif damage == "remove":
        postings.unlink()
    elif damage == "garbage manifest":
        (directory / MANIFEST).write_text("{not json", encoding="utf-8")
    else:  # the index of another project with the same memory history
        with closing(SqliteStore(tmp_path / "other" / "project.db")) as other:
            other.add_memory(_units(KEYS[800:1_600]), "a.tmx")
            assert _open(other).stored
            shutil.rmtree(directory)
            shutil.copytree(_directory(other), directory)
    assert not _open(store, write=False).stored
    rebuilt = _open(store)
    assert rebuilt.stored and not rebuilt.tail
    _assert_same_answers(store, rebuilt, QUERIES[:10])


def test_a_crash_before_the_manifest_leaves_the_old_index_right(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_memory(_units(KEYS[:1_000]), "a.tmx")
    assert _open(store).stored
    store.add_memory(_units(KEYS[1_000:1_300]), "b.tmx")

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(persist, "_save_manifest", crash)
    survived = _open(store)  # segment files written, manifest not: the old one still counts
    assert survived.stored and len(survived.tail) == 300
    monkeypatch.undo()
    monkeypatch.setattr(persist, "STORE_AFTER", 100)
    index = _open(store)
    assert index.stored and not index.tail
    named = {e["name"] for e in _manifest(store)["segments"]}
    assert {p.name.split(".")[0] for p in _directory(store).glob("*.npy")} == named
    _assert_same_answers(store, index, QUERIES[:10])


def test_only_labels_of_the_project_pair_are_searched(tmp_path: Path) -> None:
    from tmbuilder.langtags import LangPair
    from tmbuilder.tm.leverage import Leverage

    with closing(SqliteStore(tmp_path / ".tmbuilder" / "project.db")) as store:
        store.add_memory(_units(KEYS[:600]), "vi.tmx")
        store.add_memory(_units(KEYS[:600], ("en-US", "es-ES")), "es.xliff")
        assert _open(store).stored
        leverage = Leverage(store, pair=LangPair("vi-VN", "en-US"))
        vi_ids = {i for i, _ in store.memory_keys(LangPair("vi-VN", "en-US"))}
        found = [m for k in KEYS[:15] for m in leverage.lookup(k + " thêm")]
        # the en→es units have the same sources: only the pair keeps them out
        assert len(found) >= 15 and all(m.memory_id in vi_ids for m in found)


def test_a_store_without_a_file_is_never_stored(tmp_path: Path) -> None:
    assert index_directory(tmp_path / "missing.db") is None
    assert index_directory(Path(":memory:")) is None


def test_randomised_add_delete_reopen_sequences() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    ops = st.lists(
        st.one_of(
            st.tuples(st.just("add"), st.integers(1, 40)),
            st.tuples(st.just("delete"), st.integers(0, 3)),
            st.tuples(st.just("reopen"), st.just(0)),
        ),
        min_size=1,
        max_size=8,
    )

    @settings(max_examples=25, deadline=None)
    @given(ops=ops, seed=st.integers(0, 1_000))
    def run(ops: list[tuple[str, int]], seed: int) -> None:
        import tempfile

        rng = random.Random(seed)
        with tempfile.TemporaryDirectory() as temp:
            path = Path(temp) / ".tmbuilder" / "project.db"
            store = SqliteStore(path)
            try:
                for op, n in ops:
                    if op == "add":
                        keys = rng.sample(KEYS, n)
                        store.add_memory(_units(keys), f"f{rng.randrange(4)}.tmx")
                        _open(store)  # what an import does at its end
                    elif op == "delete":
                        with store.transaction():
                            store.memory_db.execute(
                                "DELETE FROM memory WHERE origin = ?", (f"f{n}.tmx",)
                            )
                    else:
                        store.close()
                        store = SqliteStore(path)
                    index = _open(store)
                    memory = _memory(store)
                    fuzzy = _fuzzy(index)
                    assert len(fuzzy) == len(memory)
                    for query in rng.sample(QUERIES, 3):
                        expected = brute_force(memory, query, limit=5, threshold=THRESHOLD)
                        assert fuzzy.search(query, limit=5, threshold=THRESHOLD) == expected
            finally:
                store.close()

    persist_after = persist.STORE_AFTER
    persist.STORE_AFTER = 10  # small enough that sequences store, append and merge segments
    try:
        run()
    finally:
        persist.STORE_AFTER = persist_after


def test_import_stores_the_index_and_search_uses_it(tmp_path: Path) -> None:
    from xml.sax.saxutils import escape

    from tmbuilder.pipeline.imports import import_files
    from tmbuilder.project import Project
    from tmbuilder.tm.leverage import Leverage

    (tmp_path / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    tus = "".join(
        f'<tu><tuv xml:lang="vi"><seg>{escape(k)}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>translation {i}</seg></tuv></tu>'
        for i, k in enumerate(KEYS[:400])
    )
    tmx = tmp_path / "news.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="vi" '
        'creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" '
        f'datatype="plaintext"/><body>{tus}</body></tmx>',
        encoding="utf-8",
    )
    with closing(Project(tmp_path)) as project:
        import_files(project, [tmx])
        assert (tmp_path / ".tmbuilder" / "fuzzy" / MANIFEST).is_file()
        stored = Leverage(project.store, pair=project.config.pair)
        rebuilt = Leverage(project.store, pair=project.config.pair)
        fresh = FuzzyIndex()
        fresh.add_many(project.store.memory_keys(project.config.pair))
        rebuilt._index = fresh  # what every process did before the index was stored
        fuzzy = 0
        for query in [k + " nữa" for k in KEYS[:10]] + [k[:-6] for k in KEYS[100:110]]:
            found = stored.lookup(query)
            assert found == rebuilt.lookup(query)
            fuzzy += any(m.score < 100 for m in found)
        assert fuzzy >= 15


def test_a_busy_writer_lock_means_an_in_memory_index(store: SqliteStore) -> None:
    import fcntl
    import os

    store.add_memory(_units(KEYS[:500]), "a.tmx")
    directory = _directory(store)
    directory.mkdir()
    fd = os.open(directory / "lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another process storing the index right now
        busy = _open(store)
        assert not busy.stored and len(busy.tail) == 500
        assert not (directory / MANIFEST).exists()
    finally:
        os.close(fd)
    assert _open(store).stored


def test_packed_keys_give_back_every_key() -> None:
    from tmbuilder.tm.packed_keys import PackedKeys, pack_keys

    keys = ["", "hợp tác", "a\ud800b", "𝔘 ký tự", *KEYS[:50]]
    packed = PackedKeys(*pack_keys(keys))
    assert len(packed) == len(keys) and list(packed) == keys
    assert packed[-1] == keys[-1] and packed[1:3] == keys[1:3]
    with pytest.raises(IndexError):
        packed[len(keys)]
    data, offsets = pack_keys(keys)
    with pytest.raises(ValueError, match="offsets"):
        PackedKeys(data[:-1], offsets)
