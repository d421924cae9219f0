"""The memory's fuzzy index, stored with the project so a process maps it instead of building it.

Building the index of a million units costs ~17 s and ~690 MB in every `draft`, `search`,
`review` and `stats --analysis`. Here it is built once and kept in `.tmbuilder/fuzzy/` beside
project.db: each postings.Segment as plain .npy files (its arrays, its keys as UTF-8 bytes and
offsets) that every later process memory-maps, so opening costs a few file headers and a lookup
pages in only the posting lists it reads. SQLite blobs were the other choice; numpy cannot map
them, so a process would copy ~600 MB out of the database before its first lookup.

`manifest.json` names the segments (one list per (src_lang, tgt_lang) label, so the store needs
no project language pair and Leverage takes the labels its pair serves) and the memory they
describe: store id, generation and the largest unit id (store/fuzzy_tables). Opening
(`open_memory_index`):

- trusts the manifest only if its store id and generation equal the store's, its max_id is not
  above the store's, and every file loads with the shape the manifest promises; otherwise the
  stored index counts as empty and is rebuilt from the whole memory;
- returns the units added since (id > max_id) as a tail to index in memory; once that tail
  reaches TAIL_SIZE (an import did it), it is indexed and stored as new segments, and segments
  of one label merge as in FuzzyIndex, so each unit is rebuilt O(log n) times.

Writing is crash-safe: segment files get fresh names and are fsynced before the manifest that
names them replaces the old one (temp file, fsync, rename); files no manifest names are removed
by the next writer. Writers take a lock file; a process that cannot take it at once simply
indexes in memory, as before. Any doubt (no triggers, an unreadable manifest, a missing or short
file, an I/O error) ends in a rebuild or an in-memory index, never in trusting the files.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tmbuilder.store.fuzzy_tables import Label, MemoryState, memory_rows_after, memory_state
from tmbuilder.tm.index import MERGE_RATIO, TAIL_SIZE
from tmbuilder.tm.packed_keys import PackedKeys, pack_keys
from tmbuilder.tm.postings import Segment, SegmentArrays

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, so no stored index
    fcntl = None  # type: ignore[assignment]

FORMAT = 1  # bump when the files or their meaning change: older indexes are then rebuilt
DIRECTORY = "fuzzy"
MANIFEST = "manifest.json"
_LOCK = "lock"
# Rows not in the stored index that a process indexes in memory rather than store: as many as
# FuzzyIndex scans one by one. A smaller memory is never stored at all: it indexes in ms.
STORE_AFTER = TAIL_SIZE
_ARRAYS = ("ids", "lengths", "id_rank", "gram_counts", "vocab", "offsets", "postings")
_KEYS = ("key_bytes", "key_offsets")
_DTYPES = {"postings": np.int32, "key_bytes": np.uint8}  # the rest are int64

Row = tuple[int, str, Label]


@dataclass(frozen=True)
class StoredSegment:
    """One segment's entry in the manifest."""

    label: Label
    name: str  # file stem: <name>.<array>.npy
    units: int


@dataclass(frozen=True)
class Manifest:
    store_id: str
    generation: int
    max_id: int
    q: int
    segments: tuple[StoredSegment, ...] = ()

    def describes(self, state: MemoryState, q: int) -> bool:
        """Whether this manifest may be trusted for the store in `state`."""
        return (
            state.tracked
            and self.store_id == state.store_id
            and self.generation == state.generation
            and self.max_id <= state.max_id
            and self.q == q
        )


@dataclass
class MemoryIndex:
    """The memory's index as one process sees it: stored segments plus rows not stored yet."""

    segments: list[tuple[Label, Segment]] = field(default_factory=list)
    tail: list[Row] = field(default_factory=list)
    stored: bool = False  # the segments come from (or went to) files that match the store
    state: MemoryState | None = None  # the memory as the tail was read

    def __len__(self) -> int:
        return sum(len(s) for _, s in self.segments) + len(self.tail)


def index_directory(store_path: Path) -> Path | None:
    """Where the index of the store at `store_path` lives; None for a store not in a file."""
    if str(store_path) == ":memory:" or not store_path.is_file():
        return None
    return store_path.parent / DIRECTORY


