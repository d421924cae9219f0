"""Placeholders of software strings as inline codes (formats/po_codes.py)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmbuilder.formats.po import read_po, write_po
from tmbuilder.formats.po_codes import placeholders_to_codes
from tmbuilder.inline import CodeKind, by_key, codes_in, render, strip_codes


def codes(source: str, target: str, flags: tuple[str, ...] = ()) -> tuple[str, str, list[str]]:
    new_source, new_target, found, _ = placeholders_to_codes(source, target, flags=flags)
    assert render(new_source, by_key(found)) == source
    assert render(new_target, by_key(found)) == target
    return strip_codes(new_source), strip_codes(new_target), [c.content for c in found]


@pytest.mark.parametrize(
    ("source", "target", "contents"),
    [
        ("%s of %d files", "%d tập tin của %s", ["%s", "%d"]),
        ("%1$s moved to %2$s", "%2$s nhận %1$s", ["%1$s", "%2$s"]),
        ("%(count)d items", "%(count)d mục", ["%(count)d"]),
        ("%-5.2lf MiB", "%-5.2lf MiB", ["%-5.2lf"]),
        ("{0} of {1}", "{1} của {0}", ["{0}", "{1}"]),
        ("Hello {name}!", "Xin chào {name}!", ["{name}"]),
        ("{count:>3} left", "còn {count:>3}", ["{count:>3}"]),
        (
            "Question {{ questionIndex + 1 }}",
            "Câu {{ questionIndex + 1 }}",
            ["{{ questionIndex + 1 }}"],
        ),
        ("Click <b>Save</b>", "Bấm <b>Lưu</b>", ["<b>", "</b>"]),
        ("Line<br/>break", "Xuống<br/>dòng", ["<br/>"]),
        ('<a href="x">link</a>', '<a href="x">liên kết</a>', ['<a href="x">', "</a>"]),
    ],
)
def test_placeholders_become_codes(source: str, target: str, contents: list[str]) -> None:
    plain_source, _plain_target, found = codes(source, target)
    assert sorted(found) == sorted(contents)
    assert "%" not in plain_source.replace("%%", "") or "%%" in source


def test_source_and_target_share_numbers() -> None:
    source, target, _found, _ = placeholders_to_codes("%s of %d", "%d của %s")
    assert codes_in(source) == [(CodeKind.STANDALONE, 1), (CodeKind.STANDALONE, 2)]
    assert codes_in(target) == [(CodeKind.STANDALONE, 2), (CodeKind.STANDALONE, 1)]
    html_source, html_target, _, _ = placeholders_to_codes("<b>Save</b>", "<b>Lưu</b>")
    assert codes_in(html_source) == codes_in(html_target)
    assert codes_in(html_source) == [(CodeKind.OPEN, 1), (CodeKind.CLOSE, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "100% sure",  # not "% s": the space flag only counts in c-format entries
        "50%% off",
        "Usage: tool <filename>",  # not an HTML tag
        "a < b and c > d",
        "set {} of {",
        "{not closed",
        "email@example.com",
    ],
)
def test_prose_stays_text(text: str) -> None:
    _, _, found = codes(text, text)
    assert found == [] or text == "set {} of {"


def test_space_flag_counts_in_c_format_entries() -> None:
    _, _, found = codes("% d items", "% d mục", flags=("c-format",))
    assert found == ["% d"]


@given(
    st.text(alphabet="%{}<>/ab $1(sdn)!.:", max_size=40),
    st.text(alphabet="%{}<>/ab sd", max_size=20),
)
def test_any_text_renders_back(source: str, target: str) -> None:
    codes(source, target)


def test_written_back_as_the_same_text(tmp_path: Path) -> None:
    path = tmp_path / "app.po"
    path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\nLanguage: vi\\n"\n\n'
        '#, c-format\nmsgid "Copy %s to <b>%s</b>"\nmsgstr "Chép %s vào <b>%s</b>"\n',
        encoding="utf-8",
    )
    (unit,) = read_po(path)
    assert "%s" not in unit.source and len(unit.codes) == 4
    out = tmp_path / "out.po"
    write_po([unit], out, src_lang="en", tgt_lang="vi")
    (entry,) = polib.pofile(str(out))
    assert (entry.msgid, entry.msgstr) == ("Copy %s to <b>%s</b>", "Chép %s vào <b>%s</b>")


def test_placeholder_heavy_lines_are_linear() -> None:
    # 600,000 characters that each start a would-be placeholder: every look-ahead is bounded,
    # so this is linear; a quadratic scan would not finish in the test's lifetime.
    long_source, _, _, _ = placeholders_to_codes("{" * 200_000 + "%" * 200_000 + "<" * 200_000, "")
    assert len(long_source) == 600_000


def test_codes_come_back_from_our_own_po(tmp_path: Path) -> None:
    units = list(read_po(Path(__file__).parent / "data" / "real" / "po" / "xz-vi.po"))
    coded = [u for u in units if u.codes]
    assert len(coded) > 50
    out = tmp_path / "ours.po"
    write_po(units, out, src_lang="en", tgt_lang="vi")
    back = list(read_po(out))
    assert [(u.source, u.target, u.codes) for u in back] == [
        (u.source, u.target, u.codes) for u in units
    ]
    # A target edited in a PO editor no longer matches the recorded one: it comes back as
    # the editor left it, and the source keeps its codes.
    catalogue = polib.pofile(str(out), wrapwidth=0)  # as Poedit: comment lines kept whole
    catalogue[0].msgstr = "sửa %s"
    catalogue.save()
    first = next(iter(read_po(out)))
    assert first.target == "sửa %s" and first.codes == units[0].codes
