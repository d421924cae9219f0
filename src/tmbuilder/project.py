"""A tmbuilder project: a directory with `tmbuilder.toml`, a `.tmbuilder/` store and exports."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from tmbuilder.config import Config, load_config
from tmbuilder.errors import ConfigError, InputError, StoreError
from tmbuilder.store.base import ProjectStore
from tmbuilder.store.postgres.connect import store_url
from tmbuilder.text.segment import Segmenter
from tmbuilder.text.segment_rules import SegmentationRules, default_rules, rule_from_mapping

STATE_DIR = ".tmbuilder"
STORE_NAME = "project.db"


class Project:
    """Opens lazily: reading the config never creates files; the store appears on first use."""

    def __init__(self, root: Path) -> None:
        root = root.expanduser()
        if root.exists() and not root.is_dir():
            raise InputError(str(root), "project path is not a directory")
        self.root = root.resolve()
        self.config: Config = load_config(self.root)

    @classmethod
    def existing(cls, root: Path) -> Project:
        """A project that must already have been built (commands that read the store)."""
        project = cls(root)
        if not project.exists():
            raise StoreError(
                f"{project.root}: no tmbuilder project here; run `tmbuilder build` first"
            )
        return project

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def store_path(self) -> Path:
        return self.state_dir / STORE_NAME

    @property
    def tmx_dir(self) -> Path:
        return self.root / "tmx"

    @property
    def glossary_dir(self) -> Path:
        return self.root / "glossary"

    @property
    def store_url(self) -> str:
        """The PostgreSQL URL of a team store ([store] url or TMBUILDER_STORE_URL), or ''."""
        return store_url(self.config.store.url)

    def exists(self) -> bool:
        # A server's database is the project: there is nothing local to look for.
        return bool(self.store_url) or self.store_path.exists()

    @cached_property
    def store(self) -> ProjectStore:
        # The state dir also holds a big import's stage files, whatever the backend.
        self.state_dir.mkdir(parents=True, exist_ok=True)
        # The state is rebuilt from sources and exports; it never belongs in version control.
        ignore = self.state_dir / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        self.remove_leftovers()
        # Both backends are imported here only: the rest of tmbuilder sees the ProjectStore
        # protocol (store/base.py), and a SQLite project never loads psycopg.
        if url := self.store_url:
            from tmbuilder.store.postgres.store import PostgresStore

            return PostgresStore(url)
        from tmbuilder.store.sqlite import SqliteStore

        return SqliteStore(self.store_path, busy_timeout=self.config.store.busy_timeout)

    def remove_leftovers(self) -> None:
        """What killed runs left: import stage folders, export temporaries (leftovers.py)."""
        from tmbuilder.bigimport.stage import remove_abandoned_stages
        from tmbuilder.formats.atomic import TEMP_PATTERN
        from tmbuilder.leftovers import sweep

        remove_abandoned_stages(self.state_dir)
        sweep(self.state_dir / "tmp", TEMP_PATTERN)
        for folder in (self.tmx_dir, self.glossary_dir):  # where older versions made them
            sweep(folder, ".*.tmp")

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]

    @cached_property
    def rules(self) -> SegmentationRules:
        seg = self.config.segmentation
        where = str(self.config.path or self.root / "tmbuilder.toml")
        try:
            extra = [rule_from_mapping(rule) for rule in seg.rules]
        except ValueError as exc:
            raise ConfigError(where, f"[[segmentation.rules]]: {exc}") from None
        try:
            return default_rules().extended(seg.abbreviations, extra)
        except ValueError as exc:
            raise ConfigError(where, f"[segmentation]: {exc}") from None

    @cached_property
    def segmenter(self) -> Segmenter:
        return Segmenter(self.rules)

    def relpath(self, path: Path) -> str:
        """How a source file is named in the store: relative to the project when inside it."""
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()

    def abspath(self, stored: str) -> Path:
        path = Path(stored)
        return path if path.is_absolute() else self.root / path
