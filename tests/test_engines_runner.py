"""translate_all through deep-translator's GoogleTranslator against the local Google server."""

from __future__ import annotations

import _thread
import logging
import threading
import time
import traceback

import pytest

from mt_servers import MTServer, refused_url
from tmbuilder.engines.base import MemoryCache
from tmbuilder.engines.registry import create_engine
from tmbuilder.engines.runner import DraftReport, translate_all
from tmbuilder.engines.transport import RetryPolicy

FAST = RetryPolicy(tries=4, base_delay=0.01, max_delay=0.05, unreachable_after=3)


class Sink:
    """Collects callbacks; records the thread they ran in."""

    def __init__(self) -> None:
        self.results: dict[int, tuple[str, bool]] = {}
        self.failures: dict[int, str] = {}
        self.threads: set[int] = set()

    def on_result(self, index: int, english: str, from_cache: bool) -> None:
        self.threads.add(threading.get_ident())
        self.results[index] = (english, from_cache)

    def on_failure(self, index: int, reason: str) -> None:
        self.failures[index] = reason


def run(server_url: str, texts: list[str], **kwargs: object) -> tuple[DraftReport, Sink]:
    sink = Sink()
    engine = create_engine("google", base_url=server_url, timeout=kwargs.pop("timeout", 0.3))  # type: ignore[arg-type]
    options: dict[str, object] = {"cache": None, "workers": 2, "retry": FAST}
    options.update(kwargs)
    report = translate_all(
        engine,
        texts,
        src="vi",
        tgt="en",
        on_result=sink.on_result,
        on_failure=sink.on_failure,
        **options,  # type: ignore[arg-type]
    )
    return report, sink


def test_drafts_arrive_in_the_calling_thread_and_duplicates_are_sent_once() -> None:
    texts = ["Xin chào thế giới.", "Hôm nay trời đẹp.", "Xin chào  thế giới."]
    with MTServer("google") as server:
        report, sink = run(server.url, texts)
    assert sink.results == {
        0: ("Hello world.", False),
        1: ("Today the weather is nice.", False),
        2: ("Hello world.", False),
    }
    assert sink.threads == {threading.get_ident()}
    assert sorted(server.texts()) == ["Hôm nay trời đẹp.", "Xin chào thế giới."]
    assert (report.requested, report.translated, report.failed) == (3, 3, 0)


@pytest.mark.parametrize("action", ["429", "500", "hang"])
def test_transient_failure_is_retried(action: str) -> None:
    with MTServer("google", hang_seconds=0.8) as server:
        server.script([action])
        report, sink = run(server.url, ["Xin chào"], workers=1)
    assert sink.results == {0: ("Hello", False)}
    assert len(server.requests) == 2
    assert report.requests == 2 and report.failed == 0


def test_retries_are_bounded() -> None:
    with MTServer("google") as server:
        server.script(["500"] * 10)
        report, sink = run(server.url, ["Xin chào"], workers=1)
    assert len(server.requests) == FAST.tries
    assert sink.failures[0].endswith(f"(gave up after {FAST.tries} tries)")
    assert report.left_reason.startswith("1 segment left without a draft: google: server error")


def test_malformed_body_fails_only_that_segment() -> None:
    with MTServer("google") as server:
        server.script(["malformed"])
        report, sink = run(server.url, ["Xin chào", "thế giới"], workers=1)
    assert sink.results == {1: ("world", False)}
    assert "malformed response" in sink.failures[0]
    assert report.failed == 1 and report.translated == 1 and not report.unreachable
    assert len(server.requests) == 2  # not retried


def test_refused_connection_marks_the_engine_unreachable_and_the_run_completes() -> None:
    texts = [f"Xin chào {n}" for n in range(30)] + ["2024"]
    report, sink = run(refused_url(), texts)
    assert report.unreachable
    assert sink.results == {30: ("2024", False)}  # nothing to translate: copied, no request
    assert report.failed == 30
    assert report.left_reason.startswith("30 segments left without a draft: google: cannot reach")
    assert "(connection refused), 3 times in a row" in report.left_reason
    assert report.requests <= FAST.unreachable_after + 2  # stopped calling after the limit


