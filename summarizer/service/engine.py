"""The service's one way to summarize: shared Summarizers, the model gate, metrics.

One :class:`Summarizer` per distinct set of per-request model options (bounded), all
sharing the configured backend; with the embedded model they all talk to the one
llama.cpp server the base Summarizer started.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections import OrderedDict
from typing import Any, Literal

from starlette.requests import Request

from summarizer.backend_registry import LLAMA_CPP
from summarizer.config import ServiceSettings, Settings
from summarizer.errors import SummarizerError
from summarizer.pipeline.cache import ResponseCache
from summarizer.pipeline.summarizer import Summarizer
from summarizer.schema import ArticleSummary
from summarizer.service.gate import ModelGate
from summarizer.service.metrics import Metrics
from summarizer.service.models import ModelOptions
from summarizer.service.problems import Problem, ServiceError

log = logging.getLogger("summarizer.service")

MAX_VARIANTS = 16  # Summarizers kept for distinct per-request options

Readiness = Literal["ok", "starting", "failed"]


def model_slots(settings: Settings, service: ServiceSettings) -> int:
    """Model calls in flight: llama.cpp servers decode ``n_parallel`` at a time (llama-cpp-python's,
    the embedded one, exactly one); more would only wait inside the server, on the clock."""
    if settings.backend_spec().local_server:
        return min(service.max_in_flight, settings.n_parallel)
    return service.max_in_flight


def background_slots(settings: Settings, service: ServiceSettings) -> int:
    """Model slots one stream or the batch runner may fill: half, so single requests find room."""
    return max(1, model_slots(settings, service) // 2)


class ClientGone(Exception):
    """The client disconnected; its model call was cancelled."""


class Engine:
    def __init__(
        self,
        settings: Settings,
        service: ServiceSettings,
        metrics: Metrics,
        *,
        cache: ResponseCache | None = None,
    ) -> None:
        self.settings = settings
        self.metrics = metrics
        self.cache = cache  # None: each Summarizer follows the `cache` setting
        self.gate = ModelGate(model_slots(settings, service), service.max_queue, service.queue_wait)
        self.base = Summarizer(settings, cache=cache)
        self.variants: OrderedDict[tuple[Any, ...], Summarizer] = OrderedDict()
        self.readiness: Readiness = "starting"
        self.readiness_detail: str | None = None
        self._start_task: asyncio.Task[None] | None = None
        metrics.in_flight.set_function(lambda: self.gate.in_flight)
        metrics.waiting.set_function(lambda: self.gate.waiting)

    # -- lifecycle --------------------------------------------------------------------

    async def start(self) -> None:
        """Ready at once for a remote backend; the embedded server starts in the background."""
        if not self.settings.backend_spec().embedded:
            self.warm_up()
            self.readiness = "ok"
            return
        self.readiness_detail = "the embedded model server is starting"
        self._start_task = asyncio.create_task(self._start_embedded())

    async def _start_embedded(self) -> None:
        try:
            await asyncio.to_thread(lambda: self.base.backend)
        except SummarizerError as exc:
            self.readiness, self.readiness_detail = "failed", str(exc)
            log.error("embedded model server failed to start: %s", exc)
            return
        self.warm_up()
        self.readiness, self.readiness_detail = "ok", None

    def warm_up(self) -> None:
        """Build now what the first request would (model client, prompt, regexes), then
        freeze the heap.

        The model SDKs alone leave ~190,000 long-lived objects; every full collection
        walks them all, a ~100 ms stall of the event loop every few requests under load.
        ``gc.freeze`` moves what exists at startup out of the collector's sight (the
        technique CPython documents for servers), so collections see only request garbage.
        (Started by the CLI, the SDKs' own objects are frozen already as they are imported:
        summarizer.backends.sdk.)
        """
        try:
            self.base.backend.aclient  # noqa: B018 - imports and builds the SDK clients
            self.base.plan("Warm-up: 3 people were hurt on Monday.")
        except SummarizerError as exc:  # the first request reports it properly
            log.warning("warm-up failed: %s", exc)
        gc.collect()
        gc.freeze()

    async def close(self) -> None:
        if self._start_task is not None and not self._start_task.done():
            self._start_task.cancel()
            with contextlib.suppress(BaseException):
                await self._start_task
        for summarizer in [*self.variants.values(), self.base]:
            with contextlib.suppress(Exception):
                await summarizer.__aexit__(None, None, None)
        self.variants.clear()

    # -- summarizing ------------------------------------------------------------------

    def summarizer_for(self, options: ModelOptions | None) -> Summarizer:
        update = options.model_dump(exclude_none=True) if options is not None else {}
        if not update:
            return self.base
        key = tuple(sorted(update.items()))
        found = self.variants.get(key)
        if found is not None:
            self.variants.move_to_end(key)
            return found
        if self.settings.backend_spec().embedded:
            # Same llama.cpp server, reached as a llama-cpp backend: never a second server.
            backend = self.base.backend
            update |= {
                "backend": LLAMA_CPP.name,
                "base_url": backend.base_url,
                "model": backend.model,
            }
        created = Summarizer(self.settings, cache=self.cache, **update)
        self.variants[key] = created
        while len(self.variants) > MAX_VARIANTS:
            _, old = self.variants.popitem(last=False)
            old.close()
        return created

    async def summarize(
        self,
        text: str,
        prompt: str | None,
        options: ModelOptions | None,
        *,
        wait: bool = False,
        state: dict[str, Any] | None = None,
    ) -> ArticleSummary:
        """Summarize through the gate; ``wait`` (batch jobs) queues without a time limit."""
        if self.readiness != "ok":
            raise ServiceError(Problem(503, "not_ready", self.readiness_detail or "not ready", 5))
        summarizer = self.summarizer_for(options)
        async with self.gate.slot(wait=wait):
            started = time.perf_counter()
            try:
                summary = await summarizer.asummarize(text, prompt=prompt)
            except SummarizerError:
                self.metrics.articles.labels("failed").inc()
                raise
            finally:
                if state is not None:
                    state["model_s"] = state["library_s"] = time.perf_counter() - started
        self.metrics.record_summary(summary)
        if state is not None and summary.meta is not None:
            # Our overhead excludes the model's own time, measured by the library.
            state["model_s"] = summary.meta.timings.model_s
        return summary

    async def summarize_for(
        self, request: Request, text: str, prompt: str | None, options: ModelOptions | None
    ) -> ArticleSummary:
        """As :meth:`summarize`, cancelled (ClientGone) as soon as the client disconnects.

        The call runs in the request's own task (no extra hop through the event loop per
        request); a watcher task cancels it when the connection drops.
        """
        handler = asyncio.current_task()
        assert handler is not None
        gone = False

        async def watch() -> None:
            nonlocal gone
            await wait_for_disconnect(request)
            gone = True
            handler.cancel()

        watcher = asyncio.create_task(watch())
        try:
            return await self.summarize(
                text, prompt, options, state=request.scope.setdefault("state", {})
            )
        except asyncio.CancelledError:
            if not gone:
                raise
            handler.uncancel()
            self.metrics.cancelled.inc()
            raise ClientGone() from None
        finally:
            watcher.cancel()


async def wait_for_disconnect(request: Request) -> None:
    """Returns when the client goes away (the body has been read already)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


__all__ = [
    "ClientGone",
    "Engine",
    "background_slots",
    "model_slots",
    "wait_for_disconnect",
]
