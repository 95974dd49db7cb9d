"""Call the model through instructor and validate its answer into the schema.

Instructor re-asks on validation errors (schema violations and, through the
response model's validator, figures that fail the cross-check). Per-call hooks
count every attempt and every token, also when the call ends in failure.
Every third-party exception is translated here into :mod:`summarizer.errors`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import httpx2 as httpx
from pydantic import BaseModel, ValidationError

from summarizer.backends import progress
from summarizer.backends.backend import Backend
from summarizer.backends.transport import DeadlineExceeded, deadline_scope
from summarizer.checks.salvage import problem_of
from summarizer.errors import (
    BackendError,
    BackendRejected,
    BackendUnavailable,
    CassetteMiss,
    ModelOutputError,
    SummarizerError,
)
from summarizer.redaction import redact
from summarizer.schema import Usage, field_path

if TYPE_CHECKING:  # imported where used: the SDKs cost ~0.7 s, and cache hits never call them
    import openai
    from instructor.core.hooks import Hooks

log = logging.getLogger("summarizer.backends.call")


@dataclass
class ModelAnswer:
    """What came back: a validated draft, or the last raw text when re-asks ran out."""

    draft: BaseModel | None
    raw_text: str | None
    usage: Usage
    attempts: int
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    # Why this answer is not the model's last word (the deadline ran out during a re-ask).
    note: str | None = None

    @property
    def reasks(self) -> int:
        return max(0, self.attempts - 1)


@dataclass
class Tally:
    """Counts attempts and tokens of one call (also when it fails), logs each attempt at -v
    and reports it to whoever is tracking progress (:mod:`summarizer.backends.progress`)."""

    model: str = ""
    max_attempts: int = 0
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    errors: list[str] = field(default_factory=list)
    attempt_started: float = field(default_factory=time.monotonic)
    # What a re-ask varies (see vary_reask): the configured temperature it raises, and the
    # rejection it explains.
    base_temperature: float = 0.0
    last_error: BaseException | None = None

    def hooks(self) -> Hooks:
        from instructor.core.hooks import Hooks

        hooks = Hooks()
        hooks.on("completion:kwargs", _declared(self._on_kwargs))
        hooks.on("completion:response", _declared(self._on_response))
        hooks.on("parse:error", _declared(self._on_parse_error))
        return hooks

    def describe(self) -> str:
        """'attempt 2/3, 1,830 tokens so far': what was happening, for messages."""
        limit = f"/{self.max_attempts}" if self.max_attempts else ""
        return f"attempt {self.attempts}{limit}, {self.usage.total_tokens:,} tokens so far"

    def _on_kwargs(self, *args: Any, **kwargs: Any) -> None:
        demote_third_party_loggers()  # loggers of modules instructor imported lazily
        self.attempts += 1
        self.vary_reask(kwargs)
        self.attempt_started = time.monotonic()
        log.info("attempt %d/%d: asking %s", self.attempts, self.max_attempts, self.model)
        progress.update(
            phase=f"asking {self.model}", attempt=self.attempts, max_attempts=self.max_attempts
        )

    def _on_response(self, response: Any, *args: Any, **kwargs: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.usage = self.usage + Usage(
                prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                total_tokens=getattr(usage, "total_tokens", 0) or 0,
            )
        log.info(
            "attempt %d: answer in %.1fs (%s tokens); checking it",
            self.attempts,
            time.monotonic() - self.attempt_started,
            getattr(usage, "completion_tokens", "?"),
        )
        progress.update(phase="checking the answer", tokens=self.usage.total_tokens)

    def vary_reask(self, request: dict[str, Any]) -> None:
        """Make a re-ask differ from the request that got the rejected answer.

        instructor re-asks with the same keyword arguments plus the rejected answer and its
        error. At temperature 0 with a fixed seed a model then tends to write the same
        answer again, so each re-ask raises the temperature (:func:`attempt_temperature`),
        and instructor's message (pydantic's dump of the error) is replaced by one line per
        problem in words (:func:`reask_prompt`). Both are changed in place: instructor
        sends the ``messages`` list and ``extra_body`` dict these hooks are handed.
        """
        messages = request.get("messages")
        extra_body = request.get("extra_body")
        if not isinstance(messages, list):
            return
        answered = previous_answers(messages)
        if answered and isinstance(extra_body, dict):
            extra_body["temperature"] = attempt_temperature(self.base_temperature, answered)
        error, self.last_error = self.last_error, None
        if (
            error is not None
            and len(messages) >= 2
            and messages[-1].get("role") == "user"
            and messages[-2].get("role") == "assistant"
        ):
            messages[-1] = {"role": "user", "content": reask_prompt(error)}

    def _on_parse_error(self, error: Exception, *args: Any, **kwargs: Any) -> None:
        self.last_error = error
        self.errors.append(_describe_parse_error(error))
        more = self.attempts < self.max_attempts
        log.info(
            "attempt %d rejected: %s%s",
            self.attempts,
            self.errors[-1],
            "; re-asking" if more else "",
        )
        if more:
            progress.update(phase="re-asking")


_ANY_ARGUMENTS = inspect.Signature(
    [
        inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
        inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD),
    ]
)


def _declared(method: Callable[..., None]) -> Callable[..., None]:
    """``method`` as a hook handler that states its signature up front.

    instructor calls ``inspect.signature`` on every handler at every event, which
    costs more than the handler itself; a ``__signature__`` answers it at once.
    """

    def handler(*args: Any, **kwargs: Any) -> None:
        method(*args, **kwargs)

    handler.__signature__ = _ANY_ARGUMENTS  # type: ignore[attr-defined]
    return handler


@functools.lru_cache(maxsize=16)
def instructor_model(response_model: type[BaseModel]) -> type[BaseModel]:
    """``response_model`` as instructor's ResponseSchema subclass, built once per model.

    instructor otherwise builds this very subclass (a new pydantic class) on every call;
    handing it over ready-made sends the same schema and validates the same way.
    """
    import instructor

    if issubclass(response_model, instructor.ResponseSchema):
        return response_model
    return cast(type[BaseModel], instructor.response_schema(response_model))


def new_tally(backend: Backend) -> Tally:
    return Tally(
        model=backend.model,
        max_attempts=backend.settings.max_retries + 1,
        base_temperature=backend.settings.temperature,
    )


# Each re-ask raises the temperature by this much, up to REASK_TEMPERATURE_MAX.
REASK_TEMPERATURE_STEP = 0.3
REASK_TEMPERATURE_MAX = 1.0


def attempt_temperature(base: float, answered: int) -> float:
    """The temperature of a request after ``answered`` rejected answers (never below ``base``)."""
    if answered <= 0:
        return base
    raised = min(REASK_TEMPERATURE_MAX, base + REASK_TEMPERATURE_STEP * answered)
    return max(base, round(raised, 2))


def previous_answers(messages: list[dict[str, Any]]) -> int:
    """How many answers a conversation already holds: a prompt is system and user turns
    only, so each assistant turn is a rejected answer being re-asked (live, or a Batch API
    follow-up line)."""
    return sum(1 for message in messages if message.get("role") == "assistant")


# Problems listed in one re-ask at most (a wholly wrong answer has dozens).
REASK_PROBLEMS = 8


def reask_prompt(error: BaseException) -> str:
    """The re-ask after a rejected answer: what was wrong, one problem per line, in words."""
    lines = ["Your last answer could not be used:"]
    if isinstance(error, ValidationError):
        items = error.errors(include_url=False)
        for item in items[:REASK_PROBLEMS]:
            where = field_path(item.get("loc", ())) or "answer"
            if item["type"] == "json_invalid":
                problem = _json_problem(str(item.get("msg", "")))
            elif item["type"] == "value_error":  # our validators' own words, in full
                problem = str(item.get("msg", "")).removeprefix("Value error, ")
            else:
                problem = problem_of(item)
            lines.append(f"- {where}: {problem}")
        if len(items) > REASK_PROBLEMS:
            lines.append(f"- and {len(items) - REASK_PROBLEMS} more problems of the same kinds")
    else:
        lines.append(f"- {_json_problem(_first_line(str(error)))}")
    lines.append(
        "Answer again with the whole JSON object, with these corrected; a value you cannot "
        "correct, leave out (null where the schema allows it)."
    )
    return "\n".join(lines)


def _json_problem(message: str) -> str:
    if "control character" in message:
        return (
            "a line break or tab inside a string; JSON strings cannot hold them: write the "
            "text on one line"
        )
    return f"not valid JSON ({message.removeprefix('Invalid JSON: ')}); answer with one JSON object"


def call_model(
    backend: Backend,
    messages: list[dict[str, str]],
    response_model: type[BaseModel],
    context: dict[str, Any],
    headers: dict[str, str],
) -> ModelAnswer:
    started = time.monotonic()
    with deadline_scope(backend.settings.deadline), quiet_third_party():
        while True:
            tally = new_tally(backend)
            try:
                draft = backend.client.chat.completions.create(
                    **_create_kwargs(backend, messages, response_model, context, headers, tally)
                )
            except Exception as exc:  # noqa: BLE001 - translated or salvaged below
                if _downgrade_response_format(exc, backend):
                    continue
                return _salvage_or_raise(exc, backend, tally, started)
            return ModelAnswer(
                draft, None, tally.usage, tally.attempts, tally.errors, time.monotonic() - started
            )


async def acall_model(
    backend: Backend,
    messages: list[dict[str, str]],
    response_model: type[BaseModel],
    context: dict[str, Any],
    headers: dict[str, str],
) -> ModelAnswer:
    started = time.monotonic()
    with deadline_scope(backend.settings.deadline), quiet_third_party():
        while True:
            tally = new_tally(backend)
            try:
                draft = await backend.aclient.chat.completions.create(
                    **_create_kwargs(backend, messages, response_model, context, headers, tally)
                )
            except Exception as exc:  # noqa: BLE001
                if _downgrade_response_format(exc, backend):
                    continue
                return _salvage_or_raise(exc, backend, tally, started)
            return ModelAnswer(
                draft, None, tally.usage, tally.attempts, tally.errors, time.monotonic() - started
            )


def _create_kwargs(
    backend: Backend,
    messages: list[dict[str, str]],
    response_model: type[BaseModel],
    context: dict[str, Any],
    headers: dict[str, str],
    tally: Tally,
) -> dict[str, Any]:
    options = backend.request_options(response_model)
    # A conversation that already holds rejected answers (a Batch API follow-up) is a re-ask.
    options["temperature"] = attempt_temperature(options["temperature"], previous_answers(messages))
    # Its own dict, which Tally.vary_reask changes for instructor's re-asks.
    options["extra_body"] = dict(options.get("extra_body") or {})
    return {
        "model": backend.model,
        # A fresh list (instructor appends re-asks to it), with content made template-proof.
        "messages": [{**m, "content": jinja_literal(m["content"])} for m in messages],
        "response_model": instructor_model(response_model),
        "max_retries": backend.settings.max_retries,
        "context": context,
        "hooks": tally.hooks(),
        "extra_headers": headers,
        **options,
    }


# Jinja's own rule (jinja2.lexer: newline_re, keep_trailing_newline=False).
_ONE_TRAILING_NEWLINE = re.compile(r"(?:\r\n|\r|\n)\Z")


def jinja_literal(text: str) -> str:
    """``text`` such that Jinja renders it back unchanged.

    instructor renders every message as a Jinja template whenever ``context=`` is
    given (we give it: it is how validators see the article). An article holding
    ``{{ ... }}`` or ``{% ... %}`` would otherwise be executed, not sent. So the text
    goes inside ``{% raw %}`` blocks, split wherever it holds ``{%`` (which is then
    emitted as an expression), so no ``{% endraw %}`` of its own can close a block.

    Rendered, this is exactly what escaping every "{" as an expression gave before
    (and what the recordings hold): Jinja turns CRLF and CR into LF and drops one
    trailing newline from a template, so that newline is dropped here too. The raw
    blocks are for speed: Jinja compiled one expression per brace of the old form.
    """
    text = _ONE_TRAILING_NEWLINE.sub("", text, count=1)
    return "{{ '{%' }}".join(
        "{% raw %}" + part + "{% endraw %}" if part else "" for part in text.split("{%")
    )


def _downgrade_response_format(exc: BaseException, backend: Backend) -> bool:
    """Some OpenAI-compatible servers (llama-cpp-python) reject ``json_schema``.

    Once per backend, switch to ``json_object`` with the schema attached, which
    those servers accept (and turn into a grammar). True means "try again".
    """
    if not backend.spec.may_downgrade or backend.response_format != "json_schema":
        return False
    import openai

    for item in _cause_chain(exc):
        if not isinstance(item, openai.APIStatusError) or item.status_code not in (400, 422, 500):
            continue
        if "response_format" in str(item.body) or "json_schema" in str(item.body):
            log.info("server rejected response_format json_schema; using json_object with schema")
            backend.response_format = "llama_cpp_schema"
            return True
    return False


def _salvage_or_raise(
    exc: Exception, backend: Backend, tally: Tally, started: float
) -> ModelAnswer:
    """Re-asks ran out on a *validation* failure: hand back the last text to salvage.

    The per-article deadline running out during re-asks is salvaged the same way.
    Anything else (HTTP errors, truncation, no completion at all) becomes our own error.
    """
    from instructor.core.exceptions import InstructorRetryException

    deadline = any(isinstance(item, DeadlineExceeded) for item in _cause_chain(exc))
    if isinstance(exc, InstructorRetryException) and (
        isinstance(exc.__cause__, ValidationError) or deadline
    ):
        text = completion_text(exc.last_completion)
        if text is not None:
            note = None
            if deadline:
                note = (
                    f"{deadline_message(backend, tally)}. Shown: the last complete answer "
                    f"(attempt {max(1, tally.attempts - 1)}), with its checks"
                )
                tally.errors.append(note)
            return ModelAnswer(
                None,
                text,
                tally.usage,
                tally.attempts,
                tally.errors,
                time.monotonic() - started,
                note=note,
            )
    error = translate_error(exc, backend, attempts=tally.attempts, tally=tally)
    error.usage = tally.usage  # spent all the same: a batch's totals count it
    raise error from None


_in_our_call: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "summarizer_in_model_call", default=False
)
QUIETED_LOGGERS = ("instructor",)


class DemoteToDebug(logging.Filter):
    """Inside our calls, a third-party record goes to our logger at DEBUG instead.

    instructor logs every failed attempt at ERROR with the whole validation dump; with
    no logging configured Python prints that to stderr. Our -v lines already say it in
    one line, and our errors say it once. Outside our calls the record passes untouched.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not _in_our_call.get():
            return True
        log.debug("%s: %s", record.name, redact(record.getMessage()))
        return False


_DEMOTE = DemoteToDebug()


def demote_third_party_loggers() -> None:
    """Put the filter on every instructor logger that exists (some appear on first use)."""
    for name in list(logging.root.manager.loggerDict):
        if name.split(".")[0] in QUIETED_LOGGERS:
            logger = logging.getLogger(name)
            if _DEMOTE not in logger.filters:
                logger.addFilter(_DEMOTE)


@contextlib.contextmanager
def quiet_third_party() -> Iterator[None]:
    """Mark the code inside as our call; every instructor logger carries the demoting filter."""
    import instructor  # noqa: F401 - its loggers exist once it is imported

    demote_third_party_loggers()
    token = _in_our_call.set(True)
    try:
        yield
    finally:
        _in_our_call.reset(token)


def completion_text(completion: Any) -> str | None:
    try:
        content = completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None
    return content if isinstance(content, str) else None


def model_description(backend: Backend) -> str:
    """'the embedded model X' or 'X at URL': what the user chose, not an internal port."""
    if backend.spec.embedded:
        return f"the embedded model {backend.model}"
    return f"{backend.model} at {backend.base_url or 'the OpenAI API'}"


def deadline_message(backend: Backend, tally: Tally | None = None) -> str:
    doing = f" ({tally.describe()})" if tally is not None and tally.attempts else ""
    return (
        f"the {backend.settings.deadline:g}s deadline per article ran out waiting for "
        f"{model_description(backend)}{doing}; raise it with --deadline SECONDS "
        "(or SUMMARIZER_DEADLINE, or `deadline` in the config file)"
    )


def gave_up_message(backend: Backend, tally: Tally | None = None) -> str:
    doing = f"; {tally.describe()}" if tally is not None and tally.attempts else ""
    return (
        f"gave up on {model_description(backend)}: the {backend.settings.deadline:g}s deadline "
        f"per article ran out{doing}; raise it with --deadline SECONDS "
        "(or SUMMARIZER_DEADLINE, or `deadline` in the config file)"
    )


def timeout_message(backend: Backend, tally: Tally | None, tries: str) -> str:
    doing = f" ({tally.describe()})" if tally is not None and tally.attempts else ""
    return (
        f"no answer from {model_description(backend)} within {backend.settings.timeout:g}s"
        f"{tries}{doing}; raise it with --timeout SECONDS (or SUMMARIZER_TIMEOUT)"
    )


def malformed_hint(problem: str) -> str:
    """What to do about an answer that stayed unusable through the re-asks, by its cause."""
    lowered = problem.lower()
    if "eof while parsing" in lowered or "unterminated" in lowered or "expecting" in lowered:
        return "the answer stops before its JSON ends: raise --max-tokens, or shorten the article"
    if "json" in lowered:
        return (
            "the server does not hold the model to JSON: use a server that supports "
            "response_format (with llama.cpp: --backend llama-cpp), or allow more re-asks "
            "with --max-retries N"
        )
    return (
        "allow more re-asks with --max-retries N, or try a larger model (--model, or "
        "--base-url for another server); -v shows each attempt"
    )


def translate_error(
    exc: BaseException, backend: Backend, attempts: int = 0, tally: Tally | None = None
) -> SummarizerError:
    """One clear, secret-free message for whatever went wrong talking to the model."""
    import openai
    from instructor.core.exceptions import (
        IncompleteOutputException,
        InstructorError,
        InstructorRetryException,
    )

    where = (
        "the embedded model server"
        if backend.spec.embedded
        else backend.base_url or "the OpenAI API"
    )
    tries = f" after {attempts} attempt{'s' if attempts != 1 else ''}" if attempts > 1 else ""
    chain = list(_cause_chain(exc))

    for item in chain:  # ours, raised below the SDK: before its wrapper (a "connection error")
        if isinstance(item, SummarizerError):
            return item

    if any(isinstance(item, DeadlineExceeded) for item in chain):
        return BackendUnavailable(gave_up_message(backend, tally))

    for item in chain:
        if type(item).__name__ == "CannotOverwriteExistingCassetteException":
            return CassetteMiss(
                redact(" ".join(str(item).split())[:2000] + " " + _matcher_hint(str(item)))
            )
    for item in chain:
        if isinstance(item, SummarizerError):
            return item
        if isinstance(item, IncompleteOutputException):
            return ModelOutputError(
                f"model output was cut off at max_tokens={backend.settings.max_tokens} "
                "(finish_reason=length); raise --max-tokens or shorten the article"
            )
        if isinstance(item, openai.APIStatusError):
            return _status_error(item, backend, where, tries)
        if isinstance(item, openai.APITimeoutError):
            return BackendUnavailable(timeout_message(backend, tally, tries))
        if isinstance(item, openai.APIConnectionError):
            root = chain[-1]
            detail = "" if root is item else f": {_first_line(str(root)) or type(root).__name__}"
            connected = not any(
                isinstance(i, (httpx.ConnectError, ConnectionRefusedError)) for i in chain
            )
            what = f"lost the connection to {where}" if connected else f"cannot connect to {where}"
            return BackendUnavailable(redact(f"{what}{tries}{detail}"))
        if isinstance(item, httpx.TimeoutException):
            return BackendUnavailable(timeout_message(backend, tally, tries))
    if isinstance(exc, InstructorRetryException):
        if getattr(exc.last_completion, "choices", None) == []:
            return ModelOutputError(f"{where} returned an empty completion (no choices){tries}")
        detail = _describe_parse_error(exc.__cause__ or exc)
        return ModelOutputError(
            redact(
                f"model did not return a valid summary{tries}: {detail}; {malformed_hint(detail)}"
            )
        )
    if isinstance(
        exc,
        (InstructorError, ValidationError, json.JSONDecodeError, IndexError, KeyError, TypeError),
    ):
        return ModelOutputError(
            redact(
                f"model returned an unusable response: {_first_line(str(exc)) or type(exc).__name__}"
            )
        )
    return BackendError(redact(f"{type(exc).__name__}: {_first_line(str(exc))}"))


def _status_error(
    err: openai.APIStatusError, backend: Backend, where: str, tries: str
) -> SummarizerError:
    status = err.status_code
    detail = redact(_server_message(err))
    if status == 401:
        return BackendRejected(
            f"{where} rejected the API key (HTTP 401); check OPENAI_API_KEY", status
        )
    if status == 403:
        return BackendRejected(f"{where} denied access (HTTP 403): {detail}", status)
    if status == 404:
        return BackendRejected(
            f"not found (HTTP 404) at {where}: check --base-url and that model {backend.model!r} exists",
            status,
        )
    if status == 429:
        return BackendUnavailable(f"rate limited by {where} (HTTP 429){tries}: {detail}")
    if status >= 500:
        return BackendUnavailable(f"server error from {where} (HTTP {status}){tries}: {detail}")
    return BackendRejected(f"{where} rejected the request (HTTP {status}): {detail}", status)


def _server_message(err: openai.APIStatusError) -> str:
    body = err.body
    if isinstance(body, str) and body.lstrip().startswith("<"):
        return "an HTML page, not an API answer (check --base-url)"
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return _first_line(str(inner["message"]))[:300]
        if isinstance(inner, str):
            return inner[:300]
    return _first_line(err.message)[:300]


def _cause_chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _matcher_hint(message: str) -> str:
    return "" if "re-record" in message else "(re-record with: make record)"


def _describe_parse_error(error: BaseException) -> str:
    """'events[0].event_type: Input should be ...' rather than '1 validation error for X'."""
    if isinstance(error, ValidationError) and error.errors():
        first = error.errors(include_url=False)[0]
        where = field_path(first.get("loc", ())) or "answer"
        return redact(_first_line(f"{where}: {first.get('msg', 'invalid')}")[:300])
    prefix = "invalid JSON: " if isinstance(error, json.JSONDecodeError) else ""
    return redact(prefix + _first_line(str(error))[:300])


def _first_line(text: str) -> str:
    for line in text.strip().splitlines():
        if line.strip():
            return line.strip()
    return ""
