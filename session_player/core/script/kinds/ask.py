"""``ask``: a question with a short typed answer, kept in the variable named by ``into``."""

from __future__ import annotations

from ._kind import Fields, Kind, StepTable, waits_about
from ._prompt import check_answer, prompt_cues, quiet_after

ASK_ESTIMATE = 20.0  # planning estimate while it waits on the person (shown as "about")


def check(step: StepTable) -> Fields:
    """The question, its default answer and time box, and where the answer goes."""
    fields: Fields = {"text": step.checker.text(step.value, step.path)}
    if "into" not in step.table:
        step.checker.error(
            step.at("into"), "is missing; an `ask` step keeps its answer in a variable"
        )
    if "default" in step.table:
        fields["default"] = step.text("default")
    fields["duration"] = step.duration("for", None)
    check_answer(step, fields)
    return fields


KIND = Kind(
    name="ask",
    keys=("into", "default", "for", "keep"),
    practice=True,
    check=check,
    length=waits_about(ASK_ESTIMATE),
    cues=prompt_cues,
    unattended=quiet_after,
)
