"""The package's imports point one way along the data path, with no circles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "stancekit"

# Top to bottom: a part imports only parts below it (docs/architecture.md).
# engines/ sits below pipeline/: it is given functions and never imports
# pipeline/, so pipeline/ is the one that calls it.
LAYERS = [
    "cli",
    "present",
    "pipeline",
    "engines",
    "models",
    "features",
    "evaluation",
    "dataset",
    "formats",
    "text",
    "io",
    "persist",
    "lexicon",
    "tasks",
    "errors",
]
# Public paths kept for users, each a thin re-export of the real module.
SHIMS = {"__init__", "__main__", "metrics", "integrations"}


def _imports(path: Path) -> set[str]:
    """Every stancekit module a file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("stancekit"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "stancekit"
        ):
            base = node.module
            found.add(base)
            if base == "stancekit":
                found.update(
                    f"stancekit.{a.name}"
                    for a in node.names
                    if not a.name.startswith("_")
                )
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "__init__"


MODULES = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_parts_below_its_own(module):
    part = _part(module)
    if part in SHIMS:
        return
    assert part in LAYERS, f"{module} is in no layer of docs/architecture.md"
    for imported in MODULES[module]:
        other = _part(imported)
        if other == part or imported == "stancekit":
            continue
        if other in SHIMS:
            pytest.fail(f"{module} imports the public shim {imported}")
        assert LAYERS.index(other) > LAYERS.index(part), (
            f"{module} ({part}) imports {imported} ({other}), which is not below it"
        )


def test_engines_never_import_pipeline():
    for module, imported in MODULES.items():
        if _part(module) == "engines":
            assert not any(_part(i) == "pipeline" for i in imported), module


def test_no_module_imports_itself_through_a_circle():
    graph = {
        m: {i for i in imports if i in MODULES and i != m}
        for m, imports in MODULES.items()
        if _part(m) not in SHIMS
    }
    # A package's __init__ re-exporting its own modules is not a circle.
    for m in graph:
        graph[m] = {i for i in graph[m] if not m.startswith(i + ".")}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle = (
                    trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt]
                )
                pytest.fail("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
