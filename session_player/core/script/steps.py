"""Checks one ``[[step]]`` table: its single action and the keys that go with it."""

from __future__ import annotations

import math
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from .durations import DurationError, format_duration, parse_duration
from .keys import ACTION_KEYS, STEP_KEYS, Unknown, did_you_mean
from .model import ACTIONS, Sound, Step, StepKind
from .presets import TOUCH_PLACEMENTS
from .text import IDENTIFIER, reading_seconds

if TYPE_CHECKING:
    from .checker import Checker

DEFAULT_TOUCH_HOLD = 20.0
DEFAULT_WRITE_BOX = 180.0
DEFAULT_READ_BACK = 60.0
MAX_PHRASES = 50
MIN_BELL_EVERY = 1.0


def _action(checker: Checker, table: dict[str, Any], where: str) -> StepKind | None:
    present = [k for k in ACTIONS if k in table]
    if ("touch" in present or "breathe" in present) and "say" in present:
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


def _keys(checker: Checker, table: dict[str, Any], kind: StepKind, where: str) -> None:
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


def _into(checker: Checker, table: dict[str, Any], where: str) -> str | None:
    value = table.get("into")
    if value is None:
        return None
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        checker.error(
            f"{where}.into",
            'must be a name of letters, digits and _, starting with a letter (like "image")',
        )
        return None
    return value


def check_step(checker: Checker, table: dict[str, Any], number: int, pause: float) -> Step | None:
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
    value = table[kind]
    path = f"{where}.{kind}"
    fields: dict[str, Any] = {}

    def opt_duration(key: str, default: float | None) -> float | None:
        if key not in table:
            return default
        return checker.duration(table[key], f"{where}.{key}")

    if kind == "say":
        fields["text"] = checker.text(value, path)
        fields["pause"] = opt_duration("pause", pause)
    elif kind == "breathe":
        breath = checker.breath(value, path)
        if breath:
            fields["breath"], fields["breath_name"] = breath
        if "for" in table and "cycles" in table:
            checker.error(where, "a `breathe` step takes `for` (a time) or `cycles`, not both")
        elif "for" not in table and "cycles" not in table:
            checker.error(where, "a `breathe` step needs `for` (a time) or `cycles` (breaths)")
        elif "cycles" in table:
            fields["cycles"] = checker.count(table["cycles"], f"{where}.cycles", 1, 1000)
        else:
            fields["duration"] = opt_duration("for", None)
        if "say" in table:
            fields["text"] = checker.text(table["say"], f"{where}.say")
        if "lines" in table:
            fields["guidance"] = _guidance(checker, table["lines"], f"{where}.lines", fields)
            _one_at_a_time(checker, fields.get("text"), table["lines"], f"{where}.lines")
    elif kind == "phrases":
        fields["phrases"] = _phrases(checker, value, path)
        fields["repeat"] = checker.count(table.get("repeat", 1), f"{where}.repeat", 1, 100)
        fields["pause"] = opt_duration("pause", pause)
        fields["round_pause"] = opt_duration("round_pause", fields["pause"] or pause)
        if "kept" in table:
            fields["kept"] = _kept_name(checker, table["kept"], f"{where}.kept")
    elif kind == "touch":
        fields["placement"] = _placement(checker, value, path)
        if "say" in table:
            fields["text"] = checker.text(table["say"], f"{where}.say")
        fields["duration"] = opt_duration("for", DEFAULT_TOUCH_HOLD)
    elif kind == "silence":
        length = checker.duration(value, path)
        fields["duration"] = length
        every = opt_duration("bell_every", None)
        if every is not None and every < MIN_BELL_EVERY:
            checker.error(f"{where}.bell_every", "must be at least 1 second")
        elif every is not None and length is not None and every >= length:
            how = "as long as" if every == length else "longer than"
            checker.error(
                f"{where}.bell_every",
                f"({format_duration(every)}) is {how} the silence itself "
                f"({format_duration(length)}), so no bell would ring",
            )
        fields["bell_every"] = every
        if "bell" in table:
            fields["bell"] = checker.sound(table["bell"], f"{where}.bell")
        elif "bell" in checker.sounds:
            fields["bell"] = Sound("bell", checker.sounds["bell"])
            checker.looked_at.add(checker.sounds["bell"])
    elif kind == "chime":
        fields["sound"] = checker.sound(value, path)
    elif kind == "read_back":
        fields["reads"] = _earlier_answer(checker, value, path)
        fields["duration"] = opt_duration("for", DEFAULT_READ_BACK)
        if "speak" in table:
            fields["speak"] = _flag(checker, table["speak"], f"{where}.speak")
    else:  # ask, write, check_in: prompts that take an answer
        fields["text"] = checker.text(value, path)
        if kind == "ask":
            if "into" not in table:
                checker.error(
                    f"{where}.into", "is missing; an `ask` step keeps its answer in a variable"
                )
            if "default" in table:
                fields["default"] = checker.text(table["default"], f"{where}.default")
            fields["duration"] = opt_duration("for", None)
        elif kind == "write":
            fields["duration"] = opt_duration("for", DEFAULT_WRITE_BOX)
        else:  # check_in: what its ends mean, in words
            for end in ("low", "high"):
                if end in table:
                    fields[end] = checker.text(table[end], f"{where}.{end}", variables=False)
        fields["into"] = _into(checker, table, where)
        if "append" in table:
            fields["append"] = _append(checker, table, fields["into"], where)
        if fields["into"] and fields["into"] in checker.kept:
            checker.error(
                f"{where}.into",
                f"{fields['into']!r} is already the name of a kept answer this script uses "
                "(in [kept]); choose another name",
            )
        if "keep" in table:
            fields["keep"] = _kept_name(checker, table["keep"], f"{where}.keep")
        if fields["into"] and not checker.failed:
            checker.known.add(fields["into"])
    failed = checker.failed
    checker.failed = before or failed
    if failed:
        return None
    return Step(number=number, kind=kind, section=section, **fields)


