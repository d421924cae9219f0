"""The flows the CLI and the TUI share. Each takes a Project and a progress sink, returns a report.

build: ingest, normalize, segment, store (then restore, draft, glossary, export as configured).
draft: TM leverage, then machine translation. import/export: memories and glossaries.
qa: the quality checks.
"""

from __future__ import annotations

from tmbuilder.pipeline.build import (
    BuildReport,
    FullBuildReport,
    build,
    build_sources,
    restore_exports,
)
from tmbuilder.pipeline.drafts import DraftReport, EngineOptions, draft
from tmbuilder.pipeline.exports import export_po, export_tmx, export_xliff
from tmbuilder.pipeline.glossary import (
    check_glossary,
    export_glossary,
    extract_glossary,
    import_glossary,
)
from tmbuilder.pipeline.imports import ImportReport, import_files
from tmbuilder.pipeline.qa import QaReport, run_qa
from tmbuilder.pipeline.sources import collect_sources

__all__ = [
    "BuildReport",
    "DraftReport",
    "EngineOptions",
    "FullBuildReport",
    "ImportReport",
    "QaReport",
    "build",
    "build_sources",
    "check_glossary",
    "collect_sources",
    "draft",
    "export_glossary",
    "export_po",
    "export_tmx",
    "export_xliff",
    "extract_glossary",
    "import_files",
    "import_glossary",
    "restore_exports",
    "run_qa",
]
