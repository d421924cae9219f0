"""The project store's interface: everything the rest of tmbuilder may ask of a store.

The CLI, pipeline, TUI and QA talk to this Protocol only, so a shared server backend (say
PostgreSQL for a team) can be added later as another class with these methods, without touching
the callers. Keep it narrow: whole-domain operations, no SQL leaking out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tmbuilder.errors import StoreError
from tmbuilder.inline import InlineCode
from tmbuilder.langtags import LangPair
from tmbuilder.model import (
    Document,
    Edit,
    Match,
    MemoryUnit,
    Segment,
    SourceDocument,
    Status,
    Term,
)

if TYPE_CHECKING:  # align/ is a layer above the store: only its record type is named here
    from tmbuilder.align.record import Alignment
    from tmbuilder.store.review_tables import ChangeFeed, ClaimTable
    from tmbuilder.store.sync_tables import StoredConflict, SyncBase


@dataclass(frozen=True)
class NewSegment:
    """A sentence as segmentation produced it, before the store gives it an id."""

    paragraph: int
    position: int
    source: str
    key: str
    codes: str = ""  # inline.dumps of the inline codes whose characters `source` holds


@dataclass(frozen=True)
class SyncReport:
    """What `sync_document` did to one document."""

    path: str
    unchanged: bool = False
    created: bool = False
    added: int = 0
    kept: int = 0
    archived: int = 0
    restored: int = 0


@dataclass(frozen=True)
class UnitChange:
    """A new target/status for a segment, as drafting or review produces it."""

    segment_id: int
    target: str
    status: Status
    origin: str
    author: str = "tmbuilder"
    action: str = "edit"
    detail: str = ""
    # The Segment.version the change was made on: a store that keeps versions refuses the
    # change with UnitConflict when the unit has changed since. 0: no check (drafting, imports).
    expected_version: int = 0


class UnitConflict(StoreError):
    """A change made on a version of a unit that someone else has changed since."""

    def __init__(self, change: UnitChange, current: Segment, changed_by: str) -> None:
        self.change = change
        self.current = current  # the other version, as it is in the store now
        self.changed_by = changed_by
        super().__init__(
            f"segment #{change.segment_id} was changed by {changed_by or 'someone'} at "
            f"{current.updated_at} (version {current.version}, yours was "
            f"{change.expected_version}): reload it and choose"
        )


@dataclass(frozen=True)
class MemoryImportReport:
    read: int = 0
    added: int = 0
    duplicates: int = 0  # same source and target as a unit already there (merged)
    alternatives: int = 0  # new target for a source already there (kept as alternative)


@dataclass(frozen=True)
class TermImportReport:
    """What importing glossary terms did: new concepts, existing ones replaced by the file's
    decision, and terms of the file whose source was already there (in the store or earlier
    in the same file) whose English was kept as a synonym."""

    added: int = 0
    updated: int = 0
    merged: int = 0

    @property
    def stored(self) -> int:
        return self.added + self.updated + self.merged


@dataclass(frozen=True)
class StoreStats:
    documents: int
    paragraphs: int
    segments: int
    archived: int
    words: int
    statuses: Mapping[str, int] = field(default_factory=dict)
    reviewed_words: int = 0
    memory_units: int = 0
    terms: int = 0


class ProjectStore(Protocol):
    """The single source of truth for a project."""

    @property
    def path(self) -> Path | str:
        """Where the store is, for messages: its SQLite file, or its server's URL."""
        ...

    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def bulk_transaction(self) -> AbstractContextManager[None]:
        """transaction() for writing very many rows (a big import); may lock out readers."""
        ...

    # -- documents and segments ---------------------------------------------------------------
    def documents(self) -> list[Document]: ...

    def document(self, path: str) -> Document | None: ...

    def sync_document(
        self, doc: SourceDocument, segments: Sequence[NewSegment], seg_hash: str
    ) -> SyncReport: ...

    def segments(
        self,
        *,
        document_id: int | None = None,
        statuses: Iterable[Status] | None = None,
        include_archived: bool = False,
    ) -> list[Segment]: ...

    def segment_batches(self, first: int) -> Generator[list[Segment], None, None]:
        """The active segments in `segments()` order, as one snapshot handed over in two
        parts: the first `first` rows, then the rest (the review UI shows the first while
        the rest is read)."""
        ...

    def segment(self, segment_id: int) -> Segment: ...

    def segment_codes(self, segment_id: int) -> tuple[InlineCode, ...]: ...

    # -- translations ------------------------------------------------------------------------
    def update_unit(self, change: UnitChange) -> Segment: ...

    def update_units(self, changes: Iterable[UnitChange]) -> int: ...

    def history(self, segment_id: int) -> list[Edit]: ...

    def note_history(self, segment_id: int, action: str, author: str, detail: str) -> None:
        """Add a history entry for a decision that changed nothing (e.g. a merge conflict
        settled by keeping the store's version)."""
        ...

    def split_segment(
        self, segment_id: int, offset: int, author: str
    ) -> tuple[Segment, Segment]: ...

    def merge_segments(self, first_id: int, second_id: int, author: str) -> Segment: ...

    def stats(self) -> StoreStats: ...

    # -- translation memory, suggestions, MT cache ------------------------------------------
    def add_memory(
        self,
        units: Iterable[MemoryUnit],
        origin: str,
        *,
        then: Callable[[], Path] | None = None,
    ) -> MemoryImportReport: ...

    def memory_units(self, origin: str | None = None) -> Iterator[tuple[int, MemoryUnit]]: ...

    def memory_lookup(
        self, key: str, pair: LangPair | None = None
    ) -> list[tuple[int, MemoryUnit]]: ...

    def memory_keys(self, pair: LangPair | None = None) -> Iterator[tuple[int, str]]:
        """(id, match key) of every memory unit serving `pair` (all: None), in id order: what a
        fuzzy index is built from."""
        ...

    def memory_origins(self) -> list[str]: ...

    def memory_language_pairs(self) -> list[tuple[str, str, int]]: ...

    def memory_unit(self, unit_id: int) -> MemoryUnit: ...

    def find_memory_unit(self, unit_id: int) -> MemoryUnit | None: ...

    @property
    def memory_db(self) -> sqlite3.Connection | None:
        """The SQLite connection the stored fuzzy index reads (tm/persist), or None for a
        server store, whose memory is searched on the server."""
        ...

    def memory_count(self) -> int: ...

    def memory_texts(self) -> Iterator[tuple[int, str, str, str]]:
        """(id, source, target, origin) of every memory unit in id order, streamed a page at a
        time: what a concordance scans."""
        ...

    def set_suggestions(self, segment_id: int, kind: str, matches: Sequence[Match]) -> None: ...

    def suggestions(self, segment_id: int) -> list[Match]: ...

    def get_many(self, engine: str, src: str, tgt: str, keys: Sequence[str]) -> dict[str, str]: ...

    def put_many(self, engine: str, src: str, tgt: str, items: Mapping[str, str]) -> None: ...

    # -- glossary ------------------------------------------------------------------------------
    def terms(self, status: str | None = None) -> list[Term]: ...

    def merge_terms(self, terms: Iterable[Term]) -> int: ...

    def save_term(self, term: Term) -> Term: ...

    def import_terms(self, terms: Iterable[Term]) -> TermImportReport: ...

    def delete_term(self, term_id: int) -> None: ...

    # -- small key/value state (last position, autosave, ...) ----------------------------------
    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str | None) -> None: ...

    # -- what open review sessions share: segment claims, the feed of changes -----------------
    @property
    def claims(self) -> ClaimTable: ...

    @property
    def changes(self) -> ChangeFeed: ...

    # -- alignments under review (tmbuilder align) -------------------------------------------
    def alignment_names(self) -> list[str]: ...

    def alignment(self, name: str) -> Alignment: ...

    def save_alignment(
        self, alignment: Alignment, *, author: str, action: str, detail: str = ""
    ) -> Alignment: ...

    def alignment_history(self, name: str) -> list[tuple[str, str, str, str]]: ...

    # -- merging exports unit by unit (pipeline/merge.py; store/sync_tables.py) ---------------
    def sync_bases(self, kind: str) -> dict[str, SyncBase]: ...

    def set_sync_bases(self, kind: str, bases: Iterable[tuple[str, SyncBase]]) -> None: ...

    def note_conflicts(
        self, kind: str, file: str, conflicts: Iterable[tuple[str, dict[str, str]]]
    ) -> None: ...

    def clear_conflicts(self, kind: str, refs: Iterable[str]) -> None: ...

    def stored_conflicts(self) -> list[StoredConflict]: ...


@runtime_checkable
class MemorySearch(Protocol):
    """A store that finds fuzzy memory matches itself (PostgreSQL's pg_trgm index), so
    tm/leverage.py need not build a local index of the whole memory in every process."""

    def memory_search(
        self, key: str, *, limit: int = 5, threshold: float = 75.0, pair: LangPair | None = None
    ) -> list[tuple[int, float]]:
        """FuzzyIndex.search's answer over the memory: best first, ties to the smaller id."""
        ...
