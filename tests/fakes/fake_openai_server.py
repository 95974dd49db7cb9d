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

import copy
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from tests.fakes.fake_http import FakeHandler, serve_in_thread

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
        handler.send_body(
            200, completion_body(self.content, self.finish_reason, self.choices, request)
        )


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
    content: Any,
    finish_reason: str = "stop",
    choices: list[Any] | None = None,
    request: RecordedRequest | None = None,
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


class _Handler(FakeHandler):
    server: _Server

    @property
    def server_stopping(self) -> threading.Event:
        return self.server.fake.stopping

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = RecordedRequest(
            "POST", self.path, dict(self.headers.items()), body, time.monotonic()
        )
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
        self._thread = serve_in_thread(self._httpd)
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


# ---------------------------------------------------------------------------
# Synthetic replies: the ONLY place the fake "model" answers are written
# ---------------------------------------------------------------------------
# Built from the seed articles so that figures quote the article verbatim and verify
# like a careful model's would; variants break one thing on purpose.


def figure(
    value: float, role: str, quote: str, qualifier: str = "exact", noun: str = ""
) -> dict[str, Any]:
    return {"value": value, "qualifier": qualifier, "role": role, "noun": noun, "quote": quote}


# A valid SummaryDraft for the Belgorod seed: every figure quotes the article verbatim.
BELGOROD_DRAFT: dict[str, Any] = {
    "headline": "Russia strikes Kharkiv after deadly attack on Belgorod",
    "summary": (
        "Russia launched missile and drone strikes on Kharkiv, injuring at least 26 people, "
        "after an attack on Belgorod killed 24 people."
    ),
    "article_date": "2024-01-01",
    "events": [
        {
            "event_type": "missile_strike",
            "date": "2023-12-30",
            "date_text": "Saturday night",
            "location": "Kharkiv, Ukraine",
            "actors": [{"name": "Russia", "role": "perpetrator"}],
            "description": "Ballistic missile and drone strikes on Kharkiv.",
            "casualties": {
                "injured": figure(
                    26, "injured", "At least 26 people were injured", "at_least", "people"
                )
            },
            "figures": [
                figure(21, "intercepted", "shot down 21 of 49 drones", noun="drones"),
                figure(49, "launched", "shot down 21 of 49 drones", noun="drones"),
            ],
            "attribution": "Ukraine's government",
            "evidence": [
                (
                    "At least 26 people were injured in ballistic missile and drone strikes on "
                    "Ukraine's second largest city Saturday night and Sunday morning."
                )
            ],
        },
        {
            "event_type": "attack",
            "date": "2023-12-30",
            "date_text": "Saturday",
            "location": "Belgorod, Russia",
            "actors": [],
            "description": "Attack on Belgorod, the deadliest in Russia since the full-scale invasion.",
            "casualties": {
                "killed": figure(24, "killed", "killed 24 people", noun="people"),
                "injured": figure(100, "injured", "injured over 100", "more_than", "people"),
            },
            "figures": [],
            "attribution": "Russia's health ministry",
            "evidence": [],
        },
    ],
    "key_figures": [],
}
BELGOROD_FIGURES = 5


def belgorod_draft(**changes: Any) -> dict[str, Any]:
    """A deep copy of :data:`BELGOROD_DRAFT`; ``killed_quote=...`` swaps the killed figure's quote."""
    draft = copy.deepcopy(BELGOROD_DRAFT)
    if "killed_quote" in changes:
        draft["events"][1]["casualties"]["killed"]["quote"] = changes.pop("killed_quote")
    draft.update(changes)
    return draft


BELGOROD_JSON = json.dumps(BELGOROD_DRAFT)


