"""Tests for tmbuilder.ingest: every format, every encoding, and every kind of bad input."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tmbuilder import ingest
from tmbuilder.errors import FormatError, InputError
from tmbuilder.ingest import docx as docx_reader
from tmbuilder.ingest import read_source, supported_extensions
from tmbuilder.ingest.detect import decode_bytes
from tmbuilder.text import legacy

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="{target}" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)


def seed_lines(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip())


def straight_quotes(text: str) -> str:
    return text.translate(str.maketrans("“”", '""'))


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def make_docx(
    body: str, *, main: str = "word/document.xml", rels: bool = True, doctype: str = ""
) -> bytes:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'{doctype}<w:document xmlns:w="{W}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if rels:
            archive.writestr("_rels/.rels", RELS.format(target=main))
        archive.writestr(main, document)
    return buffer.getvalue()


def para(*runs: str) -> str:
    return (
        "<w:p>"
        + "".join(f"<w:r><w:t xml:space='preserve'>{r}</w:t></w:r>" for r in runs)
        + "</w:p>"
    )


def assert_one_line_error(error: InputError, path: Path, *words: str) -> None:
    message = str(error)
    assert message.startswith(str(path) + ": ")
    assert "\n" not in message
    for word in words:
        assert word in message


# --- plain text and encodings ------------------------------------------------------------------

ENCODED: dict[str, tuple[str, Callable[[str], bytes]]] = {
    # name: (expected SourceDocument.encoding, how to make the bytes)
    "utf-8": ("utf-8", lambda t: t.encode("utf-8")),
    "utf-8-sig": ("utf-8-sig", lambda t: t.encode("utf-8-sig")),
    "utf-16-le-bom": ("utf-16-le", lambda t: t.encode("utf-16")),  # little-endian host
    "utf-16-be-bom": ("utf-16-be", lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
    "utf-16-le-no-bom": ("utf-16-le", lambda t: t.encode("utf-16-le")),
    "utf-32": ("utf-32-le", lambda t: t.encode("utf-32")),
    "cp1258": ("cp1258", lambda t: legacy.encode(t, "cp1258")),
    "tcvn3": ("tcvn3", lambda t: legacy.encode(straight_quotes(t), "tcvn3")),
    "vni": ("vni", lambda t: legacy.encode(t, "vni")),
}


@pytest.mark.parametrize("name", ENCODED)
def test_txt_in_every_encoding(name: str, tmp_path: Path, seed_paths: list[Path]) -> None:
    encoding, make = ENCODED[name]
    for seed in seed_paths:
        text = seed.read_text(encoding="utf-8")
        raw = make(text)
        document = read_source(write(tmp_path, seed.name, raw))
        expected = seed_lines(seed)
        if name == "tcvn3":
            expected = tuple(straight_quotes(line) for line in expected)
        assert document.paragraphs == expected
        assert document.encoding == encoding
        assert document.format == "txt"
        assert document.content_hash == hashlib.sha256(raw).hexdigest()
        if encoding.startswith("utf-8"):
            assert document.warnings == ()
        else:
            assert len(document.warnings) == 1
            assert encoding.split("-")[0].upper() in document.warnings[0].upper()


def test_txt_lines_are_cleaned_and_blank_lines_skipped(tmp_path: Path) -> None:
    raw = "  Một\u200b dòng  \r\n\r\n\t\nHai\x07 dòng\u00a0x\n".encode()
    document = read_source(write(tmp_path, "a.TXT", raw))
    assert document.paragraphs == ("Một dòng", "Hai dòng\u00a0x")


def test_not_vietnamese_8bit_text_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "fr.txt", "Le café est très bon. Où est la gare? Déjà vu.".encode("cp1252")
    )
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert_one_line_error(caught.value, path, "not Vietnamese text in a known encoding")


def test_damaged_utf8_says_where(tmp_path: Path, seed_paths: list[Path]) -> None:
    raw = seed_paths[0].read_bytes()
    path = write(tmp_path, "damaged.txt", raw[:500] + b"\xff" + raw[500:])
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert_one_line_error(caught.value, path, "invalid UTF-8 at byte 500")


def test_invalid_utf16_after_bom_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.txt", b"\xff\xfe" + "xin chào".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert_one_line_error(caught.value, path, "UTF-16")


# --- markdown ----------------------------------------------------------------------------------

MARKDOWN = """---
title: "Không phải văn bản"
---

