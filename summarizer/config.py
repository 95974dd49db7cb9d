"""All configuration in one place: defaults < config file < environment < explicit options.

The config file is TOML at ``$SUMMARIZER_CONFIG`` or ``~/.config/summarizer/config.toml``
with the keys of :class:`Settings`, the library's (``api_key`` included: keys come only
from there or the environment, never from the command line, and are never logged), and
of :class:`ServiceSettings`, ``summarizer serve``'s own. The two are kept apart so that
nothing the library makes (a Summarizer's settings, a batch export's saved ones) carries
the service's; they share one file and one loader so that a misspelt key of either is
still an error.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from summarizer.backend_registry import AUTO, BACKEND_CHOICES, BackendSpec, resolve_backend
from summarizer.errors import ConfigError

# Environment variable -> Settings field.
ENV_VARS: dict[str, str] = {
    "SUMMARIZER_BACKEND": "backend",
    "SUMMARIZER_MODEL": "model",
    "OPENAI_BASE_URL": "base_url",
    "SUMMARIZER_BASE_URL": "base_url",
    "OPENAI_API_KEY": "api_key",
    "SUMMARIZER_MODEL_PATH": "model_path",
    "SUMMARIZER_PROMPT": "prompt",
    "SUMMARIZER_MAX_RETRIES": "max_retries",
    "SUMMARIZER_TIMEOUT": "timeout",
    "SUMMARIZER_DEADLINE": "deadline",
    "SUMMARIZER_PROMPTS_DIR": "prompts_dir",
    "SUMMARIZER_CACHE_DIR": "cache_dir",
    "SUMMARIZER_CACHE": "cache",
    "SUMMARIZER_MAX_ARTICLE_CHARS": "max_article_chars",
    "SUMMARIZER_N_THREADS": "n_threads",
}

# Environment variable -> ServiceSettings field.
SERVICE_ENV_VARS: dict[str, str] = {
    "SUMMARIZER_HOST": "host",
    "SUMMARIZER_PORT": "port",
    "SUMMARIZER_WORKERS": "workers",
    "SUMMARIZER_API_KEYS": "api_keys",
    "SUMMARIZER_STATE_DIR": "state_dir",
    "SUMMARIZER_STATE_URL": "state_url",
}


class Settings(BaseModel):
    """Every knob of the library, typed and bounded. Build with :func:`load_settings`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: str = Field(
        AUTO,
        description="auto: base URL > OpenAI key > embedded model (summarizer.backend_registry).",
        json_schema_extra={"enum": list(BACKEND_CHOICES)},
    )
    model: str | None = Field(None, description="Model name sent to the server.")
    base_url: str | None = Field(
        None, description="Any OpenAI-compatible server, e.g. http://localhost:11434/v1"
    )
    api_key: SecretStr | None = Field(
        None, description="From OPENAI_API_KEY or the config file only."
    )
    model_path: Path | None = Field(None, description="GGUF file for the embedded server.")
    prompt: str = Field(
        AUTO,
        description="Prompt id; auto: the backend's default (BackendSpec.default_prompt).",
    )
    prompts_dir: Path | None = None

    # Validation re-asks (instructor) and figure re-asks share this budget.
    max_retries: int = Field(2, ge=0, le=10)
    reask_unverified: bool = Field(
        True, description="Re-ask the model when a figure fails the cross-check."
    )
    strict: bool = Field(False, description="Unverified figures are an error.")

    temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(3072, ge=64, le=32768)
    seed: int | None = 0

    # Transient failures (429, 5xx, timeouts, connection errors) are retried by tenacity.
    connect_timeout: float = Field(5.0, gt=0)
    timeout: float = Field(180.0, gt=0, description="Seconds to wait for one model response.")
    transient_attempts: int = Field(4, ge=1, le=20)
    backoff_initial: float = Field(0.5, ge=0)
    backoff_max: float = Field(8.0, ge=0)
    retry_after_cap: float = Field(30.0, ge=0, description="Longest Retry-After we honour.")
    deadline: float = Field(600.0, gt=0, description="Total seconds per article, retries included.")

    # Long articles (summarizer.pipeline.chunks): longer than max_article_chars -> summarized in
    # chunks of at most that size; longer than max_article_chars * max_chunks -> refused.
    # 12,000 characters (~3,000-4,000 tokens) fits the embedded model's n_ctx=8192 with
    # max_tokens=3072 and the prompt.
    max_article_chars: int = Field(
        12_000, ge=1_000, description="Longest text sent to the model at once."
    )
    max_chunks: int = Field(8, ge=1, le=64, description="Most chunks one article is split into.")

    # Embedded llama.cpp server.
    n_ctx: int = Field(8192, ge=512)
    n_threads: int | None = Field(
        None,
        ge=1,
        description="Embedded server threads (default: usable cores not busy with other work).",
    )
    n_parallel: int = Field(
        1, ge=1, le=16, description="Concurrent requests the embedded server serves."
    )
    server_start_timeout: float = Field(120.0, gt=0)
    # llama.cpp decodes under a grammar built from the schema with every key required
    # (optional keys made it ~30x slower per token here), so a small model fills every
    # slot it is given. These two knobs keep its worst case short; 0 / () turn them off.
    grammar_list_cap: int = Field(
        2,
        ge=0,
        description="llama.cpp only: most items per list the grammar allows (0: schema bounds).",
    )
    grammar_omit: tuple[str, ...] = Field(
        (
            "Casualties.missing",
            "Casualties.displaced",
            "Casualties.arrested",
            # Selection answers (summarizer.prompting.selection): a 135M model fills date_text with
            # junk; the date itself is asked for.
            "SelectedEvent.date_text",
        ),
        description="llama.cpp only: Model.field entries left out of the grammar (they take their default).",
    )

    # Response cache (summarizer.pipeline.cache) and price table for cost estimates (USD per 1M tokens).
    cache: bool = Field(
        False,
        description="Reuse model answers when the same article is summarized with the same "
        "settings (`summarize --cache`; batch always caches).",
    )
    cache_dir: Path | None = Field(
        None, description="Response cache folder (default ~/.cache/summarizer/responses)."
    )
    price_in: float | None = Field(None, ge=0, description="USD per million prompt tokens.")
    price_out: float | None = Field(None, ge=0, description="USD per million completion tokens.")

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if value not in BACKEND_CHOICES:
            raise ValueError(
                f"unknown backend {value!r} (choose from {', '.join(BACKEND_CHOICES)})"
            )
        return value

    def backend_spec(self) -> BackendSpec:
        """The backend these settings select (``auto`` resolved), from the registry."""
        return resolve_backend(
            self.backend, base_url=self.base_url, has_api_key=self.api_key is not None
        )

    def resolved_prompt(self) -> str:
        """The prompt id to use: the one chosen, or (``auto``) the backend's default."""
        return self.backend_spec().default_prompt if self.prompt == AUTO else self.prompt

    def resolved_backend(self) -> str:
        """The selected backend's name (``auto`` resolved)."""
        return self.backend_spec().name


