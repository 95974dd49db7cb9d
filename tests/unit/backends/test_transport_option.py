"""``Summarizer(transport=...)``: every model request through a caller's httpx transport.

Here the transport is the in-process fake model (``tests/fakes/fake_model.py``), which is
how unit tests that need a model's answers but no socket run; the real SDKs, instructor,
the retrying transport and every check run as in production.
"""

from __future__ import annotations

import asyncio

import httpx2 as httpx
import pytest

from summarizer.errors import BackendRejected, ConfigError
from summarizer.pipeline.summarizer import Summarizer
from tests.fakes.fake_model import FAKE_URL, FakeModel
from tests.fakes.fake_openai_server import (
    BELGOROD_DRAFT,
    Completion,
    Hang,
    Status,
    belgorod_draft,
)
from tests.support.fault_fixtures import BELGOROD, FAST

REMOTE = {"backend": "compatible", "base_url": FAKE_URL, "model": "fake", **FAST}


def test_a_faithful_answer_comes_back_clean_through_the_transport() -> None:
    fake = FakeModel().script(Completion(BELGOROD_DRAFT))
    with Summarizer(transport=fake.transport, **REMOTE) as summarizer:
        summary = summarizer.summarize(BELGOROD)
    assert fake.count == 1 and fake.other_requests == []
    assert fake.requests[0].path == "/v1/chat/completions"
    assert (fake.requests[0].json or {})["model"] == "fake"
    report = summary.verification
    assert (
        report is not None
        and (t := report.tally()).unconfirmed + t.contradicted == 0
        and t.verified > 0
    )


def test_a_wrong_figure_is_reasked_then_accepted() -> None:
    wrong = belgorod_draft()
    wrong["events"][0]["figures"][0]["value"] += 1000  # not in the article
    fake = FakeModel().script(Completion(wrong), Completion(BELGOROD_DRAFT))
    with Summarizer(transport=fake.transport, **REMOTE) as summarizer:
        summary = summarizer.summarize(BELGOROD)
    assert fake.count == 2
    assert (
        summary.verification is not None
        and summary.verification.tally().total == summary.verification.tally().verified
    )


def test_transient_errors_are_retried_through_the_transport() -> None:
    fake = FakeModel().script(Status(503), Completion(BELGOROD_DRAFT))
    with Summarizer(transport=fake.transport, **REMOTE) as summarizer:
        summarizer.summarize(BELGOROD)
    assert fake.count == 2  # the retrying transport wraps the caller's


def test_a_rejected_request_is_the_libraries_error_not_the_transports() -> None:
    fake = FakeModel().script(Status(400, message="bad request"))
    with (
        Summarizer(transport=fake.transport, **REMOTE) as summarizer,
        pytest.raises(BackendRejected, match="400"),
    ):
        summarizer.summarize(BELGOROD)
    assert fake.count == 1


def test_the_async_path_uses_the_same_transport() -> None:
    fake = FakeModel().script(Completion(BELGOROD_DRAFT))

    async def run() -> int:
        async with Summarizer(transport=fake.transport, **REMOTE) as summarizer:
            summary = await summarizer.asummarize(BELGOROD)
        assert summary.verification is not None
        tally = summary.verification.tally()
        return tally.total - tally.verified

    assert asyncio.run(run()) == 0 and fake.count == 1


def test_a_sync_only_transport_for_the_async_api_is_a_clear_error() -> None:
    class SyncOnly(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            raise AssertionError("never sent")

    async def run() -> None:
        async with Summarizer(transport=SyncOnly(), **REMOTE) as summarizer:
            await summarizer.asummarize(BELGOROD)

    with pytest.raises(ConfigError, match="cannot send asynchronously"):
        asyncio.run(run())


def test_the_embedded_model_takes_no_transport() -> None:
    fake = FakeModel().script(Completion(BELGOROD_DRAFT))
    with (
        Summarizer(backend="embedded", transport=fake.transport) as summarizer,
        pytest.raises(ConfigError, match="not the embedded model"),
    ):
        summarizer.summarize(BELGOROD)
    assert fake.count == 0


def test_behaviours_that_need_a_socket_are_refused() -> None:
    with pytest.raises(TypeError, match="needs a connection"):
        FakeModel().script(Hang())
