"""A FAKE, fault-injecting OpenAI-compatible server for tests. Never a real model.

Every LLM reply in here is synthetic: the tests script what the "model" says, or
how the "server" fails, request by request. It is a real HTTP server (stdlib
``ThreadingHTTPServer`` in a daemon thread) on 127.0.0.1 and a free port, so the
whole client stack runs for real: openai SDK -> httpx2 -> our RetryTransport.

    with FakeOpenAIServer() as fake:
        fake.script(Status(503), Completion(draft_json))   # first 503, then a reply
        Summarizer(backend="compatible", base_url=fake.url, model="fake").summarize(text)
        assert fake.count == 2

The script is consumed one behaviour per request to ``/v1/chat/completions``; the
last behaviour repeats once the script runs out (so ``script(Status(500))`` is a
server that always fails). Every request is recorded (path, headers, JSON body).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# ---------------------------------------------------------------------------
# Behaviours: what the fake does with one request
# ---------------------------------------------------------------------------


class Behaviour:
    """One scripted reaction to one request."""

    def respond(self, handler: _Handler, request: RecordedRequest) -> None:  # pragma: no cover
        raise NotImplementedError


@dataclass
class Status(Behaviour):
    """Any HTTP status with an OpenAI-style error body (or ``body`` verbatim)."""

    code: int
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    message: str = ""

    def respond(self, handler: _Handler, request: RecordedRequest) -> None:
        body = self.body
        if body is None:
            body = {
                "error": {
                    "message": self.message or f"fake server says {self.code}",
                    "type": "fake_error",
                    "code": self.code,
                }
            }
        handler.send_body(self.code, body, self.headers)


@dataclass
class Raw(Behaviour):
    """A 200 (or other) with exactly this body: for invalid JSON at the HTTP level."""

    body: bytes | str
    code: int = 200
    content_type: str = "application/json"

    def respond(self, handler: _Handler, request: RecordedRequest) -> None:
        handler.send_body(self.code, self.body, {"Content-Type": self.content_type})


@dataclass
class Completion(Behaviour):
    """A chat completion whose message content is ``content`` (a str, or a dict dumped to JSON)."""

    content: Any = None
    finish_reason: str = "stop"
    choices: list[Any] | None = None  # override the whole list (e.g. [] for "no choices")
    delay: float = 0.0

    def respond(self, handler: _Handler, request: RecordedRequest) -> None:
        if self.delay:
            handler.server_stopping.wait(self.delay)
        handler.send_body(200, completion_body(self.content, self.finish_reason, self.choices, request))


@dataclass
class Dynamic(Behaviour):
    """Build the behaviour from the request (e.g. answer a chunk with a draft quoting it)."""

    make: Callable[[RecordedRequest], Behaviour]

    def respond(self, handler: _Handler, request: RecordedRequest) -> None:
        self.make(request).respond(handler, request)


@dataclass
class Reset(Behaviour):
    """Send the headers and part of the body, then reset the connection (TCP RST)."""

    content: Any = None
    fraction: float = 0.3

    def respond(self, handler: _Handler, request: RecordedRequest) -> None:
        data = _encode(completion_body(self.content, "stop", None, request))
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[: max(1, int(len(data) * self.fraction))])
        handler.wfile.flush()
        handler.abort_connection()


@dataclass
class Hang(Behaviour):
    """Accept the request and never answer (until the server stops)."""

    def respond(self, handler: _Handler, request: RecordedRequest) -> None:
        handler.server_stopping.wait(60)
        handler.close_connection = True


@dataclass
class Drip(Behaviour):
    """A valid completion whose bytes trickle out: ``chunk`` bytes every ``interval`` seconds."""

    content: Any = None
    chunk: int = 64
    interval: float = 0.05

    def respond(self, handler: _Handler, request: RecordedRequest) -> None:
        data = _encode(completion_body(self.content, "stop", None, request))
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.flush()
        for start in range(0, len(data), self.chunk):
            if handler.server_stopping.wait(self.interval):
                return
            try:
                handler.wfile.write(data[start : start + self.chunk])
                handler.wfile.flush()
            except OSError:  # the client gave up
                handler.close_connection = True
                return

    def duration(self, content_length: int) -> float:
        return -(-content_length // self.chunk) * self.interval


def completion_body(
    content: Any, finish_reason: str = "stop", choices: list[Any] | None = None, request: RecordedRequest | None = None
) -> dict[str, Any]:
    """An OpenAI chat.completion object around ``content``."""
    if not isinstance(content, str):
        content = json.dumps(content)
    model = (request.json or {}).get("model", "fake") if request is not None else "fake"
    if choices is None:
        choices = [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ]
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": choices,
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }


def _encode(body: Any) -> bytes:
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    return json.dumps(body).encode("utf-8")


# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def json(self) -> dict[str, Any] | None:
        try:
            value = json.loads(self.body or b"null")
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    @property
    def user_content(self) -> str:
        """The last user message (the article, or a re-ask)."""
        messages = (self.json or {}).get("messages") or []
        for message in reversed(messages):
            if message.get("role") == "user":
                return str(message.get("content") or "")
        return ""

    @property
    def first_user_content(self) -> str:
        messages = (self.json or {}).get("messages") or []
        for message in messages:
            if message.get("role") == "user":
                return str(message.get("content") or "")
        return ""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    @property
    def server_stopping(self) -> threading.Event:
        return self.server.fake.stopping

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = RecordedRequest("POST", self.path, dict(self.headers.items()), body, time.monotonic())
        fake = self.server.fake
        if not self.path.rstrip("/").endswith("/chat/completions"):
            fake.other_requests.append(request)
            self.send_body(404, {"error": {"message": f"fake server: no route {self.path}"}})
            return
        fake._record(request).respond(self, request)

    def do_GET(self) -> None:
        self.server.fake.other_requests.append(
            RecordedRequest("GET", self.path, dict(self.headers.items()), b"", time.monotonic())
        )
        self.send_body(404, {"error": {"message": f"fake server: no route {self.path}"}})

    def send_body(self, code: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = _encode(body)
        self.send_response(code)
        headers = {"Content-Type": "application/json", **(headers or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    def abort_connection(self) -> None:
        """Close with SO_LINGER 0: the peer sees a reset, not a clean end of stream."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeOpenAIServer


class FakeOpenAIServer:
    """The fake server. Use as a context manager (or ``start``/``stop``)."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.other_requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self._script: list[Behaviour] = []
        self._lock = threading.Lock()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting -----------------------------------------------------------

    def script(self, *behaviours: Behaviour) -> FakeOpenAIServer:
        """Replace the script; the last behaviour repeats when the script runs out."""
        if not behaviours:
            raise ValueError("script needs at least one behaviour")
        with self._lock:
            self._script = list(behaviours)
            self.requests.clear()
            self.other_requests.clear()
        return self

    def _record(self, request: RecordedRequest) -> Behaviour:
        with self._lock:
            self.requests.append(request)
            if not self._script:
                return Status(500, message="fake server: no script")
            return self._script.pop(0) if len(self._script) > 1 else self._script[0]

    @property
    def count(self) -> int:
        return len(self.requests)


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
