"""The few exceptions tmbuilder raises on purpose.

Every one carries a message fit for a single line on the terminal: the CLI prints
`tmbuilder: error: <message>` and exits non-zero, never a traceback.
"""

from __future__ import annotations


class TmBuilderError(Exception):
    """Base class: a problem the user can act on, described in one line."""

    exit_code = 1


class InputError(TmBuilderError):
    """A file or argument the user gave cannot be read or used."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


class FormatError(InputError):
    """A file was read but its content is not valid for its format (bad XML, bad TMX, ...)."""


class ConfigError(InputError):
    """tmbuilder.toml has an unknown key or a value of the wrong kind."""


class StoreError(TmBuilderError):
    """The project store cannot be opened or is from an incompatible version."""


class EngineError(TmBuilderError):
    """A translation engine failed in a way that retrying will not fix."""


class EngineUnavailable(EngineError):
    """The engine could not be reached (offline, refused, repeated timeouts)."""
