"""``check_in``: a 0-10 rating, always skippable, with what its ends mean in words."""

from __future__ import annotations

from ...session.checkins import scale_words
from ...session.cues import Cue, SpeechLength
from ..model import Step
from ._kind import Fields, Kind, StepTable, waits_about
from ._prompt import check_answer, prompt_cues, quiet_after

CHECK_IN_ESTIMATE = 15.0  # planning estimate while it waits on the person (shown as "about")


def check(step: StepTable) -> Fields:
    """The question, what its 0 and 10 mean, and where the rating goes."""
    fields: Fields = {"text": step.checker.text(step.value, step.path)}
    for end in ("low", "high"):
        if end in step.table:
            fields[end] = step.text(end, variables=False)
    check_answer(step, fields)
    return fields


def cues(step: Step, speak: SpeechLength) -> list[Cue]:
    """The question, said with its scale after it."""
    assert step.text is not None
    scale = scale_words(step.low, step.high).replace("{", "{{").replace("}", "}}")
    return prompt_cues(step, speak, f"{step.text} {scale}")


KIND = Kind(
    name="check_in",
    keys=("into", "low", "high"),
    practice=False,
    check=check,
    length=waits_about(CHECK_IN_ESTIMATE),
    cues=cues,
    unattended=quiet_after,
)
