"""Choosing and opening a PostgreSQL store: URLs, passwords, the database's ctype, migrations."""

from __future__ import annotations

from pathlib import Path

import pytest

from pg_server import PgServer
from tmbuilder.errors import ConfigError, StoreError
from tmbuilder.project import Project
from tmbuilder.store.postgres.connect import display_url, url_problem
from tmbuilder.store.postgres.schema import SCHEMA_VERSION
from tmbuilder.store.postgres.store import PostgresStore
from tmbuilder.store.sqlite import SqliteStore


def test_url_problems() -> None:
    assert url_problem("") == ""
    assert url_problem("postgresql://an@db.example/tm") == ""
    assert "password" in url_problem("postgresql://an:secret@db.example/tm")
    assert "postgresql://" in url_problem("mysql://db/tm")
    assert display_url("postgresql://an:secret@db/tm") == "postgresql://an:***@db/tm"


def test_password_in_config_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "tmbuilder.toml").write_text(
        '[store]\nurl = "postgresql://an:secret@db.example/tm"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        Project(tmp_path)
    message = str(caught.value)
    assert "[store] url must not hold a password" in message
    assert "secret" not in message and "\n" not in message


def test_project_picks_the_backend(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TMBUILDER_STORE_URL", raising=False)
    local = Project(tmp_path)
    assert isinstance(local.store, SqliteStore)
    local.close()
    monkeypatch.setenv("TMBUILDER_STORE_URL", pg_url)
    team = Project(tmp_path)
    assert team.exists()
    assert isinstance(team.store, PostgresStore)
    team.close()


def test_c_ctype_is_refused(pg_server: PgServer) -> None:
    url = pg_server.new_database(ctype="C")
    with pytest.raises(StoreError, match="ctype is C: pg_trgm would drop Vietnamese letters"):
        PostgresStore(url)


def test_unreachable_server_is_one_line(pg_server: PgServer) -> None:
    url = f"postgresql://nobody@127.0.0.1:{pg_server.port}/no_such_database"
    with pytest.raises(StoreError) as caught:
        PostgresStore(url)
    assert "cannot connect" in str(caught.value) and "\n" not in str(caught.value)


def test_migrations_run_once_and_record_the_version(pg_url: str) -> None:
    first = PostgresStore(pg_url)
    first.set_meta("k", "v")
    assert first.schema_version() == SCHEMA_VERSION
    first.close()
    again = PostgresStore(pg_url)  # opening again migrates nothing and keeps the data
    assert (again.schema_version(), again.get_meta("k")) == (SCHEMA_VERSION, "v")
    again._db.execute("UPDATE tmbuilder_schema SET version = version + 1")
    again.close()
    with pytest.raises(StoreError, match="newer than this tmbuilder"):
        PostgresStore(pg_url)


def test_a_server_error_midway_is_one_line(pg_url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tmbuilder.cli import main

    store = PostgresStore(pg_url)
    store._db.execute("DROP TABLE terms")  # a database damaged by hand
    store.close()
    result = CliRunner(env={"TMBUILDER_STORE_URL": pg_url}).invoke(
        main, ["stats", "-p", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("tmbuilder: error: PostgreSQL store: ")
    assert 'relation "terms" does not exist' in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
