"""Batch API lines through the live code path: the request a live call sends, and its answer.

A Batch API request line carries ``body``: exactly what a live call would POST to
``/v1/chat/completions``. Nothing here builds that body by hand. :class:`LivePath` runs the
real :func:`~summarizer.backends.call.call_model` (instructor + the openai SDK + our
validators) against a :class:`ReplayTransport`, an httpx transport that answers from the
Batch API's output and, when the live path wants to send a request it has no answer for,
records that request's body and stops the call. So:

* the first request of an article is the body of its request line;
* an answer that fails validation makes instructor build its re-ask, exactly as live; that
  re-ask's body is the article's line in the follow-up job;
* an answer that validates (or that instructor gives up on, with the re-ask budget spent)
  comes back as the same :class:`~summarizer.backends.call.ModelAnswer` a live call returns,
  and the pipeline's own finishing step turns it into the result.

Building every request line through instructor costs ~6 ms of CPU. All lines of one
configuration and one answer schema share every key but ``messages`` (instructor's
templating only renders the messages), so :meth:`LivePath.request_body` captures the body
once per schema and swaps the messages in. A selection prompt's schema is the article's
own (its number ids), so its body is captured per article. :meth:`LivePath.evaluate`
replays each line's answer through the real path, which re-derives the body and refuses an
answer to a request that differs (:class:`BodyDrift`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx2 as httpx
from pydantic import BaseModel, ValidationError

from summarizer.backends.backend import Backend
from summarizer.backends.call import ModelAnswer, call_model
from summarizer.backends.reasks import attempt_temperature, previous_answers
from summarizer.config import Settings
from summarizer.errors import BackendUnavailable, ConfigError, SummarizerError
from summarizer.pipeline.plan import PreparedRequest
from summarizer.schema import Usage

if TYPE_CHECKING:
    import instructor

log = logging.getLogger("summarizer.batch.api")

ENDPOINT = "/v1/chat/completions"
REPLAY_BASE_URL = "http://batch-replay.invalid/v1"  # never contacted: the transport answers
TEMPLATES_KEPT = 64  # captured bodies kept: one per fixed schema, recent ones per article


@dataclass(frozen=True, slots=True)
class Answer:
    """One line's answer from a Batch API output or error file: HTTP status and body bytes."""

    status: int
    body: bytes

    def usage(self) -> Usage:
        """Tokens the provider billed for this answer (0 when it carries no usage)."""
        try:
            usage = json.loads(self.body).get("usage") or {}
        except (ValueError, AttributeError):
            return Usage()
        return Usage(
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            total_tokens=int(usage.get("total_tokens") or 0),
        )


class RequestWanted(SummarizerError):
    """The replay ran out of answers: the live path wants to send another request."""


class BodyDrift(SummarizerError):
    """The live path would send a different body than the line that was answered."""


class ReplayTransport(httpx.BaseTransport):
    """Serves recorded answers in order; records the first request it cannot answer."""

    def __init__(self) -> None:
        self.reset([])

    def reset(self, answers: list[Answer]) -> None:
        self.answers = answers
        self.sent: list[dict[str, Any]] = []
        self.wanted: dict[str, Any] | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if len(self.sent) < len(self.answers):
            answer = self.answers[len(self.sent)]
            self.sent.append(body)
            return httpx.Response(
                answer.status,
                content=answer.body,
                headers={"content-type": "application/json"},
                request=request,
            )
        self.wanted = body
        raise RequestWanted("the batch answer needs another request")


class ReplayBackend(Backend):
    """A :class:`Backend` whose client talks to a :class:`ReplayTransport`, never a server."""

    def __init__(self, base: Backend, transport: ReplayTransport) -> None:
        super().__init__(base.spec, base.model, base.base_url, base.response_format, base.settings)
        self.replay_transport = transport
        self.replay_client: instructor.Instructor | None = None

    @property
    def client(self) -> instructor.Instructor:
        if self.replay_client is None:
            self.replay_client, _ = self.instructor_client(
                asynchronous=False,
                api_key="replay",
                base_url=REPLAY_BASE_URL,
                max_retries=0,
                http_client=httpx.Client(transport=self.replay_transport),
            )
        return self.replay_client


