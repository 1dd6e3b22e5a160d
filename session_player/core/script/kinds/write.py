"""``write``: a prompt and a time box for writing; the writing may be kept, or added in parts."""

from __future__ import annotations

from ._kind import Fields, Kind, StepTable, timed
from ._prompt import check_answer, prompt_cues

DEFAULT_WRITE_BOX = 180.0


def check(step: StepTable) -> Fields:
    """The prompt, its time box, and where the writing goes."""
    fields: Fields = {"text": step.checker.text(step.value, step.path)}
    fields["duration"] = step.duration("for", DEFAULT_WRITE_BOX)
    check_answer(step, fields)
    return fields


KIND = Kind(
    name="write",
    keys=("for", "into", "keep", "append"),
    practice=True,
    check=check,
    length=timed,
    cues=prompt_cues,
)
