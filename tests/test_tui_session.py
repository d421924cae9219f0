"""Review-session logic without a UI: navigation, filters, edits, undo, replace, split/merge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmbuilder.errors import StoreError
from tmbuilder.model import Segment, Status, Term, TermStatus
from tmbuilder.project import Project
from tmbuilder.review.filters import PatternError, SegmentFilter
from tmbuilder.review.replace import plan_replace
from tmbuilder.review.session import (
    ReadOnlyError,
    ReviewError,
    ReviewSession,
    word_counts,
)
from tmbuilder.review.undo import UndoStack
from tmbuilder.store.sqlite import count_words
from tui_fixtures import make_project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = make_project(tmp_path / "proj")
    yield p
    p.close()


@pytest.fixture
def session(project: Project) -> ReviewSession:
    return ReviewSession(project.store, author="tester")


def _last_action(project: Project, segment_id: int) -> str:
    return project.store.history(segment_id)[-1].action


# -- navigation -------------------------------------------------------------------------------
def test_rows_are_the_store_order_and_numbers_are_one_based(session: ReviewSession) -> None:
    assert [s.id for s in session.rows] == [s.id for s in session.store.segments()]
    assert session.pos == 0 and session.number(session.current_row or 0) == 1


def test_next_unreviewed_skips_reviewed_and_wraps(session: ReviewSession) -> None:
    statuses = [s.status for s in session.rows]
    assert statuses[0] == Status.REVIEWED
    session.move_to(7)
    nxt = session.next_unreviewed()
    assert nxt is not None and session.rows[session.view[nxt]].status != Status.REVIEWED
    assert nxt == 1  # wrapped past the reviewed first segment


def test_go_to_number_clears_a_filter_that_hides_it(session: ReviewSession) -> None:
    session.apply_filter(SegmentFilter(statuses=frozenset({Status.DRAFT})))
    assert session.go_to_number(1) is True
    assert not session.filter.active and session.current_row == 0
    with pytest.raises(ReviewError, match="no segment 99"):
        session.go_to_number(99)


# -- filters ----------------------------------------------------------------------------------
def test_filter_by_status_text_and_regex(session: ReviewSession) -> None:
    assert session.apply_filter(SegmentFilter(statuses=frozenset({Status.NEW}))) == 3
    assert session.apply_filter(SegmentFilter(text="lào")) == 2  # case-insensitive, source
    assert session.apply_filter(SegmentFilter(text="vientiane", scope="target")) == 1
    assert session.apply_filter(SegmentFilter(text=r"\d+,\d", regex=True)) == 1
    assert session.apply_filter(SegmentFilter(text="Lào", case_sensitive=True, scope="source")) == 2


def test_filter_text_typed_decomposed_still_matches_nfc_store(session: ReviewSession) -> None:
    decomposed = "Vie\u0302\u0323t Nam"  # "Việt" with combining marks
    assert session.apply_filter(SegmentFilter(text=decomposed)) == 1


def test_bad_regex_is_a_one_line_error_and_leaves_the_view(session: ReviewSession) -> None:
    before = list(session.view)
    with pytest.raises(PatternError, match=r"not a valid regular expression") as info:
        session.apply_filter(SegmentFilter(text="(unclosed", regex=True))
    assert "\n" not in str(info.value)
    assert session.view == before


def test_qa_filter_shows_flagged_segments(session: ReviewSession) -> None:
    flagged = {session.rows[2].id, session.rows[5].id}
    session.set_qa_flagged(flagged)
    session.apply_filter(SegmentFilter(qa_only=True))
    assert {session.rows[i].id for i in session.view} == flagged


def test_find_next_moves_through_matches_without_filtering(session: ReviewSession) -> None:
    search = SegmentFilter(text="hữu nghị")
    first = session.find_next(search)
    assert first == 1
    session.move_to(first)
    assert session.find_next(search) == 6
    assert len(session.view) == len(session.rows)


# -- edits ------------------------------------------------------------------------------------
def test_confirm_commits_before_moving_and_keeps_an_unchanged_origin(
    session: ReviewSession, project: Project
) -> None:
    session.move_to(1)
    seg = session.current
    assert seg is not None and seg.origin == "mt:google"
    nxt = session.confirm(seg.target)
    stored = project.store.segment(seg.id)
    assert stored.status == Status.REVIEWED and stored.origin == "mt:google"
    assert _last_action(project, seg.id) == "status"
    assert nxt == 2 and session.pos == 2
    assert session.progress().reviewed == 2


def test_confirm_of_edited_text_is_human_and_an_edit(
    session: ReviewSession, project: Project
) -> None:
    session.move_to(3)
    seg = session.current
    assert seg is not None
    session.confirm("Two-way trade reached USD 2.3 billion in 2024.")
    stored = project.store.segment(seg.id)
    assert (stored.status, stored.origin) == (Status.REVIEWED, "human")
    assert _last_action(project, seg.id) == "edit"


def test_confirm_of_an_empty_target_is_refused(session: ReviewSession) -> None:
    session.move_to(4)
    with pytest.raises(ReviewError, match="segment 5: the target is empty"):
        session.confirm("   ")


def test_inserted_suggestion_keeps_its_origin_when_confirmed_verbatim(
    session: ReviewSession, project: Project
) -> None:
    session.move_to(1)
    seg = session.current
    assert seg is not None
    match = project.store.suggestions(seg.id)[0]
    from tmbuilder.review.session import suggestion_origin

    session.note_inserted(match.target, suggestion_origin(match))
    session.confirm(match.target)
    assert project.store.segment(seg.id).origin == "tm:87"


def test_leave_saves_typing_as_translated(session: ReviewSession, project: Project) -> None:
    session.move_to(4)
    seg = session.current
    assert seg is not None
    session.leave("The two countries will coordinate closely.")
    stored = project.store.segment(seg.id)
    assert stored.status == Status.TRANSLATED and stored.origin == "human"
    assert session.leave(stored.target) is None  # unchanged: no write


def test_undo_and_redo_write_new_history_entries(session: ReviewSession, project: Project) -> None:
    session.move_to(1)
    seg = session.current
    assert seg is not None
    session.confirm("Edited.")
    entry = session.undo_last()
    assert entry is not None
    stored = project.store.segment(seg.id)
    assert (stored.target, stored.status, stored.origin) == (seg.target, seg.status, seg.origin)
    assert _last_action(project, seg.id) == "undo"
    assert session.current is not None and session.current.id == seg.id
    session.redo_last()
    assert project.store.segment(seg.id).target == "Edited."
    assert _last_action(project, seg.id) == "redo"
    assert session.undo_last() is not None and session.undo_last() is None


def test_undo_never_replaces_a_newer_edit_by_someone_else(
    session: ReviewSession, project: Project
) -> None:
    from tmbuilder.review.view import ReviewError
    from tmbuilder.store.base import UnitChange

    session.move_to(1)
    seg = session.current
    assert seg is not None
    session.confirm("Mine.")
    # another reviewer (a claim that lapsed, a tool) confirms the same unit afterwards
    project.store.update_unit(
        UnitChange(seg.id, "Alice's newer one.", Status.REVIEWED, "human", "alice", "edit")
    )
    with pytest.raises(ReviewError, match="changed by alice"):
        session.undo_last()
    assert project.store.segment(seg.id).target == "Alice's newer one."
    assert session.undo.can_undo  # kept: nothing was undone


def test_read_only_session_refuses_every_write(session: ReviewSession, project: Project) -> None:
    session.set_read_only("read-only: alice holds the lock")
    before = project.store.segments()
    for attempt in (
        lambda: session.confirm("x"),
        lambda: session.leave("changed"),
        lambda: session.split(3),
        session.merge_next,
        session.undo_last,
    ):
        with pytest.raises(ReadOnlyError, match="alice holds the lock"):
            attempt()
    assert project.store.segments() == before


# -- replace ----------------------------------------------------------------------------------
def test_replace_preview_then_apply_is_one_undoable_step(
    session: ReviewSession, project: Project
) -> None:
    plan = session.replace_preview("the two sides", "both sides")
    assert [r.row for r in plan] == [1]
    assert plan[0].new == "both sides agreed to strengthen the great friendship."
    assert session.apply_replace(plan) == 1
    seg = project.store.segment(plan[0].segment_id)
    assert seg.target == plan[0].new and seg.status == Status.DRAFT and seg.origin == "human"
    session.undo_last()
    assert project.store.segment(plan[0].segment_id).target == plan[0].old


def test_replace_regex_groups_and_stale_preview(session: ReviewSession, project: Project) -> None:
    plan = session.replace_preview(r"(\d+)\.(\d)", r"\1,\2", regex=True)
    assert [p.new for p in plan] == ["Bilateral trade reached 2,3 billion USD in 2024."]
    session.move_to(plan[0].row)
    session.leave("Changed meanwhile.")
    assert session.apply_replace(plan) == 0  # the target changed since the preview


def test_replace_with_a_bad_group_reference_is_a_pattern_error(session: ReviewSession) -> None:
    with pytest.raises(PatternError):
        session.replace_preview("Viet", r"\9", regex=True)


@settings(max_examples=60, deadline=None)
@given(
    targets=st.lists(st.text(alphabet="abAB .,", max_size=12), min_size=1, max_size=6),
    find=st.text(alphabet="abAB .,", min_size=1, max_size=3),
    repl=st.text(alphabet="xyz\\", max_size=3),
)
def test_literal_replace_equals_str_replace(targets: list[str], find: str, repl: str) -> None:
    rows = [Segment(i + 1, 1, 0, i, "s", "s", target=t) for i, t in enumerate(targets)]
    plan = {r.row: r for r in plan_replace(rows, range(len(rows)), find, repl, case_sensitive=True)}
    for i, target in enumerate(targets):
        expected = target.replace(find, repl)
        got = plan[i].new if i in plan else target
        assert got == expected
        assert (i in plan) == (bool(target) and expected != target)


# -- filters and navigation as properties ------------------------------------------------------
_statuses = st.sampled_from(list(Status))


@settings(max_examples=60, deadline=None)
@given(
    statuses=st.lists(_statuses, min_size=0, max_size=30),
    wanted=st.frozensets(_statuses),
    start=st.integers(min_value=0, max_value=40),
)
def test_view_and_next_unreviewed_invariants(
    statuses: list[Status], wanted: frozenset[Status], start: int
) -> None:
    rows = [
        Segment(i + 1, 1, i, 0, f"câu {i}", f"câu {i}", target="t", status=s)
        for i, s in enumerate(statuses)
    ]
    session = ReviewSession(_NoStore(), author="t", segments=rows)  # type: ignore[arg-type]
    session.apply_filter(SegmentFilter(statuses=wanted))
    expected = [i for i, s in enumerate(statuses) if not wanted or s in wanted]
    assert session.view == expected
    assert session.pos == (0 if expected else -1)
    session.move_to(start)
    nxt = session.next_unreviewed()
    pending = [i for i in expected if statuses[i] != Status.REVIEWED]
    if not pending:
        assert nxt is None
    else:
        assert nxt is not None and session.view[nxt] in pending
        # nothing unreviewed lies strictly between the cursor and the answer (wrapping)
        n = len(session.view)
        between = [(session.pos + k) % n for k in range(1, (nxt - session.pos) % n or n)]
        assert all(statuses[session.view[p]] == Status.REVIEWED for p in between)


class _NoStore:
    """Navigation and filtering must never touch the store."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"store.{name} used during navigation")


