"""The package's layers, as rules read from the source with ``ast``: nothing loose at the top,
each layer imports only those below it, and nothing imports in a circle, the benchmarks
included (module-level, lazy and TYPE_CHECKING imports all count).

cli -> tui -> conductor -> audio -> desktop -> home -> core
"""

from __future__ import annotations

import ast
from pathlib import Path

import session_player

PACKAGE = Path(session_player.__file__).parent
BENCH = Path(__file__).resolve().parent.parent / "bench"
LAYERS = ("core", "home", "desktop", "audio", "conductor", "tui", "cli")


def _module(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(*roots: Path) -> dict[str, Path]:
    """Every module under ``roots``; hidden folders are not ours (``bench/.peers`` is the peer
    benchmark's virtual environment, made by ``bench peers``)."""
    return {
        _module(p, root): p
        for root in roots
        for p in sorted(root.rglob("*.py"))
        if not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of the package that ``path`` imports, at any depth of its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                where = ".".join([*base, node.module] if node.module else base)
            else:
                where = node.module or ""
            # `from p import m` imports the module p.m; `from p import name` imports p
            targets = [
                f"{where}.{a.name}" if f"{where}.{a.name}" in known else where for a in node.names
            ]
        for target in targets:
            # the deepest module of the package the name falls in
            parts = target.split(".")
            while parts and ".".join(parts) not in known:
                parts.pop()
            if parts:
                found.add(".".join(parts))
    found.discard(name)
    return found


def _graph(*roots: Path) -> dict[str, set[str]]:
    modules = _modules(*(roots or (PACKAGE,)))
    known = set(modules)
    graph = {name: _imports(name, path, known) for name, path in modules.items()}
    # importing a.b.c runs a/__init__ and a/b/__init__ first; that edge is not ours to judge
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    return graph


def _layer(name: str) -> int | None:
    parts = name.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def test_nothing_loose_at_the_top_but_the_entry() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py"]
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert folders == sorted(LAYERS)


def test_each_layer_imports_only_the_layers_below_it() -> None:
    upward = []
    for name, deps in _graph().items():
        mine = _layer(name)
        if mine is None:
            continue
        for dep in deps:
            theirs = _layer(dep)
            if theirs is not None and theirs > mine:
                upward.append(f"{name} -> {dep}")
    assert not upward, "imports up the layers:\n" + "\n".join(sorted(upward))


def _circle_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Every import ``a -> b`` that lies on a circle: ``b`` leads back to ``a``."""

    def leads(start: str, goal: str) -> bool:
        seen: set[str] = set()
        todo = [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        return False

    return {(a, b) for a, deps in graph.items() for b in deps if leads(b, a)}


def test_nothing_imports_in_a_circle() -> None:
    circles = sorted(_circle_edges(_graph(PACKAGE, BENCH)))
    assert circles == [], "imports on a circle:\n" + "\n".join(f"{a} -> {b}" for a, b in circles)


def test_the_circle_finder_sees_every_import_on_a_circle() -> None:
    # long and short circles, and imports into a circle that are on none
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": {"d"}, "f": {"a", "e"}}
    on_circles = {("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "d")}
    assert _circle_edges(graph) == on_circles


def test_the_walk_sees_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    # the walker itself must not miss the imports that hide inside functions and TYPE_CHECKING
    known = {"p", "p.a", "p.b", "p.c"}
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from . import b\n"
        "def f():\n    from .c import x\n"
    )
    module = tmp_path / "a.py"
    module.write_text(source)
    assert _imports("p.a", module, known) == {"p.b", "p.c"}
