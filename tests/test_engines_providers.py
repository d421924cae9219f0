"""Each provider through deep-translator's real classes against a local server of its protocol."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator

import pytest

from mt_servers import MTServer, refused_url
from tmbuilder.engines.base import Engine, TransientEngineError
from tmbuilder.engines.registry import create_engine
from tmbuilder.errors import EngineError, EngineUnavailable

# name -> (key given to create_engine, server's expected key, server's secret)
PROVIDERS: dict[str, tuple[str | None, str, str]] = {
    "google": (None, "", ""),
    "mymemory": (None, "", ""),
    "libre": ("libre-KEY-7f3a9c", "libre-KEY-7f3a9c", ""),
    "microsoft": ("ms-KEY-51ab7e", "ms-KEY-51ab7e", ""),
    "yandex": ("ya-KEY-0c9d2f", "ya-KEY-0c9d2f", ""),
    "baidu": ("20240001:bd-APPKEY-93ee1", "20240001", "bd-APPKEY-93ee1"),
    "papago": ("pp-ID-4471:pp-SECRET-8812", "pp-ID-4471", "pp-SECRET-8812"),
}
SECRETS = ["libre-KEY-7f3a9c", "ms-KEY-51ab7e", "ya-KEY-0c9d2f", "bd-APPKEY-93ee1"]
SECRETS += ["20240001", "pp-ID-4471", "pp-SECRET-8812"]


@pytest.fixture(params=sorted(PROVIDERS))
def provider(request: pytest.FixtureRequest) -> Iterator[tuple[MTServer, Engine]]:
    name = request.param
    key, expected, secret = PROVIDERS[name]
    with MTServer(name, key=expected, secret=secret, hang_seconds=1.0) as server:
        engine = create_engine(name, api_key=key, base_url=server.url, timeout=0.3)
        yield server, engine


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def test_success_sends_vietnamese_and_returns_english(provider: tuple[MTServer, Engine]) -> None:
    server, engine = provider
    assert engine.translate("Xin chào thế giới") == "hello world"
    # The server checked the provider-specific language codes and credentials (else 400/401).
    assert server.texts() == ["Xin chào thế giới"]


def test_rate_limit_is_transient(provider: tuple[MTServer, Engine]) -> None:
    server, engine = provider
    server.script(["429"])
    with pytest.raises(TransientEngineError) as caught:
        engine.translate("Xin chào")
    assert caught.value.kind == "rate"
    assert engine.translate("Xin chào") == "hello"


def test_server_error_is_transient(provider: tuple[MTServer, Engine]) -> None:
    server, engine = provider
    server.script(["500"])
    with pytest.raises(TransientEngineError) as caught:
        engine.translate("Xin chào")
    assert caught.value.kind == "server"


def test_hung_server_times_out(provider: tuple[MTServer, Engine]) -> None:
    server, engine = provider
    server.script(["hang"])
    with pytest.raises(TransientEngineError) as caught:
        engine.translate("Xin chào")
    assert caught.value.kind == "timeout"
    assert "did not answer within 0.3 s" in str(caught.value)


def test_malformed_body_is_an_error_for_that_text(provider: tuple[MTServer, Engine]) -> None:
    server, engine = provider
    server.script(["malformed"])
    with pytest.raises(EngineError) as caught:
        engine.translate("Xin chào")
    assert type(caught.value) is EngineError
    assert caught.value.args[0].startswith(f"{engine.name}: ")
    assert "\n" not in str(caught.value)


def test_refused_credentials_make_the_engine_unavailable_without_leaking_them(
    provider: tuple[MTServer, Engine], caplog: pytest.LogCaptureFixture
) -> None:
    server, engine = provider
    server.script(["unauthorized"])  # the error body echoes the received key back
    caplog.set_level(logging.DEBUG)
    with pytest.raises(EngineUnavailable) as caught:
        engine.translate("Xin chào")
    error = caught.value
    assert_no_secret(str(error))
    assert_no_secret(repr(error))
    assert_no_secret("".join(traceback.format_exception(error)))
    assert_no_secret(caplog.text)
    assert_no_secret(repr(engine))


def test_refused_connection_is_transient_and_never_shows_the_url_query(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # LibreTranslate carries the key in the query string; requests' own ConnectionError
    # message quotes that URL, ours must not.
    caplog.set_level(logging.DEBUG)
    engine = create_engine("libre", api_key="libre-KEY-7f3a9c", base_url=refused_url(), timeout=0.3)
    with pytest.raises(TransientEngineError) as caught:
        engine.translate("Xin chào")
    assert caught.value.kind == "connection"
    assert "connection refused" in str(caught.value)
    assert_no_secret(str(caught.value))
    assert_no_secret("".join(traceback.format_exception(caught.value)))
    assert_no_secret(caplog.text)


def test_libre_self_hosted_needs_no_key() -> None:
    with MTServer("libre") as server:
        engine = create_engine("libre", url=server.url + "/", timeout=0.3)
        assert engine.translate("Xin chào") == "hello"
        assert "api_key" not in server.requests[0].query


def test_libre_sends_the_key_when_given() -> None:
    with MTServer("libre", key="libre-KEY-7f3a9c") as server:
        engine = create_engine("libre", url=server.url, api_key="libre-KEY-7f3a9c", timeout=0.3)
        assert engine.translate("Xin chào") == "hello"
        assert server.requests[0].query["api_key"] == "libre-KEY-7f3a9c"


def test_mymemory_quota_warning_is_not_taken_for_a_translation() -> None:
    with MTServer("mymemory") as server:
        engine = create_engine("mymemory", base_url=server.url, timeout=0.3)
        server.script(["quota"])
        with pytest.raises(EngineUnavailable, match="daily free quota"):
            engine.translate("Xin chào")


def test_microsoft_sends_key_and_region_headers() -> None:
    with MTServer("microsoft", key="ms-KEY-51ab7e") as server:
        engine = create_engine(
            "microsoft",
            api_key="ms-KEY-51ab7e",
            region="southeastasia",
            base_url=server.url,
            timeout=0.3,
        )
        assert engine.translate("Xin chào") == "hello"
        assert server.requests[0].headers["Ocp-Apim-Subscription-Region"] == "southeastasia"


def test_baidu_signature_is_checked_by_the_server() -> None:
    with MTServer("baidu", key="20240001", secret="bd-APPKEY-93ee1") as server:
        wrong = create_engine("baidu", api_key="20240001:not-the-key", base_url=server.url)
        with pytest.raises(EngineUnavailable, match="error 54001"):
            wrong.translate("Xin chào")
        right = create_engine("baidu", api_key="20240001:bd-APPKEY-93ee1", base_url=server.url)
        assert right.translate("Xin chào") == "hello"


def test_each_request_has_its_own_provider_object() -> None:
    # GoogleTranslator keeps the text in instance state; sharing one across threads would mix
    # texts up. Two engines' calls interleaved on one thread must each get their own text.
    with MTServer("google") as server:
        engine = create_engine("google", base_url=server.url, timeout=0.3)
        assert [engine.translate(t) for t in ("Xin chào", "thế giới")] == ["hello", "world"]


def test_oversized_response_is_refused() -> None:
    with MTServer("google", translate=lambda text: "x" * (5 * 1024 * 1024)) as server:
        engine = create_engine("google", base_url=server.url, timeout=2)
        with pytest.raises(EngineError, match="larger than 4 MB"):
            engine.translate("Xin chào")
