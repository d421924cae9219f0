"""Local HTTP servers that speak MT providers' protocols, for tests and the draft benchmark.

Each server answers the requests deep-translator's real classes make (paths, parameters,
headers, body shapes taken from deep-translator 1.11.4's code and the providers' API docs),
checks the language codes and credentials it receives, and "translates" with a small
Vietnamese→English lexicon that, like real engines, leaves unknown tokens (placeholders,
names) alone. A script of actions makes it misbehave on chosen requests: "429", "500",
"hang", "malformed", "unauthorized", "mangle", "quota".
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LEXICON = {
    "xin chào": "hello",
    "thế giới": "world",
    "hôm nay": "today",
    "trời": "the weather",
    "đẹp": "is nice",
    "tôi": "I",
    "thích": "like",
    "bộ tài chính": "the ministry of finance",
    "người": "people",
    "có": "there are",
    "tổng bí thư": "General Secretary",
    "và": "and",
    "của": "of",
    "việt nam": "Vietnam",
    "lào": "Laos",
    "năm": "year",
    "đồng": "dong",
    "trang web": "the website",
    "thư": "mail",
    "gửi": "send",
    "đến": "to",
    "tại": "at",
    "cuộc gặp": "the meeting",
    "hai nước": "the two countries",
    "hợp tác": "cooperation",
}
_LEXICON_RE = re.compile(
    r"(?<!\w)(" + "|".join(map(re.escape, sorted(LEXICON, key=len, reverse=True))) + r")(?!\w)",
    re.IGNORECASE,
)


def lexicon_translate(text: str) -> str:
    """Replace known Vietnamese phrases with English; everything else passes through."""
    return _LEXICON_RE.sub(lambda match: LEXICON[match.group().lower()], text)


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    form: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Protocol:
    """One provider's wire format."""

    path: str
    text_of: Callable[[Recorded], str | None]
    languages_ok: Callable[[Recorded], bool]
    key_of: Callable[[Recorded], str]
    render: Callable[[str, Recorded], tuple[int, str, str]]  # (status, content type, body)
    error: Callable[[int, str], tuple[int, str, str]]  # (action status, echoed key)
    malformed: tuple[str, str]  # (content type, body)


def _json(status: int, data: object) -> tuple[int, str, str]:
    return status, "application/json", json.dumps(data, ensure_ascii=False)


def _error_json(status: int, key: str) -> tuple[int, str, str]:
    return _json(status, {"error": f"request failed; key used: {key}"})