class ServiceSettings(BaseModel):
    """``summarizer serve``'s own knobs: where it listens, who may call it, its limits, its
    state. Limits are per worker process. Build with :func:`load_service_settings`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field("127.0.0.1", description="Address the HTTP service binds.")
    port: int = Field(8000, ge=0, le=65535)
    workers: int = Field(1, ge=1, le=64, description="uvicorn worker processes.")
    api_keys: tuple[SecretStr, ...] = Field(
        (),
        description="Bearer keys the service accepts (env SUMMARIZER_API_KEYS, comma-separated). "
        "Empty: no auth, and only a loopback host may be bound.",
    )
    rate_limit: float = Field(
        60.0, gt=0, description="Requests per minute per API key (per client address without keys)."
    )
    rate_burst: int = Field(
        20, ge=1, description="Requests a key may send at once before the rate applies."
    )
    max_body_bytes: int = Field(
        1_000_000,
        ge=1_024,
        description="Largest request body for /v1/summaries, /v1/verify, /v1/numbers, /v1/incidents.",
    )
    max_batch_body_bytes: int = Field(
        20_000_000, ge=1_024, description="Largest body for /v1/summaries:stream and /v1/batches."
    )
    max_batch_requests: int = Field(
        1_000, ge=1, description="Most articles in one stream or batch."
    )
    max_in_flight: int = Field(8, ge=1, le=1024, description="Model calls in flight per worker.")
    max_queue: int = Field(64, ge=0, description="Requests waiting for a model slot before 503.")
    queue_wait: float = Field(
        10.0, ge=0, description="Seconds a request waits for a model slot before 503."
    )
    drain_timeout: float = Field(
        30.0, ge=0, description="Seconds SIGTERM waits for in-flight requests before exiting."
    )
    state_dir: Path | None = Field(
        None,
        description="Service state: batch jobs and held summaries (SQLite). Default ~/.local/state/summarizer.",
    )
    keep_summaries: int = Field(
        1_000, ge=0, description="Summaries the service keeps for GET .../{id}."
    )
    state_url: SecretStr | None = Field(
        None,
        # Secret (it may hold a password), and left out of every dump.
        exclude=True,
        description="postgresql://... : keep all service state in Postgres, shared by every "
        "replica (`summarizer db upgrade` first). Default: SQLite under state_dir.",
    )
    state_pool_size: int = Field(
        8, ge=1, le=256, description="Postgres connections each worker process keeps open."
    )
    job_lease: float = Field(
        30.0,
        ge=1.0,
        le=3600.0,
        description="Seconds a replica holds a batch request without a heartbeat before "
        "another replica may take it over (Postgres state only).",
    )

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: Any) -> Any:
        # The environment gives one string: "key1,key2".
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("state_url", mode="before")
    @classmethod
    def _postgres_url(cls, value: Any) -> Any:
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            return value  # the type check says what is wrong
        scheme = value.partition("://")[0].lower()
        if scheme not in ("postgresql", "postgres") or "://" not in value:
            raise ValueError("expected postgresql://[user[:password]@]host[:port]/database")
        return value

    def state_database(self) -> str | None:
        """The Postgres URL of the service's shared state (password included), or None."""
        return self.state_url.get_secret_value() if self.state_url is not None else None


