"""deep-translator's providers behind tmbuilder's `Engine` protocol.

Each request builds a fresh deep-translator object: they keep per-request state in instance
attributes (GoogleTranslator writes the text into `self._url_params`), so one shared object
would mix texts up between worker threads. Building one is cheap (no network; Microsoft's
language lookup, which does hit the network, is replaced below).

Outcomes are classified from what `transport` saw on the wire, not from deep-translator's
exceptions, which differ per provider, sometimes ignore the HTTP status, and sometimes put the
API key in their message. Our messages are built from fixed phrases, the host and status codes
only, so neither keys nor server-echoed text can reach a log or the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from deep_translator import (
    BaiduTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    PapagoTranslator,
    YandexTranslator,
)
from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES

from tmbuilder.engines.base import TransientEngineError
from tmbuilder.engines.transport import Exchange, ExchangeLog, engine_requests
from tmbuilder.errors import EngineError, EngineUnavailable


@dataclass(frozen=True, repr=False)
class ProviderConfig:
    """Everything one provider needs; `repr` is overridden so keys never print."""

    source: str
    target: str
    url: str  # the provider's endpoint (deep-translator's constant, or rebased)
    key: str = ""
    secret: str = ""  # second half of two-part keys (Baidu APPID:APPKEY, Papago ID:SECRET)
    region: str = ""
    email: str = ""  # MyMemory's `de` parameter: a larger free quota

    def __repr__(self) -> str:
        return f"ProviderConfig(source={self.source!r}, target={self.target!r}, url={self.url!r})"


BodyCheck = Callable[[str, Exchange], EngineError | None]


@dataclass(frozen=True)
class ProviderSpec:
    """How to drive one deep-translator class."""

    name: str
    default_url: str
    max_chars: int  # longest text one request may carry, as deep-translator enforces it
    key_parts: int  # 0: no key, 1: a key, 2: "ID:SECRET"
    build: Callable[[ProviderConfig], Any]
    codes: Mapping[str, str]  # tmbuilder language code -> provider code, where they differ
    body_error: BodyCheck | None = None
    note: str = ""


class DeepTranslatorEngine:
    """An `Engine` that sends each text through a fresh deep-translator object."""

    def __init__(self, spec: ProviderSpec, config: ProviderConfig, timeout: float) -> None:
        self.name = spec.name
        self.max_chars = spec.max_chars
        self._spec = spec
        self._config = config
        self._timeout = timeout

    def __repr__(self) -> str:
        host = urlsplit(self._config.url).netloc
        return f"DeepTranslatorEngine(name={self.name!r}, host={host!r})"

    def check_languages(self) -> None:
        """Build the provider object once so unsupported languages fail before any request."""
        try:
            self._spec.build(self._config)
        except Exception:
            raise EngineError(
                f"engine '{self.name}' does not support {self._config.source}→{self._config.target}"
            ) from None

    def translate(self, text: str) -> str:
        """Translate `text` with one request; see `Engine.translate` for the errors."""
        error: EngineError | None = None
        result: Any = None
        with engine_requests(self._timeout) as log:
            try:
                result = self._spec.build(self._config).translate(text)
            except Exception as exc:
                error = self._classify_failure(log, exc)
        if error is not None:
            # Raised outside the `except` block so the provider's exception (whose message can
            # quote the key or the URL) is not kept as this one's __context__.
            raise error
        last = log.last
        if last is not None:
            problem = _status_error(self.name, last) or self._body_error(last)
            if problem is not None:
                raise problem
        return self._as_text(result, last)

    def _classify_failure(self, log: ExchangeLog, exc: Exception) -> EngineError:
        last = log.last
        if last is None:
            return EngineError(
                f"{self.name}: the text was rejected before sending ({type(exc).__name__})"
            )
        if last.failure == "timeout":
            return TransientEngineError(
                f"{self.name}: {last.host} did not answer within {log.timeout:g} s", "timeout"
            )
        if last.failure == "connection":
            return TransientEngineError(
                f"{self.name}: cannot reach {last.host} ({last.detail})", "connection"
            )
        if last.failure == "transport":
            return TransientEngineError(f"{self.name}: {last.host}: {last.detail}", "server")
        if last.failure:
            return EngineError(f"{self.name}: {last.host}: {last.detail}")
        problem = _status_error(self.name, last) or self._body_error(last)
        if problem is not None:
            return problem
        return EngineError(
            f"{self.name}: malformed response from {last.host} "
            f"(HTTP {last.status}, {_shape_of(exc)})"
        )

    def _body_error(self, last: Exchange) -> EngineError | None:
        if self._spec.body_error is None:
            return None
        return self._spec.body_error(self.name, last)

    def _as_text(self, result: Any, last: Exchange | None) -> str:
        # Yandex's API answers {"text": ["..."]} and deep-translator passes the list on.
        if isinstance(result, list) and all(isinstance(part, str) for part in result):
            result = "".join(result)
        if isinstance(result, str) and result.strip():
            return result.strip()
        host = last.host if last is not None else "the provider"
        raise EngineError(f"{self.name}: malformed response from {host} (no translation in it)")


def _status_error(name: str, last: Exchange) -> EngineError | None:
    status = last.status
    if status is None or 200 <= status < 300:
        return None
    if status == 429:
        return TransientEngineError(
            f"{name}: rate limited by {last.host} (HTTP 429)", "rate", last.retry_after
        )
    if status >= 500 or status == 408:
        return TransientEngineError(
            f"{name}: server error at {last.host} (HTTP {status})", "server", last.retry_after
        )
    if status in (401, 403):
        return EngineUnavailable(
            f"{name}: {last.host} refused the request (HTTP {status}); check the API key"
        )
    return EngineError(f"{name}: {last.host} rejected the request (HTTP {status})")


def _shape_of(exc: Exception) -> str:
    kind = type(exc).__name__
    if kind in ("TranslationNotFound", "ElementNotFoundInGetRequest"):
        return "no translation in it"
    if isinstance(exc, ValueError):
        return "not the expected JSON"
    if isinstance(exc, KeyError | TypeError | AttributeError | IndexError | StopIteration):
        return "unexpected structure"
    return f"unexpected content: {kind}"


def _json_body(last: Exchange) -> Any:
    try:
        return json.loads(last.text())
    except ValueError:
        return None


# --- provider-specific body checks (errors reported with HTTP 200) ----------------------------


def _mymemory_body(name: str, last: Exchange) -> EngineError | None:
    data = _json_body(last)
    if not isinstance(data, dict):
        return None
    status = str(data.get("responseStatus", "200"))
    if status == "200":
        return None
    if status == "429":
        # MyMemory reports its daily quota this way, with the warning as the "translation".
        return EngineUnavailable(f"{name}: the daily free quota is used up (responseStatus 429)")
    return EngineError(f"{name}: {last.host} rejected the text (responseStatus {status[:8]})")


_BAIDU_RETRY = {"52001": "server", "52002": "server", "54003": "rate", "54005": "rate"}
_BAIDU_FATAL = {"52003", "54001", "54004", "58000", "58002", "90107"}


def _baidu_body(name: str, last: Exchange) -> EngineError | None:
    data = _json_body(last)
    if not isinstance(data, dict) or "error_code" not in data:
        return None
    code = str(data["error_code"])[:8]
    if code in ("0", "52000"):
        return None
    kind = _BAIDU_RETRY.get(code)
    if kind == "rate":
        return TransientEngineError(f"{name}: rate limited (error {code})", "rate")
    if kind == "server":
        return TransientEngineError(f"{name}: server error (error {code})", "server")
    if code in _BAIDU_FATAL:
        return EngineUnavailable(f"{name}: the service refused the account (error {code})")
    return EngineError(f"{name}: the service rejected the text (error {code})")


def _yandex_body(name: str, last: Exchange) -> EngineError | None:
    data = _json_body(last)
    if not isinstance(data, dict):
        return None
    code = data.get("code")
    if code in (200, None):
        return None
    if code == 429:
        return TransientEngineError(f"{name}: rate limited (code 429)", "rate")
    if code in (401, 402, 403, 404):  # bad/blocked key, daily request or character limit
        return EngineUnavailable(f"{name}: the service refused the key or quota (code {code})")
    return EngineError(f"{name}: the service rejected the text (code {str(code)[:8]})")


# --- builders ---------------------------------------------------------------------------------


def _google(config: ProviderConfig) -> Any:
    translator = GoogleTranslator(source=config.source, target=config.target)
    translator._base_url = config.url
    return translator


def _mymemory(config: ProviderConfig) -> Any:
    translator = MyMemoryTranslator(
        source=config.source, target=config.target, email=config.email or None
    )
    translator._base_url = config.url
    return translator


def _libre(config: ProviderConfig) -> Any:
    # deep-translator refuses to build without a key, but self-hosted LibreTranslate needs
    # none; build with a stand-in and clear it so no `api_key` parameter is sent.
    translator = LibreTranslator(
        source=config.source,
        target=config.target,
        api_key=config.key or "none",
        custom_url=config.url,
    )
    translator.api_key = config.key
    return translator


class _MicrosoftTranslator(MicrosoftTranslator):  # type: ignore[misc]
    """deep-translator's Microsoft class minus its constructor's network call.

    Upstream fetches the language list from the live API on every construction, with no
    timeout and regardless of any other URL; offline or in tests that hangs or fails. Google's
    code table covers the same ISO codes for the languages tmbuilder uses (vi, en).
    """

    def _get_supported_languages(self) -> dict[str, str]:
        return dict(GOOGLE_LANGUAGES_TO_CODES)


def _microsoft(config: ProviderConfig) -> Any:
    translator = _MicrosoftTranslator(
        source=config.source,
        target=config.target,
        api_key=config.key,
        region=config.region or None,
    )
    translator._base_url = config.url
    return translator


def _yandex(config: ProviderConfig) -> Any:
    translator = YandexTranslator(source=config.source, target=config.target, api_key=config.key)
    translator._base_url = config.url
    return translator


def _baidu(config: ProviderConfig) -> Any:
    translator = BaiduTranslator(
        source=config.source, target=config.target, appid=config.key, appkey=config.secret
    )
    translator._base_url = config.url
    return translator


def _papago(config: ProviderConfig) -> Any:
    translator = PapagoTranslator(
        client_id=config.key,
        secret_key=config.secret,
        source=config.source,
        target=config.target,
    )
    # deep-translator's Papago table maps codes to names, so it would send "Vietnamese";
    # the API wants the code.
    translator._source, translator._target = config.source, config.target
    translator._base_url = config.url
    return translator


SPECS: dict[str, ProviderSpec] = {
    spec.name: spec
    for spec in (
        ProviderSpec(
            "google",
            "https://translate.google.com/m",
            4999,
            0,
            _google,
            {},
            note="scrapes translate.google.com/m; no key",
        ),
        ProviderSpec(
            "mymemory",
            "http://api.mymemory.translated.net/get",
            499,
            0,
            _mymemory,
            {"vi": "vi-VN", "en": "en-US"},
            _mymemory_body,
            note="free daily quota; TMBUILDER_MYMEMORY_EMAIL raises it",
        ),
        ProviderSpec(
            "libre",
            "https://libretranslate.com/",
            5000,
            1,
            _libre,
            {},
            note="--url for a self-hosted server (key optional there); "
            "libretranslate.com needs a key",
        ),
        ProviderSpec(
            "microsoft",
            "https://api.cognitive.microsofttranslator.com/translate?api-version=3.0",
            10000,
            1,
            _microsoft,
            {},
            note="Azure Translator key; --region for regional resources",
        ),
        ProviderSpec(
            "yandex",
            "https://translate.yandex.net/api/{version}/tr.json/{endpoint}",
            10000,
            1,
            _yandex,
            {},
            _yandex_body,
            note="legacy Translate API v1.5 keys only (Yandex Cloud keys do not work)",
        ),
        ProviderSpec(
            "baidu",
            "https://fanyi-api.baidu.com/api/trans/vip/translate",
            2000,  # Baidu limits a query to 6,000 UTF-8 bytes; Vietnamese is up to 3 per char
            2,
            _baidu,
            {"vi": "vie"},
            _baidu_body,
            note="key as APPID:APPKEY",
        ),
        ProviderSpec(
            "papago",
            "https://openapi.naver.com/v1/papago/n2mt",
            5000,
            2,
            _papago,
            {},
            note="key as CLIENT_ID:CLIENT_SECRET; Naver has moved Papago to Naver Cloud, "
            "whose endpoint deep-translator 1.11.4 does not call",
        ),
    )
}
