"""The domain objects every layer shares: plain frozen dataclasses, no behaviour beyond helpers.

Data flows one way: files -> ingest (SourceDocument) -> segment -> store (Segment) -> draft ->
review -> export (MemoryUnit / Term). Nothing in here touches the disk or a UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from tmbuilder.inline import InlineCode


class Status(StrEnum):
    """Where a segment's translation stands; the order is the review workflow's order."""

    NEW = "new"  # no target yet
    DRAFT = "draft"  # machine translation or fuzzy match, not looked at
    TRANSLATED = "translated"  # exact TM match or a human target not yet reviewed
    REVIEWED = "reviewed"  # confirmed by a reviewer
    REJECTED = "rejected"  # the reviewer marked the target as wrong


class TermStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    FORBIDDEN = "forbidden"


def utc_now() -> str:
    """A timestamp as the store keeps it: ISO 8601, UTC, second precision, `Z` suffix."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class SourceDocument:
    """A source file as ingest read it: Unicode (NFC) paragraphs, one per line or block."""

    path: str
    format: str  # "txt", "md", "html", "docx"
    encoding: (
        str  # detected encoding, e.g. "utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni"
    )
    content_hash: str  # sha256 of the raw bytes
    paragraphs: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    # Inline codes per paragraph, parallel to `paragraphs` (Markdown code spans, HTML <code>):
    # each paragraph holds one private-use character per code (inline.py). Empty when the
    # document has no codes at all.
    codes: tuple[tuple[InlineCode, ...], ...] = ()

    def paragraph_codes(self, index: int) -> tuple[InlineCode, ...]:
        """The inline codes of paragraph `index` (empty when it has none)."""
        return self.codes[index] if index < len(self.codes) else ()


@dataclass(frozen=True)
class Document:
    """A document as the store holds it."""

    id: int
    path: str
    format: str
    encoding: str
    content_hash: str
    added_at: str
    updated_at: str


@dataclass(frozen=True)
class Segment:
    """A source sentence with its current translation (the segment and its unit, joined)."""

    id: int
    document_id: int
    paragraph: int  # 0-based paragraph index in the document
    position: int  # 0-based sentence index in the paragraph
    source: str  # NFC surface text, as the author wrote it
    key: str  # matching key (see text.normalize.match_key)
    target: str = ""
    status: Status = Status.NEW
    origin: str = ""  # "mt:google", "tm:100", "tm:87", "human", "import:FILE"
    created_at: str = ""
    updated_at: str = ""
    archived: bool = False
    # The unit's version on a store that keeps one (PostgreSQL: each change adds 1); 0 when the
    # store does not. Not compared: the same segment read from either backend is equal.
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Edit:
    """One entry of a segment's history."""

    id: int
    segment_id: int
    at: str
    author: str
    action: str  # "edit", "status", "split", "merge", "archive", "restore", "draft"
    old_target: str
    new_target: str
    old_status: str
    new_status: str
    origin: str = ""
    detail: str = ""


@dataclass(frozen=True)
class MemoryUnit:
    """A translation unit of a memory: what TMX/PO/XLIFF carry and what TM lookup searches.

    `props` holds TMX <prop> values by type (x-document, x-status, x-origin, x-context, ...);
    `notes` holds <note> texts.
    """

    source: str
    target: str
    src_lang: str = "vi-VN"
    tgt_lang: str = "en-US"
    tuid: str = ""
    created_at: str = ""  # ISO 8601 UTC as utc_now() gives
    changed_at: str = ""
    created_by: str = ""
    changed_by: str = ""
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    # Inline codes of source and target (see tmbuilder.inline): the text holds one character
    # per code, this holds what each stood for.
    codes: tuple[InlineCode, ...] = ()

    def prop(self, name: str, default: str = "") -> str:
        for key, value in self.props:
            if key == name:
                return value
        return default


@dataclass(frozen=True)
class Match:
    """A translation-memory match for a query segment."""

    score: float  # 0..101; 101 = in-context exact, 100 = exact
    source: str
    target: str
    origin: str = ""  # where the unit came from (file name, "project", "mt:google")
    memory_id: int = 0
    kind: str = "tm"  # "tm" or "mt"


@dataclass(frozen=True)
class TermForm:
    """One more way a glossary concept is written: a synonym of the English, or a variant of
    the source term, with its language and its status as the file gave it (a TermStatus value,
    or '' when the file said nothing)."""

    text: str
    lang: str
    status: str = ""


@dataclass(frozen=True)
class Term:
    """A glossary entry: one concept, its preferred Vietnamese form, variants and English."""

    source: str
    target: str = ""
    status: TermStatus = TermStatus.PROPOSED
    note: str = ""
    variants: tuple[str, ...] = ()  # other Vietnamese forms of the same concept
    frequency: int = 0
    documents: int = 0
    score: float = 0.0  # termhood (C-value or similar)
    confidence: float = 0.0  # confidence of the English proposal, 0..1
    origin: str = ""  # "align", "mt:google", "human", "import:FILE"
    contexts: tuple[str, ...] = ()  # example source sentences
    id: int = 0
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Languages of source and target ('' = the project's), and every further form of the
    # concept with its language and status: English synonyms, and the source variants' status.
    src_lang: str = ""
    tgt_lang: str = ""
    synonyms: tuple[TermForm, ...] = ()