# -- split, merge, progress --------------------------------------------------------------------
def test_split_and_merge_go_through_the_store_and_keep_history(
    session: ReviewSession, project: Project
) -> None:
    session.move_to(1)
    seg = session.current
    assert seg is not None
    offset = seg.source.index("tăng")
    left, right = session.split(offset)
    assert [s.id for s in session.rows[1:3]] == [left.id, right.id]
    assert session.current is not None and session.current.id == left.id
    assert len(session.rows) == 9 == len(project.store.segments())
    assert _last_action(project, left.id) == "split"
    merged = session.merge_next()
    assert merged.source == seg.source
    assert len(session.rows) == 8 == len(project.store.segments())
    assert "merge" in [e.action for e in project.store.history(seg.id)]


def test_merge_across_paragraphs_is_refused_with_the_store_reason(
    session: ReviewSession,
) -> None:
    session.move_to(1)  # last segment of paragraph 0
    with pytest.raises(StoreError, match="not neighbours"):
        session.merge_next()


def test_progress_counts_words_like_the_store(session: ReviewSession, project: Project) -> None:
    assert session.progress().words is None
    pending = session.word_counts_pending()
    assert pending is not None
    version, rows = pending
    assert session.set_word_counts(version, word_counts(rows))
    stats = project.store.stats()
    progress = session.progress()
    assert (progress.words, progress.reviewed_words) == (stats.words, stats.reviewed_words)
    session.move_to(1)
    seg = session.current
    assert seg is not None
    session.confirm(seg.target)
    assert session.progress().reviewed_words == stats.reviewed_words + count_words(seg.source)
    assert not session.set_word_counts(version - 1, word_counts(rows))  # stale counts refused


