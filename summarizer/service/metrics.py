"""Prometheus metrics (one registry per app) and the timing middleware.

Per worker process: with ``--workers N`` each worker counts its own requests (scrape
each, or run one worker per container as usual).
"""

from __future__ import annotations

import gc
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from summarizer.schema import ArticleSummary
from summarizer.vocabulary import VERDICTS

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "summarizer_http_requests",
            "HTTP requests answered.",
            ["method", "route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "summarizer_http_request_duration_seconds",
            "Time from request to response headers.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.model_seconds = Histogram(
            "summarizer_model_call_duration_seconds",
            "Time spent waiting for the model per article.",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.in_flight = Gauge(
            "summarizer_model_calls_in_flight", "Model calls running now.", registry=r
        )
        self.waiting = Gauge(
            "summarizer_model_calls_waiting", "Requests waiting for a model slot.", registry=r
        )
        self.tokens = Counter("summarizer_tokens", "Model tokens used.", ["kind"], registry=r)
        self.verdicts = Counter(
            "summarizer_claims",
            "Checked claims of the summaries served, by verdict (the totals of their JSON).",
            ["verdict"],
            registry=r,
        )
        for verdict in VERDICTS:  # every verdict is exposed from the start, at 0
            self.verdicts.labels(verdict)
        self.articles = Counter(
            "summarizer_articles", "Articles summarized, by outcome.", ["outcome"], registry=r
        )
        self.cancelled = Counter(
            "summarizer_model_calls_cancelled",
            "Model calls cancelled because the client went away.",
            registry=r,
        )
        self.rejected = Counter(
            "summarizer_rejected", "Requests refused by a limit.", ["reason"], registry=r
        )
        self.frozen = Gauge(
            "summarizer_gc_frozen_objects",
            "Objects the garbage collector no longer walks (frozen after the warm-up).",
            registry=r,
        )
        self.frozen.set_function(gc.get_freeze_count)

    def record_summary(self, summary: ArticleSummary) -> None:
        self.articles.labels("succeeded").inc()
        if summary.meta is not None:
            self.tokens.labels("prompt").inc(summary.meta.usage.prompt_tokens)
            self.tokens.labels("completion").inc(summary.meta.usage.completion_tokens)
            self.model_seconds.observe(summary.meta.timings.model_s)
        if summary.verification is not None:
            # Every check, as the summary's JSON counts them (figures, prose, names, evidence).
            for verdict, count in summary.verification.tally().items():
                self.verdicts.labels(verdict).inc(count)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class TimingMiddleware:
    """Counts and times every request; adds ``Server-Timing: app;dur=…, model;dur=…``.

    ``model`` is the time the handler spent waiting for the model (``scope["state"]
    ["model_s"]``), so a client can tell our overhead from the model's time.
    """

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        status = 500

        async def timed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                elapsed = time.perf_counter() - started
                model_s = float(state.get("model_s", 0.0))
                library_s = float(state.get("library_s", 0.0))
                timing = (
                    f"app;dur={elapsed * 1000:.1f}, library;dur={library_s * 1000:.1f}, "
                    f"model;dur={model_s * 1000:.1f}"
                )
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"server-timing", timing.encode())],
                }
                route = _route_of(scope)
                self.metrics.latency.labels(scope["method"], route).observe(elapsed)
                self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            await send(message)

        await self.app(scope, receive, timed_send)


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


__all__ = [
    "Metrics",
    "TimingMiddleware",
]
