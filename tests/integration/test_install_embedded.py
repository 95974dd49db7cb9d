"""The embedded model's install: locked, bounded, and compiled for a portable CPU.

tools/install_embedded.py keys its wheel cache by the build flags, so a wheel built with
other flags (a native one) is never reused; these tests check that contract without
compiling anything.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tests.support.script_module import load_script

tool = load_script(ROOT / "tools" / "install_embedded.py", "install_embedded")


def test_the_lock_pins_llama_cpp_python_with_its_source_hash_inside_the_bound() -> None:
    version, url, digest = tool.locked_sdist(ROOT / "uv.lock")
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert url.endswith(f"llama_cpp_python-{version}.tar.gz")
    local = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["local"]
    (spec,) = [r for r in local if r.startswith("llama-cpp-python")]
    lower, upper = re.search(r">=([\d.]+),<([\d.]+)", spec).groups()  # type: ignore[union-attr]
    as_tuple = lambda v: tuple(int(x) for x in v.split("."))  # noqa: E731
    assert as_tuple(lower) <= as_tuple(version) < as_tuple(upper)


def test_every_runtime_dependency_has_an_upper_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["local"]]:
        assert "<" in requirement, f"{requirement}: no upper bound"


def test_other_flags_never_find_the_portable_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_WHEEL_CACHE", str(tmp_path))
    portable = tool.wheel_folder(tool.build_key("0.3.36", "ab" * 32, "-DGGML_NATIVE=OFF"))
    assert portable == tool.wheel_folder(tool.build_key("0.3.36", "ab" * 32, "-DGGML_NATIVE=OFF"))
    assert portable.parent == tmp_path
    others = {
        tool.wheel_folder(tool.build_key("0.3.36", "ab" * 32, "-DGGML_NATIVE=ON")),
        tool.wheel_folder(tool.build_key("0.3.36", "cd" * 32, "-DGGML_NATIVE=OFF")),
        tool.wheel_folder(tool.build_key("0.3.35", "ab" * 32, "-DGGML_NATIVE=OFF")),
    }
    assert portable not in others and len(others) == 3


def test_a_folder_without_its_build_record_is_no_cached_wheel(tmp_path: Path) -> None:
    (tmp_path / "llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl").write_bytes(b"")
    assert tool.cached_wheel(tmp_path) is None, "an interrupted build is not reused"
    (tmp_path / "build.json").write_text("{}")
    assert tool.cached_wheel(tmp_path) is not None


def test_a_lock_without_llama_cpp_python_says_what_to_run(tmp_path: Path) -> None:
    lock = tmp_path / "uv.lock"
    lock.write_text('version = 1\n[[package]]\nname = "other"\nversion = "1"\n')
    with pytest.raises(SystemExit, match="make lock"):
        tool.locked_sdist(lock)
