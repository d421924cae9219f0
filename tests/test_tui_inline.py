"""Inline codes in the review UI: drawn as short tags, one character each in the text."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tmbuilder.inline import CodeKind, code_char, is_code
from tmbuilder.model import SourceDocument
from tmbuilder.project import Project
from tmbuilder.store.base import NewSegment
from tmbuilder.text.normalize import match_key
from tmbuilder.tui.app import ReviewApp
from tmbuilder.tui.widgets.source_view import SourceView, display_text
from tmbuilder.tui.widgets.target_area import CODE_STYLE, TargetArea

OPEN, CLOSE, PH = (
    code_char(CodeKind.OPEN, 1),
    code_char(CodeKind.CLOSE, 1),
    code_char(CodeKind.STANDALONE, 2),
)
SOURCE = f"Nhấn {OPEN}Lưu{CLOSE} để lưu {PH} tệp."


def test_display_maps_offsets_past_each_tag() -> None:
    shown, starts = display_text(SOURCE)
    assert shown == "Nhấn <g1>Lưu</g1> để lưu <x2/> tệp."
    assert shown[starts[SOURCE.index("Lưu")] :].startswith("Lưu")
    assert starts[len(SOURCE)] == len(shown)
    assert display_text("plain") == ("plain", [0, 1, 2, 3, 4, 5])


def test_source_pane_and_list_show_tags_and_split_counts_characters(tmp_path: Path) -> None:
    project = Project(tmp_path / "p")
    doc = SourceDocument("ui.txt", "txt", "utf-8", "h", (SOURCE,))
    project.store.sync_document(doc, [NewSegment(0, 0, SOURCE, match_key(SOURCE))], "r")

    async def main() -> None:
        app = ReviewApp(project, author="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.review_screen
            assert screen is not None
            view = screen.query_one(SourceView)
            assert "<g1>Lưu</g1>" in view.render().plain
            line = "".join(s.text for s in screen.segment_list.render_line(0))
            assert "<g1>Lưu</g1>" in line
            # the split cursor counts the code as the one character it is
            # copied into the target, each code is one highlighted, atomic character
            await pilot.press("alt+c")
            target = screen.target
            assert isinstance(target, TargetArea)
            assert target.text == SOURCE
            strip = target.render_line(0)
            styled = [seg for seg in strip if seg.text and any(is_code(c) for c in seg.text)]
            plain = [seg for seg in strip if "Nh" in seg.text]
            assert styled and plain
            assert all(seg.style != plain[0].style for seg in styled)
            assert all(seg.style and seg.style.bgcolor == CODE_STYLE.bgcolor for seg in styled)
            target.move_cursor((0, SOURCE.index(PH) + 1))
            await pilot.press("backspace")
            assert target.text == SOURCE.replace(PH, "")  # gone whole, nothing else
            view.focus()
            await pilot.press("home", "ctrl+right")
            assert view.cursor == SOURCE.index("Lưu")  # the tag is one character, skipped
            await pilot.press("ctrl+right")
            assert view.cursor == SOURCE.index("để")
            app.shutdown()

    try:
        asyncio.run(main())
    finally:
        project.close()
