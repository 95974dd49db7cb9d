"""The public surface is a promise: this list changes only on purpose."""

from __future__ import annotations

import summarizer


def test_exported_members() -> None:
    assert sorted(summarizer.__all__) == sorted(
        name for name in dir(summarizer) if not name.startswith("_") and name in summarizer.__all__
    )
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None, name
    assert {
        "summarize",
        "asummarize",
        "Summarizer",
        "verify",
        "ArticleSummary",
        "Figure",
        "Event",
    } <= set(summarizer.__all__)


def test_library_errors_share_one_base() -> None:
    for name in summarizer.__all__:
        obj = getattr(summarizer, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, summarizer.SummarizerError), name


def test_importing_the_package_does_not_import_llama_cpp() -> None:
    import subprocess
    import sys

    code = "import sys, summarizer, summarizer.cli; print('llama_cpp' in sys.modules, 'vcr' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


def test_cli_start_does_not_import_the_model_sdks() -> None:
    """A fully cached batch or `summarizer numbers` never pays for openai/instructor."""
    import subprocess
    import sys

    code = "import sys, summarizer.cli; print(sorted(m for m in ('openai', 'instructor') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