# Tiêu đề chính #

Đoạn văn được
ngắt dòng giữa câu.

Tiêu đề phụ
-----------

* Mục **đậm** một
- Mục _nghiêng_ hai
  tiếp tục
1. Bước [liên kết](http://x.vn "t") và ![ảnh](a.png)
- [x] Việc xong

> Trích dẫn một
> dòng hai

```python
code = "bỏ qua"
```

| Cột A | Cột B |
|-------|:-----:|
| ô 1   | ô 2   |

<!-- ghi chú
nhiều dòng -->
[ref]: http://example.com
Có `mã`, \\*sao\\*, snake_case_name, 2 * 3 * 4, ~~gạch~~ &amp; <span>thẻ</span> <https://vtv.vn>

***
Cuối.
"""


def test_markdown_keeps_text_and_drops_markup(tmp_path: Path) -> None:
    document = read_source(write(tmp_path, "bai.md", MARKDOWN))
    assert document.format == "md"
    assert document.paragraphs == (
        "Tiêu đề chính", "Đoạn văn được ngắt dòng giữa câu.", "Tiêu đề phụ", "Mục đậm một",
        "Mục nghiêng hai tiếp tục", "1. Bước liên kết và ảnh", "Việc xong",
        "Trích dẫn một dòng hai",
        "Cột A", "Cột B", "ô 1", "ô 2",
        "Có \ue001, *sao*, snake_case_name, 2 * 3 * 4, gạch & thẻ https://vtv.vn", "Cuối.",
    )  # fmt: skip
    assert [c.content for codes in document.codes for c in codes] == ["`mã`"]


def test_markdown_in_a_legacy_encoding(tmp_path: Path) -> None:
    raw = legacy.encode("# Tiêu đề\n\nNội dung bài viết về kinh tế.\n", "vni")
    document = read_source(write(tmp_path, "vni.md", raw))
    assert document.paragraphs == ("Tiêu đề", "Nội dung bài viết về kinh tế.")
    assert document.encoding == "vni" and "VNI" in document.warnings[0]


# --- html --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tiêu đề trang</title>
<style>p {{ color: red }}</style><script>var bỏ = 1;</script></head>
<body><h1>Đảng   Cộng
sản</h1><div>Mở đầu<p>Đoạn <b>một</b>&nbsp;x</p>kết<br>dòng hai<script>bỏ()</script> tiếp</div>
<ul><li>Mục 1</li><li>Mục <i>2</i></li></ul>
<table><tr><td>Ô 1</td><th>Ô 2</th></tr></table>
<pre>dòng a
dòng b</pre><noscript>bỏ</noscript><template><p>bỏ</p></template><p hidden>ẩn</p>
<!-- bình luận --><figure><img alt="ảnh"><figcaption>Chú thích {extra}</figcaption></figure>
</body></html>"""
PAGE_TEXT = (
    "Đảng Cộng sản", "Mở đầu", "Đoạn một\u00a0x", "kết", "dòng hai tiếp", "Mục 1", "Mục 2",
    "Ô 1", "Ô 2",
)  # fmt: skip


def test_html_blocks_become_paragraphs(tmp_path: Path) -> None:
    document = read_source(write(tmp_path, "a.html", PAGE.format(extra="ảnh")))
    assert document.format == "html" and document.encoding == "utf-8"
    assert document.paragraphs == (*PAGE_TEXT, "Chú thích ảnh")


@pytest.mark.parametrize(
    ("meta", "encoding", "expected"),
    [
        ('<meta charset="windows-1258">', "cp1258", "cp1258"),
        # Old Vietnamese sites declared latin-1 and relied on a TCVN3 or VNI font.
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
            "tcvn3",
            "tcvn3",
        ),
        ('<meta charset="windows-1252">', "vni", "vni"),
        ('<meta charset="iso-8859-1">', "cp1258", "cp1258"),
        ("", "vni", "vni"),
        ("", "tcvn3", "tcvn3"),
    ],
)
def test_html_encodings(tmp_path: Path, meta: str, encoding: str, expected: str) -> None:
    text = "Việt Nam là một quốc gia ở Đông Nam Á."
    page = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
    document = read_source(write(tmp_path, "p.htm", legacy.encode(page, encoding)))
    assert document.paragraphs == (text,)
    assert document.encoding == expected
    assert document.warnings


