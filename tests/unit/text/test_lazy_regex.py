"""Importing the extractor compiles no regex: the patterns compile on first use."""

from __future__ import annotations

import re
import subprocess
import sys

from summarizer.text.lazy_regex import LazyPattern, lazy_compile


def test_a_lazy_pattern_compiles_once_on_first_use() -> None:
    built: list[int] = []

    def source() -> str:
        built.append(1)
        return r"(\d+) (apples|pears)"

    pattern = lazy_compile(source, re.IGNORECASE)
    assert isinstance(pattern, LazyPattern) and built == []
    assert pattern.search("we ate 12 APPLES")[1] == "12"
    assert pattern.fullmatch("3 pears") and not pattern.match("pears")
    assert [m[2] for m in pattern.finditer("1 apples, 2 pears")] == ["apples", "pears"]
    assert built == [1] and pattern.pattern == r"(\d+) (apples|pears)"


def test_importing_the_extractor_compiles_none_of_its_patterns() -> None:
    code = (
        "import importlib, sys\n"
        "from summarizer.text.lazy_regex import LazyPattern\n"
        "names = ('numbers', 'text.dates', 'checks.facts', 'checks.time_anchors',\n"
        "         'checks.prose_numbers', 'checks.names', 'checks.dates', 'checks.figures')\n"
        "n = [importlib.import_module('summarizer.' + name) for name in names][0]\n"
        "mods = [m for name, m in sys.modules.items() if name.startswith('summarizer.')]\n"
        "lazy = [v for m in mods for v in vars(m).values() if isinstance(v, LazyPattern)]\n"
        "assert len(lazy) > 30, len(lazy)\n"
        "assert not [p for p in lazy if 'compiled' in vars(p)], 'compiled at import'\n"
        "n.extract_numbers('At least 12 people were killed on Monday.')\n"
        "assert any('compiled' in vars(p) for p in lazy)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
