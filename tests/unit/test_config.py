from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.config import load_service_settings, load_settings
from summarizer.errors import ConfigError
from tests.support.paths import ROOT


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


# ---------------------------------------------------------------------------
# Settings validated whatever way they arrive
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("make", ["options", "settings+options"])
def test_summarizer_options_are_validated_both_ways(make: str) -> None:
    from summarizer.pipeline.summarizer import Summarizer

    base = load_settings()
    with pytest.raises(ConfigError, match="invalid setting max_retries") as info:
        if make == "options":
            Summarizer(max_retries=-5)
        else:
            Summarizer(base, max_retries=-5)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("with_settings", [False, True])
def test_unknown_option_is_a_config_error_naming_it(with_settings: bool) -> None:
    from summarizer.pipeline.summarizer import Summarizer

    args = (load_settings(),) if with_settings else ()
    with pytest.raises(ConfigError, match="unknown setting 'max_retires'"):
        Summarizer(*args, max_retires=3)


def test_options_on_settings_apply_and_keep_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.config import with_options
    from summarizer.pipeline.summarizer import Summarizer

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdefgh12345")
    base = load_settings(model="m1", max_tokens=500)
    with Summarizer(base, max_retries=4, seed=None) as s:
        assert (s.settings.max_retries, s.settings.seed) == (4, None)
        assert (s.settings.model, s.settings.max_tokens) == ("m1", 500)
        assert s.settings.api_key is not None
        assert s.settings.api_key.get_secret_value() == "sk-test-abcdefgh12345"
    assert with_options(base) is base
    with pytest.raises(ConfigError, match="invalid setting backend"):
        with_options(base, backend="gemini")


# ---------------------------------------------------------------------------
# One backend registry
# ---------------------------------------------------------------------------


def test_every_registered_backend_is_a_setting_and_a_cli_choice() -> None:
    from summarizer.backend_registry import AUTO, BACKENDS
    from summarizer.cli.options import BackendChoice

    assert [c.value for c in BackendChoice] == [AUTO, *BACKENDS]
    for name, spec in BACKENDS.items():
        settings = load_settings(
            backend=name, base_url="http://127.0.0.1:9/v1", model_path=Path("/m/x.gguf")
        )
        assert settings.backend_spec() is spec


def test_auto_rule_comes_from_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.backend_registry import COMPATIBLE, EMBEDDED, OPENAI
    from summarizer.pipeline.cache import backend_identity

    assert load_settings().backend_spec() is EMBEDDED
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdefgh12345")
    assert load_settings().backend_spec() is OPENAI
    assert backend_identity(load_settings()).model == OPENAI.default_model
    assert load_settings(base_url="http://h/v1").backend_spec() is COMPATIBLE
    identity = backend_identity(load_settings(backend="embedded", model_path=Path("/m/t.gguf")))
    assert (identity.kind, identity.model, identity.base_url) == ("embedded", "t", None)


def test_backend_names_and_default_models_live_only_in_the_registry() -> None:
    """A string literal naming a backend or a default model outside the registry is drift."""
    import ast

    import summarizer
    from summarizer.backend_registry import BACKENDS

    names = set(BACKENDS) | {s.default_model for s in BACKENDS.values() if s.default_model}
    names.discard("openai")  # also the SDK's and its logger's name; checked as a backend below
    package = Path(summarizer.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "backend_registry.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(package)}:{node.lineno}: {node.value!r}")
            if (  # kind == "openai" / kind != "openai" comparisons
                isinstance(node, ast.Compare)
                and any(
                    isinstance(c, ast.Constant) and c.value == "openai" for c in node.comparators
                )
            ):
                found.append(f"{path.relative_to(package)}:{node.lineno}: compares with 'openai'")
    assert not found, found


def test_state_url_must_be_postgres_and_its_password_never_shows() -> None:
    from summarizer.service.state import describe_url, url_password

    url = "postgresql://svc:s3cr%40t@db.internal:5433/summarizer"
    settings = load_service_settings(state_url=url)
    assert settings.state_database() == url
    dumped = settings.model_dump_json()
    assert "s3cr" not in repr(settings) and "s3cr" not in dumped and '"state_url"' not in dumped
    assert load_service_settings(state_url="").state_database() is None  # empty env var: SQLite
    with pytest.raises(ConfigError, match="state_url: expected postgresql://"):
        load_service_settings(state_url="mysql://db/summarizer")
    assert describe_url(url) == "postgresql://svc:***@db.internal:5433/summarizer"
    assert describe_url("postgresql://db/x") == "postgresql://db/x"
    assert url_password(url) == "s3cr@t"