def test_undo_stack_is_bounded_and_new_actions_clear_redo() -> None:
    from tmbuilder.review.undo import UndoEntry, UnitEdit, UnitState

    stack = UndoStack(limit=3)
    state = UnitState("a", Status.DRAFT, "")
    for n in range(5):
        stack.push(UndoEntry(str(n), (UnitEdit(n, state, state),)))
    assert [stack.pop_undo().label for _ in range(3)] == ["4", "3", "2"]  # type: ignore[union-attr]
    assert stack.pop_undo() is None and stack.can_redo
    stack.push(UndoEntry("new", (UnitEdit(9, state, state),)))
    assert not stack.can_redo


# -- glossary hits: the prefilter must not change what find_term_hits finds -----------------------
_SYLLABLES = ["Tổng", "bí", "thư", "hữu", "nghị", "Lào", "Việt", "Nam", "hợp", "tác", "vĩ", "đại"]
_phrase = st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(
    forms=st.lists(st.lists(_phrase, min_size=1, max_size=2), min_size=1, max_size=8),
    words=st.lists(st.sampled_from([*_SYLLABLES, "và", ",", "."]), max_size=14),
)
def test_prefiltered_term_hits_equal_the_full_search(
    forms: list[list[str]], words: list[str]
) -> None:
    from tmbuilder.glossary.check import find_term_hits
    from tmbuilder.review.assist import Assist

    terms = [Term(f[0], f"en{i}", variants=tuple(f[1:]), id=i + 1) for i, f in enumerate(forms)]
    source = " ".join(words)
    assist = Assist(terms)
    expected = find_term_hits(source, terms)
    got = [(h.start, h.end, h.term) for h in assist.term_hits(source)]
    assert got == expected


