"""``silence``: quiet time, with a bell at each interval if the script asks. A timer's open-ended
sit is a silence with no length (``open_ended``)."""

from __future__ import annotations

import math
from dataclasses import replace

from ...session.cues import Cue, SpeechLength, at_of
from ..durations import format_duration
from ..model import SoundFile, Step
from ._kind import Fields, Kind, StepTable

MIN_BELL_EVERY = 1.0
MAX_BELL_EVERY = 24 * 3600.0  # a session's longest


def bell_every_problem(every: float, length: float | None) -> str | None:
    """Why a bell every ``every`` seconds can't ring in a silence of ``length`` seconds (None:
    open ended), in words that follow the interval's name; None when it can. The one rule for
    a script's ``bell_every`` and the timer's (its options, presets and form), so no choice
    can plan more bells than a day of one a second."""
    if not every >= MIN_BELL_EVERY:  # NaN too
        return "must be at least 1 second"
    if not every <= MAX_BELL_EVERY:
        return "must be at most 24 hours"
    if length is not None and every >= length:
        how = "as long as" if every == length else "longer than"
        return (
            f"({format_duration(every)}) is {how} the silence itself "
            f"({format_duration(length)}), so no bell would ring"
        )
    return None


def check(step: StepTable) -> Fields:
    """The length, the interval between bells, and the bell."""
    checker, table, where = step.checker, step.table, step.where
    length = checker.duration(step.value, step.path)
    fields: Fields = {"duration": length}
    every = step.duration("bell_every", None)
    problem = None if every is None else bell_every_problem(every, length)
    if problem is not None:
        checker.error(f"{where}.bell_every", problem)
    fields["bell_every"] = every
    if "bell" in table:
        fields["bell"] = checker.sound(table["bell"], f"{where}.bell")
    elif "bell" in checker.sounds:
        fields["bell"] = SoundFile("bell", checker.sounds["bell"])
        checker.looked_at.add(checker.sounds["bell"])
    return fields


def open_ended(step: Step) -> bool:
    """A silence with no length (a timer's open-ended sit) lasts until the person ends it."""
    return step.duration is None


def length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """Its length; an open-ended silence waits on the person, with no cap and no estimate."""
    if open_ended(step):
        return 0.0, True
    assert step.duration is not None
    return step.duration, False


def cues(step: Step, speak: SpeechLength) -> list[Cue]:
    """The quiet and its interval bells."""
    if open_ended(step):
        return open_silence_cues(step)
    assert step.duration is not None
    return silence_cues(step, step.duration)


def stretch(step: Step, own: list[Cue], length: float) -> list[Cue]:
    """The quiet, with bells on through the time added."""
    return silence_cues(step, length)


def open_silence_cues(step: Step) -> list[Cue]:
    """An open-ended silence: the quiet, and its first interval bell (each next bell comes as
    one rings, ``bell_after``, since there is no planned end to lay them out to)."""
    laid = [Cue(0.0, "quiet", seconds=math.inf), *chosen_bells(step, math.inf)]
    if step.bell_every and step.bell:
        laid.append(Cue(step.bell_every, "chime", sound=step.bell, purpose="interval"))
    return sorted(laid, key=at_of)


def chosen_bells(step: Step, length: float) -> list[Cue]:
    """The bells at the moments chosen for them (before ``length``, as the end chime rings
    there); ``purpose="moment"``, so none of them brings another in an open-ended sit."""
    if not step.bell:
        return []
    return [Cue(at, "chime", sound=step.bell, purpose="moment") for at in step.bells if at < length]


def bell_after(step: Step, cue: Cue) -> list[Cue]:
    """In an open-ended silence, each interval bell that rings brings the next (the engine adds
    it as ``cue`` rings); nothing after any other cue."""
    if cue.purpose == "interval" and open_ended(step) and step.bell_every:
        return [replace(cue, at=round(cue.at + step.bell_every, 6))]
    return []


def silence_cues(step: Step, length: float) -> list[Cue]:
    """A silence of ``length`` seconds with its interval bells (none at the very end)."""
    laid = [Cue(0.0, "quiet", seconds=length), *chosen_bells(step, length - 1e-9)]
    if step.bell_every and step.bell:
        ring = step.bell_every
        while ring < length - 1e-9:
            laid.append(Cue(ring, "chime", sound=step.bell, purpose="interval"))
            ring = round(ring + step.bell_every, 6)
    return sorted(laid, key=at_of)


KIND = Kind(
    name="silence",
    keys=("bell_every", "bell"),
    practice=True,
    check=check,
    length=length,
    cues=cues,
    stretch=stretch,
    after=bell_after,
    open=open_ended,
)
