"""Regexes compiled on first use, so importing a module that defines many costs nothing.

The number extractor defines a few dozen large patterns; compiling them took ~50 ms of every
process start (``summarizer --help`` included) although most commands never read a number.
A :class:`LazyPattern` compiles on the first attribute access and then stores the compiled
pattern's bound methods on itself, so later calls cost one instance-dict lookup, as a plain
compiled pattern does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_FORWARDED = ("match", "fullmatch", "search", "finditer", "findall", "sub", "split", "pattern")


class LazyPattern:
    """Stands for ``re.compile(source, flags)``; ``source`` may be a function building it."""

    def __init__(self, source: str | Callable[[], str], flags: int | re.RegexFlag = 0) -> None:
        self._source = source
        self._flags = flags

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once; its methods then live on this object)."""
        source = self._source() if callable(self._source) else self._source
        compiled = re.compile(source, self._flags)
        for name in _FORWARDED:
            setattr(self, name, getattr(compiled, name))
        self.compiled = compiled
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Only reached while the pattern is not compiled yet (or for an unknown attribute).
        if name.startswith("__") or "compiled" in self.__dict__:
            raise AttributeError(name)
        return getattr(self.compile(), name)


def lazy_compile(source: str | Callable[[], str], flags: int | re.RegexFlag = 0) -> Any:
    """A :class:`LazyPattern`, typed as ``Any`` so callers use it like ``re.Pattern``."""
    return LazyPattern(source, flags)


__all__ = [
    "LazyPattern",
    "lazy_compile",
]