def open_memory_index(
    db: sqlite3.Connection, directory: Path | None, *, q: int = 3, store: bool = True
) -> MemoryIndex:
    """The memory's index: stored segments that match the store, the rest as a tail.

    With `store` (and a directory), a tail of STORE_AFTER rows or more (the whole memory when
    the stored index cannot be trusted) is indexed and stored before returning.
    """
    index = _read(db, directory, q)
    if not store or directory is None or fcntl is None:
        return index
    if len(index.tail) < STORE_AFTER:
        return index
    try:
        directory.mkdir(exist_ok=True)
        with _locked(directory) as locked:
            if not locked:  # another process is writing it: index in memory this time
                return index
            index = _read(db, directory, q)  # what the other writer may have done meanwhile
            if len(index.tail) < STORE_AFTER:
                return index
            return _write(db, directory, q, index)
    except OSError:
        return index  # a read-only project, a full disk: the in-memory index still answers


def refresh_memory_index(db: sqlite3.Connection, store_path: Path) -> None:
    """Bring the stored index up to date with the memory (after an import)."""
    open_memory_index(db, index_directory(store_path))


# -- reading ---------------------------------------------------------------------------------
def _read(db: sqlite3.Connection, directory: Path | None, q: int) -> MemoryIndex:
    # The state is read before the rows, and only rows up to its max_id are taken: a change
    # in between moves the generation (the index is then stale, never wrong) or adds ids above.
    # A writer may remove the files of the manifest just read (it merged them): read again.
    for _ in range(2):
        state = memory_state(db)
        manifest = _load_manifest(directory) if directory is not None else None
        segments: list[tuple[Label, Segment]] | None = None
        if directory is not None and manifest is not None and manifest.describes(state, q):
            segments = _load_segments(directory, manifest)
            if segments is None:
                continue
        after = manifest.max_id if segments is not None and manifest is not None else 0
        tail = list(memory_rows_after(db, after, state.max_id))
        return MemoryIndex(segments or [], tail, segments is not None, state)
    state = memory_state(db)
    return MemoryIndex([], list(memory_rows_after(db, 0, state.max_id)), False, state)


