"""Every environment failure of the store is one line naming the project and what to do.

Full disk (a real small tmpfs when this process may mount one, else SQLite's page limit),
read-only store, damaged pages, a file that is not a database, an empty file, a store held by
another process; and text that stops being CP1258 after the encoding guess's sample.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tmbuilder.cli import main
from tmbuilder.errors import InputError, StoreError
from tmbuilder.ingest.detect import decode_bytes
from tmbuilder.model import MemoryUnit
from tmbuilder.store import connection, health
from tmbuilder.store.sqlite import SqliteStore
from tmbuilder.text.legacy import encode

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUIET_BUILD = "[build]\ndraft = false\nglossary = false\nexport = false\n"


def _cli(*args: str) -> tuple[int, str]:
    """Exit code and stderr of one command; a traceback fails the test."""
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: traceback instead of one line") from result.exception
    return result.exit_code, result.stderr


def _one_line(stderr: str, *words: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("tmbuilder: error:")]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "tmbuilder.toml").write_text(QUIET_BUILD, encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, root / seed.name)
    code, err = _cli("build", "-p", str(root), "--engine", "none", "-q", str(root))
    assert code == 0, err
    return root


def _db(root: Path) -> Path:
    return root / ".tmbuilder" / "project.db"


def _units(n: int, width: int = 400) -> list[MemoryUnit]:
    return [MemoryUnit(f"{i} câu " + "hợp tác " * (width // 8), f"{i} sentence") for i in range(n)]


# -- full disk --------------------------------------------------------------------------------
def test_a_full_disk_is_one_line_and_the_store_is_unchanged(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tsv = project.parent / "big.tsv"
    with tsv.open("w", encoding="utf-8") as out:
        for unit in _units(3000):
            out.write(f"{unit.source}\t{unit.target}\n")
    opened = connection._open_wal

    def small_disk(db: sqlite3.Connection, path: Path) -> None:
        opened(db, path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 20}")  # SQLITE_FULL beyond this

    monkeypatch.setattr(connection, "_open_wal", small_disk)
    code, err = _cli("import", "-p", str(project), str(tsv))
    assert code == 1
    _one_line(err, str(_db(project)), "disk is full", "free some space")
    monkeypatch.undo()
    store = SqliteStore(_db(project))
    try:
        assert store.memory_count() == 0
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


def test_a_bulk_transaction_on_a_full_disk_raises_the_full_disk_error_alone(
    tmp_path: Path,
) -> None:
    store = SqliteStore(tmp_path / "p.db")
    store._db.execute("PRAGMA max_page_count = 60")
    with (
        pytest.raises(sqlite3.OperationalError, match="full") as caught,
        store.bulk_transaction(),
    ):
        store.add_memory(_units(2000), "big.tmx")
    # no second error from a ROLLBACK SQLite had already done
    assert caught.value.__context__ is None
    assert store.memory_count() == 0
    store.close()


def _big_tmx(path: Path, size: int) -> None:
    """A TMX of `size` bytes or more from the reviewed seed pairs (numbered, so all differ)."""
    from test_qa_seed_pairs import SEED_PAIRS

    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
            'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
            'adminlang="en" srclang="vi-VN" datatype="plaintext"/><body>\n'
        )
        i = 0
        while out.tell() < size:
            source, target = SEED_PAIRS[i % len(SEED_PAIRS)]
            out.write(
                f'<tu><tuv xml:lang="vi-VN"><seg>{i}. {source}</seg></tuv>'
                f'<tuv xml:lang="en-US"><seg>{i}. {target}</seg></tuv></tu>\n'
            )
            i += 1
        out.write("</body></tmx>\n")


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0, reason="needs mount")
def test_a_big_import_onto_a_real_full_disk_is_one_line(tmp_path: Path) -> None:
    """A TMX of 32 MB or more takes the bulk journal and the two-process read: the disk fills
    under both, and the command still ends in one line with the store as it was."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(disk)]).returncode:
        pytest.skip("no tmpfs mount here")
    try:
        root = disk / "p"
        root.mkdir()
        tmx = tmp_path / "big.tmx"
        _big_tmx(tmx, 33 * 1024 * 1024)
        proc = subprocess.run(
            [sys.executable, "-m", "tmbuilder", "import", "-p", str(root), str(tmx)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 1
        _one_line(proc.stderr, "disk is full")
        assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == 1
        store = SqliteStore(root / ".tmbuilder" / "project.db")
        try:
            assert store.memory_count() == 0
        finally:
            store.close()
        assert not list((root / ".tmbuilder").glob("*stage*"))
    finally:
        subprocess.run(["umount", str(disk)])


# -- read-only, not a database, empty ------------------------------------------------------
def test_a_read_only_store_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened = connection._open_wal

    def read_only(db: sqlite3.Connection, path: Path) -> None:
        opened(db, path)
        # what a read-only file or mount does to writes (root ignores file permissions)
        db.execute("PRAGMA query_only = ON")

    monkeypatch.setattr(connection, "_open_wal", read_only)
    (project / "new.txt").write_text("Một câu mới.\n", encoding="utf-8")
    code, err = _cli("build", "-p", str(project), "--engine", "none", str(project / "new.txt"))
    assert code == 1
    _one_line(err, str(_db(project)), "read-only", "writable")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ("damaged", "empty (0 bytes)")),
        (b"PK\x03\x04 a zip file, not a store" * 200, ("damaged", "not a database")),
    ],
)
def test_a_store_that_is_not_a_database_is_refused(
    project: Path, content: bytes, words: tuple[str, ...]
) -> None:
    _db(project).write_bytes(content)
    for command in (["stats"], ["qa"], ["build", "--engine", "none"]):
        code, err = _cli(*command, "-p", str(project))
        assert code == 1
        _one_line(err, str(_db(project)), *words)
    assert _db(project).read_bytes() == content  # never taken for a new project


