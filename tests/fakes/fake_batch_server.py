"""An explicitly FAKE OpenAI-compatible server for batch tests and ``bench.batch``.

Standard library only (plus the project's own schema and number extractor to build
its answer): a ``ThreadingHTTPServer`` on 127.0.0.1 answering ``POST /v1/chat/completions``
after a configurable delay. Synthetic replies live here and nowhere else.

The reply is a real :class:`~summarizer.schema.SummaryDraft`, built from the article
found in the request's user message (the text after ``Article:``): headline and summary
from its first sentences, and figures from the rule-extracted numbers, each with a quote
copied verbatim from the article; only figures that pass the project's own cross-check
are kept, so the summary verifies and no re-ask is triggered.

Behaviour switches (attributes, changeable while running):

* ``delay``: seconds to sleep before answering (default 0).
* ``reject``: substrings; an article containing one gets HTTP 400 (not retried).
* ``garbage``: substrings; an article containing one gets a non-JSON answer
  (the client re-asks, then gives up with a model-output error).
* ``delays``: {substring: seconds} overriding ``delay`` per article.
* ``fixed_body``: bytes; if set, every completion returns exactly this body
  (e.g. a recorded response from a cassette).

Counters: ``requests`` (completions served or refused), ``in_flight``, ``max_in_flight``;
also served as JSON at ``GET /stats`` for a server in another process.

Run standalone (for the benchmark), from the project root::

    python -m tests.fakes.fake_batch_server --delay 0.3 [--response-file BODY.json | --fixed-article A.txt]

prints ``READY <base_url>`` on stdout and serves until SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

from summarizer.checks.report import verify
from summarizer.numbers import extract_numbers
from summarizer.schema import QUALIFIERS, Event, Figure, SummaryDraft
from tests.fakes.fake_http import FakeHandler, serve_in_thread

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_SKIPPED_ROLES = ("date_or_year", "time", "ordinal")


# ---------------------------------------------------------------------------
# The synthetic (but valid and verifying) answer.
# ---------------------------------------------------------------------------


def article_from_messages(messages: list[dict[str, Any]]) -> str:
    """The article body the prompt carries: the text after 'Article:' in the *first* user message.

    Re-asks append more user messages (the validation errors); they are not the article.
    """
    users = [
        m["content"]
        for m in messages
        if m.get("role") == "user" and isinstance(m.get("content"), str)
    ]
    for content in users:
        marker = content.find("Article:\n")
        if marker >= 0:
            return content[marker + len("Article:\n") :]
    return users[0] if users else ""


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s.strip() for s in _SENTENCE_END.split(flat) if s.strip()]


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut or text[:limit]


def _quote_around(text: str, start: int, end: int, reach: int = 40) -> str:
    """A verbatim span of ``text`` around [start, end): whole words, one line, <= 200 chars."""
    left = max(0, start - reach)
    right = min(len(text), end + reach)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    left = max(left, line_start)
    right = min(right, line_end if line_end >= 0 else len(text))
    if left > line_start:  # start on a word boundary
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else start
    if right < (line_end if line_end >= 0 else len(text)):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else end
    return text[left:right].strip()


def synthetic_draft(article: str, max_figures: int = 4) -> SummaryDraft:
    """A valid SummaryDraft for ``article`` whose figures all pass the cross-check."""
    sentences = _sentences(article) or ["(empty article)"]
    candidates: list[Figure] = []
    for mention in extract_numbers(article):
        if mention.role in _SKIPPED_ROLES or mention.qualifier not in QUALIFIERS:
            continue
        quote = _quote_around(article, mention.start, mention.end)
        if not quote or len(quote) > 200:
            continue
        candidates.append(
            Figure(
                value=mention.value,
                qualifier=mention.qualifier,  # type: ignore[arg-type]
                role=mention.role,  # type: ignore[arg-type]
                noun=_clip(mention.noun, 60),
                quote=quote,
            )
        )
    probe = SummaryDraft(headline="x", summary="x", key_figures=candidates[:8])
    report = verify(article, probe)
    figures = [check.figure for check in report.figures if check.ok][:max_figures]
    first = sentences[0]
    event = Event(
        event_type="other",
        description=_clip(first, 300),
        figures=figures[:2],
        evidence=[first] if len(first) <= 300 and first in article else [],
    )
    return SummaryDraft(
        headline=_clip(first, 160),
        summary=_clip(" ".join(sentences[:2]), 700),
        events=[event],
        key_figures=figures,
    )


def completion_body(content: str, model: str, prompt_chars: int, number: int) -> dict[str, Any]:
    prompt_tokens = max(1, prompt_chars // 4)  # a fixed, documented token estimate
    completion_tokens = max(1, len(content) // 4)
    return {
        "id": f"chatcmpl-fake-{number}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def synthetic_reply(article: str, model: str = "fake", prompt_chars: int | None = None) -> bytes:
    """A whole chat-completion response body answering for ``article``."""
    content = synthetic_draft(article).model_dump_json(exclude_none=True)
    body = completion_body(
        content, model, prompt_chars if prompt_chars is not None else len(article), 0
    )
    return json.dumps(body).encode("utf-8")


# ---------------------------------------------------------------------------
# The server.
# ---------------------------------------------------------------------------


class _Handler(FakeHandler):
    server: _HTTPServer
    timeout = 60

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        fake = self.server.fake
        if self.path.rstrip("/").endswith("/models"):
            self._send(
                200,
                json.dumps(
                    {"object": "list", "data": [{"id": "fake", "object": "model"}]}
                ).encode(),
            )
        elif self.path.rstrip("/").endswith("/stats"):
            self._send(200, json.dumps(fake.stats()).encode())
        else:
            self._send(404, b'{"error": {"message": "not found"}}')

    def do_POST(self) -> None:
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(404, b'{"error": {"message": "not found"}}')
            return
        number = fake._enter()
        try:
            status, body = fake.answer(raw, number)
        finally:
            fake._leave()
        self._send(status, body)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog is 5: 16 clients connecting at once overflow it and
    # the kernel drops SYNs, retried after 1 s. Real servers (uvicorn) use 2048.
    request_queue_size = 256
    fake: FakeBatchServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up (an abandoned request) is expected here, not news


class FakeBatchServer:
    """Context manager: a fake OpenAI-compatible server in a background thread."""

    def __init__(
        self,
        delay: float = 0.0,
        *,
        fixed_body: bytes | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.delay = delay
        self.delays: dict[str, float] = {}
        self.reject: set[str] = set()
        self.garbage: set[str] = set()
        self.fixed_body = fixed_body
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.articles: list[str] = []  # the article of every completion request, in arrival order
        self._lock = threading.Lock()
        self._stopping = threading.Event()  # cuts every pending delay short on stop()
        self._httpd = _HTTPServer((host, port), _Handler)
        self._httpd.fake = self
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeBatchServer:
        self._thread = serve_in_thread(self._httpd, "fake-batch-server")
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=10)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def reset_counters(self) -> None:
        with self._lock:
            self.requests = 0
            self.max_in_flight = self.in_flight
            self.articles.clear()

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {
                "requests": self.requests,
                "in_flight": self.in_flight,
                "max_in_flight": self.max_in_flight,
            }

    def _enter(self) -> int:
        with self._lock:
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return self.requests

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def answer(self, raw: bytes, number: int) -> tuple[int, bytes]:
        try:
            request = json.loads(raw)
        except ValueError:
            return 400, b'{"error": {"message": "request body is not JSON"}}'
        messages = request.get("messages") or []
        article = article_from_messages(messages)
        with self._lock:
            self.articles.append(article)
        delay = next(
            (seconds for marker, seconds in self.delays.items() if marker in article), self.delay
        )
        if delay > 0 and self._stopping.wait(delay):
            return 503, b'{"error": {"message": "fake server stopping"}}'
        if self.fixed_body is not None:
            return 200, self.fixed_body
        if any(marker in article for marker in self.reject):
            return 400, json.dumps(
                {"error": {"message": "fake server rejects this article"}}
            ).encode()
        model = str(request.get("model") or "fake")
        prompt_chars = sum(len(str(m.get("content", ""))) for m in messages)
        if any(marker in article for marker in self.garbage):
            content = "this is not JSON at all"
        else:
            content = synthetic_draft(article).model_dump_json(exclude_none=True)
        return 200, json.dumps(completion_body(content, model, prompt_chars, number)).encode(
            "utf-8"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="FAKE OpenAI-compatible server (tests and benchmarks only)."
    )
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--port", type=int, default=0)
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--response-file", type=Path, help="answer every completion with this exact body"
    )
    group.add_argument(
        "--fixed-article",
        type=Path,
        help="answer every completion with the synthetic reply for this article",
    )
    args = parser.parse_args(argv)
    fixed: bytes | None = None
    if args.response_file:
        fixed = args.response_file.read_bytes()
    elif args.fixed_article:
        fixed = synthetic_reply(args.fixed_article.read_text(encoding="utf-8"))
    server = FakeBatchServer(args.delay, fixed_body=fixed, port=args.port)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with server:
        print(f"READY {server.base_url}", flush=True)
        stop.wait()
    print(json.dumps(server.stats()), flush=True)


if __name__ == "__main__":
    main()
