"""The layering contract of summarizer/, read from the source (ast), not from a running import.

- The library (everything outside ``summarizer.cli``, ``summarizer.__main__`` and
  ``summarizer.service``) never imports the CLI or the service; the service never imports
  the CLI. Both are thin layers over the same library.
- No import cycles between modules, counting imports inside functions (a cycle hidden in a
  function is still a cycle); imports under ``if TYPE_CHECKING:`` are not run and do not count.
- The layers come in one order (:data:`LAYERS`): a module imports only from its own layer
  or the layers before it, never from a later one, and never from a sibling of the same
  rank (prompting and backends; batch and evaluation).
- No module imports another module's private (leading underscore) name, whether as
  ``from m import _name`` or as ``m._name``. Private *modules* (``_numwords.py``) are for
  their own package.

Why our own test rather than import-linter: the contract needs the private-name rule,
which import-linter does not have, and these ~150 lines need no dependency.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.paths import ROOT

PACKAGE = "summarizer"
SOURCE = ROOT / PACKAGE
THIN_LAYERS = ("summarizer.cli", "summarizer.service")
# `python -m summarizer` is the command line's other door: it belongs to the CLI layer.
CLI_ENTRY_POINTS = ("summarizer.cli", "summarizer.__main__")

# The stages, in order. A module may import its own group and every earlier rank; a group
# of the same rank is a sibling, not a dependency. The kernel is the top-level modules.
KERNEL = (
    "summarizer.errors",
    "summarizer.config",
    "summarizer.schema",
    "summarizer.iso_dates",
    "summarizer.vocabulary",
    "summarizer.redaction",
    "summarizer.backend_registry",
    "summarizer.files",
)
LAYERS: tuple[tuple[str, ...], ...] = (
    KERNEL,
    ("summarizer.text",),
    ("summarizer.numbers",),
    ("summarizer.checks",),
    ("summarizer.prompting", "summarizer.backends"),
    ("summarizer.pipeline",),
    ("summarizer.batch", "summarizer.evaluation"),
    ("summarizer.render",),
    # The service never imports the CLI; the CLI's `serve` and `db` start the service.
    ("summarizer.service",),
    ("summarizer.cli",),
    ("summarizer", "summarizer.__main__"),  # the public API (lazy) and `python -m`
)


def place(name: str) -> tuple[int, str]:
    """(rank, group) of a module: its layer's index and the group it belongs to."""
    best: tuple[int, str] | None = None
    for rank, groups in enumerate(LAYERS):
        for group in groups:
            exact = name == group and group in ("summarizer", "summarizer.__main__")
            if (exact or (group != "summarizer" and in_layer(name, group))) and (
                best is None or len(group) > len(best[1])
            ):
                best = (rank, group)
    if best is None:
        raise AssertionError(f"{name} is in no layer: add it to LAYERS (or move it)")
    return best


def against_the_layers(name: str, imports: set[str]) -> list[str]:
    """The imports of ``name`` that run against the layer order."""
    rank, group = place(name)
    bad = []
    for target in sorted(imports):
        their_rank, their_group = place(target)
        if their_rank > rank or (their_rank == rank and their_group != group and rank > 0):
            bad.append(f"{target} ({their_group})")
    return bad


# Known violations, each with the issue that removes it. The test fails when one is gone
# (delete it here: this list only shrinks) and when a new one appears.
KNOWN_PRIVATE_IMPORTS: set[tuple[str, str]] = set()
KNOWN_CYCLES: set[frozenset[str]] = set()


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    imports: set[str] = field(default_factory=set)  # modules imported at run time
    private_uses: set[str] = field(default_factory=set)  # "module._name" used from outside