_EN = ["General Secretary", "friendship", "Laos", "cooperation", "ASEAN", "great"]


@settings(max_examples=80, deadline=None)
@given(
    glossary=st.lists(
        st.tuples(
            st.one_of(_phrase, st.sampled_from(["ASEAN", "WTO"])),
            st.sampled_from(_EN),
            st.sampled_from(list(TermStatus)),
        ),
        min_size=1,
        max_size=8,
    ),
    words=st.lists(st.sampled_from([*_SYLLABLES, "ASEAN", "WTO", "và", ","]), max_size=12),
    english=st.lists(st.sampled_from([*_EN, "the", "of", "WTO"]), max_size=8),
)
def test_qa_with_the_relevant_terms_equals_qa_with_all(
    glossary: list[tuple[str, str, TermStatus]], words: list[str], english: list[str]
) -> None:
    from tmbuilder.qa.checks import QaUnit, check_unit
    from tmbuilder.review.assist import Assist

    terms = [Term(s, t, status, id=i + 1) for i, (s, t, status) in enumerate(glossary)]
    unit = QaUnit(1, " ".join(words) or "x", " ".join(english) or "y", "translated")
    assist = Assist(terms)
    assert check_unit(unit, terms=assist.qa_terms(unit.source)) == check_unit(unit, terms=terms)


