"""Bulk insertion of memory units: the work behind `SqliteStore.add_memory`.

A big import (a million-unit TMX) is paced by the caller's thread, which parses the XML. The
match keys, the next most expensive step, are computed by a KeyWorker process on another core,
one batch behind: while the helper keys batch n, this thread stores batch n-1 and reads batch
n+1. Each unit is turned into its row values as soon as it is read, so units die young: a
million MemoryUnits kept alive in batches cost the garbage collector and the CPU caches more
than building the rows does.

Small imports (up to PARALLEL_AFTER units), and any import on a single CPU, compute the keys
in this process: starting a helper costs more than it would save. Either way the caller's
transaction covers every row; on any exception the helper is stopped before it propagates,
so the transaction can roll back.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from tmbuilder.bigimport.key_worker import KeyColumns, KeyWorker, unit_keys
from tmbuilder.bigimport.memory_indexes import drop_memory_index
from tmbuilder.model import MemoryUnit
from tmbuilder.store.memory_rows import COLUMNS, hashed_target, unit_values

PARALLEL_AFTER = 20_000
# Imports of more rows than this (and than twice the memory already stored) drop the memory
# index and build it at the end (memory_indexes).
DEFER_AFTER = 50_000
BATCH = 2048  # units per request to the helper and per executemany

# Same source and target as a row already there: keep the newer date. The pair hash stands for
# key and target (64 bits, see key_worker); the target is compared too, as a cheap guard.
CONFLICT = (
    "ON CONFLICT(key_hash, pair_hash) DO UPDATE SET changed_at = excluded.changed_at "
    "WHERE target = excluded.target AND excluded.changed_at > changed_at"
)
_PLAIN = f"INSERT INTO memory({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
_INSERT = f"{_PLAIN} {CONFLICT}"


def available_cpus() -> int:
    """CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass
class _Batch:
    """Units turned into row values (memory_rows.unit_values), waiting for their keys."""

    rows: list[tuple[object, ...]]
    sent: bool = False  # its sources and targets went to the helper process

    def sources(self) -> list[str]:
        return [str(row[0]) for row in self.rows]

    def targets(self) -> list[str]:
        return [hashed_target(row) for row in self.rows]

    def local_keys(self) -> KeyColumns:
        return unit_keys(self.sources(), self.targets())


class MemoryImport:
    """One add_memory run: turns units into rows, gets their keys, inserts them."""

    def __init__(
        self,
        db: sqlite3.Connection,
        origin: str,
        *,
        parallel_after: int = PARALLEL_AFTER,
        defer_after: int | None = None,
    ) -> None:
        self.db = db
        self.origin = origin
        self.parallel_after = parallel_after
        self.defer_after = defer_after  # rows after which the index is dropped (None: never)
        self.deferred = False  # index dropped: the caller must build it (memory_indexes)
        self.read = 0
        self.worker_batches = 0  # batches whose keys the helper process computed

    def expect(self, more: int) -> None:
        """Drop the index once this import has reached, or will reach, `defer_after` rows."""
        limit = self.defer_after
        if limit is not None and not self.deferred and self.read + more > limit:
            drop_memory_index(self.db)
            self.deferred = True

    def run(self, units: Iterable[MemoryUnit]) -> int:
        """Insert every unit in the caller's transaction; returns how many were read."""
        read = 0
        worker: KeyWorker | None = None
        pending: _Batch | None = None  # with the helper, not stored yet
        try:
            for batch in self._batches(iter(units)):
                read += len(batch.rows)
                self.read = read
                self.expect(0)
                if worker is None and read > self.parallel_after and available_cpus() > 1:
                    worker = KeyWorker()
                if worker is None:
                    self._store(batch, batch.local_keys())
                    continue
                # Collect the previous batch's keys before sending this one: the helper then
                # never waits to write a reply while this thread waits to write a request.
                ready = (pending, self._collect(worker, pending)) if pending else None
                batch.sent = worker.send(batch.sources(), batch.targets())
                if ready is not None:
                    self._store(*ready)
                pending = batch
            if worker is not None and pending is not None:
                self._store(pending, self._collect(worker, pending))
        except BaseException:
            if worker is not None:
                worker.kill()
            raise
        if worker is not None:
            worker.close()
        return read

    def _batches(self, units: Iterator[MemoryUnit]) -> Iterator[_Batch]:
        origin = self.origin
        while rows := [unit_values(unit, origin) for unit in islice(units, BATCH)]:
            yield _Batch(rows)

    def _collect(self, worker: KeyWorker, batch: _Batch) -> KeyColumns:
        keys = worker.receive() if batch.sent else None
        if keys is None:  # the helper failed: compute the keys here instead
            return batch.local_keys()
        self.worker_batches += 1
        return keys

    def _store(self, batch: _Batch, keys: KeyColumns) -> None:
        """Insert one batch, merging duplicates (see _INSERT)."""
        insert = _PLAIN if self.deferred else _INSERT  # no index: duplicates wait
        self.db.executemany(insert, map(tuple.__add__, batch.rows, zip(*keys, strict=True)))
