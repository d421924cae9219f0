"""Review-session logic behind `tmbuilder review`, kept free of any UI toolkit.

Navigation, filters, search and replace, undo, segment claims, other reviewers' changes and
autosave live here as plain Python so they can be tested without a terminal; `tmbuilder.tui`
only draws them.
"""
