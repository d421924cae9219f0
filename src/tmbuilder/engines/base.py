"""What every draft translator is to the rest of tmbuilder: a protocol, its metadata, its cache.

The runner only sees `Engine.translate(text) -> str`; providers (deep-translator adapters) and
tests' local servers sit behind it. Errors follow one contract so the runner can decide what to
do without knowing the provider:

- `TransientEngineError`: try again later (HTTP 429, 5xx, timeouts, refused connections);
- `EngineUnavailable`: stop calling this engine (key refused, quota used up);
- any other `EngineError`: this text failed (malformed response, text rejected).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from tmbuilder.errors import EngineError

TransientKind = Literal["rate", "server", "timeout", "connection"]


@dataclass(frozen=True)
class EngineInfo:
    """A provider as `tmbuilder engines` lists it.

    `vi_en` is True when tmbuilder can draft Vietnamese→English with it; when False, `note`
    says why not. `max_chars` is the longest text one request may carry (0 when unusable).
    """

    name: str
    needs_key: bool
    vi_en: bool
    max_chars: int
    note: str


class Engine(Protocol):
    """One translation provider, already configured (languages, key, URL, timeout)."""

    name: str
    max_chars: int

    def translate(self, text: str) -> str:
        """Translate `text` (at most `max_chars` characters) with one request.

        Raises TransientEngineError (retryable), EngineUnavailable or EngineError.
        """
        ...


class TranslationCache(Protocol):
    """Where finished drafts are kept between runs; the lead implements it on the store."""

    def get_many(self, engine: str, src: str, tgt: str, keys: Sequence[str]) -> dict[str, str]:
        """The cached translations of those `keys` that are cached, by key."""
        ...

    def put_many(self, engine: str, src: str, tgt: str, items: Mapping[str, str]) -> None:
        """Remember translations, by key; an existing key is overwritten."""
        ...


class TransientEngineError(EngineError):
    """A failure worth retrying after a pause; `kind` tells the runner which one."""

    def __init__(self, message: str, kind: TransientKind, retry_after: float | None = None):
        super().__init__(message)
        self.kind: TransientKind = kind
        self.retry_after = retry_after


_SPACE_RUN = re.compile(r"\s+")


def cache_key(text: str) -> str:
    """The cache key of a source text: NFC, whitespace runs collapsed to one space, stripped.

    Not case-folded: engines translate "Nam" (a name) and "nam" (south, male) differently.
    """
    return _SPACE_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip()


class MemoryCache:
    """A `TranslationCache` in a dict, for tests, benchmarks and one-off runs. Thread-safe."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str, str, str], str] = {}
        self._lock = threading.Lock()

    def get_many(self, engine: str, src: str, tgt: str, keys: Sequence[str]) -> dict[str, str]:
        """The cached translations of those `keys` that are cached, by key."""
        with self._lock:
            found = {}
            for key in keys:
                value = self._items.get((engine, src, tgt, key))
                if value is not None:
                    found[key] = value
            return found

    def put_many(self, engine: str, src: str, tgt: str, items: Mapping[str, str]) -> None:
        """Remember translations, by key."""
        with self._lock:
            for key, value in items.items():
                self._items[(engine, src, tgt, key)] = value

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
