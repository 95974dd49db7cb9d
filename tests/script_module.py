"""Load a script of the project (bench/, tools/, seeds/) as a module, by its path.

The scripts are run as files, not imported; the tests that exercise their functions load
them here: registered in ``sys.modules`` (dataclasses look their module up) and with
``sys.path`` restored afterwards (bench scripts edit it at import).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_script(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    saved = list(sys.path)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module
