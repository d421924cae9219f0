"""A headless OmegaT project for the tests that prove OmegaT reads our files.

`console_translate` lays out a project (source/, target/, tm/, glossary/, ...), lets the caller
fill it, runs `omegat --mode=console-translate` on it and returns the finished run.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>vi-VN</source_lang>
        <target_lang>en-US</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneCJKTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""
_FOLDERS = ("source", "target", "tm/auto", "glossary", "omegat", "dictionary")


def make_project(root: Path) -> Path:
    """An empty OmegaT project (vi-VN → en-US) at `root`."""
    for sub in _FOLDERS:
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "omegat.project").write_text(_PROJECT, encoding="utf-8")
    return root


def console_translate(root: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run OmegaT headless on the project; `home` keeps its settings out of the user's."""
    return subprocess.run(
        ["omegat", "--mode=console-translate", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(home)},
    )
