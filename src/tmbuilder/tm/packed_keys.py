"""Many keys as one UTF-8 byte array and its offsets: a read-only sequence of str.

A stored index (tm/persist) memory-maps its keys instead of unpickling a million Python
strings (~150 MB and seconds); a lookup decodes only the few hundred keys it verifies.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import numpy as np
import numpy.typing as npt

from tmbuilder.tm.qgrams import Int64Array

UInt8Array = npt.NDArray[np.uint8]


def pack_keys(keys: Sequence[str]) -> tuple[UInt8Array, Int64Array]:
    """(UTF-8 bytes of all keys, offsets: key i is bytes[offsets[i]:offsets[i + 1]])."""
    # surrogatepass: match keys of badly decoded text may hold lone surrogates (qgrams does too)
    encoded = [key.encode("utf-8", "surrogatepass") for key in keys]
    sizes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    return data, offsets


class PackedKeys(Sequence[str]):
    """The keys pack_keys packed, decoded one by one on access."""

    def __init__(self, data: UInt8Array, offsets: Int64Array) -> None:
        if len(offsets) < 1 or int(offsets[-1]) != len(data):
            raise ValueError("key offsets do not cover the key bytes")
        self._data = data
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        start, end = int(self._offsets[i]), int(self._offsets[i + 1])
        return self._data[start:end].tobytes().decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        for i in range(len(self)):
            yield self[i]
