"""Load a script of the project (tools/) as a module, by its path.

The tools are run as files, not imported; the tests that exercise their functions load
them here, registered in ``sys.modules`` (dataclasses look their module up). The benches
are a package (``bench``): tests import them by name.
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
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
