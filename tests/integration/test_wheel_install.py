"""A wheel, installed into a fresh virtualenv outside the checkout, works on its own.

The build runs on a copy of the package sources (so the checkout stays clean and
nothing can be found through it), the virtualenv borrows this one's dependencies
through a ``.pth`` path line (offline, seconds; ``.pth`` files in that folder are not
processed, so the editable install of the checkout stays invisible), and every command
runs with a temporary folder as its working directory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.fakes.fake_openai_server import BELGOROD_DRAFT, Completion, FakeOpenAIServer
from tests.support.paths import ROOT

SEED = ROOT / "seeds" / "belgorod-kharkiv-2024-01-01.txt"

pytestmark = pytest.mark.slow  # builds the wheel and a virtualenv


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin/`` folder of a fresh virtualenv holding only the built wheel."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    shutil.copytree(
        ROOT / "summarizer", source / "summarizer", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    dist = work / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "wheel", "-q", "--no-deps", "-w", str(dist), str(source)], cwd=work)
    (wheel,) = dist.glob("summarizer-*.whl")

    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work)
    python = venv / "bin" / "python"
    run([*pip, "--python", str(python), "install", "-q", "--no-deps", str(wheel)], cwd=work)
    purelib = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=work,
        ).strip()
    )
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "borrowed-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return venv / "bin"


def run(args: list[str], cwd: Path, expect: int = 0) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env["SUMMARIZER_CONFIG"] = str(cwd / "absent-config.toml")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == expect, (
        f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    )
    return proc.stdout + proc.stderr


def test_the_package_comes_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    out = run(
        [str(installed / "python"), "-c", "import summarizer; print(summarizer.__file__)"], tmp_path
    )
    assert Path(out.strip()).is_relative_to(installed.parent), out
    assert not Path(out.strip()).is_relative_to(ROOT)


def test_prompts_list_shows_the_shipped_prompts(installed: Path, tmp_path: Path) -> None:
    out = run([str(installed / "summarizer"), "prompts", "list"], tmp_path)
    lock = json.loads((ROOT / "summarizer" / "prompt_files" / "prompts.lock").read_text())
    for prompt_id, entry in lock.items():
        assert prompt_id in out and entry["hash"] in out, out
    run([str(installed / "summarizer"), "prompts", "check"], tmp_path)


def test_summarize_uses_the_shipped_prompt(
    installed: Path, tmp_path: Path, fake_server: FakeOpenAIServer
) -> None:
    """The fault the wheel used to have: 'unknown prompt (available: none)' on summarize."""
    article = tmp_path / "article.txt"
    shutil.copy2(SEED, article)
    fake_server.script(Completion(BELGOROD_DRAFT))
    out = run(
        [
            str(installed / "summarizer"),
            "summarize",
            str(article),
            "--base-url",
            fake_server.url,
            "--model",
            "fake",
            "--format",
            "json",
        ],
        tmp_path,
    )
    summary = json.loads(out[: out.rindex("}") + 1])
    lock = json.loads((ROOT / "summarizer" / "prompt_files" / "prompts.lock").read_text())
    assert summary["meta"]["prompt_id"] == "event-summary"
    assert summary["meta"]["prompt_hash"] == lock["event-summary"]["hash"]
    assert summary["verification"]["counts"]["verified"] > 0
    assert fake_server.count == 1


def test_verify_runs(installed: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    shutil.copy2(SEED, article)
    summary = tmp_path / "summary.json"
    summary.write_text(
        json.dumps(
            {
                "headline": "Russia strikes Kharkiv",
                "summary": "Missiles hit Kharkiv after the Belgorod attack.",
                "events": [
                    {
                        "event_type": "missile_strike",
                        "description": "Strike on Belgorod",
                        "figures": [{"value": 24, "role": "killed", "quote": "killed 24 people"}],
                    }
                ],
            }
        )
    )
    out = run(
        [str(installed / "summarizer"), "verify", str(article), str(summary), "--format", "json"],
        tmp_path,
    )
    report = json.loads(out[: out.rindex("}") + 1])
    assert [check["status"] for check in report["figures"]] == ["verified"]


def test_eval_outside_a_checkout_says_what_it_needs(installed: Path, tmp_path: Path) -> None:
    out = run([str(installed / "summarizer"), "eval"], tmp_path, expect=2)
    assert "needs the seed articles" in out and "--seeds-dir" in out, out
    assert "cassettes" in out and "--cassettes-dir" in out, out
    assert "Traceback" not in out
    assert len(out.strip().splitlines()) == 1, out
