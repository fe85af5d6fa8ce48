"""The package's import graph has no cycles: every module, every import (at module level, inside
functions and under TYPE_CHECKING), read with ``ast``. A cycle means two modules that cannot be
understood, tested or changed apart; what they share belongs in the lower one.

And no function or method outside ``factcheck/cli/`` is longer than ``MAX_FUNCTION_LINES``: a
longer one is several steps that want names of their own. (The Typer commands in ``cli/`` are
long with their option declarations, not with logic.)"""

from __future__ import annotations

import ast
from pathlib import Path

import factcheck

PACKAGE = Path(factcheck.__file__).parent

#: Cycles not yet removed: an edge "a -> b" left out of the graph, and why (none at present).
KNOWN: dict[str, str] = {}

#: The longest a function or method may be, from its ``def`` line to its last line.
MAX_FUNCTION_LINES = 60

#: Functions still longer than that ("module.qualified_name"), and why.
KNOWN_LONG: dict[str, str] = {}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, is_package, node)
                # "from . import x" names a submodule when there is one, else something of base
                subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
                targets = subs if len(subs) == len(node.names) else [base, *subs]
            for target in targets:
                if target in modules and target != module:
                    graph[module].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_imports_of_every_kind():
    graph = import_graph()
    assert "factcheck.labels" in graph["factcheck.result"]  # module level
    assert "factcheck.render.check" in graph["factcheck.cli.check"]  # inside a function
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    graph = import_graph()
    for edge in KNOWN:
        a, b = edge.split(" -> ")
        assert b in graph[a], f"{edge} is listed as a known cycle but the import is gone: remove it"
        graph[a].discard(b)
    assert cycles(graph) == []


def test_the_package_says_it_is_typed():
    assert (PACKAGE / "py.typed").is_file()


def function_lengths(module: str, source: str) -> dict[str, int]:
    """"module.Class.method" (nested functions too) -> its length in lines, ``def`` to end."""
    found: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}.{child.name}"
                found[name] = (child.end_lineno or child.lineno) - child.lineno + 1
                visit(child, name)
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}.{child.name}")
            else:
                visit(child, prefix)

    visit(ast.parse(source), module)
    return found


def long_functions() -> dict[str, int]:
    """Every function and method of the package outside ``factcheck/cli/`` that is too long."""
    found = {}
    for module, path in _modules().items():
        if module == "factcheck.cli" or module.startswith("factcheck.cli."):
            continue
        lengths = function_lengths(module, path.read_text(encoding="utf-8"))
        found.update({name: n for name, n in lengths.items() if n > MAX_FUNCTION_LINES})
    return found


def test_function_lengths_are_counted_from_def_to_end():
    def body(indent: str, n: int) -> str:
        return "".join(f"{indent}x{i} = {i}\n" for i in range(n))

    source = ("def fits():\n" + body("    ", MAX_FUNCTION_LINES - 1)
              + "class C:\n    @staticmethod\n    def too_long():\n" + body("        ", MAX_FUNCTION_LINES - 2)
              + "        def inner():\n            pass\n")
    lengths = function_lengths("m", source)
    assert lengths == {"m.fits": MAX_FUNCTION_LINES, "m.C.too_long": MAX_FUNCTION_LINES + 1,
                       "m.C.too_long.inner": 2}


def test_no_function_is_too_long():
    found = long_functions()
    for name in KNOWN_LONG:
        assert name in found, f"{name} is listed as too long but is no longer: remove it from KNOWN_LONG"
    too_long = {name: n for name, n in found.items() if name not in KNOWN_LONG}
    assert too_long == {}, (
        f"functions over {MAX_FUNCTION_LINES} lines (split them into named steps): {too_long}"
    )
