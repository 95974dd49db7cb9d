"""An explicitly FAKE model, in process: the fake OpenAI server's scripts on ``httpx.MockTransport``.

Unit tests that only need a model's answers (valid, invalid, an HTTP error) use this
instead of :class:`~tests.fakes.fake_openai_server.FakeOpenAIServer`: no socket, no thread,
the same behaviours (``Completion``, ``Status``, ``Raw``, ``Dynamic``) and the same record
of requests. Pass ``fake.transport`` to ``Summarizer(..., transport=...)``; the real SDKs,
instructor, the retrying transport and every check run as in production. Behaviours that
need a connection (``Reset``, ``Hang``, ``Drip``: a cut stream, a silent server) stay with
the socket server.

    fake = FakeModel().script(Completion(BELGOROD_DRAFT))
    with Summarizer(backend="compatible", base_url=FAKE_URL, model="fake",
                    transport=fake.transport) as s:
        s.summarize(text)
    assert fake.count == 1
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx2 as httpx

from tests.fakes.fake_openai_server import (
    Behaviour,
    Completion,
    Dynamic,
    Raw,
    RecordedRequest,
    Status,
)

# Never contacted: the transport answers every request in process.
FAKE_URL = "http://fake-model.invalid/v1"
IN_PROCESS = (Completion, Status, Raw, Dynamic)


class _Reply:
    """Stands in for the socket server's request handler: collects what a behaviour sends."""

    def __init__(self, stopping: threading.Event) -> None:
        self.server_stopping = stopping
        self.status = 500
        self.body = b""
        self.headers: dict[str, str] = {}

    def send_body(self, code: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status = code
        if isinstance(body, bytes):
            self.body = body
        elif isinstance(body, str):
            self.body = body.encode("utf-8")
        else:
            self.body = json.dumps(body).encode("utf-8")
        self.headers = {"Content-Type": "application/json", **(headers or {})}


class FakeModel:
    """Scripted answers for ``/v1/chat/completions``; the last behaviour repeats."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.other_requests: list[RecordedRequest] = []
        self._script: list[Behaviour] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.transport = httpx.MockTransport(self._handle)

    def script(self, *behaviours: Behaviour) -> FakeModel:
        if not behaviours:
            raise ValueError("script needs at least one behaviour")
        for behaviour in behaviours:
            if not isinstance(behaviour, IN_PROCESS):
                raise TypeError(
                    f"{type(behaviour).__name__} needs a connection: use FakeOpenAIServer"
                )
        with self._lock:
            self._script = list(behaviours)
            self.requests.clear()
            self.other_requests.clear()
        return self

    @property
    def count(self) -> int:
        return len(self.requests)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        recorded = RecordedRequest(
            request.method,
            request.url.raw_path.decode("ascii"),
            dict(request.headers),
            request.read(),
            time.monotonic(),
        )
        if request.method != "POST" or not recorded.path.endswith("/chat/completions"):
            self.other_requests.append(recorded)
            return httpx.Response(404, json={"error": {"message": "fake model: not found"}})
        with self._lock:
            self.requests.append(recorded)
            if not self._script:
                behaviour: Behaviour = Status(500, message="fake model: no script")
            else:
                behaviour = self._script.pop(0) if len(self._script) > 1 else self._script[0]
        reply = _Reply(self._stopping)
        behaviour.respond(reply, recorded)  # type: ignore[arg-type]
        return httpx.Response(reply.status, content=reply.body, headers=reply.headers)
