"""Every key of the review UI in one table: id, default keys, action, label and tooltip.

The ids are what `[keys]` in tmbuilder.toml remaps (`confirm = "ctrl+s"`); the same table feeds
the footer (via Textual bindings), the `?` help screen and the command palette, so the three
can never disagree.

Every binding's first key is one that legacy terminal encodings send (xterm, VTE, tmux with
its default config, Windows Terminal, macOS Terminal): function keys, ctrl+letter, alt+letter
(ESC + letter), ctrl+arrows and plain keys. Keys that need the kitty keyboard protocol
(ctrl+enter, ctrl+digit) are only extra aliases. alt+digit and alt+arrows are read as such
because tui/terminal_keys.py fixes how Textual decodes ESC+digit and xterm's alt+arrows; alt+b
and alt+f are never used (Textual reads ESC b / ESC f as ctrl+left / ctrl+right), nor ctrl+b
(tmux's prefix), ctrl+p (the palette) or ctrl+c. tests/test_tmux_keys.py presses every key of
these tables as the bytes each terminal sends, inside a real tmux.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding

from tmbuilder.errors import ConfigError


@dataclass(frozen=True)
class KeySpec:
    id: str  # binding id: what [keys] remaps
    keys: str  # default keys, comma separated
    action: str  # Textual action on the screen that owns the binding
    label: str  # short, for the footer
    tooltip: str  # one sentence, for help, footer tooltips and the palette
    show: bool = True  # in the footer (all are in help and the palette)
    priority: bool = True  # wins over the focused editor's own keys
    group: str = ""  # footer group label for a family of keys (alt+1..9)
    title: str = ""  # palette entry when the footer label is too terse to search for


_INSERT = tuple(
    KeySpec(
        f"insert_{n}",
        f"alt+{n},ctrl+{n}",
        f"insert_match({n})",
        f"Match {n}",
        f"Put suggestion {n} (TM match or MT) into the target",
        show=n == 1,
        group="Insert match",
        title=f"Insert match {n}",
    )
    for n in range(1, 10)
)

REVIEW_KEYS: tuple[KeySpec, ...] = (
    KeySpec(
        "confirm",
        "ctrl+s,ctrl+enter",
        "confirm",
        "Confirm",
        "Save the target as reviewed (after its QA checks) and go to the next unreviewed segment",
        title="Confirm segment",
    ),
    KeySpec(
        "confirm_anyway",
        "ctrl+o",
        "confirm(True)",
        "Confirm anyway",
        "Confirm despite a QA error (the override is recorded in the history)",
        show=False,
        title="Confirm anyway (override the checks)",
    ),
    KeySpec(
        "next",
        "ctrl+down,alt+n,alt+down",
        "move(1)",
        "Next",
        "Go to the next segment",
        title="Next segment",
    ),
    KeySpec(
        "previous",
        "ctrl+up,alt+p,alt+up",
        "move(-1)",
        "Prev",
        "Go to the previous segment",
        title="Previous segment",
    ),
    *_INSERT,
    KeySpec(
        "copy_source",
        "alt+c,ctrl+insert",
        "copy_source",
        "Copy src",
        "Copy source to target",
        title="Copy source to target",
        show=False,
    ),
    KeySpec(
        "reject",
        "alt+r",
        "reject",
        "Reject",
        "Mark the target as wrong and move on",
        title="Reject segment",
        show=False,
    ),
    KeySpec(
        "undo",
        "alt+z",
        "undo_change",
        "Undo",
        "Undo the last saved change (ctrl+z: typing)",
        title="Undo change",
        show=False,
    ),
    KeySpec(
        "redo",
        "alt+y",
        "redo_change",
        "Redo",
        "Redo the last undone change",
        title="Redo change",
        show=False,
    ),
    KeySpec(
        "goto",
        "ctrl+g",
        "goto",
        "Go to",
        "Go to a segment by number",
        title="Go to segment",
        show=False,
    ),
    KeySpec(
        "filter",
        "ctrl+f",
        "filter",
        "Filter",
        "Search and filter: status, text, regex, QA",
        title="Search and filter",
        show=False,
    ),
    KeySpec(
        "find_next",
        "f3",
        "find_next",
        "Find next",
        "Go to the next match of the search",
        show=False,
    ),
    KeySpec(
        "clear_filter",
        "alt+a",
        "clear_filter",
        "All",
        "Clear the filter: show every segment",
        title="Show all segments",
        show=False,
    ),
    KeySpec(
        "replace",
        "ctrl+r",
        "replace",
        "Replace",
        "Search and replace in targets, previewed",
        title="Search and replace",
        show=False,
    ),
    KeySpec(
        "add_term",
        "ctrl+t",
        "add_term",
        "Add term",
        "Add the selected source text to the glossary with its English",
        title="Add glossary term",
        show=False,
    ),
    KeySpec(
        "split",
        "alt+s",
        "split",
        "Split",
        "Split the segment at the source cursor",
        title="Split segment",
    ),
    KeySpec(
        "merge",
        "alt+j",
        "merge",
        "Merge",
        "Merge the segment with the next one",
        title="Merge with next segment",
    ),
    KeySpec(
        "run_qa",
        "f9",
        "run_qa",
        "QA",
        "Run QA on the whole project, then list the segments with findings",
        title="Run QA",
        show=False,
    ),
    KeySpec(
        "concordance",
        "alt+l",
        "concordance",
        "Concordance",
        "Find a phrase in the project and the memory, source or target (selection first)",
        title="Concordance",
        show=False,
    ),
)

APP_KEYS: tuple[KeySpec, ...] = (
    KeySpec(
        "help",
        "f1,question_mark",
        "help",
        "Help",
        "List every key",
        priority=False,
        title="Help: every key",
    ),
    KeySpec(
        "glossary",
        "alt+g",
        "glossary",
        "Glossary",
        "Open the glossary: browse, edit, approve",
        title="Glossary",
        show=False,
    ),
    KeySpec(
        "conflicts",
        "alt+m",
        "conflicts",
        "Conflicts",
        "List the merge conflicts (store vs. incoming file): keep one or the other",
        title="Merge conflicts",
        show=False,
    ),
    KeySpec("quit", "ctrl+q", "quit", "Quit", "Save the edit in progress and quit", show=False),
)


def _glossary_key(id: str, keys: str, action: str, label: str, tooltip: str) -> KeySpec:
    # Plain letters are safe here: nothing on the glossary screen takes typing but the search
    # box, and these bindings are not priority, so the box gets its letters first.
    return KeySpec(id, keys, action, label, tooltip, priority=False)


GLOSSARY_KEYS: tuple[KeySpec, ...] = (
    _glossary_key("glossary_edit", "e", "edit_term", "Edit", "Edit the term and its English"),
    _glossary_key("glossary_new", "n", "new_term", "New", "Add a new term"),
    _glossary_key("glossary_approve", "a", "set_status('approved')", "Approve", "Approve the term"),
    _glossary_key(
        "glossary_forbid", "x", "set_status('forbidden')", "Forbid", "Forbid the term (QA flags it)"
    ),
    _glossary_key(
        "glossary_propose", "p", "set_status('proposed')", "Proposed", "Back to proposed"
    ),
    _glossary_key("glossary_delete", "delete", "delete_term", "Delete", "Delete the term"),
    _glossary_key("glossary_search", "slash", "search_terms", "Search", "Search the terms"),
    _glossary_key("glossary_back", "escape", "close", "Back", "Back to the segments"),
)

# The conflicts screen takes no typing at all: plain letters are safe, as on the glossary's.
CONFLICT_KEYS: tuple[KeySpec, ...] = (
    _glossary_key(
        "conflicts_keep", "o", "decide(False)", "Keep ours", "Keep the store's version (ours)"
    ),
    _glossary_key(
        "conflicts_take", "t", "decide(True)", "Take theirs", "Take the incoming file's version"
    ),
    _glossary_key("conflicts_back", "escape", "close", "Back", "Back to the segments"),
)

# The version-conflict screen (screens/conflict.py: another reviewer saved the unit first):
# plain letters, as nothing there takes typing.
VERSION_CONFLICT_KEYS: tuple[KeySpec, ...] = (
    KeySpec(
        "conflict_mine",
        "m",
        "choose('mine')",
        "Keep mine",
        "Save your version over the other reviewer's (theirs stays in the history)",
        priority=False,
    ),
    KeySpec(
        "conflict_theirs",
        "t",
        "choose('theirs')",
        "Take theirs",
        "Take the other reviewer's version (yours is written into the history)",
        priority=False,
    ),
    KeySpec(
        "conflict_back",
        "escape",
        "choose('')",
        "Back",
        "Back to editing, your text still in the editor; nothing saved",
        priority=False,
    ),
)

ALL_KEYS: tuple[KeySpec, ...] = (
    APP_KEYS + REVIEW_KEYS + GLOSSARY_KEYS + CONFLICT_KEYS + VERSION_CONFLICT_KEYS
)
KNOWN_IDS = frozenset(spec.id for spec in ALL_KEYS)


def bindings(specs: Iterable[KeySpec]) -> list[Binding]:
    """Textual bindings for a table section, each with its id and tooltip."""
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.label,
            show=spec.show,
            priority=spec.priority,
            tooltip=spec.tooltip,
            id=spec.id,
            group=Binding.Group(spec.group, compact=True) if spec.group else None,
        )
        for spec in specs
    ]


def checked_keymap(keys: Mapping[str, str], where: str) -> dict[str, str]:
    """The [keys] table of the config, after checking every id names a real binding."""
    unknown = sorted(set(keys) - KNOWN_IDS)
    if unknown:
        known = ", ".join(sorted(KNOWN_IDS))
        raise ConfigError(
            where, f"[keys] has unknown action(s) {', '.join(unknown)}; known: {known}"
        )
    empty = sorted(k for k, v in keys.items() if not v.strip())
    if empty:
        raise ConfigError(where, f"[keys] {', '.join(empty)}: a key is needed")
    return {k: ",".join(part.strip() for part in v.split(",")) for k, v in keys.items()}


def effective_keys(spec: KeySpec, keymap: Mapping[str, str]) -> str:
    """The keys a binding answers to once the config's remaps apply."""
    return keymap.get(spec.id, spec.keys)


SPECS_BY_ID = {spec.id: spec for spec in ALL_KEYS}


def first_key(id: str, keymap: Mapping[str, str]) -> str:
    """The key a message should name for binding `id` (its first, after remapping)."""
    return effective_keys(SPECS_BY_ID[id], keymap).split(",")[0]


def keys_table(keymap: Mapping[str, str] | None = None) -> str:
    """Plain-text table of every action, its keys and what it does (for `review --keys`)."""
    keymap = keymap or {}
    width = max(len(spec.id) for spec in ALL_KEYS)
    keys_width = max(len(effective_keys(spec, keymap)) for spec in ALL_KEYS)
    return "\n".join(
        f"{spec.id:<{width}}  {effective_keys(spec, keymap):<{keys_width}}  {spec.tooltip}"
        for spec in ALL_KEYS
    )
