"""Fuzz every reader with mutated real files: a clean read or one `TmBuilderError` line.

Every memory format of formats/registry.py, the glossary readers and every source reader of
ingest/ get real files (tests/data/real/, see its SOURCES.md files) with bytes flipped, cut
short, junk inserted, parts repeated or dropped, a wrong byte-order mark, or a huge line. A
reader must either read the file or refuse it with one line (no other exception, nothing
longer than a line), within 10 s (a SIGALRM deadline: a hang fails the test instead of
stalling CI). Through the pipelines, a refused file leaves the project store byte for byte as
it was.

CI runs a few dozen files per reader (about a minute in all); `make fuzz` sets
TMBUILDER_FUZZ_EXAMPLES for the long run and prints how many files were tried.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmbuilder.errors import TmBuilderError
from tmbuilder.formats.glossary_csv import read_glossary_csv
from tmbuilder.formats.glossary_tsv import read_glossary_tsv
from tmbuilder.formats.registry import FORMATS
from tmbuilder.formats.tbx import read_tbx
from tmbuilder.ingest import READERS, read_source

REAL = Path(__file__).resolve().parent / "data" / "real"
LONG_RUN = "TMBUILDER_FUZZ_EXAMPLES" in os.environ  # `make fuzz`
EXAMPLES = int(os.environ.get("TMBUILDER_FUZZ_EXAMPLES", "60"))
DEADLINE_S = 10
MAX_SEED_BYTES = 64 * 1024
TRIED: Counter[str] = Counter()


def _readers() -> dict[str, tuple[tuple[str, ...], Callable[[Path], Any]]]:
    readers: dict[str, tuple[tuple[str, ...], Callable[[Path], Any]]] = {}
    for fmt in FORMATS:
        # A format that claims no extension of its own (XLIFF 2 shares .xlf with 1.2 and is
        # told apart by version) is fed the files of its own folder's kinds.
        extensions = fmt.extensions or tuple(
            sorted({p.suffix.lower() for p in (REAL / fmt.name).glob("*.xl*")})
        )
        readers[f"memory-{fmt.name}"] = (extensions, lambda p, fmt=fmt: list(fmt.read(p)))
    readers["glossary-tsv"] = ((".tsv",), read_glossary_tsv)
    readers["glossary-csv"] = ((".csv",), read_glossary_csv)
    readers["glossary-tbx"] = ((".tbx",), read_tbx)
    for reader in READERS:
        readers[f"source-{reader.name}"] = (reader.extensions, read_source)
    return readers


READER_TABLE = _readers()


def _seeds(extensions: tuple[str, ...]) -> list[Path]:
    return sorted(
        p
        for p in REAL.rglob("*")
        if p.is_file() and p.suffix.lower() in extensions and p.stat().st_size <= MAX_SEED_BYTES
    )


# -- mutations -------------------------------------------------------------------------------
# Mutations a reader is known not to survive yet: none. (Markdown's huge-line case was here
# until the linear-time Markdown scans landed.)
PENDING: dict[str, set[str]] = {}
KINDS = ["flip", "cut", "junk", "drop", "repeat", "bom", "huge", "nul", "utf16"]
_BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]


class Mutant:
    """A mutated file; its repr (what hypothesis prints for a failure) stays one short line."""

    def __init__(self, seed: Path, data: bytes, ops: list[str]) -> None:
        self.seed, self.data, self.ops = seed, data, ops

    def __repr__(self) -> str:
        return f"Mutant({self.seed.name!r}, {len(self.data)} bytes, {' then '.join(self.ops)})"


@st.composite
def _mutation(draw: st.DrawFn, size: int, kinds: list[str]) -> tuple[str, Callable[[bytes], bytes]]:
    at = draw(st.integers(0, max(size, 1)))
    kind = draw(st.sampled_from(kinds))
    if kind == "flip":
        mask = draw(st.integers(1, 255))
        return (
            f"flip {mask:#x} at {at}",
            lambda b: b[:at] + bytes([b[at] ^ mask]) + b[at + 1 :] if at < len(b) else b,
        )
    if kind == "cut":
        return f"cut at {at}", lambda b: b[:at]
    if kind == "junk":
        junk = draw(st.binary(min_size=1, max_size=64))
        return f"insert {junk!r} at {at}", lambda b: b[:at] + junk + b[at:]
    if kind == "drop":
        n = draw(st.integers(1, 200))
        return f"drop {n} at {at}", lambda b: b[:at] + b[at + n :]
    if kind == "repeat":
        n = draw(st.integers(1, 400))
        times = draw(st.integers(2, 50))
        return (
            f"repeat {n} at {at} x{times}",
            lambda b: b[:at] + b[at : at + n] * times + b[at + n :],
        )
    if kind == "bom":
        bom = draw(st.sampled_from(_BOMS))
        return f"BOM {bom!r}", lambda b: bom + b.removeprefix(b"\xef\xbb\xbf")
    if kind == "huge":
        n = draw(st.sampled_from([70_000, 300_000, 1_100_000]))
        char = draw(st.sampled_from([b"a", b"\xc3\xa1", b"<", b"*", b"&", b" ", b'"', b"\\"]))
        return (
            f"line of {n} x {char!r} at {at}",
            lambda b: b[:at] + char * (n // len(char)) + b[at:],
        )
    if kind == "nul":
        return f"NUL at {at}", lambda b: b[:at] + b"\x00" + b[at:]
    return "as UTF-16 without BOM", lambda b: b.decode("utf-8", "replace").encode("utf-16-le")


@st.composite
def mutated(draw: st.DrawFn, seeds: list[Path], skip: frozenset[str] = frozenset()) -> Mutant:
    seed = draw(st.sampled_from(seeds))
    data = seed.read_bytes()
    ops = []
    kinds = [k for k in KINDS if k not in skip]
    for _ in range(draw(st.integers(1, 3))):
        op, apply = draw(_mutation(len(data), kinds))
        data = apply(data)
        ops.append(op)
    return Mutant(seed, data, ops)


# -- the contract ------------------------------------------------------------------------------
class Hang(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_or_refuse(read: Callable[[Path], Any], path: Path) -> TmBuilderError | None:
    """Read `path`; the one-line refusal, or None when it was read. Anything else fails."""
    try:
        with deadline(DEADLINE_S):
            read(path)
    except TmBuilderError as exc:
        message = str(exc)
        assert message and "\n" not in message and "\r" not in message, message
        return exc
    return None


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    if os.environ.get("TMBUILDER_FUZZ_EXAMPLES"):
        total = sum(TRIED.values())
        per = ", ".join(f"{name} {n}" for name, n in sorted(TRIED.items()))
        print(f"\nfuzz: {total} files tried ({per}); 0 tracebacks, 0 hangs over {DEADLINE_S} s")


@pytest.mark.parametrize("name", sorted(READER_TABLE))
def test_every_reader_has_real_files_to_mutate(name: str) -> None:
    extensions, _ = READER_TABLE[name]
    assert _seeds(extensions), f"no real file under tests/data/real for {name}"


def _fuzz_one_reader(name: str) -> None:
    extensions, read = READER_TABLE[name]
    seeds = _seeds(extensions)
    work = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,  # the SIGALRM deadline above catches hangs; timing here is noise
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
        derandomize=not LONG_RUN,  # CI tries the same files every run; `make fuzz` new ones
    )
    @given(mutated(seeds, frozenset(PENDING.get(name, ()))))
    def check(case: Mutant) -> None:
        path = work / f"mutant{case.seed.suffix}"
        path.write_bytes(case.data)
        TRIED[name] += 1
        read_or_refuse(read, path)

    check()
    if LONG_RUN:
        print(f"\nfuzz {name}: {TRIED[name]} files, no traceback, no hang", flush=True)


@pytest.mark.parametrize("name", sorted(READER_TABLE))
def test_mutated_real_files_are_read_or_refused_in_one_line(name: str) -> None:
    _fuzz_one_reader(name)


# -- through the pipelines: a refusal changes nothing -------------------------------------------
def _store_digest(db: Path) -> str:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def _pipeline(kind: str) -> Callable[[Any, Path], object]:
    if kind == "memory":
        from tmbuilder.pipeline.imports import import_files

        return lambda project, path: import_files(project, [path])
    if kind == "glossary":
        from tmbuilder.pipeline.glossary import import_glossary

        return lambda project, path: import_glossary(project, [path])
    from tmbuilder.pipeline.build import build_sources

    return lambda project, path: build_sources(project, [path])


@pytest.mark.parametrize("kind", ["memory", "glossary", "source"])
def test_a_refused_file_leaves_the_store_unchanged(kind: str) -> None:
    from tmbuilder.project import Project

    names = [n for n in READER_TABLE if n.startswith(kind)]
    seeds = sorted({s for n in names for s in _seeds(READER_TABLE[n][0])})
    root = Path(tempfile.mkdtemp(prefix=f"fuzz-store-{kind}-"))
    (root / "tmbuilder.toml").write_text("[build]\ndraft = false\n", encoding="utf-8")
    (root / "src").mkdir()
    project = Project(root)
    first = root / "src" / "ud.txt"
    first.write_bytes((REAL / "fuzz" / "ud-vtb-paragraphs.txt").read_bytes())
    _pipeline("source")(project, first)  # a store with something in it
    project.close()
    base = root / "base.db"
    shutil.copy(project.store_path, base)
    run = _pipeline(kind)
    refused = 0

    @settings(
        max_examples=max(EXAMPLES // 2, 10),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
        derandomize=not LONG_RUN,
    )
    @given(mutated(seeds, frozenset().union(*(PENDING.get(n, set()) for n in names))))
    def check(case: Mutant) -> None:
        nonlocal refused
        path = root / "src" / f"mutant{case.seed.suffix}"
        path.write_bytes(case.data)
        before = _store_digest(project.store_path)
        TRIED[f"pipeline-{kind}"] += 1
        if read_or_refuse(lambda p: run(project, p), path) is not None:
            refused += 1
            assert _store_digest(project.store_path) == before
        else:
            # Every file meets the same small store. (Letting imports pile up found the
            # quadratic glossary import of issue 14, fixed in the "pofiles" branch.)
            project.close()
            shutil.copy(base, project.store_path)
        path.unlink()

    try:
        check()
    finally:
        project.close()
    assert refused > 0  # the mutations do reach the refusal path
