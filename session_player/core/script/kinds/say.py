"""``say``: a line of guidance, shown and spoken, then the script's pause (or its own)."""

from __future__ import annotations

from ...session.cues import Cue, SpeechLength
from ..model import Step
from ._kind import Fields, Kind, StepTable


def check(step: StepTable) -> Fields:
    """The line, and the pause after it."""
    return {
        "text": step.checker.text(step.value, step.path),
        "pause": step.duration("pause", step.pause),
    }


def length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """The line as spoken, and the pause."""
    assert step.text is not None
    return round(speak(step.text) + step.pause, 6), False


def cues(step: Step, speak: SpeechLength) -> list[Cue]:
    """The line, said as the step begins."""
    assert step.text is not None
    return [Cue(0.0, "line", step.text, speak(step.text), speak=True)]


KIND = Kind(
    name="say",
    keys=("pause",),
    practice=False,
    check=check,
    length=length,
    cues=cues,
)
