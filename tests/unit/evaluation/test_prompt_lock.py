"""prompts.lock: statuses, the no-bump refusal, and a changed prompt missing its cassette."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summarizer.errors import CassetteMiss, ConfigError
from summarizer.evaluation import lock as prompt_lock
from summarizer.evaluation.cassettes import (
    EMBEDDED_MODEL,
    REPLAY_BASE_URL,
    RERECORD_COMMAND,
    cassette_path,
    make_vcr,
)
from summarizer.pipeline.plan import RESPONSE_MODEL
from summarizer.pipeline.summarizer import Summarizer
from summarizer.prompting.templates import PROMPTS_DIR, load_prompt
from tests.conftest import SEEDS

PROMPT_ID = "event-summary"


def copy_prompts(tmp_path: Path) -> Path:
    """The real prompts (and their lock) in a folder a test may edit."""
    folder = tmp_path / "prompts"
    shutil.copytree(PROMPTS_DIR, folder, ignore=shutil.ignore_patterns(".*"))
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bump(path: Path) -> str:
    version = load_prompt(str(path)).version
    new = str(int(version) + 1)
    edit(path, f"version: {version}\n", f"version: {new}\n")
    return new


def change_one_word(path: Path) -> None:
    edit(path, "Never invent numbers", "Never guess numbers")


def statuses(folder: Path) -> dict[str, str]:
    return {s.id: s.status for s in prompt_lock.check(folder)}


def test_the_real_lock_matches_the_prompts() -> None:
    bad = prompt_lock.offending(prompt_lock.check())
    assert not bad, "\n".join(s.message() for s in bad)


def test_lock_records_version_hash_and_path(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    (folder / prompt_lock.LOCK_NAME).unlink()
    assert set(statuses(folder).values()) == {"unlocked"}
    prompt_lock.lock(folder)
    data = json.loads((folder / prompt_lock.LOCK_NAME).read_text())
    prompt = load_prompt(PROMPT_ID, folder)
    assert data[PROMPT_ID] == {
        "version": prompt.version,
        "hash": prompt.content_hash(RESPONSE_MODEL),
        "path": f"prompts/{PROMPT_ID}.md",
    }
    assert set(statuses(folder).values()) == {"ok"}


def test_hash_covers_the_response_schema() -> None:
    prompt = load_prompt(PROMPT_ID)
    assert prompt.content_hash(RESPONSE_MODEL) != prompt.content_hash()
    assert prompt_lock.read_lock()[PROMPT_ID].hash == prompt.content_hash(RESPONSE_MODEL)


def test_each_skipped_step_has_its_own_status(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    path = folder / f"{PROMPT_ID}.md"
    change_one_word(path)
    assert statuses(folder)[PROMPT_ID] == "changed"
    with pytest.raises(ConfigError, match="bump"):
        prompt_lock.lock(folder)  # one version must never name two contents
    bump(path)
    assert statuses(folder)[PROMPT_ID] == "bumped"
    prompt_lock.lock(folder)
    assert statuses(folder)[PROMPT_ID] == "ok"
    bump(path)  # a bump alone is also an unlocked change
    assert statuses(folder)[PROMPT_ID] == "stale"
    path.unlink()
    assert statuses(folder)[PROMPT_ID] == "removed"


def test_force_locks_an_unbumped_change(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    change_one_word(folder / f"{PROMPT_ID}.md")
    prompt_lock.lock(folder, force=True)
    assert statuses(folder)[PROMPT_ID] == "ok"


def test_messages_name_the_prompt_and_the_command(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    change_one_word(folder / f"{PROMPT_ID}.md")
    [bad] = prompt_lock.offending(prompt_lock.check(folder))
    assert bad.message().startswith(f"{PROMPT_ID}: content changed")
    assert "bump 'version:'" in bad.message() and prompt_lock.LOCK_COMMAND in bad.message()


def test_broken_lock_file_is_a_clear_error(tmp_path: Path) -> None:
    folder = copy_prompts(tmp_path)
    (folder / prompt_lock.LOCK_NAME).write_text("{not json")
    with pytest.raises(ConfigError, match="cannot read the prompt lock"):
        prompt_lock.check(folder)


def test_replaying_a_cassette_of_another_prompt_hash_names_the_rerecord_command(
    tmp_path: Path,
) -> None:
    seed = SEEDS / "rockets-gaza-2012.txt"
    cassette = cassette_path(PROMPT_ID, seed.stem)
    if not cassette.is_file():
        pytest.skip(f"cassette {cassette.name} not recorded yet (run: {RERECORD_COMMAND})")
    folder = copy_prompts(tmp_path)
    change_one_word(folder / f"{PROMPT_ID}.md")
    options = {"backend": "llama-cpp", "base_url": REPLAY_BASE_URL, "model": EMBEDDED_MODEL}
    with (
        make_vcr("none").use_cassette(str(cassette)),
        Summarizer(**options, prompt=PROMPT_ID, prompts_dir=folder) as summarizer,
        pytest.raises(CassetteMiss) as caught,
    ):
        summarizer.summarize(seed.read_text(encoding="utf-8"))
    message = str(caught.value)
    assert PROMPT_ID in message and RERECORD_COMMAND in message
    assert "prompt changed" in message, message
