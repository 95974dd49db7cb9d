"""The one client factory: OpenAI, any OpenAI-compatible base URL, or embedded llama.cpp.

What each backend needs and how it asks for structured output is declared in
:mod:`summarizer.backend_registry`; this module turns a declaration into clients.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx2 as httpx
from pydantic import BaseModel

from summarizer.backend_registry import BackendSpec, ResponseFormat
from summarizer.backends.embedded import EmbeddedServer
from summarizer.backends.sdk import importing_sdks
from summarizer.backends.transport import AsyncRetryTransport, RetryPolicy, RetryTransport
from summarizer.config import Settings
from summarizer.errors import ConfigError

if TYPE_CHECKING:  # the SDKs cost ~0.7 s to import; a fully cached run never needs them
    import instructor

log = logging.getLogger("summarizer.backends.backend")

PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key; the SDK insists on one


@dataclass
class Backend:
    """A configured model endpoint: sync and async instructor clients plus what they need."""

    spec: BackendSpec
    model: str
    base_url: str | None
    response_format: ResponseFormat
    settings: Settings
    server: EmbeddedServer | None = None
    # What every request goes through instead of the network (httpx.MockTransport in
    # tests, a proxy's transport): retries, timeouts and logging still wrap it.
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = field(
        default=None, repr=False
    )
    _client: instructor.Instructor | None = field(default=None, repr=False)
    _aclient: instructor.AsyncInstructor | None = field(default=None, repr=False)
    _closers: list[Any] = field(default_factory=list, repr=False)
    _async_closers: list[Any] = field(default_factory=list, repr=False)

    @property
    def kind(self) -> str:
        return self.spec.name

    @property
    def mode(self) -> instructor.Mode:
        import instructor

        return (
            instructor.Mode.JSON
            if self.response_format == "json_object"
            else instructor.Mode.JSON_SCHEMA
        )

    @property
    def client(self) -> instructor.Instructor:
        if self._client is None:
            self._client, raw = self.instructor_client(
                asynchronous=False,
                **self._openai_kwargs(),
                http_client=httpx.Client(
                    transport=RetryTransport(
                        inner=self._inner(httpx.BaseTransport),
                        policy=_policy(self.settings),
                        liveness=self._liveness(),
                    ),
                    timeout=_timeout(self.settings),
                ),
            )
            self._closers.append(raw.close)
        return self._client

    @property
    def aclient(self) -> instructor.AsyncInstructor:
        if self._aclient is None:
            self._aclient, raw = self.instructor_client(
                asynchronous=True,
                **self._openai_kwargs(),
                http_client=httpx.AsyncClient(
                    transport=AsyncRetryTransport(
                        inner=self._inner(httpx.AsyncBaseTransport),
                        policy=_policy(self.settings),
                        liveness=self._liveness(),
                    ),
                    timeout=_timeout(self.settings),
                ),
            )
            self._async_closers.append(raw.close)
        return self._aclient

    def _inner(self, kind: type[Any]) -> Any:
        """The given transport for a client of ``kind`` (sync or async), or None: the network."""
        if self.transport is None:
            return None
        if not isinstance(self.transport, kind):
            how = "asynchronously" if kind is httpx.AsyncBaseTransport else "synchronously"
            raise ConfigError(
                f"the transport {type(self.transport).__name__} cannot send {how}; pass one "
                "that can (httpx.MockTransport does both)"
            )
        return self.transport

    def _liveness(self) -> Callable[[], None] | None:
        """The embedded server's death check, for the transport to run on a failed request."""
        return self.server.check_alive if self.server is not None else None

    def instructor_client(self, *, asynchronous: bool, **openai_kwargs: Any) -> tuple[Any, Any]:
        """An instructor client in this backend's mode over a new SDK client, and that SDK
        client (for the caller to close). The first call imports the SDKs, with the
        collector paused (summarizer.backends.sdk)."""
        with importing_sdks():
            import instructor
            import openai

            raw = (openai.AsyncOpenAI if asynchronous else openai.OpenAI)(**openai_kwargs)
            return instructor.from_openai(raw, mode=self.mode), raw

    def request_options(self, response_model: type[BaseModel]) -> dict[str, Any]:
        """Per-request keyword arguments for this backend's structured output."""
        options: dict[str, Any] = {
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if self.settings.seed is not None:
            options["seed"] = self.settings.seed
        if self.response_format == "llama_cpp_schema":
            options["extra_body"] = {
                "response_format": {
                    "type": "json_object",
                    "schema": grammar_schema(
                        response_model, self.settings.grammar_list_cap, self.settings.grammar_omit
                    ),
                }
            }
        return options

    def _openai_kwargs(self) -> dict[str, Any]:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else PLACEHOLDER_KEY
        return {"api_key": key, "base_url": self.base_url, "max_retries": 0}

    async def aclose(self) -> None:
        for closer in self._async_closers:
            await closer()
        self._async_closers.clear()
        self._aclient = None

    def close(self) -> None:
        for closer in self._closers:
            try:
                closer()
            except Exception:
                log.debug("error while closing client", exc_info=True)
        self._closers.clear()
        if self.server is not None:
            self.server.stop()


def open_backend(
    settings: Settings, transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None
) -> Backend:
    """Pick and set up the backend the settings ask for (starting the embedded server if
    needed); ``transport``: what requests go through instead of the network."""
    spec = settings.backend_spec()
    if transport is not None and spec.embedded:
        raise ConfigError(
            "a transport replaces the network to a model server: use it with --base-url "
            "(backend compatible or llama-cpp) or OpenAI, not the embedded model"
        )
    if spec.needs_api_key and settings.api_key is None:
        raise ConfigError(
            f"backend {spec.name!r} needs OPENAI_API_KEY (environment or config file)"
        )
    if spec.needs_base_url and not settings.base_url:
        raise ConfigError(f"backend {spec.name!r} needs --base-url (or OPENAI_BASE_URL)")
    if spec.needs_model and not settings.model:
        raise ConfigError("with --base-url, pass --model: the model name your server serves")
    if not spec.embedded:
        model = spec.model_name(settings.model, settings.model_path)
        return Backend(
            spec, model, settings.base_url, spec.response_format, settings, transport=transport
        )
    server = EmbeddedServer(
        settings.model_path,
        n_ctx=settings.n_ctx,
        n_threads=settings.n_threads,
        start_timeout=settings.server_start_timeout,
    )
    base_url = server.start()
    return Backend(spec, server.model_name, base_url, spec.response_format, settings, server=server)


# llama.cpp turns maxLength=N into N nested optional rules; the schema keeps N in
# the hundreds (1,200 crashed the server with SIGSEGV). Grammar size and ambiguity also cost time on every sampled token: optional keys
# multiply the alternatives, and `integer | number` gives two parses of every digit.
# So the grammar asks for every key, in schema order, and one number type.
_GRAMMAR_DROPPED_KEYS = frozenset({"title", "description", "default"})

# One character of a JSON string as the JSON text writes it: anything but a quote, a
# backslash or a control character, or an escape. llama-cpp-python's grammar for a plain
# string admits raw control characters (a line break inside a headline), which strict JSON
# refuses; a string with this pattern cannot hold one. (llama.cpp applies a string's
# ``pattern`` to the JSON text between the quotes, and a pattern takes precedence over
# minLength/maxLength, so the length bound goes into the pattern.)
_JSON_STRING_CHAR = r'([^"\\\x00-\x1F\x7F]|\\(["\\/bfnrt]|u[0-9a-fA-F]{4}))'
_PLAIN_STRING_KEYS = frozenset({"pattern", "enum", "const", "format"})


def json_text_pattern(min_length: int = 0, max_length: int | None = None) -> str:
    """The grammar pattern of a JSON string of ``min_length`` to ``max_length`` characters
    with no raw control character (for llama.cpp, which matches it against the JSON text)."""
    if max_length is None:
        repeat = "*" if min_length == 0 else f"{{{min_length},}}"
    else:
        repeat = f"{{{min_length},{max_length}}}"
    return f"^{_JSON_STRING_CHAR}{repeat}$"


def grammar_schema(
    response_model: type[BaseModel], list_cap: int = 0, omit: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The response model's JSON schema reduced to what llama.cpp's grammar needs.

    ``list_cap`` lowers every array's maxItems and ``omit`` ("Model.field") leaves
    optional fields out: with every key required a small model fills every slot, and
    8 events x 8 figures would not fit in max_tokens. Omitted fields take their default.
    Derived once per model and options (every request of a run sends the same schema):
    each call gets its own copy.
    """
    return json.loads(_grammar_schema_json(response_model, list_cap, omit))  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=16)
def _grammar_schema_json(
    response_model: type[BaseModel], list_cap: int, omit: tuple[str, ...]
) -> str:
    schema = response_model.model_json_schema()
    for entry in omit:
        model_name, _, field = entry.partition(".")
        definition = schema.get("$defs", {}).get(model_name) or (
            schema if schema.get("title") == model_name else None
        )
        if definition is not None:
            definition.get("properties", {}).pop(field, None)

    def simplify(node: Any) -> Any:
        if isinstance(node, list):
            return [simplify(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {k: simplify(v) for k, v in node.items() if k not in _GRAMMAR_DROPPED_KEYS}
        if isinstance(node.get("properties"), dict):  # property *names* are never dropped
            out["properties"] = {name: simplify(sub) for name, sub in node["properties"].items()}
        if "anyOf" in out and sorted(map(str, out["anyOf"])) == sorted(
            map(str, [{"type": "integer"}, {"type": "number"}])
        ):
            del out["anyOf"]
            out["type"] = "number"
        if out.get("type") == "string" and not _PLAIN_STRING_KEYS & out.keys():
            out["pattern"] = json_text_pattern(out.get("minLength", 0), out.get("maxLength"))
        if out.get("type") == "object" and isinstance(out.get("properties"), dict):
            out["required"] = list(out["properties"])
        if out.get("type") == "array" and list_cap > 0:
            out["maxItems"] = min(out.get("maxItems", list_cap), list_cap)
        return out

    return json.dumps(simplify(schema))


def _policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        attempts=settings.transient_attempts,
        backoff_initial=settings.backoff_initial,
        backoff_max=settings.backoff_max,
        retry_after_cap=settings.retry_after_cap,
        deadline=settings.deadline,
    )


def _timeout(settings: Settings) -> httpx.Timeout:
    return httpx.Timeout(settings.timeout, connect=settings.connect_timeout)


__all__ = [
    "PLACEHOLDER_KEY",
    "Backend",
    "grammar_schema",
    "json_text_pattern",
    "open_backend",
]
