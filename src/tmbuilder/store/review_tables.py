"""What open review sessions share through the store: segment claims and the change feed.

Both backends use this one module, on store/sql.py's seam (the store's `Sql`). The rules
(when a claim is live, what a session does with a change) are in review/claims.py and
review/live.py.

- `ClaimTable`: the `claims` table, one row per segment an open session is editing.
- `ChangeFeed`: the history table read as a feed of unit changes after a mark (its id), so a
  session polls one cheap indexed query for what other reviewers did; and `note`, a history
  entry that changes nothing (a version the reviewer chose not to keep, so it is never lost).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tmbuilder.model import utc_now

if TYPE_CHECKING:
    from tmbuilder.store.sql import Rows, Sql


@dataclass(frozen=True)
class ClaimRow:
    segment_id: int
    token: str  # the session's
    author: str
    host: str
    pid: int
    since: str  # ISO 8601 UTC
    heartbeat: float  # epoch seconds


@dataclass(frozen=True)
class FeedEntry:
    mark: int  # the history row's id
    segment_id: int
    action: str  # "edit", "status", "split", "merge", "archive", ...


class _Table:
    def __init__(self, sql: Sql, transaction: Callable[[], AbstractContextManager[None]]) -> None:
        self._sql = sql
        self.transaction = transaction

    def _run(self, sql: str, params: Sequence[object] = ()) -> Rows:
        return self._sql.execute(sql, params)


_CLAIM_COLUMNS = "segment_id, token, author, host, pid, since, heartbeat"


def _claim(row: Sequence[Any]) -> ClaimRow:
    return ClaimRow(
        int(row[0]), str(row[1]), str(row[2]), str(row[3]), int(row[4]), str(row[5]), float(row[6])
    )


class ClaimTable(_Table):
    """Rows of `claims`; callers wrap read-then-write steps in `transaction()`."""

    def get(self, segment_id: int) -> ClaimRow | None:
        row = self._run(
            f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE segment_id = ?", (segment_id,)
        ).fetchone()
        return None if row is None else _claim(row)

    def all(self) -> list[ClaimRow]:
        return [_claim(r) for r in self._run(f"SELECT {_CLAIM_COLUMNS} FROM claims").fetchall()]

    def put(self, claim: ClaimRow, *, replacing: str = "") -> bool:
        """Write `claim` unless its segment is held by a session other than `claim`'s own and
        `replacing` (the token of a lapsed claim the caller read); whether it was written.
        PostgreSQL checks the condition on the newest row version, under its row lock, so of
        two sessions claiming one segment at once exactly one wins."""
        written = self._run(
            f"INSERT INTO claims({_CLAIM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(segment_id) DO UPDATE SET token = excluded.token, "
            "author = excluded.author, host = excluded.host, pid = excluded.pid, "
            "since = excluded.since, heartbeat = excluded.heartbeat "
            "WHERE claims.token = excluded.token OR claims.token = ?",
            (
                claim.segment_id,
                claim.token,
                claim.author,
                claim.host,
                claim.pid,
                claim.since,
                claim.heartbeat,
                replacing,
            ),
        ).rowcount
        return written > 0

    def beat(self, token: str, heartbeat: float) -> int:
        """Renew every claim of session `token`; how many it still holds."""
        with self.transaction():
            return self._run(
                "UPDATE claims SET heartbeat = ? WHERE token = ?", (heartbeat, token)
            ).rowcount

    def drop(self, token: str, *, keep: int | None = None) -> None:
        """Remove the claims of session `token` (all but segment `keep`, if given)."""
        if keep is None:
            self._run("DELETE FROM claims WHERE token = ?", (token,))
        else:
            self._run("DELETE FROM claims WHERE token = ? AND segment_id <> ?", (token, keep))


class ChangeFeed(_Table):
    """The history table as a feed of what changed after a mark."""

    def mark(self) -> int:
        """The newest history id: changes after it are news."""
        row = self._run("SELECT max(id) FROM history").fetchone()
        return int(row[0]) if row is not None and row[0] is not None else 0

    def since(self, mark: int, limit: int = 5000) -> list[FeedEntry]:
        """History entries with an id above `mark`, oldest first (at most `limit`)."""
        rows = self._run(
            "SELECT id, segment_id, action FROM history WHERE id > ? ORDER BY id LIMIT ?",
            (mark, limit),
        ).fetchall()
        return [FeedEntry(int(r[0]), int(r[1]), str(r[2])) for r in rows]

    def note(
        self, segment_id: int, author: str, action: str, old: str, new: str, detail: str
    ) -> None:
        """A history entry that changes nothing in the unit: a reviewer's text `old` set aside
        for the version `new` already stored, so the text they chose not to keep is on record."""
        with self.transaction():
            self._run(
                "INSERT INTO history(segment_id, at, author, action, old_target, new_target, "
                "detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (segment_id, utc_now(), author, action, old, new, detail),
            )
