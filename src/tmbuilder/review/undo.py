"""Undo and redo of confirmed unit changes.

The store keeps every change in its history; this stack only remembers which changes this
session made, so that undoing one writes the earlier target and status back as a new change
(action "undo") instead of rewriting history.
"""

from __future__ import annotations

from dataclasses import dataclass

from tmbuilder.model import Segment, Status


@dataclass(frozen=True)
class UnitState:
    """The part of a segment a unit change sets."""

    target: str
    status: Status
    origin: str

    @classmethod
    def of(cls, seg: Segment) -> UnitState:
        return cls(seg.target, seg.status, seg.origin)


@dataclass(frozen=True)
class UnitEdit:
    segment_id: int
    before: UnitState
    after: UnitState


@dataclass(frozen=True)
class UndoEntry:
    """One reviewer action: a single confirm, or a whole replace-all."""

    label: str
    edits: tuple[UnitEdit, ...]


class UndoStack:
    """Bounded undo/redo stacks; a new action clears the redo side, as editors do."""

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._undo: list[UndoEntry] = []
        self._redo: list[UndoEntry] = []

    def push(self, entry: UndoEntry) -> None:
        if not entry.edits:
            return
        self._undo.append(entry)
        del self._undo[: -self.limit]
        self._redo.clear()

    def pop_undo(self) -> UndoEntry | None:
        if not self._undo:
            return None
        entry = self._undo.pop()
        self._redo.append(entry)
        return entry

    def pop_redo(self) -> UndoEntry | None:
        if not self._redo:
            return None
        entry = self._redo.pop()
        self._undo.append(entry)
        return entry

    def peek_undo(self) -> UndoEntry | None:
        """What `pop_undo` would return, left on the stack (to check it may be written)."""
        return self._undo[-1] if self._undo else None

    def peek_redo(self) -> UndoEntry | None:
        return self._redo[-1] if self._redo else None

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
