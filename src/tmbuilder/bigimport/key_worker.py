"""Match keys and hashes of memory units, computed here or in a helper process.

`match_key` is the most expensive step of a memory import after XML parsing (about 12 µs for a
news sentence), and it is pure Python: a thread cannot run it beside the parser. `KeyWorker`
runs it in a second Python process (`python -m tmbuilder.bigimport.key_worker`), fed through its
stdin and stdout with length-prefixed pickles. Both ends are this module, so the pickles are
trusted; nothing else ever writes to those pipes.

What a unit's keys are, wherever they are computed (`unit_keys`):

- the stored key: its match key (inline codes left out), or None when that is just
  `source.casefold()` (nearly every clean sentence: readers derive it, and a million imported
  rows are 20% smaller);
- the key hash: first 8 bytes of BLAKE2b of the key's UTF-8, as a signed 64-bit integer;
- the pair hash: the same of the key hash's 8 bytes followed by the target's UTF-8 (and, for a
  unit with inline codes, NUL and its codes' records: memory_rows.hashed_target).
"""

from __future__ import annotations

import contextlib
import pickle
import re
import subprocess
import sys
from collections.abc import Sequence
from hashlib import blake2b
from typing import IO, TypeAlias, cast

from tmbuilder.text.normalize import match_key_plain
from tmbuilder.workers import start_helper

KeyColumns: TypeAlias = tuple[list[str | None], list[int], list[int]]
_HEADER = 8  # bytes of the little-endian length before each pickle
# Inline code characters (tmbuilder.inline): matching ignores them.
_CODE_CHARS = re.compile("[\ue000-\uefff]")


def key_hash(key: str) -> int:
    """64-bit hash of a match key, signed as SQLite stores integers."""
    return int.from_bytes(blake2b(key.encode(), digest_size=8).digest(), "little", signed=True)


def unit_keys(sources: Sequence[str], targets: Sequence[str]) -> KeyColumns:
    """(stored key, key hash, pair hash) of each (source, target); see the module doc."""
    stored: list[str | None] = []
    key_hashes: list[int] = []
    pair_hashes: list[int] = []
    from_bytes = int.from_bytes
    search = _CODE_CHARS.search
    for source, target in zip(sources, targets, strict=True):
        if search(source) is None:
            key, plain = match_key_plain(source)
            stored.append(None if plain or key == source.casefold() else key)
        else:  # inline codes do not count in matching; the key is stored, never derived
            key = match_key_plain(_CODE_CHARS.sub("", source))[0]
            stored.append(key)
        digest = blake2b(key.encode(), digest_size=8).digest()
        key_hashes.append(from_bytes(digest, "little", signed=True))
        pair = blake2b(digest + target.encode(), digest_size=8).digest()
        pair_hashes.append(from_bytes(pair, "little", signed=True))
    return stored, key_hashes, pair_hashes


def _send(stream: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_HEADER, "little"))
    stream.write(data)
    stream.flush()


def _receive(stream: IO[bytes]) -> object | None:
    """The next pickle on `stream`, or None at a clean end of stream."""
    header = stream.read(_HEADER)
    if not header:
        return None
    if len(header) < _HEADER:
        raise EOFError("truncated header")
    size = int.from_bytes(header, "little")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("truncated message")
    obj: object = pickle.loads(data)
    return obj


class KeyWorker:
    """A helper process computing `unit_keys` for batches sent in order.

    `send` and `receive` may run in different threads (one feeds, one collects); replies come
    back in the order of the requests. Once the process fails, `send` returns False and
    `receive` returns None: the caller computes those keys itself.
    """

    def __init__(self) -> None:
        self._process = start_helper("tmbuilder.bigimport.key_worker")
        self.alive = True

    def send(self, sources: list[str], targets: list[str]) -> bool:
        """Queue a batch; False if the helper is gone (its keys must be computed here)."""
        stdin = self._process.stdin
        if not self.alive or stdin is None:
            return False
        try:
            _send(stdin, (sources, targets))
        except (OSError, ValueError):  # broken pipe, or closed by kill() in another thread
            self.alive = False
        return self.alive

    def receive(self) -> KeyColumns | None:
        """Keys of the oldest batch not yet received; None if the helper failed."""
        stdout = self._process.stdout
        if not self.alive or stdout is None:
            return None
        try:
            reply = _receive(stdout)
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            reply = None
        if not isinstance(reply, tuple) or len(reply) != 3:
            self.alive = False
            return None
        return cast(KeyColumns, reply)  # our own pickle

    def close(self) -> None:
        """Let the helper finish and exit (end of input); kill it if it hangs."""
        self.alive = False
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def kill(self) -> None:
        """Stop the helper now (an import is being abandoned)."""
        self.alive = False
        self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def main() -> None:
    """The helper's loop: one reply per request, until the parent closes our stdin."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        request = _receive(stdin)
        if request is None:
            return
        sources, targets = cast(tuple[list[str], list[str]], request)
        _send(stdout, unit_keys(sources, targets))


if __name__ == "__main__":
    main()
