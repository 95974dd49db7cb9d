"""Load prompt files by id, render them, and hash what the model sees.

The prompts ship inside the package (``summarizer/prompt_files/<id>.md``, package data
found through :mod:`importlib.resources`, so a wheel install has them too); a
``prompts_dir`` setting points at a folder of the user's own instead. A prompt file::

    ---
    id: event-summary
    version: 1
    description: one line
    ---
    # system
    ...template...
    # user
    ...template with $article, $dateline, $numbers...

Templates use :class:`string.Template` (``$name``) so JSON braces need no escaping.
The hash covers both templates *and* the response model's JSON schema: change
either and recorded cassettes no longer match.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from pydantic import BaseModel

from summarizer.errors import ConfigError

# Package data: a plain folder in every install pip makes (wheels are never imported zipped).
PROMPTS_DIR = Path(str(importlib.resources.files("summarizer") / "prompt_files"))
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
_SECTION = re.compile(r"^# (system|user)\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class PromptTemplate:
    id: str
    version: str
    description: str
    system: str
    user: str
    path: Path
    # What the model answers: "summary" (a SummaryDraft, figures written out) or
    # "selection" (figures cited by mention id, see summarizer.prompting.selection) with its slot design.
    response: str = "summary"
    slots: str = ""

    def content_hash(self, response_model: type[BaseModel] | None = None) -> str:
        """Short sha256 of the templates plus the response schema."""
        digest = hashlib.sha256()
        digest.update(self.system.encode())
        digest.update(b"\0")
        digest.update(self.user.encode())
        if response_model is not None:
            digest.update(b"\0")
            digest.update(schema_json(response_model).encode())
        return digest.hexdigest()[:16]

    def render(self, **variables: str) -> list[dict[str, str]]:
        """Chat messages for this prompt. A fresh list each call: callers may mutate it."""
        try:
            system = Template(self.system).substitute(variables)
            user = Template(self.user).substitute(variables)
        except KeyError as exc:
            raise ConfigError(
                f"prompt {self.id!r} uses ${exc.args[0]}, which is not provided"
            ) from None
        except ValueError as exc:
            raise ConfigError(f"prompt {self.id!r}: bad template ({exc})") from None
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]


@functools.lru_cache(maxsize=64)
def schema_json(response_model: type[BaseModel]) -> str:
    """The model's JSON schema as canonical text (cached: pydantic rebuilds it on every call,
    and every request hashes it twice; per-article selection models just cycle through)."""
    return json.dumps(response_model.model_json_schema(), sort_keys=True, separators=(",", ":"))


def schema_hash(response_model: type[BaseModel]) -> str:
    return hashlib.sha256(schema_json(response_model).encode()).hexdigest()[:16]


def prompts_dir(override: Path | None = None) -> Path:
    """The user's prompt folder if given, else the prompts shipped with the package."""
    return override if override is not None else PROMPTS_DIR


def available_prompts(directory: Path | None = None) -> list[PromptTemplate]:
    folder = prompts_dir(directory)
    return [parse_prompt_file(path) for path in sorted(folder.glob("*.md"))]


def load_prompt(prompt_id: str, directory: Path | None = None) -> PromptTemplate:
    """Load ``prompt_id`` (or a path to a prompt file)."""
    candidate = Path(prompt_id)
    if candidate.suffix == ".md" and candidate.is_file():
        return parse_prompt_file(candidate)
    folder = prompts_dir(directory)
    path = folder / f"{prompt_id}.md"
    if not path.is_file():
        known = ", ".join(p.id for p in available_prompts(folder)) or "none"
        raise ConfigError(f"unknown prompt {prompt_id!r} (available: {known})")
    prompt = parse_prompt_file(path)
    if prompt.id != prompt_id:
        raise ConfigError(f"{path}: front matter id {prompt.id!r} does not match the file name")
    return prompt


def parse_prompt_file(path: Path) -> PromptTemplate:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read prompt ({exc})") from None
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise ConfigError(f"{path}: missing '---' front matter with id and version")
    meta = _parse_front_matter(match[1], path)
    sections = _split_sections(match[2], path)
    return PromptTemplate(
        id=meta["id"],
        version=meta["version"],
        description=meta.get("description", ""),
        system=sections["system"],
        user=sections["user"],
        path=path,
        response=_response_kind(meta, path),
        slots=meta.get("slots", ""),
    )


def _parse_front_matter(block: str, path: Path) -> dict[str, str]:
    meta: dict[str, Any] = {}
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ConfigError(f"{path}: front matter line {line!r} is not 'key: value'")
        meta[key.strip()] = value.strip().strip("'\"")
    for required in ("id", "version"):
        if not meta.get(required):
            raise ConfigError(f"{path}: front matter needs {required!r}")
    return meta


RESPONSE_KINDS: tuple[str, ...] = ("summary", "selection")


def _response_kind(meta: dict[str, str], path: Path) -> str:
    kind = meta.get("response", "summary")
    if kind not in RESPONSE_KINDS:
        raise ConfigError(
            f"{path}: front matter response {kind!r} is not one of {', '.join(RESPONSE_KINDS)}"
        )
    return kind


def _split_sections(body: str, path: Path) -> dict[str, str]:
    parts = _SECTION.split(body)
    sections: dict[str, str] = {}
    for name, content in zip(parts[1::2], parts[2::2], strict=True):
        sections[name] = content.strip("\n")
    missing = {"system", "user"} - sections.keys()
    if missing:
        raise ConfigError(
            f"{path}: missing section(s) {', '.join(sorted('# ' + m for m in missing))}"
        )
    return sections


__all__ = [
    "PROMPTS_DIR",
    "PromptTemplate",
    "available_prompts",
    "load_prompt",
    "parse_prompt_file",
    "prompts_dir",
    "schema_hash",
    "schema_json",
]
