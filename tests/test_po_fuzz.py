"""Fuzzing the PO and MO readers: any bytes give units or one line naming the file, never a
traceback (issue 14: readers refuse rather than import a half-read unit)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmbuilder.errors import TmBuilderError
from tmbuilder.formats.po import read_mo, read_po

REAL = Path(__file__).parent / "data" / "real"
SEED_PO = (REAL / "po" / "gdk-pixbuf-vi.po").read_bytes()[:6000]
SEED_MO = (REAL / "mo" / "libidn2.mo").read_bytes()
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def outcome(path: Path, kind: str) -> None:
    reader = read_po if kind == "po" else read_mo
    try:
        units = list(reader(path, everything=True))
    except TmBuilderError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "\n" not in message
        return
    assert all(isinstance(u.source, str) and isinstance(u.target, str) for u in units)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_po(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "f.po"
    path.write_bytes(data)
    outcome(path, "po")


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(SEED_PO) - 1), st.binary(max_size=3)), max_size=6))
def test_mutated_real_po(tmp_path: Path, edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(SEED_PO)
    for at, insert in edits:
        data[at : at + 1] = insert
    path = tmp_path / "f.po"
    path.write_bytes(bytes(data))
    outcome(path, "po")


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(SEED_MO) - 1), st.integers(0, 255)), max_size=8))
def test_mutated_real_mo(tmp_path: Path, edits: list[tuple[int, int]]) -> None:
    data = bytearray(SEED_MO)
    for at, value in edits:
        data[at] = value
    path = tmp_path / "f.mo"
    path.write_bytes(bytes(data))
    outcome(path, "mo")


@SETTINGS
@given(st.binary(max_size=200), st.integers(0, 2**32 - 1))
def test_any_mo_tables(tmp_path: Path, tail: bytes, count: int) -> None:
    path = tmp_path / "f.mo"
    path.write_bytes(b"\xde\x12\x04\x95" + struct.pack("<6I", 0, count, 28, 28, 0, 0) + tail)
    outcome(path, "mo")


def test_long_lines_and_deep_nesting_are_linear(tmp_path: Path) -> None:
    # Sizes where a quadratic scan would run for minutes: 400,000 escapes on one line, a
    # 2 MB string, 100,000 nested parentheses in Plural-Forms (refused, not a RecursionError).
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    path = tmp_path / "long.po"
    path.write_text(
        header + '\nmsgid "' + "\\x41" * 400_000 + '"\nmsgstr "' + "ă" * 2_000_000 + '"\n',
        encoding="utf-8",
    )
    (unit,) = read_po(path)
    assert unit.source == "A" * 400_000 and len(unit.target) == 2_000_000
    nested = tmp_path / "nested.po"
    nested.write_text(
        header.replace('\\n"\n', '\\n"\n"Plural-Forms: nplurals=2; plural=' + "(" * 100_000)
        + "n"
        + ")" * 100_000
        + ';\\n"\n\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\n',
        encoding="utf-8",
    )
    outcome(nested, "po")


def test_a_nul_in_the_declared_charset_is_one_line(tmp_path: Path) -> None:
    # codecs.lookup raises ValueError, not LookupError, for a name with a NUL in it
    po = tmp_path / "nul.po"
    po.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF\x00-8\\n"\n')
    mo = tmp_path / "nul.mo"
    header = b"Content-Type: text/plain; charset=UTF\x00-8\n"
    table = struct.pack("<7I", 0x950412DE, 0, 1, 28, 36, 0, 0)
    mo.write_bytes(
        table
        + struct.pack("<2I", 0, 44)
        + struct.pack("<2I", len(header), 45)
        + b"\0"
        + header
        + b"\0"
    )
    with pytest.raises(TmBuilderError, match="NUL"):  # a PO refuses NUL bytes before that
        list(read_po(po, everything=True))
    with pytest.raises(TmBuilderError, match="unknown charset"):
        list(read_mo(mo, everything=True))