def _flag(checker: Checker, value: Any, path: str) -> bool:
    """A true or false switch."""
    if not isinstance(value, bool):
        checker.error(path, "must be true or false (without quotes)")
        return False
    return value


def _earlier_answer(checker: Checker, value: Any, path: str) -> str | None:
    """The name of an answer an earlier `ask` or `write` keeps with ``into``."""
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        checker.error(path, 'must be the name of an earlier answer (its `into`, like "letter")')
        return None
    if value not in checker.known:
        names = tuple(sorted(checker.known))
        checker.error(
            path,
            f"{value!r} is not written before this step{did_you_mean(value, names)}; a `write` "
            f'or `ask` step with into = "{value}" must come earlier',
        )
        return None
    return value


def _append(checker: Checker, table: dict[str, Any], into: str | None, where: str) -> bool:
    """``append`` on a `write`: this part joins the earlier answer of the same ``into``."""
    append = _flag(checker, table["append"], f"{where}.append")
    if not append:
        return False
    if "into" not in table:
        checker.error(f"{where}.into", "is missing; `append` adds to the answer named by `into`")
    elif into is not None and into not in checker.known:
        checker.error(
            f"{where}.append",
            f'adds to an earlier answer, but no step before this one has into = "{into}"',
        )
    return append


def _kept_name(checker: Checker, value: Any, path: str) -> str | None:
    """The name of a kept answer: letters, digits and _, starting with a letter."""
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        checker.error(
            path,
            "must be the name of a kept answer: letters, digits and _, starting with a letter "
            '(like "image_name")',
        )
        return None
    return value


def _guidance(
    checker: Checker, value: Any, path: str, fields: dict[str, Any]
) -> tuple[tuple[float | None, str], ...] | None:
    """``lines`` of a ``breathe`` step: each a line (spread evenly through the breathing) or a
    table ``{ at = "1m", say = "..." }`` said at that offset, before the breathing ends."""
    if not isinstance(value, list) or not value:
        checker.error(path, 'must be a list of lines, such as ["Let the out-breath be long."]')
        return None
    if len(value) > MAX_PHRASES:
        checker.error(path, f"has {len(value)} lines; the limit is {MAX_PHRASES}")
        return None
    breath = fields.get("breath")
    cycles = fields.get("cycles")
    if breath is not None and cycles is None and fields.get("duration"):
        cycles = max(1, round(fields["duration"] / breath.length))
    length = cycles * breath.length if breath is not None and cycles else None
    found: list[tuple[float | None, str]] = []
    for i, item in enumerate(value, 1):
        where = f"{path}[{i}]"
        if isinstance(item, dict):
            for key in item:
                if key not in ("at", "say"):
                    checker.error(f"{where}.{key}", "unknown key (a line takes `at` and `say`)")
            if "at" not in item or "say" not in item:
                checker.error(where, 'needs `at` and `say`, such as { at = "1m", say = "..." }')
                continue
            at = checker.duration(item["at"], f"{where}.at")
            text = checker.text(item["say"], f"{where}.say")
            if at is not None and length is not None and at >= length:
                checker.error(
                    f"{where}.at",
                    f"is {format_duration(at)} in, but the breathing ends at "
                    f"{format_duration(length)}",
                )
            if at is not None and text is not None:
                found.append((at, text))
        else:
            text = checker.text(item, where)
            if text is not None:
                found.append((None, text))
    return tuple(found)


def _one_at_a_time(checker: Checker, say: str | None, lines: Any, path: str) -> None:
    """Lines said over the pacer at set times (and the step's ``say``, at its start) must not
    overlap: a line begins once the one before it has been said (by the reading estimate)."""
    timed: list[tuple[float, str, str]] = [(0.0, say, "say")] if say else []
    for i, item in enumerate(lines if isinstance(lines, list) else [], 1):
        if isinstance(item, dict) and isinstance(item.get("say"), str):
            with suppress(DurationError):
                timed.append((parse_duration(item.get("at")), item["say"], f"{path}[{i}].at"))
    timed.sort(key=lambda t: t[0])
    for (at, text, _), (later, _, where) in zip(timed, timed[1:], strict=False):
        ends = at + reading_seconds(text)
        if later < ends:
            checker.error(
                where,
                f"is {format_duration(later)} in, while the line at {format_duration(at)} is "
                f"still being said (about {format_duration(round(ends - at))}); two lines "
                f"would sound together: say it at {format_duration(math.ceil(ends))} or later",
            )


def _phrases(checker: Checker, value: Any, path: str) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not value:
        checker.error(path, 'must be a list of phrases, such as ["May I be safe."]')
        return None
    if len(value) > MAX_PHRASES:
        checker.error(path, f"has {len(value)} phrases; the limit is {MAX_PHRASES}")
        return None
    texts = [checker.text(item, f"{path}[{i}]") for i, item in enumerate(value, 1)]
    if any(t is None for t in texts):
        return None
    return tuple(t for t in texts if t is not None)


def _placement(checker: Checker, value: Any, path: str) -> str | None:
    text = checker.text(value, path, variables=False)
    if text is None or text in TOUCH_PLACEMENTS:
        return text
    if " " not in text.strip():
        names = tuple(TOUCH_PLACEMENTS)
        checker.error(
            path,
            f"unknown placement {text!r}{did_you_mean(text, names)} (named placements: "
            f"{', '.join(names)}; or describe one in words)",
        )
        return None
    return text
