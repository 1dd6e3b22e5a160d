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


# A length given on its own (``pause = "3m"``) is most likely meant as quiet time: renaming
# the key is the fix (the editor offers it from the "did you mean").
_ALONE = {"pause": "silence", "round_pause": "silence", "for": "silence"}


def _not_an_action(key: str) -> str:
    """What a step that has no action is told of a key that goes with one: which actions it
    goes with, and, for a length on its own, the action it most likely meant."""
    owners = [f"`{k}`" for k, ks in ACTION_KEYS.items() if key in ks]
    named = f"{', '.join(owners[:-1])} or {owners[-1]}" if len(owners) > 1 else owners[0]
    meant = f"; did you mean `{_ALONE[key]}`?" if key in _ALONE else ""
    return f"is not an action, but goes with one: {named}{meant}"


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
        actionless = not any(k in ACTIONS for k in table)
        for key in table:
            if key not in STEP_KEYS:
                checker.error(f"{where}.{key}", Unknown("key", key, STEP_KEYS))
            elif actionless and key != "section":
                checker.error(f"{where}.{key}", _not_an_action(key))
        checker.failed = True
        return None
    _keys(checker, table, kind, where)
    fields = KINDS[kind].check(StepTable(checker, table, kind, where, pause))
    failed = checker.failed
    checker.failed = before or failed
    if failed:
        return None
    return Step(number=number, kind=kind, section=section, **fields)
