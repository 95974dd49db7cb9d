"""The model SDKs are imported, and their first clients built, with the collector paused.

Importing openai and instructor and building a client creates ~190,000 objects that live
as long as the process (thousands of classes among them). The cyclic garbage collector
runs again and again meanwhile, each full pass walking everything allocated so far, and
finds almost nothing to free (~0.5%); afterwards every full pass of the run walks them all
again. So the places that import the SDKs do it inside :func:`importing_sdks`, which
pauses the collector and, in a process whose owner asked for it, then moves everything
alive out of the collector's sight for good (``gc.freeze``, the technique CPython
documents for this). The CLI asks (:func:`freeze_after_sdk_import`): it owns its process,
and a `summarizer summarize` then spends ~0.9 s of CPU instead of ~1.6 s. A library
must not freeze its host's heap, so that part is opt-in; objects made later are
collected as usual either way.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


class _Freeze:
    wanted = False
    done = False


def freeze_after_sdk_import() -> None:
    """Freeze the heap once, right after the SDKs are first imported (for applications)."""
    _Freeze.wanted = True


@contextlib.contextmanager
def importing_sdks() -> Iterator[None]:
    """No automatic collection inside the block; then a freeze if one was asked for and
    has not happened yet (a second freeze would catch a run's live working data too)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _Freeze.wanted and not _Freeze.done:
            gc.freeze()
            _Freeze.done = True
        if was_enabled:
            gc.enable()


__all__ = [
    "freeze_after_sdk_import",
    "importing_sdks",
]
