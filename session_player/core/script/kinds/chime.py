"""``chime``: a sound. It takes no time of its own: it rings on over what follows."""

from __future__ import annotations

from ...session.cues import Cue, SpeechLength
from ..model import Step
from ._kind import Fields, Kind, StepTable


def check(step: StepTable) -> Fields:
    """The sound: a bundled chime or a WAV beside the script."""
    return {"sound": step.checker.sound(step.value, step.path)}


def length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """None: what follows begins as it rings."""
    return 0.0, False


def cues(step: Step, speak: SpeechLength) -> list[Cue]:
    """The sound, as the step begins."""
    return [Cue(0.0, "chime", sound=step.sound, purpose="step")]


KIND = Kind(
    name="chime",
    keys=(),
    practice=False,
    check=check,
    length=length,
    cues=cues,
)
