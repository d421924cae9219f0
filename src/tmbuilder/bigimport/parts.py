"""Importing one big TMX file on two cores.

The file is cut in two (bigimport/tmx_parts). This process reads the head part straight into the
store; meanwhile a helper process (bigimport/tail_reader) reads the tail part into a stage file
(bigimport/stage), keys and all. Once the head is in, the store merges the stage after it in
one SQL statement, inside the same transaction. The rows, their order and the duplicate merging
are those of reading the file whole; parsing, the most expensive step, is shared out.

Whatever goes wrong in either part (the file is broken, the helper dies) raises PartsFailed out
of the transaction, which rolls back; the caller then imports the file whole, which either
succeeds or names the real problem with its real line number. The helper's stderr is dropped:
a crash shows as a missing answer.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from tmbuilder.bigimport.memory_import import available_cpus
from tmbuilder.bigimport.stage import STAGE_PREFIX, kept_units
from tmbuilder.bigimport.tail_reader import Keep, job
from tmbuilder.bigimport.tmx_parts import TmxPart, cut_tmx
from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.reading import MemoryFilter, ReadOptions
from tmbuilder.formats.tmx import read_tmx_part
from tmbuilder.leftovers import FolderLock
from tmbuilder.model import MemoryUnit
from tmbuilder.workers import start_helper

# Below this a TMX file is read by one process: starting the helper and merging its stage
# cost more than they save (about 20,000 units).
PARTS_BYTES = 32 * 1024 * 1024
# Where the file is cut, so that both halves take about as long: writing the stage costs the
# helper a little more per unit than storing the head costs this process.
HEAD_FRACTION = 0.51


class PartsFailed(Exception):
    """Reading the file in parts did not work out; read it whole."""


def cut_for_import(path: Path) -> tuple[TmxPart, TmxPart] | None:
    """(head, tail) of a TMX file worth importing in parts on this machine, else None."""
    try:
        if path.stat().st_size < PARTS_BYTES or available_cpus() < 2:
            return None
    except OSError:
        return None
    return cut_tmx(path, HEAD_FRACTION)


def kept(units: Iterable[MemoryUnit], keep: Keep, into: list[MemoryUnit]) -> Iterator[MemoryUnit]:
    """Pass `units` through, appending those `keep` wants to `into`."""
    for unit in units:
        if keep(unit):
            into.append(unit)
        yield unit


def head_units(head: TmxPart, options: ReadOptions | None = None) -> Iterator[MemoryUnit]:
    """The head part's units; a FormatError in it becomes PartsFailed (see the module doc)."""
    try:
        yield from read_tmx_part(head, head=True, options=options)
    except (FormatError, InputError) as exc:
        raise PartsFailed(str(exc)) from None


class TailReading:
    """The helper process reading a tail part into a stage file in `workdir`.

    A context manager: on exit the helper is stopped if still running and the stage file
    removed, so use it around the store transaction the stage is merged in.
    """

    def __init__(
        self,
        tail: TmxPart,
        origin: str,
        keep: Keep,
        workdir: Path,
        options: ReadOptions | None = None,
        memory: MemoryFilter | None = None,
    ) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=workdir))
        self._lock = FolderLock(self._dir)  # a later run removes the folder if we are killed
        self.stage = self._dir / "tail.db"
        self._process = start_helper("tmbuilder.bigimport.tail_reader")
        self._kept = 0
        self.counts: dict[str, object] = {}  # the helper's MemoryFilter counts (as_dict)
        assert self._process.stdin is not None
        with contextlib.suppress(OSError):  # a dead helper shows in finish()
            self._process.stdin.write(job(tail, origin, keep, self.stage, options, memory))
            self._process.stdin.close()

    def finish(self) -> Path:
        """Wait for the helper; the stage file it wrote. PartsFailed if it did not."""
        assert self._process.stdout is not None
        out = self._process.stdout.read()  # its only output: one line, at the end
        self._process.wait()
        try:
            answer = json.loads(out.decode().strip().splitlines()[-1])
        except (ValueError, IndexError, UnicodeDecodeError):
            answer = {}
        if self._process.returncode != 0 or not answer.get("ok"):
            raise PartsFailed(str(answer.get("error", "the helper reading the tail part failed")))
        self._kept = int(answer.get("kept", 0))
        counts = answer.get("filter")
        self.counts = counts if isinstance(counts, dict) else {}
        return self.stage

    def kept(self) -> list[MemoryUnit]:
        """The tail's units the Keep wanted back, in file order (after finish())."""
        return kept_units(self.stage) if self._kept else []

    def __enter__(self) -> TailReading:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._process.returncode is None:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        shutil.rmtree(self._dir, ignore_errors=True)
        self._lock.close()
