"""Recorded model responses (vcrpy cassettes): one place for how we record and replay.

Layout: ``cassettes/<prompt-id>/<article-id>.yaml`` — one recording of the whole
pipeline (first ask and any re-asks) per prompt and article, made against the
embedded llama.cpp server. Tests and ``summarizer eval`` replay the same files.

* Requests match on method, path and the JSON body, so any change to the prompt,
  the schema or the options misses. The miss says which prompt changed and how
  to re-record (:data:`RERECORD_COMMAND`).
* Secrets never reach a cassette: auth headers are filtered on record and
  response headers are cut to what replay needs.
* Every request carries ``X-Summarizer-Prompt-*`` headers, so each cassette
  records prompt id, version and hash; the model is in the body and the date
  recorded in the response's ``date`` header.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CASSETTES_DIR = Path(__file__).resolve().parents[2] / "cassettes"
RERECORD_COMMAND = "make record"
REPLAY_BASE_URL = "http://127.0.0.1:9/v1"  # never contacted: replays are served from cassettes
EMBEDDED_MODEL = "SmolLM2-135M-Instruct.Q4_1"

SECRET_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
)
KEPT_RESPONSE_HEADERS = ("content-type", "date")
PROMPT_HEADERS = (
    "x-summarizer-prompt-id",
    "x-summarizer-prompt-version",
    "x-summarizer-prompt-hash",
)


def cassette_path(prompt_id: str, article_id: str, root: Path | None = None) -> Path:
    return (root or CASSETTES_DIR) / prompt_id / f"{article_id}.yaml"


def vcr_config(record_mode: str = "none") -> dict[str, Any]:
    """Keyword arguments for ``vcr.VCR`` / pytest-recording's ``vcr_config``."""
    return {
        "record_mode": record_mode,
        "match_on": ("method", "path", "summarizer_body"),
        "filter_headers": [(name, None) for name in SECRET_HEADERS],
        "before_record_response": strip_response_headers,
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


def make_vcr(record_mode: str = "none") -> Any:
    import vcr  # heavy and only needed for recording/replay

    config = vcr_config(record_mode)
    # A per-cassette option: vcr.VCR() rejects it, use_cassette() defaults it to False.
    config.pop("allow_playback_repeats", None)
    recorder = vcr.VCR(**config)
    recorder.register_matcher("summarizer_body", body_matcher)
    return recorder


def strip_response_headers(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers") or {}
    response["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_RESPONSE_HEADERS}
    return response


def body_matcher(live: Any, recorded: Any) -> None:
    """vcrpy matcher: equal JSON bodies, or an AssertionError that says what changed.

    vcrpy calls matchers as ``(request being made, request on record)``.
    """
    old, new = _json_body(recorded), _json_body(live)
    if old == new:
        return
    old_prompt, new_prompt = _prompt_headers(recorded), _prompt_headers(live)
    if old_prompt != new_prompt:
        raise AssertionError(
            f"prompt changed: recorded {_describe(old_prompt)}, now {_describe(new_prompt)}; "
            f"bump its version if the change is meant, then re-record with: {RERECORD_COMMAND}"
        )
    raise AssertionError(
        f"request body differs at {first_difference(old, new)}; "
        f"if this change is meant, re-record with: {RERECORD_COMMAND}"
    )


def first_difference(old: Any, new: Any, path: str = "body") -> str:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new), key=str):
            if old.get(key) != new.get(key):
                return first_difference(old.get(key), new.get(key), f"{path}.{key}")
    if isinstance(old, list) and isinstance(new, list):
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            if a != b:
                return first_difference(a, b, f"{path}[{i}]")
        if len(old) != len(new):
            return f"{path} (length {len(old)} -> {len(new)})"
    return path


def _json_body(request: Any) -> Any:
    body = request.body
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    try:
        return json.loads(body) if body else None
    except (TypeError, ValueError):
        return body


def _prompt_headers(request: Any) -> dict[str, str]:
    headers = {k.lower(): v for k, v in dict(request.headers).items()}
    out = {}
    for name in PROMPT_HEADERS:
        value = headers.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None:
            out[name.rsplit("-", 1)[-1]] = str(value)
    return out


def _describe(prompt: dict[str, str]) -> str:
    if not prompt:
        return "(no prompt headers)"
    return f"{prompt.get('id', '?')!r} v{prompt.get('version', '?')} #{prompt.get('hash', '?')}"


def load_yaml(path: Path) -> dict[str, Any]:
    """A cassette file as data: libyaml's safe loader when PyYAML has it (as vcrpy uses),
    ten times faster than the pure-Python one on a recording of a few hundred KB."""
    import yaml  # vcrpy depends on PyYAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data if isinstance(data, dict) else {}


def cassette_metadata(path: Path) -> dict[str, str]:
    """Prompt id/version/hash, model and date recorded, read from a cassette file."""
    data = load_yaml(path)
    interactions = data.get("interactions") or []
    if not interactions:
        return {}
    request, response = interactions[0]["request"], interactions[0]["response"]
    headers = {
        k.lower(): (v[0] if isinstance(v, list) else v)
        for k, v in (request.get("headers") or {}).items()
    }
    meta = {
        name.rsplit("-", 1)[-1]: str(headers[name]) for name in PROMPT_HEADERS if name in headers
    }
    meta["backend"] = str(headers.get("x-summarizer-backend", ""))
    try:
        meta["model"] = json.loads(request.get("body") or "{}").get("model", "")
    except ValueError:
        meta["model"] = ""
    date = (response.get("headers") or {}).get("date") or (response.get("headers") or {}).get(
        "Date"
    )
    meta["recorded"] = (date[0] if isinstance(date, list) else date) or ""
    meta["interactions"] = str(len(interactions))
    return meta


__all__ = [
    "CASSETTES_DIR",
    "EMBEDDED_MODEL",
    "REPLAY_BASE_URL",
    "RERECORD_COMMAND",
    "body_matcher",
    "cassette_metadata",
    "cassette_path",
    "first_difference",
    "load_yaml",
    "make_vcr",
    "strip_response_headers",
    "vcr_config",
]
