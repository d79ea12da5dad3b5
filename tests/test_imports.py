"""The package's modules import each other without a cycle (issue 18.4).

A cycle makes the import order matter: a module imported first from a fresh interpreter finds
the other half-made. The graph is read from the source with ``ast``: the imports a module runs
when it is imported (its top level, not those under ``if TYPE_CHECKING:``, which only type
checkers run, nor those inside functions).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "legaldocs"


def _name(path: Path) -> str:
    parts = ["legaldocs", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in PACKAGE.rglob("*.py") if "demo_site" not in p.parts and "templates" not in p.parts}


def _top_level(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The import statements run on import: at the top level, or in a top-level ``if``/``try``
    other than ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]
    return found


def imports(module: str) -> set[str]:
    """The package's modules that importing ``module`` imports directly."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in _top_level(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            names = [target, *(f"{target}.{a.name}" for a in node.names)]
        for name in names:
            parts = name.split(".")
            # importing a.b.c runs a.b first: each package on the way (not the one being made)
            for n in range(2, len(parts) + 1):
                candidate = ".".join(parts[:n])
                if candidate in MODULES and candidate != module and not module.startswith(candidate + "."):
                    out.add(candidate)
    return out


def cycle() -> list[str]:
    """One import cycle among the package's modules, or none."""
    graph = {m: imports(m) for m in MODULES}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str]:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return [*stack[stack.index(n) :], n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return []

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return []


def test_the_modules_import_each_other_without_a_cycle() -> None:
    assert cycle() == [], "an import cycle: " + " -> ".join(cycle())


def test_the_loader_and_the_route_table_do_not_import_each_other() -> None:
    """Rename detection is history policy (``renames``): the route table only makes addresses."""
    assert "legaldocs.routes" not in imports("legaldocs.loader")
    assert "legaldocs.loader" not in imports("legaldocs.routes")


def test_the_graph_sees_an_import() -> None:
    """The reader of imports is not blind: known edges are found, ``TYPE_CHECKING`` ones are not."""
    assert "legaldocs.renames" in imports("legaldocs.loader")
    assert "legaldocs.docsdir" in imports("legaldocs.renames")
    assert "legaldocs.loader" not in imports("legaldocs.renames")  # only under TYPE_CHECKING


@pytest.mark.parametrize(
    "module", ["legaldocs.routes", "legaldocs.loader", "legaldocs.renames", "legaldocs.pages", "legaldocs.pairs"]
)
def test_each_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    """Whatever module a program imports first, the import succeeds (a cycle would leave one half-made)."""
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
