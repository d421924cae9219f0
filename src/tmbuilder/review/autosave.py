"""Autosave of the target being typed, so a killed terminal loses at most ~0.5 s of typing.

The text goes to the store's meta table ("autosave:<reviewer>"), not into the unit: it is not a
confirmed translation, and it must not show up in exports or history. It is restored into the
editor the next time the same reviewer opens the project: one key per reviewer, as several may
review one project at once and must neither overwrite nor be handed each other's typing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tmbuilder.errors import StoreError
from tmbuilder.model import Segment, utc_now
from tmbuilder.store.base import ProjectStore

AUTOSAVE_KEY = "autosave"
AUTOSAVE_EVERY = 0.5  # seconds between checks (a write only when the text changed); limit: 2


def autosave_key(author: str) -> str:
    """The meta key of one reviewer's autosave."""
    return f"{AUTOSAVE_KEY}:{author}"


@dataclass(frozen=True)
class AutosaveEntry:
    segment_id: int
    text: str
    at: str

    def to_json(self) -> str:
        return json.dumps(
            {"segment_id": self.segment_id, "text": self.text, "at": self.at}, ensure_ascii=False
        )


def load_autosave(store: ProjectStore, key: str = AUTOSAVE_KEY) -> AutosaveEntry | None:
    """The saved in-progress edit, or None (also when the stored value is unreadable)."""
    raw = store.get_meta(key)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return AutosaveEntry(int(data["segment_id"]), str(data["text"]), str(data.get("at", "")))
    except (ValueError, KeyError, TypeError):
        return None


def pending_restore(
    store: ProjectStore, key: str = AUTOSAVE_KEY
) -> tuple[AutosaveEntry, Segment] | None:
    """An autosaved edit worth restoring: its segment still exists and the text differs from
    what the store holds. Anything else is cleared, so it is not offered again."""
    entry = load_autosave(store, key)
    if entry is None:
        if store.get_meta(key) is not None:
            store.set_meta(key, None)
        return None
    try:
        seg = store.segment(entry.segment_id)
    except StoreError:
        seg = None
    if seg is None or seg.archived or seg.target == entry.text:
        store.set_meta(key, None)
        return None
    return entry, seg


class Autosaver:
    """Remembers the editor's latest text and writes it when `flush` runs (on a timer)."""

    def __init__(self, store: ProjectStore, key: str = AUTOSAVE_KEY) -> None:
        self.store = store
        self.key = key  # autosave_key(reviewer) in the review app
        self._pending: tuple[int, str, str] | None = None  # segment id, text, stored target
        self._written: tuple[int, str] | None = None
        self.enabled = True

    def note(self, segment_id: int, text: str, stored_target: str) -> None:
        """The editor now holds `text` for a segment whose stored target is `stored_target`."""
        self._pending = (segment_id, text, stored_target)

    def flush(self) -> bool:
        """Write the noted text if it changed since the last write; True if the store was
        touched. Text equal to the stored target needs no autosave, so any old one goes."""
        if not self.enabled or self._pending is None:
            return False
        segment_id, text, stored = self._pending
        self._pending = None
        if text == stored:
            return self.clear()
        if self._written == (segment_id, text):
            return False
        self.store.set_meta(self.key, AutosaveEntry(segment_id, text, utc_now()).to_json())
        self._written = (segment_id, text)
        return True

    def adopt(self, entry: AutosaveEntry) -> None:
        """Take over an autosave restored from an earlier session, so `clear` removes it."""
        self._written = (entry.segment_id, entry.text)

    def clear(self) -> bool:
        """Forget the autosave (the edit was committed or abandoned on purpose)."""
        self._pending = None
        if self._written is None:
            return False
        self._written = None
        if self.enabled:
            self.store.set_meta(self.key, None)
        return True
