"""Secrets: API keys come only from the environment or the config file and never leak.

Not into stdout, stderr or ``--verbose``/``-vv`` logs (SDK and HTTP debug included),
not into ``meta``, not into error messages, not into cassettes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.cli  # noqa: F401
from summarizer.cli.app import app
from summarizer.evaluation import cassettes
from tests.fakes.fake_openai_server import BELGOROD_DRAFT, Completion, FakeOpenAIServer, Status
from tests.support.fault_fixtures import (
    BELGOROD_PATH,
    FAKE_KEY,
    ROOT,
    run_cli_subprocess,
    write_config,
)

# A key that is not shaped like one: only the registered-secret scrub can catch it.
PLAIN_KEY = "plainSECRETvalue-7f3a9c"

# What a leaked credential looks like in a recording.
CASSETTE_SECRET = re.compile(
    r"sk-[A-Za-z0-9_\-]{6,}"  # OpenAI-style keys
    r"|Bearer\s+\S+"  # an auth header value
    r"|^\s*-?\s*['\"]?(?:authorization|api-key|x-api-key)['\"]?\s*:",  # an auth header key (YAML)
    re.IGNORECASE | re.MULTILINE,
)


def summarize_args(url: str, *extra: str) -> list[str]:
    return [
        "summarize",
        str(BELGOROD_PATH),
        "--backend",
        "compatible",
        "--base-url",
        url,
        "--model",
        "fake",
        *extra,
    ]


def assert_clean(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text
    assert "Bearer " not in text


# One handler, formatter and filter serve every level (summarizer.redaction.configure_logging);
# -vv adds the request lines and the third-party records demoted into ours, -vvv the SDKs' own
# loggers. -v's step lines are a subset of -vv's, so -vv and -vvv cover every path a key could take.
@pytest.mark.slow
@pytest.mark.parametrize("verbosity", ["-vv", "-vvv"])
def test_verbose_cli_never_prints_the_key(
    fake_server: FakeOpenAIServer, tmp_path: Path, verbosity: str
) -> None:
    fake_server.script(
        Status(503), Completion(BELGOROD_DRAFT)
    )  # a retry, so the transport logs too
    config = write_config(tmp_path / "config.toml", backoff_initial=0.01, backoff_max=0.05)
    run = run_cli_subprocess(
        summarize_args(fake_server.url, verbosity, "--format", "json"),
        {"OPENAI_API_KEY": FAKE_KEY, "SUMMARIZER_CONFIG": str(config)},
    )
    assert run.exit_code == 0, run.stderr
    assert "transient failure" in run.stderr  # the verbose log really ran
    if verbosity == "-vv":  # our one line per request
        assert "summarizer.backends.transport DEBUG POST http://127.0.0.1:" in run.stderr
    if verbosity == "-vvv":  # the SDK's own debug output, headers included, scrubbed
        assert "HTTP Request: POST" in run.stderr and "Request options" in run.stderr
    assert_clean(run.stdout + run.stderr, FAKE_KEY)
    # ... while the server did get it, in the Authorization header.
    assert all(r.headers.get("authorization") == f"Bearer {FAKE_KEY}" for r in fake_server.requests)
    meta = json.loads(run.stdout)["meta"]
    assert_clean(json.dumps(meta), FAKE_KEY)


@pytest.mark.slow
def test_key_from_config_file_is_scrubbed_even_when_not_key_shaped(
    fake_server: FakeOpenAIServer,
    tmp_path: Path,
) -> None:
    # The server echoes the key back in its 401 message and the client logs at -vv.
    fake_server.script(Status(401, message=f"Incorrect API key provided: {PLAIN_KEY}"))
    config = write_config(tmp_path / "config.toml", api_key=PLAIN_KEY)
    run = run_cli_subprocess(
        summarize_args(fake_server.url, "-vv"), {"SUMMARIZER_CONFIG": str(config)}
    )
    assert run.exit_code == 4
    assert fake_server.count == 1
    assert fake_server.requests[0].headers.get("authorization") == f"Bearer {PLAIN_KEY}"
    assert (
        run.stderr.strip()
        .splitlines()[-1]
        .endswith("rejected the API key (HTTP 401); check OPENAI_API_KEY")
    )
    assert_clean(run.stdout + run.stderr, PLAIN_KEY)  # -vv logs SDK debug tracebacks too: scrubbed


def test_verbose_log_scrubs_tracebacks(capsys: pytest.CaptureFixture[str]) -> None:
    """A traceback in a -vv log is scrubbed like the message (secrets can sit in exception text)."""
    import logging

    from summarizer.redaction import configure_logging, register_secret

    register_secret(PLAIN_KEY)
    root, ours = logging.getLogger(), logging.getLogger("summarizer")
    before, level, our_level = list(root.handlers), root.level, ours.level
    try:
        configure_logging(2)
        try:
            raise RuntimeError(f"auth failed for {PLAIN_KEY} / {FAKE_KEY}")
        except RuntimeError:
            logging.getLogger("summarizer.test").exception("call failed with key %s", PLAIN_KEY)
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
        root.setLevel(level)
        ours.setLevel(our_level)
    err = capsys.readouterr().err
    assert "Traceback" in err and "call failed with key [REDACTED]" in err
    assert_clean(err, PLAIN_KEY, FAKE_KEY)


def test_server_error_echoing_the_key_is_redacted(
    fake_server: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_server.script(Status(400, message=f"bad key {FAKE_KEY} for project"))
    result = CliRunner().invoke(
        app,
        summarize_args(fake_server.url),
        env={"OPENAI_API_KEY": FAKE_KEY, "SUMMARIZER_CONFIG": str(tmp_path / "none.toml")},
    )
    assert result.exit_code == 4
    assert "[REDACTED]" in result.stderr
    assert_clean(result.stdout + result.stderr, FAKE_KEY)


def test_there_is_no_api_key_option() -> None:
    """Keys on the command line end up in shell history and `ps`: not offered."""
    help_text = CliRunner().invoke(app, ["summarize", "--help"]).stdout
    assert "--api-key" not in help_text
    result = CliRunner().invoke(app, ["summarize", str(BELGOROD_PATH), "--api-key", FAKE_KEY])
    assert result.exit_code == 2  # click usage error


def test_settings_repr_hides_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.config import load_settings

    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    settings = load_settings()
    assert settings.api_key is not None and settings.api_key.get_secret_value() == FAKE_KEY
    assert FAKE_KEY not in repr(settings) and FAKE_KEY not in str(settings)
    assert FAKE_KEY not in settings.model_dump_json()


# ---------------------------------------------------------------------------
# Cassettes
# ---------------------------------------------------------------------------


def secrets_in_cassettes(root: Path) -> list[str]:
    """``path:line: match`` for every secret-looking string in any file under ``root``."""
    if not root.is_dir():
        return []
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in CASSETTE_SECRET.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(root)}:{line}: {match.group().strip()[:40]}")
    return found


def test_no_cassette_holds_a_secret() -> None:
    """Every recorded cassette (none yet is fine) is free of keys and auth headers."""
    leaks = secrets_in_cassettes(cassettes.CASSETTES_DIR)
    assert not leaks, "secrets in cassettes:\n" + "\n".join(leaks)
    assert cassettes.CASSETTES_DIR == ROOT / "cassettes"


def test_cassette_scan_finds_planted_secrets(tmp_path: Path) -> None:
    """The scan above would fail on a leaky cassette (and passes on a clean or missing dir)."""
    assert secrets_in_cassettes(tmp_path / "missing") == []
    clean = tmp_path / "clean" / "event-summary"
    clean.mkdir(parents=True)
    (clean / "a.yaml").write_text(
        "interactions:\n- request:\n    headers:\n      content-type: [application/json]\n"
    )
    assert secrets_in_cassettes(tmp_path / "clean") == []
    leaky = tmp_path / "leaky" / "event-summary"
    leaky.mkdir(parents=True)
    (leaky / "a.yaml").write_text(
        "interactions:\n- request:\n    headers:\n      authorization:\n      - Bearer sk-test-SECRET123456\n"
    )
    (leaky / "b.json").write_text(json.dumps({"headers": {"Authorization": "Bearer xyz123456"}}))
    leaks = secrets_in_cassettes(tmp_path / "leaky")
    assert any("a.yaml:4" in leak for leak in leaks)
    assert any("sk-test" in leak for leak in leaks)
    assert any("b.json" in leak for leak in leaks)


def test_recording_filters_auth_headers() -> None:
    """What the recorder is configured to drop before anything is written."""
    config = cassettes.vcr_config("once")
    dropped = {name for name, value in config["filter_headers"] if value is None}
    assert {"authorization", "api-key", "x-api-key"} <= dropped