def _load_manifest(directory: Path) -> Manifest | None:
    try:
        raw = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            return None
        segments = tuple(
            StoredSegment((str(s["label"][0]), str(s["label"][1])), str(s["name"]), int(s["units"]))
            for s in raw["segments"]
        )
        return Manifest(
            str(raw["store_id"]),
            int(raw["generation"]),
            int(raw["max_id"]),
            int(raw["q"]),
            segments,
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _load_segments(directory: Path, manifest: Manifest) -> list[tuple[Label, Segment]] | None:
    out = []
    for entry in manifest.segments:
        segment = _load_segment(directory, entry, manifest.q)
        if segment is None:
            return None
        out.append((entry.label, segment))
    return out


def _load_segment(directory: Path, entry: StoredSegment, q: int) -> Segment | None:
    """The segment's files, memory-mapped; None unless each has the promised type and shape."""
    loaded: dict[str, Any] = {}
    try:
        for name in (*_ARRAYS, *_KEYS):
            # np.load refuses a file shorter than its header says (a truncated write)
            array = np.load(directory / f"{entry.name}.{name}.npy", mmap_mode="r")
            if array.ndim != 1 or array.dtype != np.dtype(_DTYPES.get(name, np.int64)):
                return None
            loaded[name] = array
    except (OSError, ValueError, EOFError):
        return None
    n = entry.units
    vocab, offsets, postings = loaded["vocab"], loaded["offsets"], loaded["postings"]
    key_offsets = loaded["key_offsets"]
    if (
        any(len(loaded[name]) != n for name in ("ids", "lengths", "id_rank", "gram_counts"))
        or len(offsets) != len(vocab) + 1
        or int(offsets[-1]) != len(postings)
        or len(key_offsets) != n + 1
        or int(key_offsets[-1]) != len(loaded["key_bytes"])
    ):
        return None
    keys = PackedKeys(loaded["key_bytes"], key_offsets)
    arrays = SegmentArrays(**{name: loaded[name] for name in _ARRAYS})
    return Segment.from_arrays(q, keys, arrays)


# -- writing ---------------------------------------------------------------------------------
@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[bool]:
    """The writer's lock on `directory`, if free now (True), or nothing (False)."""
    assert fcntl is not None
    fd = os.open(directory / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing releases the lock


def _write(db: sqlite3.Connection, directory: Path, q: int, index: MemoryIndex) -> MemoryIndex:
    """Store the tail as segments (merging per label), then the manifest; returns the index
    as stored. Called under the lock, with `index` read under it. The manifest records the
    state `index` was read in: a change since then makes it stale, never wrong."""
    state = index.state
    if state is None or not state.tracked:
        return index  # no triggers: nothing could tell a stored index is stale
    previous = _load_manifest(directory) if index.stored else None
    named = {}
    if previous is not None:
        named = {id(s): e.name for e, (_, s) in zip(previous.segments, index.segments, strict=True)}
    by_label: dict[Label, list[tuple[int, str]]] = {}
    for unit_id, key, label in index.tail:
        by_label.setdefault(label, []).append((unit_id, key))
    segments = list(index.segments)
    for label, items in by_label.items():
        segments.append((label, Segment([i for i, _ in items], [k for _, k in items], q)))
        segments = _settle(segments, label, q)
    entries = []
    for label, segment in segments:
        name = named.get(id(segment)) or _save_segment(directory, segment)
        entries.append(StoredSegment(label, name, len(segment)))
    manifest = Manifest(state.store_id, state.generation, state.max_id, q, tuple(entries))
    _save_manifest(directory, manifest)
    _remove_unnamed(directory, manifest)
    del segments  # the built arrays can go: from now on the files are mapped instead
    stored = _load_segments(directory, manifest)
    if stored is None:
        return index
    return MemoryIndex(stored, [], True, state)


def _settle(
    segments: list[tuple[Label, Segment]], label: Label, q: int
) -> list[tuple[Label, Segment]]:
    """Merge the label's newest segment into its previous one while it is >= 1/MERGE_RATIO
    of its size (as FuzzyIndex does)."""
    while True:
        mine = [i for i, (lab, _) in enumerate(segments) if lab == label]
        if len(mine) < 2:
            return segments
        older, newer = segments[mine[-2]][1], segments[mine[-1]][1]
        if MERGE_RATIO * len(newer) < len(older):
            return segments
        ids = [*older.ids.tolist(), *newer.ids.tolist()]
        merged = Segment(ids, [*older.keys, *newer.keys], q)
        rest = [s for i, s in enumerate(segments) if i not in mine[-2:]]
        segments = [*rest, (label, merged)]


def _save_segment(directory: Path, segment: Segment) -> str:
    name = uuid.uuid4().hex
    data, offsets = pack_keys(segment.keys)
    arrays = segment.arrays()
    for field_name in _ARRAYS:
        _save_array(directory / f"{name}.{field_name}.npy", getattr(arrays, field_name))
    _save_array(directory / f"{name}.key_bytes.npy", data)
    _save_array(directory / f"{name}.key_offsets.npy", offsets)
    return name


def _save_array(path: Path, array: np.ndarray[Any, Any]) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    with open(temp, "wb") as out:
        np.save(out, np.ascontiguousarray(array), allow_pickle=False)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)


def _save_manifest(directory: Path, manifest: Manifest) -> None:
    raw = {
        "format": FORMAT,
        "store_id": manifest.store_id,
        "generation": manifest.generation,
        "max_id": manifest.max_id,
        "q": manifest.q,
        "segments": [
            {"label": list(s.label), "name": s.name, "units": s.units} for s in manifest.segments
        ],
    }
    _sync_directory(directory)  # the segment files' names reach the disk before the manifest
    temp = directory / f".{MANIFEST}.tmp"
    with open(temp, "w", encoding="utf-8") as out:
        json.dump(raw, out, ensure_ascii=True, indent=1)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, directory / MANIFEST)
    _sync_directory(directory)


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_unnamed(directory: Path, manifest: Manifest) -> None:
    """Files of segments the manifest no longer names (merged, or left by a crash)."""
    keep = {s.name for s in manifest.segments}
    for path in directory.glob("*.npy"):
        if path.name.split(".", 1)[0] not in keep:
            path.unlink(missing_ok=True)
    for path in directory.glob(".*.tmp"):
        path.unlink(missing_ok=True)