def test_a_new_store_never_exists_half_created(tmp_path: Path) -> None:
    path = tmp_path / ".tmbuilder" / "project.db"
    SqliteStore(path).close()
    assert path.stat().st_size > 0
    assert sorted(p.name for p in path.parent.iterdir()) == ["project.db"]  # no temp, no marker


# -- damaged pages -----------------------------------------------------------------------------
def _btree_pages(db: Path) -> list[int]:
    """Offsets of the type byte of b-tree pages (page 1's header follows the file header)."""
    data = db.read_bytes()
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    return [
        page * size for page in range(1, len(data) // size) if data[page * size] in (2, 5, 10, 13)
    ]


def _flip(db: Path, offset: int, mask: int = 0xFF) -> None:
    data = bytearray(db.read_bytes())
    data[offset] ^= mask
    db.write_bytes(bytes(data))


def test_flipped_bytes_in_pages_never_end_in_a_traceback(project: Path) -> None:
    db = _db(project)
    pristine = db.read_bytes()
    pages = _btree_pages(db)
    assert len(pages) >= 10
    refused = 0
    for i, page in enumerate(pages):
        # the type byte, the cell count and a byte in the middle of the page
        for offset, mask in ((page, 0xFF), (page + 3, 0x5A), (page + 2048 + i, 0x81)):
            db.write_bytes(pristine)
            _flip(db, offset, mask)
            for command in (["stats", "--json"], ["qa", "--format", "json"]):
                _code, err = _cli(*command, "-p", str(project))
                if "tmbuilder: error:" in err:  # (qa's exit 1 for findings is not a refusal)
                    line = _one_line(err, str(db))
                    refused += "damaged" in line
    assert refused > 0


def test_a_small_store_with_a_damaged_page_is_refused_at_every_open(project: Path) -> None:
    db = _db(project)
    assert db.stat().st_size <= health.ALWAYS_CHECK_BYTES
    pristine = db.read_bytes()
    for page in _btree_pages(db):
        db.write_bytes(pristine)
        _flip(db, page)  # no crash: the store was closed cleanly, then damaged
        code, err = _cli("stats", "-p", str(project))
        assert code == 1, f"damage at byte {page} went unnoticed"
        _one_line(err, str(db), "damaged", "tmbuilder build")


def test_after_a_crash_a_damaged_page_is_refused_at_open(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "ALWAYS_CHECK_BYTES", 0)
    db = _db(project)
    pristine = db.read_bytes()
    for page in _btree_pages(db):
        db.write_bytes(pristine)
        _flip(db, page)
        # a process that had the store open died without closing it (and the store is too
        # big to be checked at every open)
        (db.parent / "project.db.open-999999999-1").touch()
        code, err = _cli("stats", "-p", str(project))
        assert code == 1, f"damage at byte {page} went unnoticed"
        _one_line(err, str(db), "damaged", "tmbuilder build")


def test_a_clean_store_after_a_crash_opens_and_the_dead_marker_goes(project: Path) -> None:
    marker = _db(project).parent / "project.db.open-999999999-1"
    marker.touch()
    assert health.unclean_close(_db(project)) == "process 999999999 did not close it"
    assert not marker.exists()
    assert _cli("stats", "-p", str(project))[0] == 0


# -- a store held by another process -----------------------------------------------------------
_HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("CREATE TABLE IF NOT EXISTS held(x)")
print("holding", flush=True)
time.sleep(60)
"""


def test_a_held_store_waits_visibly_then_names_the_holder(project: Path) -> None:
    (project / "tmbuilder.toml").write_text(QUIET_BUILD + "[store]\nbusy_timeout = 1.5\n")
    (project / "new.txt").write_text("Một câu mới.\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(_db(project))], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        code, err = _cli("build", "-p", str(project), "--engine", "none", str(project / "new.txt"))
        assert time.monotonic() - started >= 1.5
    finally:
        holder.kill()
        holder.wait()
    assert code == 1
    assert "waiting up to 1.5 s" in err
    _one_line(err, str(_db(project)), "busy", f"pid {holder.pid}", "busy_timeout")


def test_a_store_freed_while_waiting_goes_on(project: Path) -> None:
    (project / "new.txt").write_text("Một câu mới.\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER.replace("60", "2"), str(_db(project))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        code, err = _cli("build", "-p", str(project), "--engine", "none", str(project / "new.txt"))
    finally:
        holder.wait()
    assert code == 0, err
    assert "busy" in err and "waiting up to 60 s" in err


# -- text that stops being CP1258 ---------------------------------------------------------------
def test_an_undefined_cp1258_byte_after_the_sample_is_one_line_with_its_offset() -> None:
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    raw = encode(seed, "cp1258", errors="replace")
    while len(raw) < 300 * 1024:
        raw += encode(seed, "cp1258", errors="replace")
    bad = len(raw) - 100
    raw = raw[:bad] + b"\x8a" + raw[bad + 1 :]  # 0x8A: one of the bytes CP1258 leaves undefined
    with pytest.raises(InputError, match=f"at byte {bad} is not"):
        decode_bytes(raw, "a.txt")
    assert decode_bytes(raw[:bad], "a.txt").encoding == "cp1258"


def test_store_error_mapping_names_the_store() -> None:
    path = Path("/p/.tmbuilder/project.db")
    for message, words in (
        ("database or disk is full", "disk is full"),
        ("attempt to write a readonly database", "read-only"),
        ("database disk image is malformed", "damaged"),
        ("file is not a database", "damaged"),
        ("disk I/O error", "I/O error"),
        ("unable to open database file", "cannot open"),
    ):
        error = health.describe(sqlite3.OperationalError(message), path)
        assert isinstance(error, StoreError)
        assert str(error).startswith(str(path)) and words in str(error)
        assert "\n" not in str(error)


# -- the CLI's last line of defence --------------------------------------------------------------
@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), 1, "disk is full"),
        (sqlite3.DatabaseError("database disk image is malformed"), 1, "damaged"),
        (sqlite3.OperationalError("database is locked"), 1, "busy"),
        (OSError(28, "No space left on device", "tmx/out.tmx"), 1, "tmx/out.tmx: No space"),
        (PermissionError("cannot write"), 1, "cannot write"),
        (MemoryError(), 1, "out of memory"),
        (BrokenPipeError(32, "Broken pipe"), 141, ""),
    ],
)
def test_no_environment_error_escapes_the_cli_as_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int, words: str
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("tmbuilder.cli.print_stats", fail)
    got, err = _cli("stats", "-p", str(project))
    assert got == code
    if words:
        _one_line(err, words)
    else:
        assert err == ""
