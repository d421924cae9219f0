"""Reader for plain text (.txt), and the paragraph cleaning every reader shares.

.txt: one paragraph per line; blank lines are skipped. The encoding is detected (see `detect`).
Markdown has its own reader (markdown.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from tmbuilder import inline
from tmbuilder.ingest.detect import decode_bytes
from tmbuilder.inline import InlineCode
from tmbuilder.model import SourceDocument
from tmbuilder.text.normalize import clean_text


def clean_paragraphs(lines: Iterable[str]) -> tuple[str, ...]:
    """Each line as stored surface text (clean_text, stripped); empty lines dropped."""
    out = []
    for line in lines:
        text = clean_text(line).strip()
        if text:
            out.append(text)
    return tuple(out)


def clean_paragraphs_with_codes(
    blocks: Iterable[tuple[str, tuple[InlineCode, ...]]],
) -> tuple[tuple[str, ...], tuple[tuple[InlineCode, ...], ...]]:
    """`clean_paragraphs` for paragraphs that carry inline codes: the codes stay beside their
    paragraph (`SourceDocument.codes`), and are left out altogether when there are none."""
    paragraphs: list[str] = []
    codes: list[tuple[InlineCode, ...]] = []
    for line, line_codes in blocks:
        text = clean_text(line).strip()
        if text:
            paragraphs.append(text)
            codes.append(line_codes)
    return tuple(paragraphs), (tuple(codes) if any(codes) else ())


def incoming_text(text: str, warnings: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Text of a file that will carry inline codes: any character of the code range it already
    holds becomes U+FFFD, so it can never be taken for a code (said in a warning)."""
    cleaned, replaced = inline.clean_text(text)
    if replaced:
        warnings = (
            *warnings,
            f"{replaced} private-use characters (U+E000-U+EFFF) replaced with U+FFFD",
        )
    return cleaned, warnings


def read_txt(raw: bytes, path: str, content_hash: str) -> SourceDocument:
    """A plain text file: one paragraph per line."""
    decoded = decode_bytes(raw, path)
    return SourceDocument(
        path=path,
        format="txt",
        encoding=decoded.encoding,
        content_hash=content_hash,
        paragraphs=clean_paragraphs(decoded.text.splitlines()),
        warnings=decoded.warnings,
    )
