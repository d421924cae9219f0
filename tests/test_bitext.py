"""Two-column TSV and CSV bitext."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from test_formats_contract import SAMPLE, FormatContract
from tmbuilder.errors import FormatError
from tmbuilder.formats.bitext import read_bitext, tsv_escape, tsv_unescape, write_bitext
from tmbuilder.formats.registry import CsvFormat, TsvFormat
from tmbuilder.model import MemoryUnit


class TestTsvContract(FormatContract):
    fmt = TsvFormat
    keeps_metadata = False
    detects_truncation = False
    sniffable = False


class TestCsvContract(FormatContract):
    fmt = CsvFormat
    keeps_metadata = False
    detects_truncation = False
    sniffable = False


def test_tsv_layout(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    units = [
        MemoryUnit('Ông nói: "Hợp tác"', 'He said: "Cooperation"'),
        MemoryUnit("a\tb\nc\\d\re", "x"),
    ]
    write_bitext(units, path)
    assert path.read_bytes().decode("utf-8").splitlines() == [
        "vi-VN\ten-US",
        'Ông nói: "Hợp tác"\tHe said: "Cooperation"',
        "a\\tb\\nc\\\\d\\re\tx",
    ]
    assert list(read_bitext(path)) == units


def test_tsv_escape_round_trip_and_unknown_pairs() -> None:
    for text in ["", "\\", "\\\\t", "a\\tb", "\t\n\r\\", "C:\\Users\\x"]:
        assert tsv_unescape(tsv_escape(text)) == text
    assert tsv_unescape("C:\\Users") == "C:\\Users"  # \U is not an escape: kept as written


def test_csv_layout_is_rfc4180_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    units = [MemoryUnit('Hà Nội, "thủ đô"', "Hanoi,\ncapital")]
    write_bitext(units, path)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data[3:] == 'vi-VN,en-US\r\n"Hà Nội, ""thủ đô""","Hanoi,\ncapital"\r\n'.encode()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1] == [units[0].source, units[0].target]


@pytest.mark.parametrize(
    ("header", "langs"),
    [
        ("vi\ten", ("vi", "en")),
        ("VI_VN\tEN_GB", ("VI_VN", "EN_GB")),
        ("en-US\tfr-FR", ("en-US", "fr-FR")),
        ("source\ttarget", ("vi-VN", "en-US")),
        ("Tiếng Việt\tEnglish", ("vi-VN", "en-US")),
    ],
)
def test_header_rows_are_detected(tmp_path: Path, header: str, langs: tuple[str, str]) -> None:
    path = tmp_path / "h.tsv"
    path.write_text(f"{header}\nMột\tOne\n", encoding="utf-8")
    assert [(u.source, u.src_lang, u.tgt_lang) for u in read_bitext(path)] == [("Một", *langs)]


@pytest.mark.parametrize("first", ["OK\tOK", "Một\tOne", "en\tfr", "Hai\tTwo"])
def test_data_first_rows_are_kept(tmp_path: Path, first: str) -> None:
    path = tmp_path / "d.tsv"
    path.write_text(f"{first}\nBa\tThree\n", encoding="utf-8")
    units = list(read_bitext(path))
    assert [u.source for u in units] == [first.split("\t")[0], "Ba"]
    assert (units[0].src_lang, units[0].tgt_lang) == ("vi-VN", "en-US")


def test_blank_lines_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.tsv"
    path.write_bytes("vi\ten\r\n\r\nMột\tOne\r\n   \r\nHai\tTwo".encode())
    assert [(u.source, u.target) for u in read_bitext(path)] == [("Một", "One"), ("Hai", "Two")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_bom_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("vi,en\r\nMột,One\r\n".encode(encoding))
    assert [(u.source, u.target) for u in read_bitext(path)] == [("Một", "One")]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("three.tsv", "vi\ten\na\tb\tc\n", "line 2: expected 2 columns, found 3"),
        ("one.tsv", "vi\ten\na\n", "line 2: expected 2 columns, found 1"),
        ("quote.csv", 'vi,en\n"a,b\n', "line"),
        ("three.csv", "vi,en\na,b,c\n", "line 2: expected 2 columns, found 3"),
    ],
)
def test_bad_rows(tmp_path: Path, name: str, content: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=problem) as caught:
        list(read_bitext(path))
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_bytes(b"vi\ten\nM\xe1\xbb\x99t\tOne\n" * 3000 + b"Hai\xff\tTwo\n")
    with pytest.raises(FormatError, match="not valid UTF-8") as caught:
        list(read_bitext(path))
    assert "after line" in str(caught.value)


def test_huge_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.tsv"
    path.write_bytes(b"vi\ten\n" + b"a" * (2 << 20) + b"\tb\n")
    with pytest.raises(FormatError, match="longer than"):
        list(read_bitext(path))


def test_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="extension"):
        write_bitext(SAMPLE, tmp_path / "x.xlsx")


def test_header_warning_for_unusual_languages(tmp_path: Path) -> None:
    report = write_bitext([MemoryUnit("a", "b", src_lang="x y", tgt_lang="z")], tmp_path / "w.tsv")
    assert any("header" in warning for warning in report.warnings)


@pytest.mark.parametrize("suffix", [".tsv", ".csv"])
def test_very_long_cells_read_back(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"long{suffix}"
    unit = MemoryUnit("dài, " * 60_000, "long")  # 300,000 characters: past csv's default limit
    write_bitext([unit], path)
    assert [u.source for u in read_bitext(path)] == [unit.source]


def test_inline_codes_are_written_as_what_they_stood_for(tmp_path: Path) -> None:
    from tmbuilder.inline import CodeKind, InlineCode, code_char

    b, end_b = code_char(CodeKind.OPEN, 1), code_char(CodeKind.CLOSE, 1)
    codes = (
        InlineCode(CodeKind.OPEN, 1, "bpt", "<b>", fmt="tmx"),
        InlineCode(CodeKind.CLOSE, 1, "ept", "</b>", fmt="tmx"),
    )
    unit = MemoryUnit(f"Hai {b}nước{end_b}", f"Two {b}countries{end_b}", codes=codes)
    write_bitext([unit], tmp_path / "codes.tsv")
    assert [(u.source, u.target) for u in read_bitext(tmp_path / "codes.tsv")] == [
        ("Hai <b>nước</b>", "Two <b>countries</b>")
    ]
