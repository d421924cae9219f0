"""The scoped timeout wrapper around requests, the response limits, retry policy, redaction."""

from __future__ import annotations

import logging
import random
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from mt_servers import MTServer
from tmbuilder.engines.transport import (
    MAX_RESPONSE_BYTES,
    RetryPolicy,
    engine_requests,
    parse_retry_after,
    redact,
    register_secret,
)

ORIGINAL_REQUEST = requests.Session.request


def test_requests_is_untouched_outside_a_scope() -> None:
    assert requests.Session.request is ORIGINAL_REQUEST
    with engine_requests(1.0):
        assert requests.Session.request is not ORIGINAL_REQUEST
    assert requests.Session.request is ORIGINAL_REQUEST


def test_scope_gives_a_timeout_to_requests_that_have_none() -> None:
    with MTServer("google", hang_seconds=2.0) as server:
        server.script(["hang"])
        with engine_requests(0.2) as log, pytest.raises(requests.exceptions.ReadTimeout):
            requests.get(server.url + "/m", params={"q": "x", "sl": "vi", "tl": "en"})
    assert log.last is not None and log.last.failure == "timeout"


def test_other_threads_are_not_affected_by_a_scope() -> None:
    """While thread A is in a scope, thread B's request waits as long as the server takes."""
    with MTServer("google", hang_seconds=0.5) as server:
        entered, done = threading.Event(), threading.Event()

        def hold_scope() -> None:
            with engine_requests(0.05):
                entered.set()
                done.wait(5)

        holder = threading.Thread(target=hold_scope)
        holder.start()
        entered.wait(5)
        server.script(["hang"])
        try:
            response = requests.get(server.url + "/m", params={"q": "x", "sl": "vi", "tl": "en"})
        finally:
            done.set()
            holder.join()
    assert response.status_code == 200  # no 0.05 s timeout leaked into this thread


def test_log_records_status_body_and_retry_after() -> None:
    with MTServer("google") as server:
        server.script(["429"])
        with engine_requests(1.0) as log:
            requests.get(server.url + "/m", params={"q": "x", "sl": "vi", "tl": "en"})
            response = requests.get(server.url + "/m", params={"q": "x", "sl": "vi", "tl": "en"})
    assert [e.status for e in log.exchanges] == [429, 200]
    assert log.exchanges[0].retry_after == 0.0
    assert 'class="result-container"' in log.exchanges[1].text()
    assert response.text == log.exchanges[1].text()  # the body is still there for the caller
    assert log.exchanges[1].host == server.url.removeprefix("http://")


@pytest.fixture
def drip_server() -> Iterator[str]:
    """Sends headers, then one body byte every 0.05 s for ~3 s: no single read times out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 60\r\n\r\n")
            try:
                for _ in range(60):
                    conn.sendall(b"x")
                    time.sleep(0.05)
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    listener.close()


def test_a_dripping_response_hits_the_overall_deadline(drip_server: str) -> None:
    with engine_requests(0.2) as log, pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(drip_server)
    assert log.last is not None and log.last.detail == "response too slow"


def test_response_size_is_capped() -> None:
    with (
        MTServer("google", translate=lambda t: "y" * (MAX_RESPONSE_BYTES + 1)) as server,
        engine_requests(2.0) as log,
        pytest.raises(requests.exceptions.RequestException),
    ):
        requests.get(server.url + "/m", params={"q": "x", "sl": "vi", "tl": "en"})
    assert log.last is not None and log.last.failure == "too-large"


@given(
    attempt=st.integers(min_value=0, max_value=30),
    retry_after=st.none() | st.floats(min_value=0, max_value=1e6),
    seed=st.integers(),
)
def test_backoff_is_bounded_and_grows(attempt: int, retry_after: float | None, seed: int) -> None:
    policy = RetryPolicy()
    delay = policy.delay(attempt, retry_after, random.Random(seed))
    ceiling = min(policy.max_delay, policy.base_delay * 2**attempt)
    assert ceiling / 2 <= delay
    assert delay <= max(ceiling, min(retry_after or 0.0, policy.max_retry_after))


def test_retry_after_forms() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past


def test_redaction_covers_encoded_forms_and_urllib3_logs(caplog: pytest.LogCaptureFixture) -> None:
    secret = "s3cr3t/key+with=chars"
    register_secret(secret)
    assert redact(f"a {secret} b") == "a *** b"
    assert redact("key=s3cr3t%2Fkey%2Bwith%3Dchars") == "key=***"
    caplog.set_level(logging.DEBUG)
    logging.getLogger("urllib3.connectionpool").debug('"GET /x?api_key=%s HTTP/1.1"', secret)
    assert secret not in caplog.text and "api_key=***" in caplog.text
