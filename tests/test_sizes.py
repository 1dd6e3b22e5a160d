"""Size limits a reader can hold in their head: no module of the package over 400 lines, no class
over 300 (its decorators to its last line). Cyclomatic complexity is ruff's (C901, at most 20, in
pyproject.toml). When one grows past its limit, split it by concern."""

from __future__ import annotations

import ast
from pathlib import Path

import session_player

PACKAGE = Path(session_player.__file__).parent
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 300


def class_lengths(source: str) -> dict[str, int]:
    """Each class of ``source`` (nested ones as ``Outer.Inner``) and its lines."""
    found: dict[str, int] = {}

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                assert child.end_lineno is not None
                found[prefix + child.name] = child.end_lineno - start + 1
                walk(child, f"{prefix}{child.name}.")
            else:
                walk(child, prefix)

    walk(ast.parse(source), "")
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_walk_sees_the_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in modules()}
    assert {"core/session/engine.py", "tui/app.py", "core/script/kinds/breathe.py"} <= names


def test_no_module_is_over_400_lines() -> None:
    lines = {p.relative_to(PACKAGE).as_posix(): len(p.read_bytes().splitlines()) for p in modules()}
    over = {name: n for name, n in lines.items() if n > MAX_MODULE_LINES}
    assert not over, f"modules over {MAX_MODULE_LINES} lines: {over}"


def test_no_class_is_over_300_lines() -> None:
    over: dict[str, int] = {}
    for path in modules():
        for name, n in class_lengths(path.read_text(encoding="utf-8")).items():
            if n > MAX_CLASS_LINES:
                over[f"{path.relative_to(PACKAGE).as_posix()}:{name}"] = n
    assert not over, f"classes over {MAX_CLASS_LINES} lines: {over}"


def test_a_class_is_measured_from_its_decorators_to_its_end() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(5))
    source = f"@dataclass\n@other\nclass A:\n{body}    class B:\n        y = 1\n\n\nz = 2\n"
    assert class_lengths(source) == {"A": 10, "A.B": 2}  # 2 decorators, 8 lines