def batch_backend(settings: Settings) -> Backend:
    """The backend whose requests the lines carry, without opening it (no server, no key check)."""
    spec = settings.backend_spec()
    if spec.embedded:
        raise ConfigError(
            "the Batch API needs a remote model: pass --base-url (and --model) for an "
            "OpenAI-compatible server, or set OPENAI_API_KEY for OpenAI"
        )
    model = spec.model_name(settings.model, settings.model_path)
    return Backend(spec, model, settings.base_url, spec.response_format, settings)


@dataclass
class Outcome:
    """What one answer means: a final :class:`ModelAnswer`, a re-ask to send, or an error."""

    answer: ModelAnswer | None = None
    reask: dict[str, Any] | None = None
    error: SummarizerError | None = None
    usage: Usage = field(default_factory=Usage)

    @property
    def transient(self) -> bool:
        return isinstance(self.error, BackendUnavailable)


class LivePath:
    """Request bodies and answer evaluation for one configuration, through ``call_model``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.base = batch_backend(settings)
        self.transport = ReplayTransport()
        self.backends: dict[int, ReplayBackend] = {}
        # Answer schema -> captured body. Keyed by the class itself (kept alive here, so an id
        # is never reused): a selection prompt's schema is a new class per prepared article.
        self.templates: dict[type[BaseModel], dict[str, Any]] = {}
        quiet = logging.getLogger("instructor")  # every capture "fails" on purpose: not news
        quiet.setLevel(max(quiet.level, logging.CRITICAL))

    def backend(self, reasks_left: int) -> ReplayBackend:
        """A backend whose instructor re-asks at most ``reasks_left`` more times."""
        if reasks_left not in self.backends:
            settings = self.settings.model_copy(update={"max_retries": max(0, reasks_left)})
            base = Backend(
                self.base.spec,
                self.base.model,
                self.base.base_url,
                self.base.response_format,
                settings,
            )
            self.backends[reasks_left] = ReplayBackend(base, self.transport)
        return self.backends[reasks_left]

    def live_body(
        self, request: PreparedRequest, messages: list[dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        """The body the live path sends first for ``request`` (or for ``messages``), captured."""
        self.transport.reset([])
        with contextlib.suppress(SummarizerError):
            call_model(
                self.backend(0),
                messages if messages is not None else request.messages,
                request.response_model,
                dict(request.context),
                request.headers,
            )
        if self.transport.wanted is None:
            raise BodyDrift("the live path sent no request to capture")
        return self.transport.wanted

    def template(self, request: PreparedRequest) -> dict[str, Any]:
        """The body the live path sends for ``request``'s answer schema, captured once."""
        key = request.response_model
        template = self.templates.get(key)
        if template is None:
            template = self.live_body(request)
            if len(self.templates) >= TEMPLATES_KEPT:  # per-article schemas: keep the newest
                del self.templates[next(iter(self.templates))]
            self.templates[key] = template
        return template

    def request_body(self, request: PreparedRequest) -> dict[str, Any]:
        """The line body for ``request``: the live body, with the captured template's keys."""
        return self.body_with(request, request.messages)

    def body_with(
        self, request: PreparedRequest, messages: list[dict[str, Any]] | None
    ) -> dict[str, Any]:
        """``request``'s template with ``messages``: a follow-up line (messages that hold
        rejected answers) asks warmer, as the live re-ask does (model_call.vary_reask)."""
        body = dict(self.template(request))
        body["messages"] = messages
        if "temperature" in body:
            body["temperature"] = attempt_temperature(
                self.settings.temperature, previous_answers(messages or [])
            )
        return body

    def evaluate(
        self, request: PreparedRequest, sent: dict[str, Any], answer: Answer, reasks_left: int
    ) -> Outcome:
        """What the live path makes of ``answer`` as the server's reply to ``sent``.

        An answer instructor would accept on the spot is validated here exactly as instructor
        validates it (:meth:`accepted`: same model, context and ``strict``); anything else (a
        re-ask, an HTTP error, a cut-off answer, re-asks running out) runs the real path.
        """
        drift = self.drift(request, sent)
        if drift is not None:
            return Outcome(error=drift, usage=answer.usage())
        accepted = self.accepted(request, answer)
        if accepted is not None:
            return Outcome(answer=accepted, usage=accepted.usage)
        return self.replay(request, sent, answer, reasks_left)

    def evaluate_line(
        self,
        request: PreparedRequest,
        messages: list[dict[str, Any]] | None,
        answer: Answer,
        reasks_left: int,
    ) -> Outcome:
        """:meth:`evaluate` for the line this configuration sent with ``messages`` (its
        body is :meth:`body_with`): the same outcome, but the body is built only when the
        answer is not accepted on the spot. Its options are this configuration's by
        construction, so only its messages can differ from what the request asks; building
        it means capturing the live body for a per-article schema (a selection prompt's),
        which an accepted answer never needs."""
        if (messages or [])[: len(request.messages)] != request.messages:
            return Outcome(error=_drifted(), usage=answer.usage())
        accepted = self.accepted(request, answer)
        if accepted is not None:
            return Outcome(answer=accepted, usage=accepted.usage)
        return self.replay(request, self.body_with(request, messages), answer, reasks_left)

    def drift(self, request: PreparedRequest, sent: dict[str, Any]) -> BodyDrift | None:
        """A line answered for other messages or options than this configuration sends now."""
        template = self.template(request)
        messages = sent.get("messages") or []
        if "temperature" in template:  # a re-ask line asks warmer (model_call.vary_reask)
            template = {
                **template,
                "temperature": attempt_temperature(
                    self.settings.temperature, previous_answers(messages)
                ),
            }
        same_options = all(sent.get(k) == v for k, v in template.items() if k != "messages")
        if same_options and messages[: len(request.messages)] == request.messages:
            return None
        return _drifted()

    def accepted(self, request: PreparedRequest, answer: Answer) -> ModelAnswer | None:
        """The answer, if instructor's JSON_SCHEMA parse accepts it at the first attempt."""
        if answer.status != 200:
            return None
        try:
            completion = json.loads(answer.body)
            choice = completion["choices"][0]
            content = choice["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            return None
        if choice.get("finish_reason") == "length" or not isinstance(content, str):
            return None
        try:  # instructor: response_model.model_validate_json(text, context=..., strict=True)
            draft = request.response_model.model_validate_json(
                content, context=dict(request.context), strict=True
            )
        except ValidationError:
            return None
        return ModelAnswer(draft, None, answer.usage(), 1)

    def replay(
        self, request: PreparedRequest, sent: dict[str, Any], answer: Answer, reasks_left: int
    ) -> Outcome:
        """Run the real ``call_model`` for ``sent`` with ``answer`` as the server's reply."""
        self.transport.reset([answer])
        started = time.monotonic()
        try:
            result = call_model(
                self.backend(reasks_left),
                sent["messages"],
                request.response_model,
                dict(request.context),
                request.headers,
            )
        except SummarizerError as exc:
            outcome = Outcome(usage=answer.usage())
            if self.transport.wanted is not None and self.transport.sent:
                outcome.reask = self.transport.wanted
            else:
                outcome.error = exc
        else:
            result.elapsed = time.monotonic() - started
            outcome = Outcome(answer=result, usage=result.usage)
        if self.transport.sent and self.transport.sent[0] != sent:
            return Outcome(error=_drifted(), usage=answer.usage())
        return outcome


def _drifted() -> BodyDrift:
    return BodyDrift(
        "the answered request differs from what this configuration sends now "
        "(prompt, model or options changed since the job was submitted)"
    )


def request_line(custom_id: str, body: dict[str, Any]) -> bytes:
    """One JSONL line of a Batch API input file (UTF-8, newline included)."""
    line = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def answer_of(line: dict[str, Any]) -> Answer:
    """The :class:`Answer` in one output/error-file line (OpenAI and vLLM formats)."""
    response = line.get("response") or {}
    error = line.get("error")
    body = response.get("body")
    status = int(response.get("status_code") or 0)
    if body is not None and status:
        raw = body if isinstance(body, str) else json.dumps(body)
        return Answer(status, raw.encode("utf-8"))
    message = (error or {}).get("message") if isinstance(error, dict) else str(error or "")
    code = (error or {}).get("code") if isinstance(error, dict) else None
    payload = {"error": {"message": message or "no response for this request", "code": code}}
    # No HTTP answer at all (expired, never run): like a server that never answered.
    return Answer(status or 503, json.dumps(payload).encode("utf-8"))


__all__ = [
    "ENDPOINT",
    "Answer",
    "BodyDrift",
    "LivePath",
    "Outcome",
    "ReplayBackend",
    "ReplayTransport",
    "RequestWanted",
    "answer_of",
    "batch_backend",
    "request_line",
]
