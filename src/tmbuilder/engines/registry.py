"""Which engines exist, which can draft Vietnamese→English, and how to make one.

Every translator class in deep-translator 1.11.4 is listed, usable or not, so that
`tmbuilder engines` answers "why can't I use X?" instead of leaving the user guessing.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

from tmbuilder.engines.base import Engine, EngineInfo
from tmbuilder.engines.providers import SPECS, DeepTranslatorEngine, ProviderConfig
from tmbuilder.engines.transport import redact, register_secret
from tmbuilder.errors import EngineError

# Providers deep-translator has (or that people ask for) that cannot draft vi→en here.
_EXCLUDED: tuple[EngineInfo, ...] = (
    EngineInfo(
        "deepl", True, False, 0, "no Vietnamese in deep-translator 1.11.4's DeepL language table"
    ),
    EngineInfo("qcri", True, False, 0, "QCRI translates only Arabic, English and Spanish"),
    EngineInfo(
        "chatgpt",
        True,
        False,
        0,
        "deep-translator calls openai.ChatCompletion, removed in openai 1.0, sets a "
        "process-wide key and has no timeout",
    ),
    EngineInfo(
        "pons", False, False, 0, "a dictionary: looks up words (50 characters), not sentences"
    ),
    EngineInfo(
        "linguee", False, False, 0, "a dictionary: looks up words (50 characters), not sentences"
    ),
    EngineInfo("tencent", True, False, 0, "not part of deep-translator 1.11.4"),
)


def engine_infos() -> list[EngineInfo]:
    """Every provider: the usable ones first (google is the default), then the rest with why."""
    usable = [
        EngineInfo(spec.name, spec.key_parts > 0, True, spec.max_chars, spec.note)
        for spec in SPECS.values()
    ]
    return usable + list(_EXCLUDED)


def key_variable(name: str) -> str:
    """The environment variable an engine's key may come from."""
    return f"TMBUILDER_{name.upper()}_API_KEY"


def create_engine(
    name: str,
    *,
    source: str = "vi",
    target: str = "en",
    api_key: str | None = None,
    url: str | None = None,
    region: str | None = None,
    timeout: float = 20.0,
    base_url: str | None = None,
) -> Engine:
    """A configured engine; nothing is sent until its first `translate`.

    `api_key` falls back to TMBUILDER_<NAME>_API_KEY. `url` is LibreTranslate's server;
    `base_url` points any provider at another host (its path is kept), which is how the tests
    talk to local servers. Raises EngineError for unknown or unusable engines, missing keys and
    unsupported languages.
    """
    spec = SPECS.get(name)
    if spec is None:
        if any(info.name == name for info in _EXCLUDED):
            reason = next(info.note for info in _EXCLUDED if info.name == name)
            raise EngineError(f"engine '{name}' cannot draft {source}→{target}: {reason}")
        raise EngineError(f"unknown engine '{name}'; see `tmbuilder engines`")
    if timeout <= 0:
        raise EngineError(f"engine '{name}': timeout must be positive, not {timeout:g}")

    key = api_key or os.environ.get(key_variable(name), "")
    secret = ""
    if key:
        register_secret(key)
    if spec.key_parts == 2 and key:
        key, _, secret = key.partition(":")
        if not key or not secret:
            raise EngineError(
                f"engine '{name}' needs its key as ID:SECRET (--api-key or {key_variable(name)})"
            )
        register_secret(key)
        register_secret(secret)
    needs_key = spec.key_parts > 0 and not (name == "libre" and (url or base_url))
    if needs_key and not key:
        raise EngineError(f"engine '{name}' needs an API key: --api-key or {key_variable(name)}")

    endpoint = spec.default_url
    if name == "libre" and url:
        endpoint = url.rstrip("/") + "/"
        rebase(endpoint, endpoint)  # validates the scheme and host
    if base_url:
        endpoint = rebase(spec.default_url, base_url)

    config = ProviderConfig(
        source=spec.codes.get(source, source),
        target=spec.codes.get(target, target),
        url=endpoint,
        key=key,
        secret=secret,
        region=region or "",
        email=os.environ.get("TMBUILDER_MYMEMORY_EMAIL", "") if name == "mymemory" else "",
    )
    engine = DeepTranslatorEngine(spec, config, timeout)
    engine.check_languages()
    return engine


def rebase(default_url: str, base_url: str) -> str:
    """`default_url` with scheme and host from `base_url` (its path, if any, is a prefix)."""
    default = urlsplit(default_url)
    base = urlsplit(base_url)
    if base.scheme not in ("http", "https") or not base.netloc:
        raise EngineError(f"base URL {redact(base_url)!r} is not an http(s)://host[:port] URL")
    path = base.path.rstrip("/") + default.path
    return urlunsplit((base.scheme, base.netloc, path, default.query, ""))