M = TypeVar("M", Settings, ServiceSettings)
# The config file's other model: a key of one is no typo in the other's eyes.
_OTHER: dict[type[BaseModel], type[BaseModel]] = {
    Settings: ServiceSettings,
    ServiceSettings: Settings,
}


def config_file_path() -> Path:
    explicit = os.environ.get("SUMMARIZER_CONFIG")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "summarizer" / "config.toml"


def load_settings(**overrides: Any) -> Settings:
    """Merge defaults, config file, environment and ``overrides`` (None means "not given")."""
    return _load(Settings, ENV_VARS, overrides)


def load_service_settings(**overrides: Any) -> ServiceSettings:
    """The service's settings, merged as :func:`load_settings` merges the library's."""
    return _load(ServiceSettings, SERVICE_ENV_VARS, overrides)


def _load(model: type[M], env_vars: dict[str, str], overrides: dict[str, Any]) -> M:
    # One config file holds both models' keys; each takes its own (and reports a key that
    # belongs to neither: a misspelt one).
    other = _OTHER[model]
    values = {
        key: value
        for key, value in _read_config_file(config_file_path()).items()
        if key not in other.model_fields
    }
    for var, field in env_vars.items():
        raw = os.environ.get(var)
        if raw not in (None, ""):
            values[field] = raw
    values.update({key: value for key, value in overrides.items() if value is not None})
    return _validate(model, values)


def with_options(settings: Settings, **options: Any) -> Settings:
    """``settings`` with ``options`` applied, validated like any other source.

    (``model_copy(update=...)`` would skip validation: ``max_retries=-5`` or a misspelt
    option would pass silently.) Here ``None`` is a value, as in the constructor.
    """
    if not options:
        return settings
    return validate_settings({**settings.model_dump(), **options})


def validate_settings(values: dict[str, Any]) -> Settings:
    """Build :class:`Settings`; the first problem becomes a one-line :class:`ConfigError`."""
    return _validate(Settings, values)


def _validate(model: type[M], values: dict[str, Any]) -> M:
    try:
        return model(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        if first["type"] == "extra_forbidden":
            other = _OTHER[model]
            if where in other.model_fields:
                raise ConfigError(
                    f"{where!r} is a setting of summarizer.config.{other.__name__}, "
                    f"not of summarizer.config.{model.__name__}"
                ) from None
            raise ConfigError(
                f"unknown setting {where!r} (not a field of summarizer.config.{model.__name__})"
            ) from None
        message = first["msg"].removeprefix("Value error, ")  # our validators' own words
        raise ConfigError(f"invalid setting {where}: {message}") from None


def _read_config_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None


__all__ = [
    "ENV_VARS",
    "SERVICE_ENV_VARS",
    "ServiceSettings",
    "Settings",
    "config_file_path",
    "load_service_settings",
    "load_settings",
    "validate_settings",
    "with_options",
]
