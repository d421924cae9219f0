"""`python -m tmbuilder` runs the CLI."""

from __future__ import annotations

from tmbuilder.cli import main

if __name__ == "__main__":
    main()
