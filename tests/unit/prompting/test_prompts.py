from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import ConfigError
from summarizer.prompting.templates import available_prompts, load_prompt, parse_prompt_file
from summarizer.schema import ArticleSummary, SummaryDraft

PROMPT = """---
id: {id}
version: 3
description: test prompt
---
# system
Be exact.
# user
Dateline $dateline
$article
"""


def write_prompt(folder: Path, prompt_id: str = "t", text: str = PROMPT) -> Path:
    path = folder / f"{prompt_id}.md"
    path.write_text(text.format(id=prompt_id))
    return path


def test_every_shipped_prompt_loads_and_renders() -> None:
    prompts = available_prompts()
    assert prompts, "prompts/ must ship at least one prompt"
    for prompt in prompts:
        messages = prompt.render(
            article="ARTICLE TEXT",
            marked_article="ARTICLE TEXT",
            dateline="2024-01-01",
            numbers="- 1",
            mentions='[M1] "1"',
            incidents="[I1] where: X; when: 2024-01-01; types: other; numbers: M1",
        )
        assert [m["role"] for m in messages] == ["system", "user"]
        assert "ARTICLE TEXT" in messages[1]["content"]


def test_load_by_id_and_render(tmp_path: Path) -> None:
    write_prompt(tmp_path)
    prompt = load_prompt("t", tmp_path)
    assert (prompt.id, prompt.version) == ("t", "3")
    messages = prompt.render(article="Body.", dateline="2024-01-01")
    assert messages[1]["content"] == "Dateline 2024-01-01\nBody."


def test_render_returns_a_fresh_list_each_time(tmp_path: Path) -> None:
    prompt = load_prompt(str(write_prompt(tmp_path)))
    first = prompt.render(article="a", dateline="d")
    first.append({"role": "user", "content": "re-ask"})
    assert len(prompt.render(article="a", dateline="d")) == 2


def test_unknown_prompt_lists_the_available_ones(tmp_path: Path) -> None:
    write_prompt(tmp_path, "alpha")
    with pytest.raises(ConfigError, match=r"unknown prompt 'beta' \(available: alpha\)"):
        load_prompt("beta", tmp_path)


def test_hash_changes_with_one_word_and_with_the_schema(tmp_path: Path) -> None:
    path = write_prompt(tmp_path)
    before = parse_prompt_file(path).content_hash(SummaryDraft)
    path.write_text(path.read_text().replace("Be exact.", "Be precise."))
    after = parse_prompt_file(path).content_hash(SummaryDraft)
    assert before != after
    assert parse_prompt_file(path).content_hash(ArticleSummary) != after


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter\n# system\nx\n# user\ny\n", "front matter"),
        ("---\nid: t\n---\n# system\nx\n# user\ny\n", "needs 'version'"),
        ("---\nid: t\nversion: 1\n---\n# system\nx\n", "missing section"),
    ],
)
def test_malformed_prompt_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "t.md"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        parse_prompt_file(path)


def test_missing_template_variable_is_a_config_error(tmp_path: Path) -> None:
    prompt = load_prompt("t", tmp_path) if write_prompt(tmp_path) else None
    assert prompt is not None
    with pytest.raises(ConfigError, match=r"\$dateline"):
        prompt.render(article="x")
