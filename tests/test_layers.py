"""The import graph: no cycles, and the layers docs/architecture.md draws.

Every ``import`` of an eventcode module counts, also one inside a function (a function-level
import hides a cycle from Python at start-up, not from the design).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / "eventcode").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Return each eventcode module's eventcode imports (modules; a package is its __init__)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                # A name that is a submodule imports it; any other name imports the module.
                subs = [f"{module}.{a.name}" for a in node.names]
                targets = [t if t in modules else module for t in subs]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target.startswith("eventcode") and target != name:
                    graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _imports_of(graph: dict[str, set[str]], prefix: str) -> dict[str, set[str]]:
    return {m: i for m, i in graph.items() if m == prefix or m.startswith(prefix + ".")}


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_no_import_cycles() -> None:
    assert _cycles(import_graph()) == []


def test_the_graph_sees_function_level_imports() -> None:
    """The walker is not blind: validation imports parallel_lines inside a function."""
    assert "eventcode.parallel_lines" in import_graph()["eventcode.validation"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


#: Modules of an upper package that import nothing of eventcode: tables any layer may read.
_LEAVES = frozenset({"eventcode.io.limits"})


def test_the_lower_layers_do_not_import_the_upper_ones() -> None:
    """The model, codebooks and rules know nothing of formats, checks, the engine or the CLI;
    the formats (io, acled) nothing of the engines above them, reporters or the CLI; the
    checks nothing of the formats; the reporters only of findings (they consume a stream of
    them)."""
    graph = import_graph()
    upper = ("eventcode.validation", "eventcode.cli", "eventcode.reporters", "eventcode.engine")
    formats = ("eventcode.acled", "eventcode.io", "eventcode.checks")
    for layer, forbidden in (
        ("eventcode.model", (*upper, *formats, "eventcode.rules", "eventcode.parallel_lines")),
        ("eventcode.codebooks", (*upper, *formats, "eventcode.parallel_lines")),
        ("eventcode.rules", (*upper, *formats, "eventcode.parallel_lines")),
        ("eventcode.io", (*upper, "eventcode.parallel_lines")),
        ("eventcode.acled", ("eventcode.cli", "eventcode.reporters", "eventcode.validation")),
        ("eventcode.ucdp", (*upper, "eventcode.parallel_lines", "eventcode.conversion")),
        ("eventcode.engine", ("eventcode.cli", "eventcode.reporters", "eventcode.validation")),
        ("eventcode.checks", (*upper, *formats[:2], "eventcode.parallel_lines")),
        (
            "eventcode.reporters",
            (*formats, "eventcode.validation", "eventcode.engine", "eventcode.cli"),
        ),
    ):
        wrong = {
            module: sorted(i for i in imports if _within(i, forbidden) and i not in _LEAVES)
            for module, imports in _imports_of(graph, layer).items()
        }
        assert {m: i for m, i in wrong.items() if i} == {}, layer


def test_the_leaves_import_nothing_of_eventcode() -> None:
    graph = import_graph()
    assert all(graph[leaf] == set() for leaf in _LEAVES)
