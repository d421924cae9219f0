"""Timeouts, response limits, retry policy and secret redaction for deep-translator's HTTP.

deep-translator calls the module-level `requests.get/post` with no timeout and offers no way to
pass a session, so the only place to add a timeout is `requests.Session.request`, which those
functions go through. We wrap it, but only for the thread that is inside `engine_requests()`:
the wrapper looks up a thread-local exchange log and passes every other call through untouched,
and it is installed only while at least one engine request is in flight (a reference count), so
code outside the engines never sees a changed `requests`. Alternatives were worse: patching
`deep_translator.<module>.requests` would still be process-wide and would have to proxy the
whole `requests` namespace deep-translator uses (exceptions included); a thread-local without
the reference count would leave a permanent patch.

Inside a scope every request gets (connect, read) timeouts, its body is read with a size cap
and an overall deadline (a server that drips bytes defeats a per-read timeout), and what
happened (status, body, failure kind) is logged so the adapter can classify the outcome even
when deep-translator swallows or mangles the error.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, quote_plus, urlsplit

import requests
from urllib3.exceptions import HTTPError, NameResolutionError, ReadTimeoutError

MAX_RESPONSE_BYTES = 4 * 1024 * 1024  # no translation response is anywhere near this


@dataclass
class Exchange:
    """One HTTP request made inside a scope, as far as it got."""

    host: str  # host[:port] only: paths and queries may carry keys
    status: int | None = None
    failure: str = ""  # "", "timeout", "connection", "transport", "too-large"
    detail: str = ""  # fixed phrases only, never exception text (it can quote the URL)
    retry_after: float | None = None
    body: bytes = b""
    encoding: str = "utf-8"

    def text(self) -> str:
        """The body decoded leniently: a garbled body must classify, not crash."""
        return self.body.decode(self.encoding or "utf-8", errors="replace")


@dataclass
class ExchangeLog:
    """The requests one engine call made, in order."""

    timeout: float
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def last(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None


@dataclass(frozen=True)
class RetryPolicy:
    """How the runner retries one request and when it gives up on the engine.

    `tries` bounds attempts per request (429, 5xx, timeouts, refused connections). Backoff is
    exponential with "equal jitter" (half fixed, half random) so parallel workers that failed
    together do not retry together. `unreachable_after` consecutive connection failures, or
    twice as many consecutive timeouts, mark the engine unreachable for the rest of the run;
    timeouts get more slack because a slow provider is more often busy than gone.
    """

    tries: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 30.0
    unreachable_after: int = 4

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait before retry number `attempt + 1` (attempt counts from 0)."""
        ceiling = min(self.max_delay, self.base_delay * 2.0**attempt)
        wait = ceiling / 2 + rng.uniform(0, ceiling / 2)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.max_retry_after))
        return wait


# --- the scoped wrapper around requests.Session.request ---------------------------------------

_local = threading.local()
_install_lock = threading.Lock()
_active_scopes = 0
_original_request: Callable[..., requests.Response] | None = None


@contextmanager
def engine_requests(timeout: float) -> Iterator[ExchangeLog]:
    """Within the block, this thread's `requests` calls get `timeout` and are logged."""
    log = ExchangeLog(timeout=timeout)
    _acquire()
    previous = getattr(_local, "log", None)
    _local.log = log
    try:
        yield log
    finally:
        _local.log = previous
        _release()


def _acquire() -> None:
    global _active_scopes, _original_request
    with _install_lock:
        if _active_scopes == 0 and requests.Session.request is not _scoped_request:
            _original_request = requests.Session.request
            requests.Session.request = _scoped_request  # type: ignore[method-assign]
        _active_scopes += 1


def _release() -> None:
    global _active_scopes
    with _install_lock:
        _active_scopes -= 1
        # Someone may have wrapped Session.request after us; then removing ours would drop
        # theirs, so we stay (harmlessly: outside a scope the wrapper only passes through).
        if _active_scopes == 0 and requests.Session.request is _scoped_request:
            requests.Session.request = _original_request  # type: ignore[method-assign,assignment]


def _scoped_request(
    self: requests.Session, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
) -> requests.Response:
    original = _original_request
    assert original is not None  # set before the wrapper is installed
    log: ExchangeLog | None = getattr(_local, "log", None)
    if log is None or args or getattr(_local, "busy", False):
        return original(self, method, url, *args, **kwargs)
    _local.busy = True  # a nested wrapper (re-installed under someone else's) must not log twice
    try:
        return _logged_request(original, log, self, method, url, kwargs)
    finally:
        _local.busy = False


