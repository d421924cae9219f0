"""bigimport/tmx_parts: a TMX file cut in two reads as the whole file, or is refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tmbuilder.bigimport.tmx_parts import cut_tmx
from tmbuilder.errors import FormatError
from tmbuilder.formats.tmx import read_tmx, read_tmx_part, write_tmx
from tmbuilder.model import MemoryUnit


def _units(count: int) -> list[MemoryUnit]:
    return [
        MemoryUnit(
            f"Câu số {i}: hai nước <hợp tác> & phát triển.",
            f"Sentence {i}: the two countries cooperate.",
            tuid=str(i),
            changed_at="2025-01-01T00:00:00Z",
            props=(("x-document", f"doc{i % 3}.txt"), ("x-context-prev", "Trước đó.")),
            notes=("checked",) if i % 7 == 0 else (),
        )
        for i in range(count)
    ]


def _read_parts(path: Path, fraction: float) -> list[MemoryUnit]:
    parts = cut_tmx(path, fraction)
    assert parts is not None
    head, tail = parts
    return [*read_tmx_part(head, head=True), *read_tmx_part(tail, head=False)]


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.5, 0.93])
def test_parts_read_exactly_the_units_of_the_whole_file(tmp_path: Path, fraction: float) -> None:
    path = tmp_path / "m.tmx"
    write_tmx(_units(500), path)
    assert _read_parts(path, fraction) == list(read_tmx(path)) == _units(500)


def test_the_cut_is_at_a_tu_start_tag(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    write_tmx(_units(50), path)
    parts = cut_tmx(path, 0.5)
    assert parts is not None
    head, tail = parts
    cut = head.ranges[0][1]
    assert path.read_bytes()[cut : cut + 4] == b"<tu "
    # The tail borrows the file's own prolog, root and header, up to the <body> start tag.
    assert path.read_bytes()[: tail.ranges[0][1]].endswith(b"<body>")


def _tmx(body: str, header_extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
        f'<header srclang="vi" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" '
        f'creationtool="t" creationtoolversion="1"/>{header_extra}<body>\n{body}</body></tmx>\n'
    ).encode()


def _tu(n: int) -> str:
    return (
        f'<tu tuid="{n}"><tuv xml:lang="vi"><seg>Câu {n}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Sentence {n}</seg></tuv></tu>\n'
    )


def test_utf16_files_are_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    text = _tmx("".join(_tu(n) for n in range(40))).decode().replace("UTF-8", "UTF-16")
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert len(list(read_tmx(path))) == 40
    assert cut_tmx(path) is None


def test_a_body_tag_inside_a_comment_is_not_taken_for_the_body(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_bytes(_tmx("".join(_tu(n) for n in range(40)), "<!-- <body> -->"))
    # The first "<body" is in the comment: the prefix check sees it is not open there.
    assert cut_tmx(path) is None
    assert len(list(read_tmx(path))) == 40


def test_a_cut_inside_a_comment_makes_the_head_fail(tmp_path: Path) -> None:
    # The middle of the file is a comment full of <tu> lookalikes: the tail alone would read
    # them as units, so the head must refuse, and the caller falls back to the whole file.
    fake = "".join(_tu(n) for n in range(1000, 1400))
    path = tmp_path / "m.tmx"
    path.write_bytes(_tmx(_tu(1) + f"<!--\n{fake}-->\n" + _tu(2)))
    parts = cut_tmx(path, 0.5)
    assert parts is not None
    with pytest.raises(FormatError, match="not well-formed"):
        list(read_tmx_part(parts[0], head=True))
    assert [u.tuid for u in read_tmx(path)] == ["1", "2"]


def test_a_cut_inside_a_cdata_section_makes_the_head_fail(tmp_path: Path) -> None:
    fake = "".join(_tu(n) for n in range(1000, 1400))
    cdata = f'<tu tuid="c"><tuv xml:lang="vi"><seg><![CDATA[{fake}]]></seg></tuv></tu>\n'
    path = tmp_path / "m.tmx"
    path.write_bytes(_tmx(_tu(1) + cdata + _tu(2)))
    parts = cut_tmx(path, 0.5)
    assert parts is not None
    with pytest.raises(FormatError):
        list(read_tmx_part(parts[0], head=True))


def test_a_second_body_makes_the_head_fail(tmp_path: Path) -> None:
    # Well-formed but not TMX: the tail would borrow the first <body> for units of the second.
    body = "".join(_tu(n) for n in range(200))
    second = b'</body><body xmlns="urn:other">\n' + body.encode()
    text = _tmx(body).replace(b"</body></tmx>", second)
    path = tmp_path / "m.tmx"
    path.write_bytes(text + b"</body></tmx>\n")
    parts = cut_tmx(path, 0.75)
    assert parts is not None
    with pytest.raises(FormatError, match="more than one <body>"):
        list(read_tmx_part(parts[0], head=True))


def test_files_without_a_place_to_cut_are_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_bytes(_tmx(""))
    assert cut_tmx(path) is None
    (tmp_path / "nobody.tmx").write_bytes(b"<tmx><header/></tmx>")
    assert cut_tmx(tmp_path / "nobody.tmx") is None
    assert cut_tmx(tmp_path / "missing.tmx") is None