def module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def discover() -> dict[str, Module]:
    modules = {}
    for path in sorted(SOURCE.rglob("*.py")):
        name, is_package = module_name(path)
        modules[name] = Module(name, path, is_package)
    for module in modules.values():
        scan(module, modules)
    return modules


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node that can run: skips the bodies of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def absolute(module: Module, level: int, target: str | None) -> str:
    if level == 0:
        return target or ""
    base = module.name.split(".")
    if not module.is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def scan(module: Module, modules: dict[str, Module]) -> None:
    tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
    aliases: dict[str, str] = {}  # local name -> our module it is bound to
    nodes = list(runtime_nodes(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] != PACKAGE:
                    continue
                module.imports.add(alias.name)
                aliases[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else PACKAGE
                )
        elif isinstance(node, ast.ImportFrom):
            source = absolute(module, node.level, node.module)
            if source.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules:  # `from summarizer import numbers`: a module
                    module.imports.add(submodule)
                    aliases[alias.asname or alias.name] = submodule
                    if is_private(alias.name) and not module.name.startswith(source + "."):
                        module.private_uses.add(submodule)
                else:
                    module.imports.add(source)
                    if is_private(alias.name) and source != module.name:
                        module.private_uses.add(f"{source}.{alias.name}")
    for node in nodes:
        # `pipeline._finish(...)` where `pipeline` is one of our modules.
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            target = dotted(node.value, aliases)
            if target in modules and target != module.name:
                module.private_uses.add(f"{target}.{node.attr}")
    module.imports.discard(module.name)


def dotted(node: ast.expr, aliases: dict[str, str]) -> str | None:
    """``summarizer.pipeline.summarizer`` for ``pipeline`` or ``summarizer.pipeline.summarizer`` expressions."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = dotted(node.value, aliases)
        return f"{base}.{node.attr}" if base else None
    return None


def in_layer(name: str, layer: str) -> bool:
    return name == layer or name.startswith(layer + ".")


def cycles(modules: dict[str, Module]) -> list[frozenset[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    graph = {name: {i for i in m.imports if i in modules} for name, m in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


@functools.cache
def scanned() -> dict[str, Module]:
    """The package, parsed once per test process, and only in one that runs these tests."""
    return discover()


# Collection needs only the names (every parallel test process collects every module).
NAMES = sorted(module_name(path)[0] for path in SOURCE.rglob("*.py"))


def test_the_scan_sees_the_package() -> None:
    modules = scanned()
    assert sorted(modules) == NAMES
    assert {"summarizer", "summarizer.cli", "summarizer.cli.app", "summarizer.numbers"} <= set(
        modules
    )
    assert "summarizer.errors" in modules["summarizer.cli.app"].imports


@pytest.mark.parametrize(
    "name", [n for n in NAMES if not any(in_layer(n, c) for c in CLI_ENTRY_POINTS)]
)
def test_library_never_imports_the_cli_or_the_service(name: str) -> None:
    forbidden = ("summarizer.cli",) if in_layer(name, "summarizer.service") else THIN_LAYERS
    bad = sorted(i for i in scanned()[name].imports if any(in_layer(i, f) for f in forbidden))
    assert not bad, f"{name} imports {bad}: the library must not depend on its thin layers"


@pytest.mark.parametrize("name", NAMES)
def test_imports_follow_the_layer_order(name: str) -> None:
    bad = against_the_layers(name, scanned()[name].imports)
    assert not bad, f"{name} ({place(name)[1]}) imports a later or sibling layer: {bad}"


def test_the_layer_order_catches_a_planted_violation() -> None:
    assert against_the_layers("summarizer.checks.figures", {"summarizer.pipeline.plan"})
    assert against_the_layers("summarizer.prompting.selection", {"summarizer.backends.call"})
    assert against_the_layers("summarizer.schema", {"summarizer.text.dates"})
    assert against_the_layers("summarizer.service.app", {"summarizer.cli.app"})
    assert not against_the_layers(
        "summarizer.pipeline.plan",
        {"summarizer.checks.reask", "summarizer.schema", "summarizer.pipeline.chunks"},
    )
    with pytest.raises(AssertionError, match="in no layer"):
        place("summarizer.somewhere_new")


def test_no_import_cycles() -> None:
    found = set(cycles(scanned()))
    new = found - KNOWN_CYCLES
    assert not new, "import cycles: " + "; ".join(" <-> ".join(sorted(c)) for c in new)
    fixed = KNOWN_CYCLES - found
    assert not fixed, f"cycles gone, delete them from KNOWN_CYCLES: {fixed}"


def test_no_private_names_imported_across_modules() -> None:
    found = {(m.name, use) for m in scanned().values() for use in m.private_uses}
    new = found - KNOWN_PRIVATE_IMPORTS
    assert not new, "private names used across modules: " + ", ".join(
        f"{user} uses {name}" for user, name in sorted(new)
    )
    fixed = KNOWN_PRIVATE_IMPORTS - found
    assert not fixed, f"gone, delete them from KNOWN_PRIVATE_IMPORTS: {fixed}"


def test_the_checks_catch_what_they_claim(tmp_path: Path) -> None:
    """The scanner itself: a planted cycle, a private import and a private attribute."""
    a = Module("summarizer.a", tmp_path / "a.py", False)
    b = Module("summarizer.b", tmp_path / "b.py", False)
    a.path.write_text(
        "from typing import TYPE_CHECKING\n"
        "from summarizer import b\n"
        "if TYPE_CHECKING:\n    from summarizer.c import Thing\n"
        "def f():\n    return b._hidden()\n",
        encoding="utf-8",
    )
    b.path.write_text("def g():\n    from summarizer.a import _secret\n", encoding="utf-8")
    fake = {
        "summarizer.a": a,
        "summarizer.b": b,
        "summarizer.c": Module("summarizer.c", a.path, False),
    }
    scan(a, fake)
    scan(b, fake)
    assert a.imports == {"summarizer.b"}  # the TYPE_CHECKING import does not run
    assert a.private_uses == {"summarizer.b._hidden"}
    assert b.private_uses == {"summarizer.a._secret"}
    assert cycles({"summarizer.a": a, "summarizer.b": b}) == [
        frozenset({"summarizer.a", "summarizer.b"})
    ]


MAX_MODULE_LINES = 700  # a module past this holds more than one job: split it by concept
MAX_TOP_LEVEL_MODULES = 10  # the kernel, __init__ and __main__; everything else is a stage


def test_no_module_is_too_long_to_read() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in SOURCE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"over {MAX_MODULE_LINES} lines: {long}"


def test_the_top_level_holds_only_the_kernel() -> None:
    top = sorted(path.name for path in SOURCE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
    kernel = {name.removeprefix("summarizer.") + ".py" for name in KERNEL}
    assert set(top) - {"__init__.py", "__main__.py"} == kernel
