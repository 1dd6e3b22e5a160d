"""The package's layers, as rules read from the source with ``ast``: nothing loose at the top,
and each layer imports only those below it (module-level, lazy and TYPE_CHECKING imports all
count).

cli -> tui -> conductor -> audio -> home -> core
"""

from __future__ import annotations

import ast
from pathlib import Path

import session_player

PACKAGE = Path(session_player.__file__).parent
LAYERS = ("core", "home", "audio", "conductor", "tui", "cli")


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


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


def _graph() -> dict[str, set[str]]:
    modules = _modules()
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
