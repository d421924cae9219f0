"""store/sql.py: the dialect seam answers alike on SQLite and PostgreSQL for the SQL the
shared tables write (`?` placeholders, a literal `%`, RETURNING ids, list parameters)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from tmbuilder.store.sql import PostgresSql, Sql, SqliteSql


@pytest.fixture(params=["sqlite", "postgres"])
def sql(request: pytest.FixtureRequest) -> Iterator[Sql]:
    if request.param == "sqlite":
        db = sqlite3.connect(":memory:", isolation_level=None)
        yield SqliteSql(db)
        db.close()
    else:
        from tmbuilder.store.postgres.connect import connect

        pg = connect(request.getfixturevalue("pg_url"))
        yield PostgresSql(pg)
        pg.close()


def test_placeholders_and_a_literal_percent(sql: Sql) -> None:
    row = sql.execute("SELECT '50%', ?, ? || '%'", (7, "x")).fetchone()
    assert tuple(row) == ("50%", 7, "x%")


def test_insert_id_any_of_and_bytewise_order(sql: Sql) -> None:
    sql.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    if isinstance(sql, PostgresSql):  # a serial id, as the PostgreSQL schema has
        sql.execute("DROP TABLE t")
        sql.execute("CREATE TABLE t (id SERIAL PRIMARY KEY, name TEXT NOT NULL)")
    ids = [
        sql.insert_id("INSERT INTO t(name) VALUES (?) RETURNING id", (n,))
        for n in ("b", "a", "Z", "á")
    ]
    assert ids == [1, 2, 3, 4]
    where, args = sql.any_of("name", ["a", "á", "nope"])
    rows = sql.execute(f"SELECT id FROM t WHERE {where} ORDER BY id", args).fetchall()
    assert [r[0] for r in rows] == [2, 4]
    names = sql.execute(f"SELECT name FROM t ORDER BY name{sql.bytewise}").fetchall()
    assert [r[0] for r in names] == ["Z", "a", "b", "á"]  # code points, as SQLite sorts
