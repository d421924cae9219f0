"""Fuzzy matching inside PostgreSQL gives the local index's answers, scores included.

The memory is real text: the seed articles' sentences, plus copies with a few words edited (a
word dropped, a number changed) so that sentences have neighbours between 75 % and 100 %.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from conftest import SEEDS
from tmbuilder.model import MemoryUnit
from tmbuilder.store.postgres.memory import candidate_query, length_window
from tmbuilder.store.postgres.sketch import sketch
from tmbuilder.store.postgres.store import PostgresStore
from tmbuilder.store.sqlite import SqliteStore
from tmbuilder.text.normalize import match_key
from tmbuilder.tm.index import FuzzyIndex, brute_force
from tmbuilder.tm.leverage import Leverage
from tmbuilder.tm.score import similarity

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])")


def _sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            out.extend(s for s in _SENTENCE_END.split(paragraph.strip()) if len(s) > 20)
    return out


def _edited(sentence: str, rng: random.Random, edits: int) -> str:
    words = sentence.split()
    for _ in range(edits):
        i = rng.randrange(len(words))
        if rng.random() < 0.5 and len(words) > 4:
            del words[i]
        else:
            words[i] = str(rng.randrange(1, 99)) if rng.random() < 0.5 else words[i].upper()
    return " ".join(words)


def _memory() -> tuple[list[MemoryUnit], list[str]]:
    rng = random.Random(16)
    sentences = _sentences()
    units = [MemoryUnit(s, f"EN {i}") for i, s in enumerate(sentences)]
    units += [MemoryUnit(_edited(s, rng, 2), f"EN {i}b") for i, s in enumerate(sentences)]
    queries = [_edited(s, rng, rng.randrange(1, 4)) for s in sentences[::3]]
    return units, queries


@pytest.fixture(scope="module")
def memory() -> tuple[list[MemoryUnit], list[str]]:
    return _memory()


def test_length_window_is_where_a_match_can_reach_the_threshold() -> None:
    assert length_window(100, 75.0) == (75, 133)
    assert length_window(0, 75.0) == (0, 0)
    for length in range(1, 60):
        low, high = length_window(length, 80.0)
        assert similarity("a" * length, "a" * low) >= 80.0
        assert similarity("a" * length, "a" * (low - 1)) < 80.0
        assert similarity("a" * length, "a" * high) >= 80.0
        assert similarity("a" * length, "a" * (high + 1)) < 80.0


def test_server_search_equals_brute_force_on_the_same_memory(
    pg_url: str, memory: tuple[list[MemoryUnit], list[str]]
) -> None:
    units, queries = memory
    store = PostgresStore(pg_url)
    store.add_memory(units, "real.tmx")
    keys = list(store.memory_keys())
    assert len(keys) > 100
    found_any = 0
    for query in queries:
        key = match_key(query)
        got = store.memory_search(key, limit=5, threshold=75.0)
        assert got == brute_force(keys, key, limit=5, threshold=75.0), query
        found_any += bool(got)
    assert found_any > len(queries) // 2  # the edits keep most queries within reach
    store.close()


def test_leverage_scores_are_identical_on_both_backends(
    tmp_path: Path, pg_url: str, memory: tuple[list[MemoryUnit], list[str]]
) -> None:
    units, queries = memory
    local = SqliteStore(tmp_path / "project.db")
    team = PostgresStore(pg_url)
    for store in (local, team):
        store.add_memory(units, "real.tmx")
    local_lev, team_lev = Leverage(local, threshold=75.0), Leverage(team, threshold=75.0)
    fuzzy = 0
    for query in queries:
        here, there = local_lev.lookup(query), team_lev.lookup(query)
        assert there == here, query
        fuzzy += any(m.score < 100 for m in here)
    assert fuzzy > 10
    # the server answered: the local index of the team's leverage holds no memory unit
    assert len(team_lev.index) == 0 and len(local_lev.index) == len(units)
    local.close()
    team.close()


def test_local_index_agrees_with_server_search(
    pg_url: str, memory: tuple[list[MemoryUnit], list[str]]
) -> None:
    units, queries = memory
    store = PostgresStore(pg_url)
    store.add_memory(units[:150], "real.tmx")
    index = FuzzyIndex()
    index.add_many(store.memory_keys())
    for query in queries:
        key = match_key(query)
        assert store.memory_search(key, limit=3, threshold=80.0) == index.search(
            key, limit=3, threshold=80.0
        )
    store.close()


def test_big_import_builds_the_trigram_index_at_the_end(
    pg_url: str, memory: tuple[list[MemoryUnit], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tmbuilder.store.postgres import memory as server_memory

    monkeypatch.setattr(server_memory, "DEFER_AFTER", 10)
    units, queries = memory
    store = PostgresStore(pg_url)
    report = store.add_memory([*units, *units[:5]], "real.tmx")  # duplicates still merged
    assert (report.added, report.duplicates) == (len(units), 5)
    indexes = store._db.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'memory'"
    ).fetchall()
    assert {("memory_sketch",), ("memory_short12",), ("memory_short48",)} <= set(indexes)
    keys = list(store.memory_keys())
    for query in queries[:20]:
        key = match_key(query)
        assert store.memory_search(key) == brute_force(keys, key)
    store.close()


def test_sketch_in_the_database_equals_the_sketch_imports_write(
    pg_url: str, memory: tuple[list[MemoryUnit], list[str]]
) -> None:
    """Migration v5 sketches the rows already there in SQL: the same letters as Python's."""
    units, queries = memory
    keys = [match_key(u.source) for u in units[:300]] + [match_key(q) for q in queries[:50]]
    keys += ["", "...", "ông.", "a  b", "x'y", "back\\slash", "“trích”", "12,5% – 3/4 «é»"]
    store = PostgresStore(pg_url)
    for key in keys:
        row = store._db.execute("SELECT tmbuilder_sketch(%s)", (key,)).fetchone()
        assert row is not None and row[0] == sketch(key), key
    assert sketch("tôi ngồi ngay đằng sau ông.") == sketch("Tôi ngồi ngay đằng sau ông".casefold())
    assert len(sketch("tôi ngồi ngay đằng sau ông.")) == 6
    store.close()


