"""The public surface is a promise: every exported name works and is documented.

``summarizer/__init__.py`` imports its names on first use; these tests check that each
one resolves to the object its module defines, that the lazy table, the static imports and
``__all__`` agree, that the library page (docs/library.md) documents every export, and that
the Python the README and the docs show uses only exported names.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

import summarizer
from tests.support.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
LIBRARY_PAGE = ROOT / "docs" / "library.md"
DOC_PAGES = sorted((ROOT / "docs").glob("*.md"))


def library_page() -> str:
    return LIBRARY_PAGE.read_text(encoding="utf-8")


def test_every_exported_name_resolves_to_its_module_object() -> None:
    assert sorted(summarizer.__all__) == sorted(summarizer.EXPORTS)
    assert len(set(summarizer.__all__)) == len(summarizer.__all__)
    for name in summarizer.__all__:
        module = importlib.import_module(summarizer.EXPORTS[name])
        assert getattr(summarizer, name) is getattr(module, name), name
        namespace: dict[str, object] = {}
        exec(f"from summarizer import {name}", namespace)  # the way users import it
        assert namespace[name] is getattr(module, name), name
    assert set(summarizer.__all__) <= set(dir(summarizer))


def test_static_imports_match_the_lazy_table() -> None:
    """Type checkers read the TYPE_CHECKING imports; runtime reads EXPORTS: same names."""
    tree = ast.parse(Path(summarizer.__file__).read_text(encoding="utf-8"))
    static: dict[str, str] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("summarizer")
        ):
            for alias in node.names:
                static[alias.asname or alias.name] = node.module
    assert static == summarizer.EXPORTS


def test_unknown_names_fail_like_any_module() -> None:
    try:
        summarizer.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_the_library_page_documents_every_export() -> None:
    page = library_page()
    mentioned = set(re.findall(r"`(?:summarizer\.)?([A-Za-z_]\w*)`", page))
    mentioned |= set(re.findall(r"\bsummarizer\.([A-Za-z_]\w*)", page))
    missing = set(summarizer.__all__) - mentioned
    assert not missing, f"exported but not documented on docs/library.md: {sorted(missing)}"


def test_the_readme_links_the_library_page() -> None:
    assert "(docs/library.md)" in README


def used_names(text: str) -> set[str]:
    """Every `summarizer.X` in the text's Python examples, and every `summarizer.X(...)`
    call in its prose."""
    python_blocks = "\n".join(re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL))
    used = set(re.findall(r"\bsummarizer\.([A-Za-z]\w*)\b", python_blocks))
    used |= set(re.findall(r"\bsummarizer\.([A-Za-z]\w*)\(", text))
    return used


@pytest.mark.parametrize(
    "path", [ROOT / "README.md", *DOC_PAGES], ids=lambda path: path.relative_to(ROOT).as_posix()
)
def test_documented_code_uses_only_exported_names(path: Path) -> None:
    """What the README and the docs show is exported (or is one of the package's modules)."""
    for name in used_names(path.read_text(encoding="utf-8")):
        if (ROOT / "summarizer" / f"{name}.py").exists() or (ROOT / "summarizer" / name).is_dir():
            continue
        assert name in summarizer.__all__, f"{path.name} uses summarizer.{name}, not exported"


def test_the_examples_are_really_read() -> None:
    assert {"summarize", "Summarizer", "verify"} <= used_names(README)
    assert {"summarize", "asummarize", "Summarizer", "verify", "summarize_many"} <= used_names(
        library_page()
    )
    assert LIBRARY_PAGE in DOC_PAGES


def test_library_errors_share_one_base() -> None:
    for name in summarizer.__all__:
        obj = getattr(summarizer, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, summarizer.SummarizerError), name


def test_loading_the_library_and_every_command_imports_no_model_sdk() -> None:
    """A fresh interpreter: a fully cached batch never pays for openai/instructor, and using
    the library never loads the embedded server's packages or the cassette recorder."""
    code = (
        "import importlib, sys, summarizer\n"
        "from summarizer.cli.app import COMMANDS\n"
        "for name in summarizer.__all__: getattr(summarizer, name)\n"
        "for entry in COMMANDS.values(): [importlib.import_module(m) for m in entry.modules]\n"
        "print(sorted(m for m in ('llama_cpp', 'vcr', 'openai', 'instructor') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