# ---------------------------------------------------------------------------
# The service's own settings: the same file and environment, a model of their own
# ---------------------------------------------------------------------------


def test_one_config_file_serves_both_models(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'model = "m"\nport = 9001\napi_keys = ["k1", "k2"]\nmax_in_flight = 3\n'
        'state_url = "postgresql://db/x"\n'
    )
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    assert load_settings().model == "m"
    service = load_service_settings()
    assert (service.port, service.max_in_flight) == (9001, 3)
    assert [key.get_secret_value() for key in service.api_keys] == ["k1", "k2"]
    assert service.state_database() == "postgresql://db/x"
    monkeypatch.setenv("SUMMARIZER_PORT", "9002")
    assert load_service_settings().port == 9002
    assert load_service_settings(port=9003).port == 9003


def test_every_service_environment_variable_reaches_its_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from summarizer.config import SERVICE_ENV_VARS

    values = {
        "SUMMARIZER_HOST": "0.0.0.0",
        "SUMMARIZER_PORT": "8123",
        "SUMMARIZER_WORKERS": "3",
        "SUMMARIZER_API_KEYS": "a, b",
        "SUMMARIZER_STATE_DIR": str(tmp_path),
        "SUMMARIZER_STATE_URL": "postgresql://db/x",
    }
    assert set(values) == set(SERVICE_ENV_VARS)
    for var, value in values.items():
        monkeypatch.setenv(var, value)
    service = load_service_settings()
    assert (service.host, service.port, service.workers) == ("0.0.0.0", 8123, 3)
    assert [key.get_secret_value() for key in service.api_keys] == ["a", "b"]
    assert service.state_dir == tmp_path and service.state_database() == "postgresql://db/x"
    assert load_settings() == load_settings(model=None), "the library's settings ignore them"


def test_a_misspelt_key_is_an_error_for_either_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("rate_limt = 5\n")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    with pytest.raises(ConfigError, match="unknown setting 'rate_limt'"):
        load_settings()
    with pytest.raises(ConfigError, match="unknown setting 'rate_limt'"):
        load_service_settings()


def test_a_service_setting_given_to_the_library_says_where_it_belongs() -> None:
    from summarizer.pipeline.summarizer import Summarizer

    with pytest.raises(ConfigError, match=r"'port' is a setting of summarizer\.config\.Service"):
        Summarizer(port=8000)
    with pytest.raises(ConfigError, match=r"'model' is a setting of summarizer\.config\.Settings"):
        load_service_settings(model="m")


def test_a_batch_export_saved_with_the_service_keys_still_imports(tmp_path: Path) -> None:
    """States written while Settings still held the service's keys keep working."""
    from summarizer.batch.api.exchange import stored_settings
    from summarizer.batch.api.store import BatchStore

    saved = load_settings(model="m", base_url="http://127.0.0.1:9/v1").model_dump(mode="json")
    saved |= {"host": "127.0.0.1", "port": 8000, "api_keys": [], "state_dir": None}
    store = BatchStore(tmp_path / "state.sqlite")
    store.put("settings", json.dumps(saved))
    store.close()
    settings = stored_settings(tmp_path, price_in=1.0)
    assert (settings.model, settings.price_in) == ("m", 1.0)


def test_every_setting_and_variable_is_documented() -> None:
    from summarizer.config import ENV_VARS, SERVICE_ENV_VARS, ServiceSettings, Settings

    docs = ROOT / "docs"
    configuration = (docs / "configuration.md").read_text(encoding="utf-8")
    service = (docs / "service.md").read_text(encoding="utf-8")
    for field in Settings.model_fields:
        assert f"`{field}`" in configuration, field
    for field in ServiceSettings.model_fields:
        assert f"`{field}`" in configuration and f"`{field}`" in service, field
    for var in (*ENV_VARS, *SERVICE_ENV_VARS):
        assert f"`{var}`" in configuration, var


def test_worker_processes_rebuild_both_settings_from_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``serve --workers N`` hands its options to each worker through the environment."""
    from summarizer.service.runtime import state_of
    from summarizer.service.server import OVERRIDES_ENV, app_from_environment

    overrides = {"settings": {"model": "m", "base_url": "http://127.0.0.1:9/v1"}}
    overrides["service"] = {"rate_limit": 7.0, "state_dir": str(tmp_path)}
    monkeypatch.setenv(OVERRIDES_ENV, json.dumps(overrides))
    service = state_of(app_from_environment())
    assert (service.library.model, service.library.base_url) == ("m", "http://127.0.0.1:9/v1")
    assert (service.settings.rate_limit, service.settings.state_dir) == (7.0, tmp_path)
