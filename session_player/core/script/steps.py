"""Checks one ``[[step]]`` table: its single action and the keys that go with it. What each kind
checks of its own keys is its module's in ``kinds/``."""

from __future__ import annotations

from typing import Any

from .keys import Unknown
from .kinds import ACTION_KEYS, KINDS, STEP_KEYS, StepTable
from .model import ACTIONS, Step, StepKind
from .values import ValueChecker


def _action(checker: ValueChecker, table: dict[str, Any], where: str) -> StepKind | None:
    present = [k for k in ACTIONS if k in table]
    if "say" in present and any("say" in KINDS[k].keys for k in present):
        present.remove("say")  # a touch or breathing step may carry the words that go with it
    if not present:
        checker.error(where, f"has no action; give it one of: {', '.join(ACTIONS)}")
        return None
    if len(present) > 1:
        both = " and ".join(f"`{k}`" for k in present)
        checker.error(
            where, f"has {len(present)} actions ({both}); a step does one thing, so split it"
        )
        return None
    return present[0]


# The keys a step of each kind may have.
_ALLOWED = {kind: frozenset({"section", kind, *keys}) for kind, keys in ACTION_KEYS.items()}


def _keys(checker: ValueChecker, table: dict[str, Any], kind: StepKind, where: str) -> None:
    allowed = _ALLOWED[kind]
    for key in table:
        if key in allowed:
            continue
        if key not in STEP_KEYS:
            checker.error(f"{where}.{key}", Unknown("key", key, STEP_KEYS))
        else:
            owners: list[str] = [k for k, ks in ACTION_KEYS.items() if key in ks] or [key]
            checker.error(
                f"{where}.{key}",
                f"does not go with a `{kind}` step (it belongs to: {', '.join(owners)})",
            )


def check_step(
    checker: ValueChecker, table: dict[str, Any], number: int, pause: float
) -> Step | None:
    """Check one step; a Step when it is sound, otherwise None (the problems are reported)."""
    where = f"step[{number}]"
    before = checker.failed
    checker.failed = False
    kind = _action(checker, table, where)
    section = None
    if "section" in table:
        section = checker.text(table["section"], f"{where}.section", variables=False)
    if kind is None:
        for key in table:
            if key not in STEP_KEYS:
                checker.error(f"{where}.{key}", Unknown("key", key, STEP_KEYS))
        checker.failed = True
        return None
    _keys(checker, table, kind, where)
    fields = KINDS[kind].check(StepTable(checker, table, kind, where, pause))
    failed = checker.failed
    checker.failed = before or failed
    if failed:
        return None
    return Step(number=number, kind=kind, section=section, **fields)
