"""What the HTTP fakes (fake_openai_server, fake_batch_server, fake_batch_api) share: a
handler that behaves like a real server on the wire, and a server loop in a thread that
stops at once.

Both matter to the suite's speed, not to what a test proves: with Nagle's algorithm on,
each response body waits for the client's delayed ACK of its headers (~40 ms a response),
and ``shutdown()`` waits for the serving loop's next poll (0.5 s by default), which every
test that stops a fake pays.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler
from socketserver import BaseServer
from typing import Any

POLL_INTERVAL = 0.01  # seconds: how long shutdown() may wait


class FakeHandler(BaseHTTPRequestHandler):
    """Keep-alive and TCP_NODELAY like uvicorn, and no access log in the test output."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_in_thread(server: BaseServer, name: str | None = None) -> threading.Thread:
    """``server.serve_forever`` in a started daemon thread; ``shutdown()`` returns within
    :data:`POLL_INTERVAL`."""
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": POLL_INTERVAL},
        name=name,
        daemon=True,
    )
    thread.start()
    return thread