# -- claims and autosave ---------------------------------------------------------------------------
def test_claim_liveness_same_host_by_pid_and_heartbeat_other_host_by_heartbeat(
    project: Project,
) -> None:
    from tmbuilder.review.claims import CLAIM_LAPSES_AFTER, SegmentClaims
    from tmbuilder.store.review_tables import ClaimRow

    now = [1000.0]
    me = SegmentClaims(
        project.store, host="here", pid=1, clock=lambda: now[0], alive={2}.__contains__
    )
    fresh_here_dead = ClaimRow(1, "t", "bob", "here", 3, "", now[0])
    fresh_here_alive = ClaimRow(1, "t", "bob", "here", 2, "", now[0])
    old_here_alive = ClaimRow(1, "t", "bob", "here", 2, "", now[0] - 10 * CLAIM_LAPSES_AFTER)
    fresh_there = ClaimRow(1, "t", "eve", "there", 9, "", now[0] - CLAIM_LAPSES_AFTER / 2)
    stale_there = ClaimRow(1, "t", "eve", "there", 9, "", now[0] - CLAIM_LAPSES_AFTER - 1)
    assert not me.is_live(fresh_here_dead)  # killed on this host: known dead at once
    assert me.is_live(fresh_here_alive)
    assert not me.is_live(old_here_alive)  # hung: its claim lapses like anyone's
    assert me.is_live(fresh_there) and not me.is_live(stale_there)


def test_claims_one_segment_one_writer_two_reviewers_one_document(project: Project) -> None:
    from tmbuilder.review.claims import SegmentClaims, SegmentTaken

    first, second = (s.id for s in project.store.segments()[:2])
    alice = SegmentClaims(project.store, user="alice", host="a")
    bob = SegmentClaims(project.store, user="bob", host="b")
    assert alice.claim(first) is None and alice.held == first
    holder = bob.claim(first)
    assert holder is not None and holder.author == "alice" and bob.held is None
    with pytest.raises(SegmentTaken, match="being edited by alice@a"):
        bob.check(first)
    assert bob.claim(second) is None  # the next segment of the same document is free
    alice.check(first)
    assert set(alice.others()) == {second} and set(bob.others()) == {first}
    assert alice.claim(second) is not None and alice.held is None  # bob's now
    assert project.store.claims.get(first) is None  # alice gave hers back on moving
    assert bob.refresh() and alice.refresh()
    bob.release()
    assert project.store.claims.all() == [] and alice.claim(second) is None


def test_a_claim_written_between_read_and_write_is_never_overwritten(project: Project) -> None:
    """The conditional write: a session that read "free" loses to one that claimed since."""
    from tmbuilder.review.claims import SegmentClaims
    from tmbuilder.store.review_tables import ClaimRow

    first = project.store.segments()[0].id
    alice = SegmentClaims(project.store, user="alice", host="a")
    real_get = project.store.claims.get
    calls = [0]

    def get_then_race(segment_id: int) -> ClaimRow | None:
        calls[0] += 1
        seen = real_get(segment_id)
        if calls[0] == 1:  # bob claims right after alice's read
            project.store.claims.put(ClaimRow(segment_id, "bob", "bob", "b", 1, "", alice.now()))
        return seen

    project.store.claims.get = get_then_race  # type: ignore[method-assign]
    try:
        holder = alice.claim(first)
    finally:
        del project.store.claims.get
    assert holder is not None and holder.author == "bob" and alice.held is None
    assert real_get(first) == holder