def test_server_dying_mid_run_keeps_finished_drafts() -> None:
    texts = [f"Xin chào {n}" for n in range(20)]
    with MTServer("google") as server:
        server.serve_limit = 5
        # a generous timeout: on a loaded machine a 0.3 s one retries a request the server is
        # still answering, which the limit then counts twice
        report, sink = run(server.url, texts, workers=1, timeout=3.0)
    assert len(sink.results) == 5
    assert all(english.startswith("Hello ") for english, _ in sink.results.values())
    assert report.unreachable and report.failed == 15
    assert report.left_reason.startswith("15 segments left without a draft: google: cannot reach")


def test_repeated_timeouts_make_the_engine_unreachable() -> None:
    policy = RetryPolicy(tries=4, base_delay=0.01, max_delay=0.02, unreachable_after=1)
    with MTServer("google", hang_seconds=0.6) as server:
        server.script(["hang"] * 10)
        report, _ = run(server.url, ["Xin chào", "thế giới"], workers=1, retry=policy, timeout=0.2)
    assert report.unreachable and report.failed == 2
    assert "did not answer within 0.2 s, 2 times in a row" in report.left_reason


def test_cache_prevents_a_second_request() -> None:
    cache = MemoryCache()
    texts = ["Xin chào thế giới.", "Hôm nay trời đẹp."]
    with MTServer("google") as server:
        first, _ = run(server.url, texts, cache=cache)
        second, sink = run(server.url, texts, cache=cache)
    assert len(server.requests) == 2
    assert first.translated == 2 and second.cache_hits == 2 and second.requests == 0
    assert sink.results[0] == ("Hello world.", True)


def test_glossary_terms_are_protected_and_keyed_separately_in_the_cache() -> None:
    cache = MemoryCache()
    text = "Bộ Tài chính và Việt Nam"
    with MTServer("google") as server:
        _, plain = run(server.url, [text], cache=cache)
        _, termed = run(
            server.url, [text], cache=cache, protect_terms={"bộ tài chính": "Ministry of Finance"}
        )
    assert plain.results[0] == ("The ministry of finance and Vietnam", False)
    assert termed.results[0] == ("Ministry of Finance and Vietnam", False)
    assert server.texts() == [text, "ZXQBB và Việt Nam"]
    assert len(cache) == 2


def test_numbers_urls_and_emails_come_back_intact() -> None:
    text = "Năm 2024 có 1.000.000 người, xem https://vi.wikipedia.org/wiki/Lào, thư a.b@gov.vn."
    with MTServer("google") as server:
        _, sink = run(server.url, [text])
    english = sink.results[0][0]
    for kept in ("2024", "1.000.000", "https://vi.wikipedia.org/wiki/Lào", "a.b@gov.vn"):
        assert kept in english
    assert "2024" not in server.texts()[0]  # they travelled as placeholders


def test_mangled_placeholder_falls_back_to_the_plain_text() -> None:
    with MTServer("google") as server:
        server.script(["mangle"])
        report, sink = run(server.url, ["Năm 2024 có 30 người"], workers=1)
    assert report.placeholder_fallbacks == 1
    assert server.texts() == ["Năm ZXQBB có ZXQBC người", "Năm 2024 có 30 người"]
    assert sink.results[0] == ("Year 2024 there are 30 people", False)


def test_tokenizer_artefacts_are_cleaned() -> None:
    artefacts = {"Xin chào": 'Hello , world ( the capital ) ; he said " yes " .'}
    with MTServer("google", translate=lambda text: artefacts[text]) as server:
        _, sink = run(server.url, ["Xin chào"])
    assert sink.results[0][0] == 'Hello, world (the capital); he said "yes".'


