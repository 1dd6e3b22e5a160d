"""One place per step kind: every kind the model, the schema and the format doc know has its own
module in ``core/script/kinds/`` registered in ``KINDS``, and every module there is such a kind."""

from __future__ import annotations

import ast
import importlib
import json
import re
from pathlib import Path
from typing import Any

import session_player.core.script.kinds as kinds
from session_player.core.script.kinds import KINDS, PRACTICE
from session_player.core.script.model import ACTIONS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA: dict[str, Any] = json.loads((ROOT / "docs" / "script.schema.json").read_text("utf-8"))
FORMAT = (ROOT / "docs" / "script-format.md").read_text("utf-8")
FOLDER = Path(kinds.__file__).parent


def schema_kinds() -> set[str]:
    """The kinds the schema defines (``<kind>Step``) and the kinds its step dispatch names."""
    defined = {name.removesuffix("Step") for name in SCHEMA["$defs"] if name.endswith("Step")}
    dispatched: set[str] = set()
    branch: dict[str, Any] = SCHEMA["$defs"]["step"]
    while "if" in branch:  # if required [kind] then its Step, else the next kind
        (kind,) = branch["if"]["required"]
        assert branch["then"] == {"$ref": f"#/$defs/{kind}Step"}
        dispatched.add(kind)
        branch = branch["else"]
    assert dispatched == defined
    return defined


def documented_kinds() -> set[str]:
    """The kinds docs/script-format.md gives a section of their own, under "## Steps"."""
    steps = FORMAT.split("\n## Steps\n", 1)[1].split("\n## ", 1)[0]
    headed = set(re.findall(r"^### `(\w+)`$", steps, re.M))
    rows = set(re.findall(r"^\| `(\w+) = ", steps, re.M))
    assert headed == rows, "each kind has a row in the table and a section"
    return headed


def kind_modules() -> set[str]:
    """The modules in kinds/ that are not shared helpers (``_name``)."""
    return {p.stem for p in FOLDER.glob("*.py") if not p.stem.startswith("_")}


def test_the_registry_is_the_models_kinds_in_its_order() -> None:
    assert tuple(KINDS) == ACTIONS


def test_every_kind_the_schema_knows_is_registered_and_no_other() -> None:
    assert schema_kinds() == set(KINDS)


def test_every_kind_the_format_doc_describes_is_registered_and_no_other() -> None:
    assert documented_kinds() == set(KINDS)


def test_each_kind_is_its_own_module_and_each_module_a_kind() -> None:
    assert kind_modules() == set(KINDS)
    for name, kind in KINDS.items():
        module = importlib.import_module(f"{kinds.__name__}.{name}")
        assert module.KIND is kind
        assert kind.name == name


def test_each_kind_is_placed_as_practice_or_as_what_stands_around_it() -> None:
    # A script's own check-in before the first practice step stands in for the app's. Each
    # kind says which it is (``Kind.practice`` has no default, so a new kind must choose).
    around = {"say", "chime", "check_in", "read_back"}
    assert not around & PRACTICE
    assert around | PRACTICE == set(KINDS)


def test_the_model_names_the_kinds_once_and_knows_none_of_them_by_name() -> None:
    # What a kind does (an open-ended silence, a read-back said too) is its own module's to
    # say (``Kind.open``, ``Kind.voiced``): the model only lists the names, in ``StepKind``.
    tree = ast.parse((FOLDER.parent / "model.py").read_text("utf-8"))
    listed = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "StepKind"
    )
    named = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in KINDS
    ]
    in_the_list = [n.value for n in ast.walk(listed) if isinstance(n, ast.Constant)]
    assert sorted(named) == sorted(in_the_list) == sorted(KINDS)