def test_session_refuses_a_segment_another_reviewer_claims(project: Project) -> None:
    from tmbuilder.review.claims import SegmentClaims, SegmentTaken

    rows = project.store.segments()
    alice = SegmentClaims(project.store, user="alice", host="a")
    alice.claim(rows[1].id)
    me = SegmentClaims(project.store, user="me", host="m")
    session = ReviewSession(project.store, author="me", claims=me)
    session.go_to_segment(rows[1].id)
    assert session.claim_current() is not None
    for attempt in (lambda: session.confirm("x"), lambda: session.leave("changed")):
        with pytest.raises(SegmentTaken):
            attempt()
    assert project.store.segment(rows[1].id) == rows[1]
    session.claimed = {rows[1].id: "alice"}  # as the live poll keeps it
    plan = session.replace_preview("the", "THE")
    assert rows[1].id in {r.segment_id for r in plan}
    session.apply_replace(plan)
    assert project.store.segment(rows[1].id) == rows[1]  # replace skips her segment


def test_autosaver_writes_only_changes_and_clears(project: Project) -> None:
    from tmbuilder.review.autosave import (
        AUTOSAVE_EVERY,
        AUTOSAVE_KEY,
        Autosaver,
        load_autosave,
        pending_restore,
    )

    assert AUTOSAVE_EVERY <= 2.0  # the bound on what a kill -9 may lose
    seg = project.store.segments()[1]
    saver = Autosaver(project.store)
    saver.note(seg.id, "typing", seg.target)
    assert saver.flush() is True
    entry = load_autosave(project.store)
    assert entry is not None and (entry.segment_id, entry.text) == (seg.id, "typing")
    saver.note(seg.id, "typing", seg.target)
    assert saver.flush() is False  # unchanged: no write
    restored = pending_restore(project.store)
    assert restored is not None and restored[1].id == seg.id
    saver.note(seg.id, seg.target, seg.target)  # back to the stored text
    assert saver.flush() is True and project.store.get_meta(AUTOSAVE_KEY) is None
    project.store.set_meta(AUTOSAVE_KEY, "garbage")
    assert pending_restore(project.store) is None
    assert project.store.get_meta(AUTOSAVE_KEY) is None  # unreadable: dropped, not offered


def test_keymap_check_names_the_config_file_and_the_unknown_ids() -> None:
    from tmbuilder.errors import ConfigError
    from tmbuilder.tui.bindings import ALL_KEYS, checked_keymap, keys_table

    assert checked_keymap({"confirm": "f8, ctrl+s"}, "p/tmbuilder.toml") == {"confirm": "f8,ctrl+s"}
    with pytest.raises(ConfigError, match=r"^p/tmbuilder.toml: \[keys\] has unknown action"):
        checked_keymap({"confrim": "f8"}, "p/tmbuilder.toml")
    ids = [spec.id for spec in ALL_KEYS]
    assert len(ids) == len(set(ids))  # every binding id is unique: remaps hit one action
    assert all(spec.tooltip for spec in ALL_KEYS)
    (line,) = [x for x in keys_table({"confirm": "f8"}).splitlines() if x.startswith("confirm ")]
    assert "f8" in line


def test_merge_refuses_when_the_next_segment_is_someone_elses(project: Project) -> None:
    from tmbuilder.review.claims import SegmentClaims, SegmentTaken

    rows = project.store.segments()
    SegmentClaims(project.store, user="alice", host="a").claim(rows[1].id)
    session = ReviewSession(project.store, author="me", claims=SegmentClaims(project.store))
    session.go_to_segment(rows[0].id)
    with pytest.raises(SegmentTaken, match="alice"):
        session.merge_next()
    assert len(project.store.segments()) == len(rows)
    session.check_writable(())  # nothing of hers needed: a glossary edit, say
