"""The flows the CLI and the TUI share. Each takes a Project and a progress sink, returns a report.

build: ingest, normalize, segment, store (then draft, glossary, export as configured).
draft: TM leverage, then machine translation. export: TMX, PO, XLIFF, glossary files.
"""

from __future__ import annotations

from tmbuilder.pipeline.build import BuildReport, build_sources, collect_sources

__all__ = ["BuildReport", "build_sources", "collect_sources"]
