"""The engine table and create_engine's checks."""

from __future__ import annotations

import pytest
from deep_translator.engines import __engines__ as deep_translator_engines

from mt_servers import MTServer
from tmbuilder.engines.registry import create_engine, engine_infos, key_variable
from tmbuilder.errors import EngineError


def test_every_deep_translator_provider_is_listed_with_a_verdict() -> None:
    infos = {info.name: info for info in engine_infos()}
    assert set(deep_translator_engines) <= set(infos)
    assert engine_infos()[0].name == "google"
    for info in infos.values():
        assert info.note  # usable ones say how; the others say why not
        assert (info.max_chars > 0) == info.vi_en
    usable = {name for name, info in infos.items() if info.vi_en}
    assert usable == {"google", "mymemory", "libre", "microsoft", "yandex", "baidu", "papago"}
    assert infos["google"].max_chars == 4999 and infos["mymemory"].max_chars == 499


def test_unknown_engine() -> None:
    with pytest.raises(EngineError, match=r"^unknown engine 'bing'; see `tmbuilder engines`$"):
        create_engine("bing")


@pytest.mark.parametrize("name", ["deepl", "qcri", "pons", "linguee", "chatgpt"])
def test_excluded_engines_say_why(name: str) -> None:
    with pytest.raises(EngineError, match=rf"^engine '{name}' cannot draft vi→en: "):
        create_engine(name)


def test_missing_key_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TMBUILDER_MICROSOFT_API_KEY", raising=False)
    with pytest.raises(EngineError) as caught:
        create_engine("microsoft")
    assert str(caught.value) == (
        "engine 'microsoft' needs an API key: --api-key or TMBUILDER_MICROSOFT_API_KEY"
    )


def test_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(key_variable("yandex"), "ya-ENV-KEY-5521")
    with MTServer("yandex", key="ya-ENV-KEY-5521") as server:
        engine = create_engine("yandex", base_url=server.url, timeout=0.3)
        assert engine.translate("Xin chào") == "hello"
    assert "ya-ENV-KEY-5521" not in repr(engine)


def test_two_part_keys_need_both_parts() -> None:
    with pytest.raises(EngineError, match=r"needs its key as ID:SECRET") as caught:
        create_engine("baidu", api_key="only-the-appid-991")
    assert "only-the-appid-991" not in str(caught.value)


def test_unsupported_language_is_refused_before_any_request() -> None:
    with pytest.raises(EngineError, match=r"^engine 'google' does not support vi→xx$"):
        create_engine("google", target="xx")


def test_bad_base_url_and_timeout() -> None:
    with pytest.raises(EngineError, match="not an http"):
        create_engine("google", base_url="ftp://example.org")
    with pytest.raises(EngineError, match="timeout must be positive"):
        create_engine("google", timeout=0)


def test_base_url_keeps_the_provider_path() -> None:
    with MTServer("baidu", key="1", secret="k") as server:
        engine = create_engine("baidu", api_key="1:kkkk", base_url=server.url + "/proxy/")
        with pytest.raises(EngineError, match="HTTP 404"):
            engine.translate("Xin chào")  # sent to /proxy/api/trans/vip/translate
    assert server.requests[0].path == "/proxy/api/trans/vip/translate"
