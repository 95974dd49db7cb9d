"""Call the model through instructor and validate its answer into the schema.

Instructor re-asks on validation errors (schema violations and, through the
response model's validator, figures that fail the cross-check). Per-call hooks
count every attempt and every token, also when the call ends in failure.
Every third-party exception is translated here into :mod:`summarizer.errors`.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from summarizer.backends.backend import Backend
from summarizer.backends.failures import cause_chain, cut_off, deadline_message, translate_error
from summarizer.backends.log_filters import quiet_third_party
from summarizer.backends.reasks import attempt_temperature, previous_answers
from summarizer.backends.tally import Tally, new_tally
from summarizer.backends.transport import DeadlineExceeded, deadline_scope
from summarizer.schema import Usage

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

    for item in cause_chain(exc):
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

    An answer cut off at max_tokens, and the per-article deadline running out during
    re-asks, are salvaged the same way. Anything else (HTTP errors, no completion at all)
    becomes our own error.
    """
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

    chain = cause_chain(exc)
    cut = next((item for item in chain if isinstance(item, IncompleteOutputException)), None)
    deadline = any(isinstance(item, DeadlineExceeded) for item in chain)
    cut_text = completion_text(cut.last_completion) if cut is not None else None
    text: str | None = None
    note: str | None = None
    if cut_text:  # cut at max_tokens: a re-ask would be cut too; what it finished is salvaged
        text = cut_text
        note = (
            f"the answer was {cut_off(backend)}: what it finished is kept and checked; "
            "raise --max-tokens for a whole answer"
        )
    elif isinstance(exc, InstructorRetryException) and (
        isinstance(exc.__cause__, ValidationError) or deadline
    ):
        text = completion_text(exc.last_completion)
        if deadline:
            note = (
                f"{deadline_message(backend, tally)}. Shown: the last complete answer "
                f"(attempt {max(1, tally.attempts - 1)}), with its checks"
            )
    if text is not None:
        if note is not None:
            tally.errors.append(note)
        elapsed = time.monotonic() - started
        return ModelAnswer(None, text, tally.usage, tally.attempts, tally.errors, elapsed, note)
    error = translate_error(exc, backend, attempts=tally.attempts, tally=tally)
    error.usage = tally.usage  # spent all the same: a batch's totals count it
    raise error from None


def completion_text(completion: Any) -> str | None:
    try:
        content = completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None
    return content if isinstance(content, str) else None


__all__ = [
    "ModelAnswer",
    "acall_model",
    "call_model",
    "completion_text",
    "instructor_model",
    "jinja_literal",
]
