"""One reviewer process of tests/test_pg_reviewers.py: confirms random segments of a shared
PostgreSQL project, each on the version it read, and prints what happened as JSON.

    python tests/pg_reviewer.py URL NAME SEED COUNT [store|session]

`store` (the default) writes through the store alone. `session` works as the review UI does
(review/session.py, claims.py, live.py): it polls for the others' changes now and then, claims
the segment before editing it (a segment another reviewer holds is skipped, counted as taken),
confirms on the version its list holds, and settles each conflict by keeping its own version
or taking the other, alternately; the versions it set aside are in the history.
"""

from __future__ import annotations

import json
import random
import sys
import time

from tmbuilder.model import Status
from tmbuilder.review.claims import SegmentClaims, SegmentTaken
from tmbuilder.review.live import LiveFeed
from tmbuilder.review.session import ReviewSession
from tmbuilder.store.base import UnitChange, UnitConflict
from tmbuilder.store.postgres.store import PostgresStore


def main(url: str, name: str, seed: int, count: int) -> None:
    store = PostgresStore(url)
    rng = random.Random(seed)
    ids = [s.id for s in store.segments()]
    done: list[tuple[int, int, str]] = []  # (segment, version written, target)
    conflicts: list[tuple[int, int, int, str, str]] = []  # (segment, read, found, by, at)
    for n in range(count):
        seg = store.segment(rng.choice(ids))
        time.sleep(rng.random() * 0.004)  # reading and typing: others confirm meanwhile
        target = f"{name} #{n}"
        change = UnitChange(
            seg.id, target, Status.REVIEWED, "human", name, expected_version=seg.version
        )
        try:
            after = store.update_unit(change)
        except UnitConflict as exc:
            conflicts.append(
                (seg.id, seg.version, exc.current.version, exc.changed_by, exc.current.updated_at)
            )
            continue
        done.append((after.id, after.version, after.target))
    store.close()
    json.dump({"done": done, "conflicts": conflicts}, sys.stdout)


def through_session(url: str, name: str, seed: int, count: int) -> None:
    store = PostgresStore(url)
    rng = random.Random(seed)
    claims = SegmentClaims(store, user=name, host=f"host-{name}")
    session = ReviewSession(store, author=name, claims=claims)
    feed = LiveFeed(session, claims, server=True)
    ids = [s.id for s in session.rows]
    done: list[tuple[int, int, str]] = []
    conflicts: list[tuple[int, int, int, str, str, str]] = []  # ... and what was chosen
    taken = 0
    for n in range(count):
        if rng.random() < 0.3:  # the UI polls every 2 s: the list is a little behind
            feed.poll(typing=False)
        session.go_to_segment(rng.choice(ids))
        if session.claim_current() is not None:
            taken += 1
            continue
        time.sleep(rng.random() * 0.004)
        target = f"{name} #{n}"
        read = session.current
        assert read is not None
        try:
            after = session.commit(target, Status.REVIEWED)
        except SegmentTaken:
            taken += 1
            continue
        except UnitConflict as exc:
            choice = "mine" if len(conflicts) % 2 == 0 else "theirs"
            conflicts.append(
                (
                    read.id,
                    read.version,
                    exc.current.version,
                    exc.changed_by,
                    exc.current.updated_at,
                    choice,
                )
            )
            if choice == "theirs":
                session.take_theirs(exc)
                continue
            try:
                after = session.keep_mine(exc)
            except UnitConflict:
                continue  # changed yet again: not written, nothing lost
        done.append((after.id, after.version, after.target))
    claims.release()
    store.close()
    json.dump({"done": done, "conflicts": conflicts, "taken": taken}, sys.stdout)


if __name__ == "__main__":
    mode = sys.argv[5] if len(sys.argv) > 5 else "store"
    run = through_session if mode == "session" else main
    run(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
