"""`tmbuilder.toml`: the project's settings, every one optional with a documented default.

Unknown sections or keys are errors, not silently ignored: a typo in a threshold should not
leave a user wondering why nothing changed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tmbuilder.errors import ConfigError
from tmbuilder.langtags import LangPair

CONFIG_NAME = "tmbuilder.toml"

DEFAULT_CONFIG_TEXT = """\
# tmbuilder project settings. Every key is optional; the values shown are the defaults.

[languages]
source = "vi-VN"
target = "en-US"

[engine]
name = "google"          # see `tmbuilder engines`; "none" skips machine translation
workers = 4              # concurrent requests
timeout = 20.0           # seconds per request
url = ""                 # LibreTranslate server URL (engine "libre")
region = ""              # Azure region (engine "microsoft")
# API keys never go here: use --api-key or TMBUILDER_<ENGINE>_API_KEY.

[tm]
fuzzy_threshold = 75     # lowest fuzzy match score (%) kept as a suggestion
mt_for_fuzzy = true      # also ask MT for segments that have only a fuzzy match

[segmentation]
abbreviations = []       # extra abbreviations that never end a sentence, e.g. ["Tp.", "Th.S."]
# Extra ordered rules, tried before the built-in ones (SRX 2.0 semantics):
# [[segmentation.rules]]
# break = false
# before = "\\\\bQĐ\\\\."
# after = "\\\\s"

[build]
draft = true             # draft translations (TM, then MT) during `build`
glossary = true          # extract glossary candidates during `build`
export = true            # write tmx/ and glossary/ during `build`

[qa]
disabled = []            # check ids to switch off, e.g. ["double-space"]

[store]
busy_timeout = 60.0      # seconds a command waits (and says so) while another one writes the store
url = ""                 # "postgresql://host/db": the team store on a server; "" = local SQLite
# No password here: PGPASSWORD or ~/.pgpass (or the whole URL in TMBUILDER_STORE_URL).

[keys]
# Remap review UI keys: action = "key", e.g. confirm = "ctrl+s". See `tmbuilder review --keys`.
"""


@dataclass(frozen=True)
class LanguagesConfig:
    source: str = "vi-VN"
    target: str = "en-US"


@dataclass(frozen=True)
class EngineConfig:
    name: str = "google"
    workers: int = 4
    timeout: float = 20.0
    url: str = ""
    region: str = ""


@dataclass(frozen=True)
class TmConfig:
    fuzzy_threshold: float = 75.0
    mt_for_fuzzy: bool = True


@dataclass(frozen=True)
class SegmentationConfig:
    abbreviations: tuple[str, ...] = ()
    rules: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class BuildConfig:
    draft: bool = True
    glossary: bool = True
    export: bool = True


@dataclass(frozen=True)
class StoreConfig:
    busy_timeout: float = 60.0
    url: str = ""  # a PostgreSQL URL (store/postgres/); "" keeps the project in SQLite


@dataclass(frozen=True)
class QaConfig:
    disabled: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    languages: LanguagesConfig = field(default_factory=LanguagesConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    tm: TmConfig = field(default_factory=TmConfig)
    segmentation: SegmentationConfig = field(default_factory=SegmentationConfig)
    build: BuildConfig = field(default_factory=BuildConfig)
    qa: QaConfig = field(default_factory=QaConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    keys: Mapping[str, str] = field(default_factory=dict)
    path: Path | None = None

    @property
    def source_lang(self) -> str:
        return self.languages.source

    @property
    def target_lang(self) -> str:
        return self.languages.target

    @property
    def pair(self) -> LangPair:
        """The project's language pair, as memory lookups match it."""
        return LangPair(self.languages.source, self.languages.target)


_SECTIONS: dict[str, type] = {
    "languages": LanguagesConfig,
    "engine": EngineConfig,
    "tm": TmConfig,
    "segmentation": SegmentationConfig,
    "build": BuildConfig,
    "qa": QaConfig,
    "store": StoreConfig,
}


def _coerce(where: str, value: Any, expected: Any, path: str) -> Any:
    """Check a TOML value against a dataclass field's default type, with one-line errors."""
    if isinstance(expected, bool):
        ok = isinstance(value, bool)
    elif isinstance(expected, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(expected, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(expected, str):
        ok = isinstance(value, str)
    elif isinstance(expected, tuple):
        ok = isinstance(value, list)
        value = tuple(value) if ok else value
    else:  # pragma: no cover - all fields are of the kinds above
        ok = True
    if not ok:
        raise ConfigError(path, f"{where} should be {type(expected).__name__}, got {value!r}")
    return value


def parse_config(data: Mapping[str, Any], path: str = CONFIG_NAME) -> Config:
    """Build a Config from parsed TOML, rejecting unknown keys and wrong types."""
    sections: dict[str, Any] = {}
    for name, value in data.items():
        if name == "keys":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise ConfigError(path, "[keys] maps action names to key strings")
            sections["keys"] = dict(value)
            continue
        cls = _SECTIONS.get(name)
        if cls is None:
            known = ", ".join(sorted([*_SECTIONS, "keys"]))
            raise ConfigError(path, f"unknown section [{name}] (known: {known})")
        if not isinstance(value, dict):
            raise ConfigError(path, f"[{name}] must be a table")
        defaults = cls()
        kwargs: dict[str, Any] = {}
        names = {f.name for f in fields(cls)}
        for key, item in value.items():
            if key not in names:
                raise ConfigError(path, f"unknown key '{key}' in [{name}]")
            kwargs[key] = _coerce(f"[{name}] {key}", item, getattr(defaults, key), path)
        sections[name] = cls(**kwargs)
    config = Config(**sections)
    _validate(config, path)
    return config


def _validate(config: Config, path: str) -> None:
    if not 0 < config.tm.fuzzy_threshold <= 100:
        raise ConfigError(path, "[tm] fuzzy_threshold must be between 1 and 100")
    if config.engine.workers < 1:
        raise ConfigError(path, "[engine] workers must be at least 1")
    if config.engine.timeout <= 0:
        raise ConfigError(path, "[engine] timeout must be positive")
    if not 0 <= config.store.busy_timeout <= 86_400:
        raise ConfigError(path, "[store] busy_timeout must be between 0 and 86400 seconds")
    from tmbuilder.store.postgres.connect import url_problem

    if problem := url_problem(config.store.url):
        raise ConfigError(path, f"[store] {problem}")
    for rule in config.segmentation.rules:
        if not isinstance(rule, dict):
            raise ConfigError(path, "[[segmentation.rules]] entries must be tables")
    from tmbuilder.qa.registry import validate_disabled

    validate_disabled(config.qa.disabled, path=path)


def load_config(root: Path) -> Config:
    """The config of the project at `root`; defaults when there is no tmbuilder.toml."""
    path = root / CONFIG_NAME
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"not valid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read ({exc.strerror})") from None
    config = parse_config(data, str(path))
    return Config(**{f.name: getattr(config, f.name) for f in fields(Config)} | {"path": path})
