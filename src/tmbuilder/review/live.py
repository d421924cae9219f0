"""Other reviewers' work, brought into an open review session by polling.

Every unit change writes a history row, so "what changed since I last looked" is one indexed
query on the history ids after a mark (store/review_tables.ChangeFeed), on SQLite and
PostgreSQL alike. Each poll refreshes the rows those changes touched, leaves the cursor where it
is, and never replaces the segment whose editor holds unsaved typing: that row keeps the version
the reviewer read, so confirming it meets the other version as a conflict (review/conflict.py)
instead of overwriting it.

On PostgreSQL ids are handed out when a row is inserted but become visible when its
transaction commits, so a smaller id can appear after a bigger one was read. Each poll
therefore looks LOOKBACK ids behind its mark and skips the entries it has already seen.
SQLite writers take turns, so there its ids appear in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tmbuilder.errors import StoreError
from tmbuilder.model import Segment
from tmbuilder.review.claims import SegmentClaims
from tmbuilder.review.session import ReviewSession
from tmbuilder.store.review_tables import ClaimRow

POLL_EVERY = 2.0  # seconds between polls: other reviewers' work shows within a few seconds
LOOKBACK = 500  # history ids a server poll looks behind its mark (see the module doc)
BATCH = 5000  # entries read per poll; more than that (a big draft) reloads every row
# history actions that change the list itself, not one unit: the rows are read again
STRUCTURAL = frozenset({"split", "merge", "archive", "restore", "add"})


@dataclass
class LiveUpdate:
    """What one poll found."""

    refreshed: list[int] = field(default_factory=list)  # segment ids whose rows were updated
    # the current segment changed under unsaved typing: the other version (row left as read)
    current_changed: Segment | None = None
    reload: bool = False  # the list itself changed: read every row again
    claims_changed: bool = False  # session.claimed differs from before


class LiveFeed:
    """Polls the store for other reviewers' changes and claims, for one session."""

    def __init__(self, session: ReviewSession, claims: SegmentClaims, *, server: bool) -> None:
        self.session = session
        self.claims = claims
        self.lookback = LOOKBACK if server else 0
        self.mark = session.store.changes.mark()
        self._seen: set[int] = set()  # ids in (mark - lookback, mark] already handled

    def poll(self, *, typing: bool) -> LiveUpdate:
        """Apply what changed since the last poll; `typing`: the editor holds unsaved text
        for the current segment (then its row is left as the reviewer read it)."""
        update = LiveUpdate()
        others = self.claims.others()
        claimed = {sid: c.author for sid, c in others.items()}
        if claimed != self.session.claimed:
            self.session.claimed = claimed
            update.claims_changed = True
        self.session.claims_detail = others
        entries = self.session.store.changes.since(self.mark - self.lookback, BATCH)
        fresh = [e for e in entries if e.mark not in self._seen]
        if not fresh:
            return update
        if len(entries) >= BATCH or any(e.action in STRUCTURAL for e in fresh):
            update.reload = True
        self.mark = max(self.mark, max(e.mark for e in entries))
        low = self.mark - self.lookback
        self._seen = {m for m in self._seen if m > low} | {e.mark for e in fresh if e.mark > low}
        if update.reload:
            return update
        current = self.session.current
        for segment_id in dict.fromkeys(e.segment_id for e in fresh):
            row = self.session.row_of(segment_id)
            if row is None:  # a segment this session does not list: a new document, say
                update.reload = True
                continue
            try:
                seg = self.session.store.segment(segment_id)
            except StoreError:  # gone since: the list changed
                update.reload = True
                continue
            if seg.archived:
                update.reload = True
                continue
            if seg == self.session.rows[row]:
                continue  # our own change, already in the row
            if typing and current is not None and current.id == segment_id:
                update.current_changed = seg
                continue
            self.session.replace_row(row, seg)
            update.refreshed.append(segment_id)
        return update


def claim_text(claim: ClaimRow) -> str:
    """How the list marks a segment another reviewer is editing."""
    return f"✎ {claim.author}"
