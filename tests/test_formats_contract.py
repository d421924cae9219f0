"""The contract every memory format keeps (translate-toolkit style: one class, one subclass each).

A format's test module subclasses FormatContract, sets `fmt`, and says what the format cannot
carry through `expected()`. The class name does not start with "Test", so pytest collects the
subclasses, not this base.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.registry import FORMATS, Format, format_for, reader_for
from tmbuilder.formats.xmlsafe import clean_xml_text
from tmbuilder.model import MemoryUnit

STATUSES = ("new", "draft", "translated", "reviewed", "rejected")


def exporter_unit(i: int, source: str, target: str, status: str = "translated") -> MemoryUnit:
    """A unit shaped like the lead's exporter makes them."""
    return MemoryUnit(
        source=source,
        target=target if status != "new" else "",
        tuid=f"news/hoi-dam.txt#{i}",
        created_at="2024-12-02T08:30:00Z",
        changed_at="2024-12-03T09:15:42Z",
        created_by="tmbuilder",
        changed_by="human",
        props=(
            ("x-document", "news/hoi-dam.txt"),
            ("x-paragraph", str(i // 3)),
            ("x-position", str(i % 3)),
            ("x-status", status),
            ("x-origin", "mt:google" if i % 2 else "human"),
            ("x-context-prev", "Câu trước." if i else ""),
            ("x-context-next", "Câu sau."),
        ),
        notes=("kiểm tra lại tên riêng",) if i % 4 == 0 else (),
    )


SAMPLE = [
    exporter_unit(
        0,
        "Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư Thongloun Sisoulith.",
        "General Secretary To Lam held talks with General Secretary Thongloun Sisoulith.",
        "reviewed",
    ),
    exporter_unit(
        1,
        "Hai bên nhất trí tăng cường hợp tác.",
        "Both sides agreed to step up cooperation.",
        "draft",
    ),
    exporter_unit(2, "Chiều 2-12, tại Viêng Chăn…", "", "new"),
    exporter_unit(3, "Quan hệ “đặc biệt” & <thủy chung>", 'A "special" & <loyal> tie', "rejected"),
    exporter_unit(4, "Kinh tế, thương mại, đầu tư", "Economy, trade, investment"),
]

UNICODE_TEXTS = [
    "  hai  khoảng trắng  ",  # leading, trailing and double spaces
    "dòng một\ndòng hai\r\nba\tbốn",  # line breaks and a tab inside a segment
    "\u200fمرحبا\u200e và \u202bnhúng\u202c \u2067cô lập\u2069",  # bidi marks
    "emoji 🇻🇳👩🏽‍💻 và 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",  # astral plane, ZWJ sequence
    "Vie\u0302\u0301t tổ hợp a\u0323\u0302",  # combining marks, not NFC
    "dài " * 3000,  # a very long segment
    "\u2028tách\u2029đoạn\x85NEL",  # Unicode line/paragraph separators
]


class FormatContract:
    """Round trip, empty file, Unicode and bad input, for one format."""

    fmt: ClassVar[type[Format]]
    # What the format preserves; subclasses switch these off and expected() follows them.
    keeps_metadata: ClassVar[bool] = True  # tuid, dates, ids, props, notes
    keeps_order: ClassVar[bool] = True
    keeps_untranslated: ClassVar[bool] = True
    # Whether a file cut in half is always detected (a cut bitext can still be a valid table).
    detects_truncation: ClassVar[bool] = True
    sniffable: ClassVar[bool] = True

    # -- helpers -------------------------------------------------------------------------

    @property
    def ext(self) -> str:
        return self.fmt.extensions[0]

    def write(self, units: list[MemoryUnit], path: Path) -> None:
        self.fmt.write(units, path, src_lang="vi-VN", tgt_lang="en-US", original="hoi-dam.txt")

    def read(self, path: Path) -> list[MemoryUnit]:
        return list(self.fmt.read(path))

    def expected(self, units: list[MemoryUnit]) -> list[MemoryUnit]:
        """What reading back an export of `units` must give."""
        out = []
        for unit in units:
            if not self.keeps_untranslated and (
                not unit.target or unit.prop("x-status") in ("draft", "rejected")
            ):
                continue
            if not self.keeps_metadata:
                unit = MemoryUnit(unit.source, unit.target, unit.src_lang, unit.tgt_lang)
            out.append(unit)
        return out

    def same(self, got: list[MemoryUnit], want: list[MemoryUnit]) -> None:
        if self.keeps_order:
            assert got == want
        else:
            key = repr
            assert sorted(got, key=key) == sorted(want, key=key)

    # -- round trip ----------------------------------------------------------------------

    def test_round_trip(self, tmp_path: Path) -> None:
        path = tmp_path / f"memory{self.ext}"
        self.write(SAMPLE, path)
        self.same(self.read(path), self.expected(SAMPLE))

    def test_unicode_round_trip(self, tmp_path: Path) -> None:
        units = [exporter_unit(i, text, text[::-1] or "x") for i, text in enumerate(UNICODE_TEXTS)]
        path = tmp_path / f"unicode{self.ext}"
        self.write(units, path)
        self.same(self.read(path), self.expected(units))

    def test_forbidden_characters_removed_and_reported(self, tmp_path: Path) -> None:
        dirty = exporter_unit(0, "nul\x00 bell\x07 ok\ufffe", "esc\x1b ok\ud800")
        path = tmp_path / f"dirty{self.ext}"
        report = self.fmt.write([dirty], path, src_lang="vi-VN", tgt_lang="en-US")
        assert report.removed_chars == 5
        assert any("U+0000" in warning for warning in report.warnings)
        (got,) = self.read(path)
        assert got.source == clean_xml_text(dirty.source)[0] == "nul bell ok"
        assert got.target == "esc ok"

    def test_write_reports_unit_count(self, tmp_path: Path) -> None:
        report = self.fmt.write(SAMPLE, tmp_path / f"n{self.ext}")
        assert report.units == len(self.expected(SAMPLE))

    # -- empty ---------------------------------------------------------------------------

    def test_empty_export_reads_back_empty(self, tmp_path: Path) -> None:
        path = tmp_path / f"empty{self.ext}"
        report = self.fmt.write([], path)
        assert report.units == 0
        assert path.stat().st_size > 0
        assert self.read(path) == []

    def test_zero_byte_file_is_format_error(self, tmp_path: Path) -> None:
        path = tmp_path / f"zero{self.ext}"
        path.write_bytes(b"")
        with pytest.raises(FormatError, match="empty"):
            self.read(path)

    # -- bad input -----------------------------------------------------------------------

    def assert_one_line_error(self, path: Path) -> FormatError:
        with pytest.raises(FormatError) as caught:
            self.read(path)
        message = str(caught.value)
        assert "\n" not in message
        assert message.startswith(str(path))
        return caught.value

    def test_binary_garbage_is_format_error(self, tmp_path: Path) -> None:
        path = tmp_path / f"garbage{self.ext}"
        path.write_bytes(bytes(range(256)) * 8)
        self.assert_one_line_error(path)

    def test_wrong_encoding_is_format_error(self, tmp_path: Path) -> None:
        path = tmp_path / f"latin{self.ext}"
        self.write(SAMPLE, path)
        text = path.read_bytes().decode("utf-8-sig")
        # cp1258 is what legacy Vietnamese files use; their bytes are not UTF-8.
        path.write_bytes(text.encode("cp1258", errors="replace"))
        self.assert_one_line_error(path)

    def test_truncated_file_is_format_error(self, tmp_path: Path) -> None:
        if not self.detects_truncation:
            pytest.skip("a cut table can still be a valid table")
        path = tmp_path / f"cut{self.ext}"
        self.write(SAMPLE, path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        self.assert_one_line_error(path)

    def test_missing_file_is_input_error(self, tmp_path: Path) -> None:
        with pytest.raises(InputError):
            self.read(tmp_path / f"missing{self.ext}")

    # -- writing -------------------------------------------------------------------------

    def test_failed_write_leaves_old_file(self, tmp_path: Path) -> None:
        path = tmp_path / f"keep{self.ext}"
        self.write(SAMPLE, path)
        before = path.read_bytes()

        def failing() -> Iterator[MemoryUnit]:
            yield SAMPLE[0]
            raise RuntimeError("store went away")

        with pytest.raises(RuntimeError):
            self.fmt.write(failing(), path, src_lang="vi-VN", tgt_lang="en-US")
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]

    # -- registry ------------------------------------------------------------------------

    def test_registry_sniffs_content_without_known_extension(self, tmp_path: Path) -> None:
        if not self.sniffable:
            pytest.skip("a two-column table has no signature to sniff")
        path = tmp_path / "memory.dat"
        self.fmt.write(SAMPLE, path)
        assert format_for(path) is self.fmt

    def test_registry_finds_format_by_extension(self, tmp_path: Path) -> None:
        for ext in self.fmt.extensions:
            assert format_for(tmp_path / f"x{ext.upper()}") is self.fmt
        assert reader_for(tmp_path / f"x{self.ext}") == self.fmt.read


def test_unknown_content_is_format_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.dat"
    path.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(FormatError, match="unknown memory format"):
        reader_for(path)


def test_every_format_has_a_contract_subclass() -> None:
    import importlib

    tested = set()
    for module in ("test_tmx", "test_po", "test_xliff", "test_xliff2", "test_bitext"):
        mod = importlib.import_module(module)
        for value in vars(mod).values():
            if (
                isinstance(value, type)
                and issubclass(value, FormatContract)
                and value.__name__ != "FormatContract"
            ):
                tested.add(value.fmt)
    assert tested == set(FORMATS)