def _logged_request(
    original: Callable[..., requests.Response],
    log: ExchangeLog,
    session: requests.Session,
    method: str | bytes,
    url: str | bytes,
    kwargs: dict[str, Any],
) -> requests.Response:
    text_url = url.decode("utf-8", "replace") if isinstance(url, bytes) else url
    exchange = Exchange(host=urlsplit(text_url).netloc.rpartition("@")[2])
    log.exchanges.append(exchange)
    if kwargs.get("timeout") is None:
        kwargs["timeout"] = (log.timeout, log.timeout)
    kwargs["stream"] = True  # we read the body ourselves, under a cap and a deadline
    deadline = time.monotonic() + 2 * log.timeout
    try:
        response = original(session, method, url, **kwargs)
    except requests.exceptions.ConnectTimeout:
        exchange.failure, exchange.detail = "connection", "connect timed out"
        raise
    except requests.exceptions.Timeout:
        exchange.failure, exchange.detail = "timeout", "no answer in time"
        raise
    except requests.exceptions.ConnectionError as exc:
        exchange.failure, exchange.detail = "connection", _connection_detail(exc)
        raise
    except requests.exceptions.RequestException:
        exchange.failure, exchange.detail = "transport", "request failed"
        raise
    exchange.status = response.status_code
    exchange.retry_after = parse_retry_after(response.headers.get("Retry-After"))
    exchange.encoding = response.encoding or "utf-8"
    exchange.body = _read_body(response, exchange, deadline)
    response._content = exchange.body
    response._content_consumed = True  # type: ignore[attr-defined]
    return response


def _read_body(response: requests.Response, exchange: Exchange, deadline: float) -> bytes:
    """The whole body, or an exception once it passes MAX_RESPONSE_BYTES or the deadline.

    `read1` returns whatever has arrived, so the deadline is checked while a slow server drips
    bytes; a plain `read(n)` (what `iter_content` does) would block until n bytes arrive.
    """
    read1 = getattr(response.raw, "read1", None)
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if read1 is not None:
                chunk = read1(64 * 1024, decode_content=True)
            else:  # urllib3 < 2: no read1; the deadline is then only checked between reads
                chunk = response.raw.read(64 * 1024, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                exchange.failure, exchange.detail = "too-large", "response larger than 4 MB"
                raise requests.exceptions.ContentDecodingError("response too large")
            if time.monotonic() > deadline:
                exchange.failure, exchange.detail = "timeout", "response too slow"
                raise requests.exceptions.ReadTimeout("response too slow")
            chunks.append(chunk)
    except ReadTimeoutError:
        exchange.failure, exchange.detail = "timeout", "no answer in time"
        response.close()
        raise requests.exceptions.ReadTimeout("read timed out") from None
    except requests.exceptions.RequestException:  # ours, above (some are also urllib3's)
        response.close()
        raise
    except HTTPError:  # urllib3's: broken connection, bad chunking, bad gzip
        exchange.failure, exchange.detail = "transport", "connection broken mid-response"
        response.close()
        raise requests.exceptions.ConnectionError("connection broken mid-response") from None
    return b"".join(chunks)


def _connection_detail(exc: requests.exceptions.ConnectionError) -> str:
    reason: object = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    if isinstance(reason, NameResolutionError):
        return "host name not found"
    if "refused" in str(reason).lower():
        return "connection refused"
    if "reset" in str(reason).lower() or "aborted" in str(reason).lower():
        return "connection reset"
    return "cannot connect"


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


# --- secrets ----------------------------------------------------------------------------------

_secrets: set[str] = set()
_secrets_lock = threading.Lock()
MIN_SECRET_LENGTH = 4  # redacting shorter strings would shred ordinary words


def register_secret(secret: str) -> None:
    """Remember a key so `redact` and the urllib3 log filter hide it from now on."""
    if len(secret) < MIN_SECRET_LENGTH:
        return
    with _secrets_lock:
        _secrets.update({secret, quote(secret, safe=""), quote_plus(secret)})
    _install_log_filter()


def redact(text: str) -> str:
    """`text` with every registered secret (plain or URL-encoded) replaced by `***`."""
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "***")
    return text


class _RedactingFilter(logging.Filter):
    """urllib3 logs request lines at DEBUG, query strings (and so some keys) included."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_log_filter = _RedactingFilter()


def _install_log_filter() -> None:
    for name in ("urllib3.connectionpool", "urllib3.util.retry"):
        logger = logging.getLogger(name)
        if _log_filter not in logger.filters:
            logger.addFilter(_log_filter)
