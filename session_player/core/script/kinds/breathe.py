"""``breathe``: a breathing pacer for a time or a number of breaths, with lines said over it."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from ...session.cues import Cue, SpeechLength
from ..durations import DurationError, format_duration, parse_duration
from ..model import Step
from ..pattern import PatternError, looks_like_pattern, parse_pattern
from ..presets import BreathPattern
from ..text import reading_seconds
from ..values import ValueChecker
from ._kind import Fields, Kind, StepTable, listed


def check(step: StepTable) -> Fields:
    """The pattern, how long it runs (`for` or `cycles`), and the lines said over it."""
    checker, table, where = step.checker, step.table, step.where
    fields: Fields = {}
    counted: bool | None = False
    if isinstance(step.value, str) and looks_like_pattern(step.value):
        counted = _pattern(step, fields)
    else:
        breath = checker.breath(step.value, step.path)
        if breath:
            fields["breath"] = breath
    if counted is None:
        pass  # an unreadable pattern: whether it counts its own breaths is not known
    elif counted:
        for key in ("for", "cycles"):
            if key in table:
                checker.error(
                    f"{where}.{key}",
                    "the pattern counts its breaths already; leave out `for` and `cycles`",
                )
    elif "for" in table and "cycles" in table:
        checker.error(where, "a `breathe` step takes `for` (a time) or `cycles`, not both")
    elif "for" not in table and "cycles" not in table:
        checker.error(where, "a `breathe` step needs `for` (a time) or `cycles` (breaths)")
    elif "cycles" in table:
        fields["cycles"] = checker.count(table["cycles"], f"{where}.cycles", 1, 1000)
    else:
        fields["duration"] = step.duration("for", None)
    if "say" in table:
        fields["text"] = step.text("say")
    if "lines" in table:
        fields["guidance"] = _guidance(checker, table["lines"], f"{where}.lines", fields)
        _one_at_a_time(checker, fields.get("text"), table["lines"], f"{where}.lines")
    return fields


def _pattern(step: StepTable, fields: Fields) -> bool | None:
    """A one-line pattern (``"4-7-8"``, ``"5(4-0-6-0)+10(box)"``) into ``fields``; whether it
    counts its own breaths (None: it could not be read)."""
    try:
        parts = parse_pattern(step.value)
    except PatternError as problem:
        step.checker.error(step.path, str(problem))
        return None
    count, breath = parts[0]
    fields["breath"] = breath
    if count is None:
        return False
    fields["cycles"] = sum(n or 0 for n, _breath in parts)
    if len(parts) > 1:
        fields["chain"] = tuple((n or 0, b) for n, b in parts)
    return True


def _one_at_a_time(checker: ValueChecker, say: str | None, lines: Any, path: str) -> None:
    """Lines said over the pacer at set times (and the step's ``say``, at its start) must not
    overlap: a line begins once the one before it has been said (by the reading estimate)."""
    timed: list[tuple[float, str, str]] = [(0.0, say, "say")] if say else []
    for i, item in enumerate(lines if isinstance(lines, list) else [], 1):
        if isinstance(item, dict) and isinstance(item.get("say"), str):
            with suppress(DurationError):
                timed.append((parse_duration(item.get("at")), item["say"], f"{path}[{i}].at"))
    timed.sort(key=lambda t: t[0])
    for (at, text, _), (later, _, where) in itertools.pairwise(timed):
        ends = at + reading_seconds(text)
        if later < ends:
            checker.error(
                where,
                f"is {format_duration(later)} in, while the line at {format_duration(at)} is "
                f"still being said (about {format_duration(round(ends - at))}); two lines "
                f"would sound together: say it at {format_duration(math.ceil(ends))} or later",
            )


def _guidance(
    checker: ValueChecker, value: Any, path: str, fields: Fields
) -> tuple[tuple[float | None, str], ...] | None:
    """``lines`` of a ``breathe`` step: each a line (spread evenly through the breathing) or a
    table ``{ at = "1m", say = "..." }`` said at that offset, before the breathing ends."""
    if not listed(checker, value, path, "lines", "Let the out-breath be long."):
        return None
    breath = fields.get("breath")
    cycles = fields.get("cycles")
    if breath is not None and cycles is None and fields.get("duration"):
        cycles = max(1, round(fields["duration"] / breath.length))
    length = None
    if breath is not None and cycles:
        parts: tuple[tuple[int, BreathPattern], ...] = fields.get("chain") or ((cycles, breath),)
        length = sum(n * b.length for n, b in parts)
    found: list[tuple[float | None, str]] = []
    for i, item in enumerate(value, 1):
        where = f"{path}[{i}]"
        if isinstance(item, dict):
            line = _line_at(checker, item, where, length)
            if line is not None:
                found.append(line)
        else:
            text = checker.text(item, where)
            if text is not None:
                found.append((None, text))
    return tuple(found)


def _line_at(
    checker: ValueChecker, item: dict[str, Any], where: str, length: float | None
) -> tuple[float, str] | None:
    """A line said at its offset, ``{ at = "1m", say = "..." }``, before the breathing ends."""
    for key in item:
        if key not in ("at", "say"):
            checker.error(f"{where}.{key}", "unknown key (a line takes `at` and `say`)")
    if "at" not in item or "say" not in item:
        checker.error(where, 'needs `at` and `say`, such as { at = "1m", say = "..." }')
        return None
    at = checker.duration(item["at"], f"{where}.at")
    text = checker.text(item["say"], f"{where}.say")
    if at is not None and length is not None and at >= length:
        checker.error(
            f"{where}.at",
            f"is {format_duration(at)} in, but the breathing ends at {format_duration(length)}",
        )
    if at is not None and text is not None:
        return at, text
    return None


def length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """Its whole breaths."""
    return round(sum(n * breath.length for n, breath in _parts(step)), 6), False


def _cycles(step: Step) -> int:
    if step.cycles is not None:
        return step.cycles
    assert step.duration is not None and step.breath is not None
    return max(1, round(step.duration / step.breath.length))


def _parts(step: Step) -> tuple[tuple[int, BreathPattern], ...]:
    """The step's breaths: each part of its chain in turn, or its one pattern."""
    assert step.breath is not None
    return step.chain or ((_cycles(step), step.breath),)


def cues(step: Step, speak: SpeechLength) -> list[Cue]:
    """Every phase of every breath, and the lines said over them."""
    parts = _parts(step)
    return _with_lines(chain_cues(parts), guidance_cues(step, parts, speak))


def stretch(step: Step, own: list[Cue], length: float) -> list[Cue]:
    """The breaths on through the time added (a chain goes on in its last part's rhythm),
    under the same lines."""
    parts = list(_parts(step))
    laid = sum(n * breath.length for n, breath in parts[:-1])
    last = parts[-1][1]
    parts[-1] = (max(1, round((length - laid) / last.length)), last)
    lines = [c for c in own if c.kind == "line"]
    return _with_lines(chain_cues(parts), lines)


def extend(step: Step, seconds: float) -> float:
    """More time for a breathing step is whole breaths, of the rhythm it goes on in (a chain's
    last part's): the seconds asked for, rounded up to them."""
    if step.breath is None:
        return seconds
    last = _parts(step)[-1][1]
    return math.ceil(seconds / last.length) * last.length


def guidance_cues(
    step: Step, parts: Sequence[tuple[int, BreathPattern]], speak: SpeechLength
) -> list[Cue]:
    """A breathing step's lines, said over the running pacer: ``say`` as it begins, each of
    ``lines`` at its offset or, without one, spread evenly at the start of a breath."""
    starts = [0.0]
    for count, breath in parts:
        for _ in range(count):
            starts.append(round(starts[-1] + breath.length, 6))
    cycles = len(starts) - 1
    said: list[tuple[float, str]] = [(0.0, step.text)] if step.text else []
    spread = [text for at, text in step.guidance if at is None]
    for n, text in enumerate(spread, 1):
        said.append((starts[min(cycles - 1, round(n * cycles / (len(spread) + 1)))], text))
    said += [(at, text) for at, text in step.guidance if at is not None]
    return [Cue(at, "line", text, speak(text), speak=True) for at, text in said]


def _with_lines(laid: list[Cue], lines: list[Cue]) -> list[Cue]:
    """Breath cues and lines in time order, a phase before a line due with it: its word is
    said, and the line waits for it (a line that came first would silence the word)."""
    return sorted([*laid, *lines], key=lambda c: (c.at, c.kind == "line"))


def chain_cues(parts: Sequence[tuple[int, BreathPattern]]) -> list[Cue]:
    """The phase cues of each part's whole breaths, one part after another from 0, counted
    through them all."""
    laid: list[Cue] = []
    at = 0.0
    total = sum(count for count, _pattern in parts)
    breath = 0
    for count, pattern in parts:
        for _ in range(count):
            breath += 1
            for phase, seconds in pattern.phases():
                laid.append(
                    Cue(at, "breath", seconds=seconds, phase=phase, count=breath, total=total)
                )
                # Each whole second of a phase, for counting it aloud ("in, two, three, four").
                second = 1
                while second < seconds - 0.25 and second < 60:
                    laid.append(Cue(round(at + second, 6), "count", phase=phase, count=second + 1))
                    second += 1
                at = round(at + seconds, 6)
    return laid


KIND = Kind(
    name="breathe",
    keys=("for", "cycles", "say", "lines"),
    practice=True,
    check=check,
    length=length,
    cues=cues,
    stretch=stretch,
    extend=extend,
)