def test_migration_v5_sketches_a_memory_written_before_it(pg_url: str) -> None:
    import psycopg

    from tmbuilder.store.postgres.schema import MIGRATIONS

    sentence = "tôi ngồi ngay đằng sau ông trong suốt buổi họp chiều hôm qua."
    with psycopg.connect(pg_url, autocommit=True) as db:  # a store at schema v3
        db.execute("CREATE TABLE tmbuilder_schema (version INTEGER NOT NULL)")
        for migration in MIGRATIONS[:3]:
            db.execute(migration.encode())
        db.execute("INSERT INTO tmbuilder_schema(version) VALUES (3)")
        db.execute(
            "INSERT INTO memory(source, target, key, key_len, key_hash, pair_hash, src_lang, "
            "tgt_lang) VALUES (%s, 'I sat.', %s, %s, 1, 2, 'vi', 'en')",
            (sentence, sentence, len(sentence)),
        )
    store = PostgresStore(pg_url)
    row = store._db.execute("SELECT sketch FROM memory").fetchone()
    assert row is not None and row[0] == sketch(sentence)
    query = sentence.replace("chiều", "sáng")
    assert [i for i, _ in store.memory_search(query)] == [1]
    store.close()


def test_sentences_are_found_by_sketch_and_short_keys_by_their_trigrams(
    pg_url: str, memory: tuple[list[MemoryUnit], list[str]]
) -> None:
    units, _ = memory
    store = PostgresStore(pg_url)
    store.add_memory([*units, MemoryUnit("nhiên", "naturally")], "real.tmx")
    plans = {}
    for key in ("niên", "những người đã", match_key(units[0].source)):
        sql, values, _ = candidate_query(key, 75.0, 60)
        # what the planner picks when the table is too big to scan and the length index alone
        # narrows too little (here it is small: it would scan, or use the length index)
        with store._db.transaction(force_rollback=True):
            store._db.execute("SET LOCAL enable_seqscan = off")
            store._db.execute("DROP INDEX memory_len")
            plan = store._db.execute(f"EXPLAIN {sql}", values).fetchall()
        plans[key] = " ".join(str(r[0]) for r in plan)
    # (on a big table the planner takes the smallest band whose WHERE the query implies)
    for short in ("niên", "những người đã"):
        assert "memory_short" in plans[short] and "memory_sketch" not in plans[short]
    assert "memory_sketch" in plans[match_key(units[0].source)]
    # one letter from a four-letter key: a sketch would have no trigram in common
    assert [store.memory_unit(i).target for i, _ in store.memory_search("niên")] == ["naturally"]
    store.close()