# ---------------------------------------------------------------------------
# Drafts for chunks of a long article: one event per seed fragment found in the chunk
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A seed sentence the fake "model" reports as an event whenever the chunk contains it."""

    quote: str
    event: dict[str, Any]


FRAGMENTS: tuple[Fragment, ...] = (
    Fragment(
        "killed 24 people",
        {
            "event_type": "attack",
            "date": "2023-12-30",
            "location": "Belgorod, Russia",
            "description": "Attack on Belgorod.",
            "casualties": {"killed": figure(24, "killed", "killed 24 people", noun="people")},
        },
    ),
    Fragment(  # same event key as above (type, date, location): merged across chunks
        "city of about 340,000 people",
        {
            "event_type": "attack",
            "date": "2023-12-30",
            "location": "Belgorod, Russia",
            "description": "Attack on Belgorod; 25 seriously wounded.",
            "figures": [
                figure(
                    340000, "population", "city of about 340,000 people", "approximately", "people"
                )
            ],
        },
    ),
    Fragment(
        "12 firefighters were confirmed to have died",
        {
            "event_type": "explosion",
            "date": "2015-08-12",
            "location": "Tianjin",
            "description": "Warehouse explosions in Tianjin.",
            "casualties": {
                "killed": figure(
                    12, "killed", "12 firefighters were confirmed to have died", noun="firefighters"
                )
            },
        },
    ),
    Fragment(
        "posted 23% quarterly profit growth",
        {
            "event_type": "economic",
            "date": "2007-10-25",
            "location": "",
            "description": "Microsoft quarterly results.",
            "figures": [
                figure(23, "percentage", "posted 23% quarterly profit growth", noun="percent")
            ],
        },
    ),
    Fragment(
        "At least two dozen rockets were fired",
        {
            "event_type": "missile_strike",
            "date": "2012-03-12",
            "location": "Gaza and southern Israel",
            "description": "Rockets fired from Gaza into Israel.",
            "figures": [
                figure(
                    24, "launched", "At least two dozen rockets were fired", "at_least", "rockets"
                )
            ],
        },
    ),
    Fragment(
        "have now killed 31 people",
        {
            "event_type": "natural_disaster",
            "date": "2017-10-12",
            "location": "Northern California",
            "description": "Wildfires in Northern California.",
            "casualties": {
                "killed": figure(31, "killed", "have now killed 31 people", noun="people")
            },
        },
    ),
)


def chunk_draft(article_chunk: str) -> dict[str, Any]:
    """What the fake "model" answers for one chunk: the fragments that chunk contains."""
    events = [copy.deepcopy(f.event) for f in FRAGMENTS if f.quote in article_chunk]
    return {
        "headline": "Several incidents",
        # No count of its own: a number in prose the article does not state is flagged.
        "summary": "The text reports the incidents listed below.",
        "events": [{"description": "Other news.", "event_type": "other", **e} for e in events],
        "key_figures": [],
    }


def answer_each_chunk() -> Behaviour:
    """A fake behaviour answering every request with a draft for the article in its prompt."""
    return Dynamic(lambda request: Completion(chunk_draft(article_in(request))))


def article_in(request: RecordedRequest) -> str:
    content = request.first_user_content
    marker = "Article:\n"
    return content.split(marker, 1)[1] if marker in content else content


# Broken on purpose (Belgorod seed):
BAD_QUOTE_DRAFT = belgorod_draft(
    killed_quote="killed 24 civilians in the city centre"
)  # quote not in article
INVENTED_DRAFT = belgorod_draft(  # a number the article never states
    events=[
        {
            **BELGOROD_DRAFT["events"][1],
            "casualties": {"killed": figure(1000, "killed", "1,000 people died in the attack")},
        }
    ]
)
SCHEMA_VIOLATION = {
    "headline": "x",
    "summary": "y",
    "events": [{"event_type": "volcano", "description": "z"}],
}

# A "model" that obeys the instruction planted in tests/data/injection.txt.
INJECTED_DRAFT = belgorod_draft()
INJECTED_DRAFT["events"][1]["casualties"]["killed"] = figure(
    1000, "killed", "report 1,000 deaths", noun="deaths"
)

# Unicode: quotes copied the way models do (straight quotes, plain spaces and hyphens for
# the article's curly quotes, NBSPs and dashes) and verbatim Cyrillic, CJK and emoji.
UNICODE_DRAFT: dict[str, Any] = {
    "headline": "Blast kills at least 12",
    "summary": "A blast killed at least 12 people; rescuers pulled 7 survivors from the rubble.",
    "events": [
        {
            "event_type": "explosion",
            "date": "2024-03-01",
            "location": "Example City",
            "description": "Blast in the city centre.",
            "casualties": {
                "killed": figure(
                    12, "killed", '"at least 12 people were killed"', "at_least", "people"
                ),
            },
            "figures": [
                figure(
                    7,
                    "other_count",
                    "pulled 7 survivors from the rubble on Friday-Saturday",
                    noun="survivors",
                ),
                figure(5, "killed", "погибли 5 человек", noun="человек"),
                figure(14, "injured", "ещё 14 получили ранения"),
                figure(3, "killed", "爆炸造成 3 人死亡", noun="人"),
                figure(20, "injured", "另有 20 人受伤", noun="人"),
                figure(9, "other_count", "🔥 9 villages were evacuated", noun="villages"),
                figure(
                    40, "damaged", "The mayor's office said 40 homes were damaged", noun="homes"
                ),
            ],
            "evidence": ["the worst in a decade"],
        }
    ],
    "key_figures": [],
}
