"""The store's fast Segment construction builds exactly what the dataclass would."""

from __future__ import annotations

import dataclasses

from tmbuilder.model import Segment, Status
from tmbuilder.store.sqlite import _row_to_segment


def test_fast_rows_equal_dataclass_construction() -> None:
    row = (7, 2, 3, 1, "Câu.", "cau", "Sentence.", "reviewed", "human", "a", "b", 1)
    fast = _row_to_segment(row)
    slow = Segment(7, 2, 3, 1, "Câu.", "cau", "Sentence.", Status.REVIEWED, "human", "a", "b", True)
    assert fast == slow and repr(fast) == repr(slow)
    # every field of Segment is set: a field added to the dataclass must be added to the store
    assert set(vars(fast)) == {f.name for f in dataclasses.fields(Segment)}
    assert dataclasses.replace(fast, target="x").target == "x"