def test_html_western_page_keeps_its_declaration(tmp_path: Path) -> None:
    page = '<meta charset="iso-8859-1"><p>Le café à Paris, où la bière coûte 5 €.</p>'
    document = read_source(write(tmp_path, "fr.html", page.encode("cp1252")))
    assert document.paragraphs == ("Le café à Paris, où la bière coûte 5 €.",)
    assert document.encoding == "cp1252"


def test_html_with_bom_and_wrong_declaration(tmp_path: Path) -> None:
    page = '<meta charset="iso-8859-1"><p>Xin chào các bạn</p>'
    document = read_source(write(tmp_path, "bom.html", page.encode("utf-8-sig")))
    assert document.paragraphs == ("Xin chào các bạn",)
    assert document.encoding == "utf-8-sig"


def test_html_entities_from_a_dtd_are_not_expanded(tmp_path: Path) -> None:
    page = BILLION_LAUGHS + "<html><body><p>&lol9;</p><p>Xin chào</p></body></html>"
    document = read_source(write(tmp_path, "lol.html", page))
    assert "Xin chào" in document.paragraphs
    assert sum(len(p) for p in document.paragraphs) < 100


def test_html_nested_too_deep_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "deep.html", "<div>" * 5000 + "sâu" + "</div>" * 5000)
    with pytest.raises(FormatError) as caught:
        read_source(path)
    assert_one_line_error(caught.value, path, "malformed HTML")


def test_html_tag_soup_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "soup.html", "<p>a<p>b<td>c</b></i><<>>&&; <div <p>xin chào</html><p>d")
    assert "xin chào" in read_source(path).paragraphs


# --- docx --------------------------------------------------------------------------------------


def test_docx_paragraphs_tables_breaks_and_revisions(tmp_path: Path) -> None:
    box = para("Hộp chữ")
    body = (
        para("Xin ", "chào  ")
        + "<w:p><w:r><w:tab/><w:t>bạn</w:t><w:br/><w:t>dòng hai</w:t></w:r></w:p>"
        "<w:p><w:del w:id='1'><w:r><w:delText>xóa</w:delText></w:r></w:del>"
        "<w:ins w:id='2'><w:r><w:t>thêm</w:t></w:r></w:ins>"
        "<w:moveFrom w:id='3'><w:r><w:t>chuyển đi</w:t></w:r></w:moveFrom></w:p>"
        f"<w:tbl><w:tr><w:tc>{para('Ô 1')}</w:tc><w:tc>{para('Ô 2')}</w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r><w:r><w:t>hiện</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice><w:txbxContent>{box}</w:txbxContent></mc:Choice>"
        f"<mc:Fallback><w:txbxContent>{box}</w:txbxContent></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>" + para("Cuối")
    )
    document = read_source(write(tmp_path, "a.docx", make_docx(body)))
    assert document.format == "docx" and document.encoding == "utf-8"
    assert document.paragraphs == (
        "Xin chào", "bạn", "dòng hai", "thêm", "Ô 1", "Ô 2", "hiện", "Neo", "Hộp chữ", "Cuối",
    )  # fmt: skip


