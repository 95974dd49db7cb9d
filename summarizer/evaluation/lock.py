"""``prompts.lock`` beside the prompts: the version and content hash each prompt was last reviewed at.

The lock is JSON, one entry per prompt id::

    {
      "event-summary": {"version": "1", "hash": "3f2a...", "path": "prompt_files/event-summary.md"},
      ...
    }

The hash is :meth:`PromptTemplate.content_hash` with the pipeline's response model,
so a schema change counts as a prompt change (it changes what the model sees).

Workflow: edit a prompt -> bump its ``version:`` -> ``summarizer prompts lock`` ->
``make record`` (re-record its cassettes) -> ``summarizer eval``. :func:`check` flags
every step that was skipped; :func:`lock` refuses to bless a content change whose
version was not bumped, so a version always names one content.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from summarizer.errors import ConfigError
from summarizer.prompting.templates import PromptTemplate, available_prompts, prompts_dir

LOCK_NAME = "prompts.lock"
LOCK_COMMAND = "summarizer prompts lock"

Status = Literal["ok", "unlocked", "changed", "bumped", "stale", "removed"]
OFFENDING: frozenset[str] = frozenset({"unlocked", "changed", "bumped", "stale", "removed"})


@dataclass(frozen=True, slots=True)
class LockEntry:
    version: str
    hash: str
    path: str

    def as_json(self) -> dict[str, str]:
        return {"version": self.version, "hash": self.hash, "path": self.path}


@dataclass(frozen=True, slots=True)
class PromptStatus:
    """One prompt (or lock entry) compared with the lock."""

    id: str
    status: Status
    current: LockEntry | None  # None: the prompt file is gone
    locked: LockEntry | None  # None: not in the lock

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def label(self) -> str:
        return {
            "ok": "locked",
            "unlocked": "not locked",
            "changed": "changed, no bump",
            "bumped": "bumped, not locked",
            "stale": "version changed, not locked",
            "removed": "file missing",
        }[self.status]

    def message(self) -> str:
        """One line saying what is wrong and what to run."""
        cur, old = self.current, self.locked
        if self.status == "ok":
            return f"{self.id}: v{cur.version if cur else '?'} locked"
        if self.status == "unlocked":
            assert cur is not None
            return f"{self.id}: v{cur.version} #{cur.hash} is not in the lock; run: {LOCK_COMMAND}"
        if self.status == "removed":
            assert old is not None
            return f"{self.id}: in the lock (v{old.version}) but {old.path} is missing; run: {LOCK_COMMAND}"
        assert cur is not None and old is not None
        if self.status == "changed":
            return (
                f"{self.id}: content changed (#{old.hash} -> #{cur.hash}) but version is still "
                f"v{cur.version}; bump 'version:' in {cur.path}, then run: {LOCK_COMMAND}"
            )
        if self.status == "bumped":
            return (
                f"{self.id}: version bumped v{old.version} -> v{cur.version} (#{old.hash} -> #{cur.hash}) "
                f"but the lock was not updated; run: {LOCK_COMMAND}"
            )
        return (
            f"{self.id}: version changed v{old.version} -> v{cur.version} with the same content "
            f"#{cur.hash}; run: {LOCK_COMMAND}"
        )


def lock_path(directory: Path | None = None) -> Path:
    return prompts_dir(directory) / LOCK_NAME


def entry_for(prompt: PromptTemplate, directory: Path | None = None) -> LockEntry:
    from summarizer.pipeline.plan import hash_model_for  # the schema is part of the hash

    folder = prompts_dir(directory).resolve()
    path = prompt.path.resolve()
    try:
        shown = path.relative_to(folder.parent).as_posix()
    except ValueError:
        shown = path.as_posix()
    return LockEntry(prompt.version, prompt.content_hash(hash_model_for(prompt)), shown)


def current_entries(directory: Path | None = None) -> dict[str, LockEntry]:
    """Prompt id -> entry as the prompt files stand now."""
    entries: dict[str, LockEntry] = {}
    for prompt in available_prompts(directory):
        if prompt.id in entries:
            raise ConfigError(f"two prompt files declare id {prompt.id!r}")
        entries[prompt.id] = entry_for(prompt, directory)
    return entries


def read_lock(directory: Path | None = None) -> dict[str, LockEntry]:
    """The lock file's entries ({} when there is no lock yet)."""
    path = lock_path(directory)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(
            f"{path}: cannot read the prompt lock ({exc}); rebuild it with: {LOCK_COMMAND}"
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the prompt lock must be a JSON object")
    entries: dict[str, LockEntry] = {}
    for pid, raw in data.items():
        if not isinstance(raw, dict) or not raw.get("version") or not raw.get("hash"):
            raise ConfigError(f"{path}: entry {pid!r} needs 'version' and 'hash'")
        entries[str(pid)] = LockEntry(
            str(raw["version"]), str(raw["hash"]), str(raw.get("path", ""))
        )
    return entries


def compare(current: dict[str, LockEntry], locked: dict[str, LockEntry]) -> list[PromptStatus]:
    """Status of every prompt file and every lock entry, sorted by id."""
    out = []
    for pid in sorted(set(current) | set(locked)):
        cur, old = current.get(pid), locked.get(pid)
        status: Status
        if cur is None:
            status = "removed"
        elif old is None:
            status = "unlocked"
        elif cur.version == old.version:
            status = "ok" if cur.hash == old.hash else "changed"
        else:
            status = "bumped" if cur.hash != old.hash else "stale"
        out.append(PromptStatus(pid, status, cur, old))
    return out


def check(directory: Path | None = None) -> list[PromptStatus]:
    return compare(current_entries(directory), read_lock(directory))


def offending(statuses: list[PromptStatus]) -> list[PromptStatus]:
    return [s for s in statuses if s.status in OFFENDING]


def lock(directory: Path | None = None, *, force: bool = False) -> list[PromptStatus]:
    """Write the lock from the prompt files; return what changed (statuses before locking).

    A prompt whose content changed without a version bump is refused (ConfigError)
    unless ``force``: otherwise one version would name two different prompts.
    """
    statuses = check(directory)
    unbumped = [s for s in statuses if s.status == "changed"]
    if unbumped and not force:
        raise ConfigError(
            "; ".join(s.message().replace(f", then run: {LOCK_COMMAND}", "") for s in unbumped)
            + " (or pass --force to lock it at the same version)"
        )
    entries = current_entries(directory)
    write_lock(entries, directory)
    return [s for s in statuses if not s.ok]


def write_lock(entries: dict[str, LockEntry], directory: Path | None = None) -> Path:
    path = lock_path(directory)
    content = json.dumps({pid: entries[pid].as_json() for pid in sorted(entries)}, indent=2) + "\n"
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the prompt lock ({exc.strerror or exc})") from None
    return path


__all__ = [
    "LOCK_NAME",
    "LockEntry",
    "PromptStatus",
    "check",
    "compare",
    "current_entries",
    "entry_for",
    "lock",
    "lock_path",
    "offending",
    "read_lock",
    "write_lock",
]
