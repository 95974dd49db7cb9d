from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.config import load_settings
from summarizer.errors import ConfigError


def test_defaults_pick_the_embedded_backend() -> None:
    settings = load_settings()
    assert settings.resolved_backend() == "embedded"
    assert settings.max_retries == 2


def test_key_selects_openai_and_base_url_wins_over_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdefgh12345")
    assert load_settings().resolved_backend() == "openai"
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    assert load_settings().resolved_backend() == "compatible"


def test_precedence_defaults_file_env_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('model = "from-file"\nmax_retries = 5\ntimeout = 12.5\n')
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    settings = load_settings()
    assert (settings.model, settings.max_retries, settings.timeout) == ("from-file", 5, 12.5)
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    assert load_settings().model == "from-env"
    assert load_settings(model="from-option").model == "from-option"
    assert load_settings(model=None).model == "from-env", "None means 'not given'"


def test_api_key_is_secret_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdefgh12345")
    settings = load_settings()
    assert "sk-test" not in repr(settings) and "sk-test" not in settings.model_dump_json()


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"max_retries": -1}, "max_retries"),
        ({"backend": "gemini"}, "backend"),
        ({"temperature": 9}, "temperature"),
    ],
)
def test_bad_settings_are_one_line_config_errors(override: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=f"invalid setting {message}") as info:
        load_settings(**override)
    assert "\n" not in str(info.value)


def test_unknown_config_file_key_is_rejected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('modle = "typo"\n')
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    with pytest.raises(ConfigError, match="modle"):
        load_settings()


def test_broken_config_file_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("model = \n")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings()