def test_docx_main_part_found_through_relationships(tmp_path: Path) -> None:
    raw = make_docx(para("Văn bản chính"), main="word/document2.xml")
    assert read_source(write(tmp_path, "b.docx", raw)).paragraphs == ("Văn bản chính",)


def test_docx_without_relationships_falls_back(tmp_path: Path) -> None:
    raw = make_docx(para("Không có rels"), rels=False)
    assert read_source(write(tmp_path, "c.docx", raw)).paragraphs == ("Không có rels",)


# --- bad input ---------------------------------------------------------------------------------


def bad_docx_cases() -> dict[str, tuple[bytes, str]]:
    good = make_docx(para("Xin chào"))
    no_document = io.BytesIO()
    with zipfile.ZipFile(no_document, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    bad_xml = make_docx("<w:p><w:r><w:t>unclosed")
    return {
        "truncated": (good[: len(good) // 2], "not a valid .docx"),
        "not-a-zip": ("Xin chào".encode(), "not a zip archive"),
        "ole": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old .doc or encrypted"),
        "no-document": (no_document.getvalue(), "no word/document.xml"),
        "bad-xml": (bad_xml, "bad XML in word/document.xml"),
        "billion-laughs": (make_docx(para("&lol9;"), doctype=BILLION_LAUGHS), "DTD"),
    }


@pytest.mark.parametrize("case", bad_docx_cases())
def test_bad_docx(case: str, tmp_path: Path) -> None:
    raw, words = bad_docx_cases()[case]
    path = write(tmp_path, f"{case}.docx", raw)
    with pytest.raises(FormatError) as caught:
        read_source(path)
    assert_one_line_error(caught.value, path, words)


def test_docx_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_XML_BYTES", 64 * 1024)
    raw = make_docx(para("a" * 200_000))
    assert len(raw) < 10_000  # highly compressible: the shape of a zip bomb
    path = write(tmp_path, "bomb.docx", raw)
    with pytest.raises(FormatError) as caught:
        read_source(path)
    assert_one_line_error(caught.value, path, "zip bomb")


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \n\t\n", "no text found"),
        ("nul.txt", b"Xin ch\x00\x01\x02\xff\xfe\x00\x00binary" * 20, "binary content"),
        ("controls.txt", bytes(range(1, 32)) * 20, "binary content"),
        ("zip.txt", make_docx(para("Xin chào")), "binary content"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("README", b"text", "unsupported file type without an extension"),
        ("empty.docx", make_docx(""), "no text found"),
        ("empty.html", b"<html><head><title>x</title></head><body></body></html>", "no text found"),
        ("bin.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
    ],
)
def test_bad_files(name: str, data: bytes, words: str, tmp_path: Path) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert_one_line_error(caught.value, path, words)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_source(tmp_path / "nope.txt")
    assert_one_line_error(caught.value, tmp_path / "nope.txt", "file not found")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError) as caught:
        read_source(folder)
    assert_one_line_error(caught.value, folder, "is a directory")


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 1024)
    path = write(tmp_path, "big.txt", "Xin chào. ".encode() * 300)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert_one_line_error(caught.value, path, "file too large (3.2 KB > 1 KB)")
    write(tmp_path, "small.txt", b"Xin chao")
    assert read_source(tmp_path / "small.txt").paragraphs == ("Xin chao",)


def test_supported_extensions() -> None:
    assert supported_extensions() == (".txt", ".md", ".html", ".htm", ".docx")


def test_decode_bytes_reports_a_wrong_declaration() -> None:
    raw = legacy.encode("Xin chào các bạn", "cp1258")
    decoded = decode_bytes(raw, "x.html", declared="utf-8")
    assert decoded.text == "Xin chào các bạn" and decoded.encoding == "cp1258"
    assert "'utf-8' does not fit" in decoded.warnings[0]
    assert "CP1258" in decoded.warnings[1]
