"""Fixtures shared by the whole suite."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pg_server import PgServer, find_bindir

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


def omegat_schema_bytes(name: str) -> bytes:
    """A schema shipped inside Debian's OmegaT.jar: tmx14.dtd, srx20.xsd, tbx.xsd, xml.xsd, ...

    CI installs the `omegat` package (see .ci/run), so the jar is there; a missing jar is a
    broken test environment, not a reason to skip.
    """
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        return jar.read(f"schemas/{name}")


@pytest.fixture(scope="session")
def omegat_schemas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding every schema from OmegaT.jar (xsd imports resolve beside each other)."""
    out = tmp_path_factory.mktemp("omegat-schemas")
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        for info in jar.infolist():
            if info.filename.startswith("schemas/") and not info.is_dir():
                (out / Path(info.filename).name).write_bytes(jar.read(info))
    return out


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def seed_project_dir(root: Path) -> Path:
    """`root` made a project folder: copies of the seeds in docs/, MT switched off."""
    (root / "docs").mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, root / "docs" / seed.name)
    (root / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL cluster for the whole session (tests/pg_server.py); skipped without one."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    server = PgServer(bindir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """The URL of a fresh, empty database on the session's PostgreSQL server."""
    return pg_server.new_database()


@pytest.fixture(autouse=True)
def _local_store_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's TMBUILDER_STORE_URL must not send the suite's projects to their server."""
    monkeypatch.delenv("TMBUILDER_STORE_URL", raising=False)
