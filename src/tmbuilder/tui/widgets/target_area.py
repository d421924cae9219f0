"""The target editor: a TextArea that shows inline codes as visible, atomic tokens.

An inline code is one private-use character (tmbuilder.inline), so an edit deletes it whole
or not at all; but a terminal draws such a character as a blank or a box. This editor marks
each code with a highlight (reverse accent colour) through TextArea's own highlight map, so
the reviewer sees where every code sits and moves over it as one character.
"""

from __future__ import annotations

import dataclasses

from rich.style import Style
from textual.widgets import TextArea

from tmbuilder.inline import FIRST, LAST, has_codes

CODE_HIGHLIGHT = "tmbuilder.inline_code"
CODE_STYLE = Style(color="black", bgcolor="cyan", bold=True)


class TargetArea(TextArea):
    """TextArea plus inline-code highlights (byte offsets, as TextArea keeps them)."""

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        # the theme object's styles dict is shared with the built-in theme: copy, then add
        styles = dict(self._theme.syntax_styles)
        styles[CODE_HIGHLIGHT] = CODE_STYLE
        self._theme = dataclasses.replace(self._theme, syntax_styles=styles)

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        text = self.text
        if not has_codes(text):
            return
        for row, line in enumerate(text.split("\n")):
            if not has_codes(line):
                continue
            at = 0
            for ch in line:
                size = len(ch.encode("utf-8"))
                if FIRST <= ord(ch) <= LAST:
                    self._highlights[row].append((at, at + size, CODE_HIGHLIGHT))
                at += size
