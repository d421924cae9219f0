"""tmbuilder: a Vietnamese to English translation-memory and glossary builder."""

from __future__ import annotations

__version__ = "0.1.0"
