"""Inline codes as single private-use characters: atomic, typed, round-tripped through JSON."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tmbuilder import inline
from tmbuilder.inline import CodeKind, InlineCode


def test_each_kind_has_its_own_character_and_parses_back() -> None:
    seen = set()
    for kind in CodeKind:
        for n in (1, 2, inline.MAX_N):
            ch = inline.code_char(kind, n)
            assert inline.parse_char(ch) == (kind, n)
            seen.add(ch)
    assert len(seen) == 4 * 3
    assert inline.parse_char("a") is None


def test_strip_render_and_missing() -> None:
    b = InlineCode(CodeKind.OPEN, 1, "bpt", "<b>")
    e = InlineCode(CodeKind.CLOSE, 1, "ept", "</b>")
    text = f"Xin {b.char}chào{e.char} bạn"
    assert inline.strip_codes(text) == "Xin chào bạn"
    assert inline.render(text, inline.by_key([b, e])) == "Xin <b>chào</b> bạn"
    assert inline.render(text) == "Xin <g1>chào</g1> bạn"
    missing, extra = inline.missing_codes(text, "Hello friend")
    assert missing == ["<g1>", "</g1>"] and extra == []


def test_penalty_is_zero_for_same_codes_and_small_otherwise() -> None:
    ph = inline.code_char(CodeKind.STANDALONE, 1)
    assert inline.code_penalty(f"a{ph}b", f"a{ph}b") == 0
    assert 0 < inline.code_penalty(f"a{ph}b", "ab") <= inline.CODE_PENALTY_MAX


def test_clean_text_replaces_private_use_characters() -> None:
    assert inline.clean_text("a\ue401b") == ("a\ufffdb", 1)


@given(
    st.lists(
        st.builds(
            InlineCode,
            kind=st.sampled_from(list(CodeKind)),
            n=st.integers(1, inline.MAX_N),
            element=st.text(max_size=5),
            content=st.text(max_size=20),
            native=st.text(max_size=30),
            fmt=st.sampled_from(["tmx", "xliff", "po"]),
            attrs=st.lists(st.tuples(st.text(max_size=4), st.text(max_size=4)), max_size=2).map(
                tuple
            ),
        ),
        max_size=5,
    )
)
def test_json_round_trip(codes: list[InlineCode]) -> None:
    assert inline.loads(inline.dumps(codes)) == tuple(codes)
