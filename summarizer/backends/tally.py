"""What one model call spent and did: attempts, tokens, time, for messages and totals.

instructor's hooks feed a :class:`Tally` per call, also when the call ends in failure, so
a failed article's tokens are counted too."""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from summarizer.backends import progress
from summarizer.backends.backend import Backend
from summarizer.backends.log_filters import demote_third_party_loggers
from summarizer.backends.reasks import (
    attempt_temperature,
    describe_parse_error,
    previous_answers,
    reask_prompt,
)
from summarizer.schema import Usage

if TYPE_CHECKING:  # imported where used: the SDKs cost ~0.7 s, and cache hits never call them
    from instructor.core.hooks import Hooks


log = logging.getLogger("summarizer.backends.call")


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
        self.errors.append(describe_parse_error(error))
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


def new_tally(backend: Backend) -> Tally:
    return Tally(
        model=backend.model,
        max_attempts=backend.settings.max_retries + 1,
        base_temperature=backend.settings.temperature,
    )


__all__ = [
    "Tally",
    "new_tally",
]