def test_long_segment_is_split_under_the_limit_and_rejoined() -> None:
    clause = "Hôm nay trời đẹp, " * 300  # 5,400 characters: over Google's 5,000
    text = clause + "xin chào thế giới."
    with MTServer("google") as server:
        _, sink = run(server.url, [text])
    sent = server.texts()
    assert len(sent) == 2 and all(len(piece) < 5000 for piece in sent)
    assert sent[0].endswith(",") and sent[1].startswith("Hôm nay")
    english = sink.results[0][0]
    assert english.count("today the weather is nice,") == 299
    assert english.endswith("hello world.")


def test_pool_is_bounded_and_concurrent() -> None:
    texts = [f"Xin chào {n}" for n in range(12)]
    with MTServer("google", delay=0.15) as server:
        # generous: a retry of a slow request would add a fifth one in flight on a loaded machine
        report, _ = run(server.url, texts, workers=4, timeout=3.0)
    assert report.translated == 12
    assert 2 <= server.max_active <= 4


def test_stop_event_keeps_finished_drafts_and_sends_nothing_new() -> None:
    stop = threading.Event()
    texts = [f"Xin chào {n}" for n in range(40)]
    sink = Sink()

    def on_result(index: int, english: str, from_cache: bool) -> None:
        sink.on_result(index, english, from_cache)
        if len(sink.results) == 3:
            stop.set()

    with MTServer("google", delay=0.05) as server:
        engine = create_engine("google", base_url=server.url, timeout=0.3)
        report = translate_all(
            engine, texts, cache=None, src="vi", tgt="en", workers=2, on_result=on_result, stop=stop
        )
        sent_at_return = len(server.requests)
        time.sleep(0.3)  # let in-flight requests land; then nothing more may be sent
        assert len(server.requests) <= sent_at_return + 2
    assert report.cancelled and report.translated == len(sink.results) >= 3
    assert report.failed == 40 - report.translated
    assert report.left_reason.endswith("left without a draft: cancelled")


def test_ctrl_c_keeps_finished_drafts() -> None:
    texts = [f"Xin chào {n}" for n in range(40)]
    sink = Sink()
    served = threading.Event()
    calls: list[str] = []

    def translate(text: str) -> str:
        calls.append(text)
        if len(calls) == 4:
            served.set()
        return text

    with MTServer("google", translate=translate, delay=0.05) as server:
        engine = create_engine("google", base_url=server.url, timeout=0.3)

        def press_ctrl_c() -> None:
            if served.wait(5):
                _thread.interrupt_main()  # what the SIGINT handler does in the main thread

        threading.Thread(target=press_ctrl_c).start()
        report = translate_all(
            engine,
            texts,
            cache=MemoryCache(),
            src="vi",
            tgt="en",
            workers=1,
            on_result=sink.on_result,
        )
        sent_at_return = len(server.requests)
        time.sleep(0.3)
        assert len(server.requests) <= sent_at_return + 1
    assert report.cancelled
    assert 3 <= report.translated == len(sink.results) < 40


def test_no_key_in_any_report_or_log(caplog: pytest.LogCaptureFixture) -> None:
    key = "libre-KEY-a81c55e0"
    caplog.set_level(logging.DEBUG)
    sink = Sink()
    with MTServer("libre", key="another-key") as server:  # refuses ours, echoing it back
        engine = create_engine("libre", api_key=key, base_url=server.url, timeout=0.3)
        report = translate_all(
            engine,
            ["Xin chào", "thế giới"],
            cache=None,
            src="vi",
            tgt="en",
            on_result=sink.on_result,
            on_failure=sink.on_failure,
        )
    assert report.unreachable and "refused the request (HTTP 403)" in report.left_reason
    refused = create_engine("libre", api_key=key, base_url=refused_url(), timeout=0.3)
    report2 = translate_all(
        refused, ["Xin chào"], cache=None, src="vi", tgt="en", on_result=sink.on_result, retry=FAST
    )
    texts = [report.left_reason, report2.left_reason, repr(report), repr(refused), caplog.text]
    texts += list(sink.failures.values())
    assert key in server.requests[0].query["api_key"]  # it was sent...
    for text in texts:
        assert key not in text  # ...and never shown
    assert "".join(traceback.format_stack()).count(key) == 0
