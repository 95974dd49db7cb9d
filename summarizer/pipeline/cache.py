"""On-disk response cache: unchanged work costs no model call.

The cache holds the model's *answer* (the validated draft JSON, its token usage and
attempt count), never the finished summary: on a hit the pipeline re-runs the figure
cross-check against the article, so a fixed verifier applies to cached answers too,
and ``meta`` says ``cached: true``.

Key (all parts must match for a hit)::

    v1 | backend kind | model | prompt hash | schema hash | article sha256 | request sha256

The prompt hash covers the templates and the response schema; the request hash covers
the rendered messages (so a change in the numbers checklist misses) and the options that
change the answer (temperature, seed, max_tokens, re-asks, grammar cap). The base URL is
left out on purpose: the embedded server gets a new port every run.

Storage is :mod:`diskcache` (SQLite plus files, safe across threads and processes),
at ``--cache-dir``, ``$SUMMARIZER_CACHE_DIR``, or ``~/.cache/summarizer/responses``;
or any key -> text ``backend`` with diskcache's get/set (the service's replicas share
one in Postgres: summarizer.service.pg_store).
Only answers that produced a summary are stored; errors are never cached.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import diskcache
from pydantic import BaseModel

from summarizer.backends.call import ModelAnswer
from summarizer.config import Settings
from summarizer.errors import ConfigError
from summarizer.pipeline.plan import PreparedRequest
from summarizer.prompting.templates import schema_hash
from summarizer.schema import Usage

CACHE_VERSION = 1
DEFAULT_SIZE_LIMIT = 1 << 30  # 1 GiB; least recently stored entries are evicted beyond it


def default_cache_dir() -> Path:
    """``$SUMMARIZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/summarizer/responses`` (``~/.cache``)."""
    explicit = os.environ.get("SUMMARIZER_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "summarizer" / "responses"


@dataclass(frozen=True, slots=True)
class BackendIdentity:
    """Which backend and model answer, known without starting or contacting anything."""

    kind: str
    model: str
    base_url: str | None = None


def backend_identity(settings: Settings) -> BackendIdentity:
    """The (kind, model) :func:`summarizer.backends.backend.open_backend` would use, without opening it.

    A cache hit must not start the embedded server just to learn the model's name.
    """
    spec = settings.backend_spec()
    model = spec.model_name(settings.model, settings.model_path)
    return BackendIdentity(spec.name, model, None if spec.embedded else settings.base_url)


@functools.lru_cache(maxsize=8)
def _schema_hash(response_model: type[BaseModel]) -> str:
    return schema_hash(response_model)


def article_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Settings that change what the model answers (or how often it is asked).
_ANSWER_OPTIONS = (
    "temperature",
    "max_tokens",
    "seed",
    "max_retries",
    "reask_unverified",
    "grammar_list_cap",
)


class ResponseCache:
    """Model answers keyed by :meth:`key_for`, in :mod:`diskcache` or ``backend``."""

    def __init__(
        self,
        directory: str | Path | None = None,
        *,
        size_limit: int = DEFAULT_SIZE_LIMIT,
        backend: Any = None,
    ) -> None:
        self.directory = Path(directory).expanduser() if directory else default_cache_dir()
        self.hits = 0
        self.misses = 0
        self.writes = 0
        if backend is not None:
            self._store = backend
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._store = diskcache.Cache(str(self.directory), size_limit=size_limit)
        except OSError as exc:
            raise ConfigError(
                f"{self.directory}: cannot open the response cache ({exc.strerror or exc})"
            ) from None

    def key_for(
        self, request: PreparedRequest, settings: Settings, response_model: type[BaseModel]
    ) -> str:
        identity = backend_identity(settings)
        options = {name: getattr(settings, name) for name in _ANSWER_OPTIONS}
        request_digest = hashlib.sha256(
            json.dumps({"messages": request.messages, "options": options}, sort_keys=True).encode(
                "utf-8"
            )
        ).hexdigest()
        parts = (
            f"v{CACHE_VERSION}",
            identity.kind,
            identity.model,
            request.prompt_hash,
            _schema_hash(response_model),
            article_hash(request.text),
            request_digest,
        )
        return "|".join(parts)

    def get(self, key: str) -> ModelAnswer | None:
        """The stored answer (to validate and verify again), or None."""
        raw = self._store.get(key)
        if not isinstance(raw, str):
            self.misses += 1
            return None
        try:
            data = json.loads(raw)
            answer = ModelAnswer(
                draft=None,
                raw_text=data["text"],
                usage=Usage.model_validate(data["usage"]),
                attempts=int(data["attempts"]),
                errors=list(data.get("errors", [])),
                elapsed=0.0,  # no model time spent on this run
            )
        except (ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return answer

    def put(self, key: str, answer: ModelAnswer) -> None:
        text = answer.draft.model_dump_json() if answer.draft is not None else answer.raw_text
        if text is None:
            return
        record: dict[str, Any] = {
            "text": text,
            "usage": answer.usage.model_dump(),
            "attempts": answer.attempts,
            "errors": answer.errors,
        }
        self._store.set(key, json.dumps(record))
        self.writes += 1

    def __len__(self) -> int:
        return len(self._store)

    def __bool__(self) -> bool:  # an empty cache is still a cache
        return True

    def __contains__(self, key: object) -> bool:
        return key in self._store

    def clear(self) -> None:
        self._store.clear()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


CacheOption = ResponseCache | bool | str | Path | None


def open_cache(option: CacheOption, settings: Settings) -> ResponseCache | None:
    """``Summarizer(cache=...)``: False off, True the configured folder, a path that folder;
    None (not given) follows the ``cache`` setting (config file, SUMMARIZER_CACHE)."""
    if option is None:
        option = settings.cache
    if option is False:
        return None
    if isinstance(option, ResponseCache):
        return option
    if option is True:
        return ResponseCache(settings.cache_dir)
    return ResponseCache(Path(option))


__all__ = [
    "BackendIdentity",
    "CacheOption",
    "ResponseCache",
    "article_hash",
    "backend_identity",
    "default_cache_dir",
    "open_cache",
]