def _first_json_text(record: Recorded) -> str | None:
    try:
        return str(json.loads(record.body)[0]["text"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _baidu_key(record: Recorded) -> str:
    return record.query.get("appid", "")


PROTOCOLS: dict[str, Protocol] = {
    "google": Protocol(
        path="/m",
        text_of=lambda r: r.query.get("q"),
        languages_ok=lambda r: r.query.get("sl") == "vi" and r.query.get("tl") == "en",
        key_of=lambda r: "",
        render=lambda t, r: (
            200,
            "text/html; charset=utf-8",
            f'<html><body><div class="result-container">{html.escape(t)}</div></body></html>',
        ),
        error=lambda s, k: (s, "text/html", "<html><body>Error</body></html>"),
        malformed=("text/html", "<html><body><p>We're sorry...</p></body></html>"),
    ),
    "mymemory": Protocol(
        path="/get",
        text_of=lambda r: r.query.get("q"),
        languages_ok=lambda r: r.query.get("langpair") == "vi-VN|en-US",
        key_of=lambda r: "",
        render=lambda t, r: _json(
            200,
            {
                "responseData": {"translatedText": t, "match": 0.85},
                "responseStatus": 200,
                "matches": [{"translation": t, "quality": "74"}],
            },
        ),
        error=lambda s, k: _json(s, {"responseStatus": s, "responseDetails": "error"}),
        malformed=("application/json", '{"responseData": null}'),
    ),
    "libre": Protocol(
        path="/translate",
        text_of=lambda r: r.query.get("q"),
        languages_ok=lambda r: r.query.get("source") == "vi" and r.query.get("target") == "en",
        key_of=lambda r: r.query.get("api_key", ""),
        render=lambda t, r: _json(200, {"translatedText": t}),
        error=_error_json,
        malformed=("application/json", "[]"),
    ),
    "microsoft": Protocol(
        path="/translate",
        text_of=_first_json_text,
        languages_ok=lambda r: (
            r.query.get("from") == "vi"
            and r.query.get("to") == "en"
            and r.query.get("api-version") == "3.0"
        ),
        key_of=lambda r: r.headers.get("Ocp-Apim-Subscription-Key", ""),
        render=lambda t, r: _json(200, [{"translations": [{"text": t, "to": "en"}]}]),
        error=lambda s, k: _json(
            s, {"error": {"code": s * 1000, "message": f"credentials invalid: {k}"}}
        ),
        malformed=("application/json", '[{"translations": []}]'),
    ),
    "yandex": Protocol(
        path="/api/v1.5/tr.json/translate",
        text_of=lambda r: r.form.get("text"),
        languages_ok=lambda r: r.form.get("lang") == "vi-en",
        key_of=lambda r: r.form.get("key", ""),
        render=lambda t, r: _json(200, {"code": 200, "lang": "vi-en", "text": [t]}),
        error=lambda s, k: _json(s, {"code": s, "message": f"API key is invalid: {k}"}),
        malformed=("application/json", '{"code": 200}'),
    ),
    "baidu": Protocol(
        path="/api/trans/vip/translate",
        text_of=lambda r: r.query.get("q"),
        languages_ok=lambda r: r.query.get("from") == "vie" and r.query.get("to") == "en",
        key_of=_baidu_key,
        render=lambda t, r: _json(
            200, {"from": "vie", "to": "en", "trans_result": [{"src": r.query["q"], "dst": t}]}
        ),
        error=lambda s, k: _json(
            200,
            {"error_code": {429: "54003", 500: "52002"}.get(s, "54001"), "error_msg": f"{k}"},
        ),
        malformed=("application/json", '{"from": "vie", "to": "en"}'),
    ),
    "papago": Protocol(
        path="/v1/papago/n2mt",
        text_of=lambda r: r.form.get("text"),
        languages_ok=lambda r: r.form.get("source") == "vi" and r.form.get("target") == "en",
        key_of=lambda r: r.headers.get("X-Naver-Client-Id", ""),
        render=lambda t, r: _json(
            200, {"message": {"result": {"srcLangType": "vi", "translatedText": t}}}
        ),
        error=lambda s, k: _json(s, {"errorMessage": f"Authentication failed: {k}"}),
        malformed=("application/json", '{"message": {}}'),
    ),
}


class MTServer:
    """A provider-protocol server on 127.0.0.1 with a random port; use as a context manager."""

    def __init__(
        self,
        protocol: str,
        *,
        translate: Callable[[str], str] = lexicon_translate,
        delay: float = 0.0,
        key: str = "",
        secret: str = "",
        hang_seconds: float = 1.0,
    ) -> None:
        self.protocol = PROTOCOLS[protocol]
        self.name = protocol
        self.translate = translate
        self.delay = delay
        self.key = key  # expected key (or Baidu APPID / Papago client id); "" accepts any
        self.secret = secret  # Baidu APPKEY (to check the signature) or Papago secret
        self.hang_seconds = hang_seconds
        self.actions: deque[str] = deque()
        self.requests: list[Recorded] = []
        self.serve_limit: int | None = None  # close the listening socket after this many
        self.active = 0
        self.max_active = 0  # most requests handled at the same time
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.owner = self  # type: ignore[attr-defined]
        # A short poll interval: shutdown() waits for it, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._closed = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def script(self, actions: Iterable[str]) -> None:
        """Actions for the next requests, in order; "ok" once they run out."""
        with self._lock:
            self.actions.extend(actions)

    def texts(self) -> list[str]:
        """The texts received, in arrival order."""
        with self._lock:
            return [self.protocol.text_of(r) or "" for r in self.requests]

    def __enter__(self) -> MTServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._server.shutdown()
        self._server.server_close()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        parsed = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        record = Recorded(
            method=handler.command,
            path=parsed.path,
            query={k: v[0] for k, v in parse_qs(parsed.query, keep_blank_values=True).items()},
            headers=dict(handler.headers.items()),
            body=body,
        )
        if "form-urlencoded" in handler.headers.get("Content-Type", "") or (
            body and not body.startswith(b"[")
        ):
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            record.form = {k: v[0] for k, v in form.items()}
        with self._lock:
            self.requests.append(record)
            served = len(self.requests)
            action = self.actions.popleft() if self.actions else "ok"
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            self._answer(handler, record, action)
        finally:
            with self._lock:
                self.active -= 1
            if self.serve_limit is not None and served >= self.serve_limit:
                threading.Thread(target=self.close, daemon=True).start()

    def _answer(self, handler: BaseHTTPRequestHandler, record: Recorded, action: str) -> None:
        proto = self.protocol
        if self.delay:
            time.sleep(self.delay)
        if action == "hang":
            time.sleep(self.hang_seconds)
        if record.path != proto.path:
            return _send(handler, 404, "text/plain", "no such path")
        text = proto.text_of(record)
        if text is None or not proto.languages_ok(record):
            return _send(handler, 400, "application/json", '{"error": "bad request"}')
        received_key = proto.key_of(record)
        if action == "unauthorized" or not self._authorized(record, received_key):
            return _send(handler, *proto.error(401 if self.name != "libre" else 403, received_key))
        if action in ("429", "500"):
            status, ctype, body = proto.error(int(action), received_key)
            return _send(handler, status, ctype, body, retry_after="0")
        if action == "malformed":
            return _send(handler, 200, *proto.malformed)
        if action == "quota":  # MyMemory's daily quota: HTTP 200, status in the body
            return _send(
                handler,
                *_json(
                    200,
                    {
                        "responseData": {"translatedText": "MYMEMORY WARNING: YOU USED ALL"},
                        "responseStatus": 429,
                    },
                ),
            )
        translation = self.translate(text)
        if action == "mangle":  # an engine that "corrects" a placeholder away
            translation = re.sub(r"(?i)zxq", "Zeke ", translation, count=1)
        _send(handler, *proto.render(translation, record))

    def _authorized(self, record: Recorded, received_key: str) -> bool:
        if not self.key:
            return True
        if self.name == "baidu":
            q, salt, sign = (record.query.get(k, "") for k in ("q", "salt", "sign"))
            expected = hashlib.md5((self.key + q + salt + self.secret).encode()).hexdigest()
            return received_key == self.key and sign == expected
        if self.name == "papago":
            return received_key == self.key and (
                record.headers.get("X-Naver-Client-Secret") == self.secret
            )
        return received_key == self.key


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.owner.handle(self)  # type: ignore[attr-defined]

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


def _send(
    handler: BaseHTTPRequestHandler,
    status: int,
    ctype: str,
    body: str,
    retry_after: str | None = None,
) -> None:
    data = body.encode("utf-8")
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(data)))
        if retry_after is not None:
            handler.send_header("Retry-After", retry_after)
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client timed out and went away; that is the point of "hang"


def refused_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
