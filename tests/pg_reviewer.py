"""One reviewer process of tests/test_pg_reviewers.py: confirms random segments of a shared
PostgreSQL project, each on the version it read, and prints what happened as JSON.

    python tests/pg_reviewer.py URL NAME SEED COUNT
"""

from __future__ import annotations

import json
import random
import sys
import time

from tmbuilder.model import Status
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


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
