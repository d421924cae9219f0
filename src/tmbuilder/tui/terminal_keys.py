"""What legacy terminals send for alt+digit and alt+arrows, read the way the key map means it.

Terminals without the kitty keyboard protocol (xterm, VTE/GNOME Terminal, tmux with its default
config, Windows Terminal, macOS Terminal with "Use Option as Meta key") send alt+key as ESC
followed by the key. Textual 8 reads most of those as alt+key, but not all:

- ESC 1 … ESC 0 become the characters macOS prints for Option+digit ("¡™£¢∞§¶•ªº"), so
  alt+1 typed "¡" into the target instead of inserting match 1;
- ESC [1;3A…D (xterm's alt+arrows) become two keys, escape then the arrow;
- ESC b and ESC f become ctrl+left / ctrl+right (readline's word moves) — left alone here: the
  key map simply uses neither alt+b nor alt+f.

`install()` points the first two families at the key names the bindings use. It edits
Textual's own sequence table (there is no public hook for this), so the tmux tests
(tests/test_tmux_keys.py) press the real bytes and fail if a Textual upgrade changes the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

# What each byte sequence means in our key map.
LEGACY_SEQUENCES: dict[str, str] = {
    **{f"\x1b{d}": f"alt+{d}" for d in "1234567890"},
    "\x1b[1;3A": "alt+up",
    "\x1b[1;3B": "alt+down",
    "\x1b[1;3C": "alt+right",
    "\x1b[1;3D": "alt+left",
}


@dataclass(frozen=True)
class _KeyName:
    """Stands in for a `textual.keys.Keys` member: the parser reads only `.value`."""

    value: str


def install() -> None:
    """Make Textual's parser read LEGACY_SEQUENCES as named there (idempotent)."""
    from textual import _ansi_sequences

    table = cast("dict[str, object]", _ansi_sequences.ANSI_SEQUENCES_KEYS)
    for sequence, name in LEGACY_SEQUENCES.items():
        table[sequence] = (_KeyName(name),)
