"""``touch``: a soothing-touch cue (a named placement or one described in words), with the words
that go with it, held for a while."""

from __future__ import annotations

from typing import Any

from ...session.cues import Cue, SpeechLength
from ..keys import did_you_mean
from ..model import Step
from ..presets import TOUCH_PLACEMENTS
from ..values import ValueChecker
from ._kind import Fields, Kind, StepTable

DEFAULT_TOUCH_HOLD = 20.0


def check(step: StepTable) -> Fields:
    """The placement, its words, and how long it is held."""
    fields: Fields = {"placement": _placement(step.checker, step.value, step.path)}
    if "say" in step.table:
        fields["text"] = step.text("say")
    fields["duration"] = step.duration("for", DEFAULT_TOUCH_HOLD)
    return fields


def _placement(checker: ValueChecker, value: Any, path: str) -> str | None:
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


def length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """Its words as spoken, then the hold."""
    assert step.duration is not None
    return round((speak(step.text) if step.text else 0.0) + step.duration, 6), False


def cues(step: Step, speak: SpeechLength) -> list[Cue]:
    """The touch with its words, as the step begins."""
    assert step.placement is not None and step.duration is not None
    spoken = speak(step.text) if step.text else 0.0
    place = TOUCH_PLACEMENTS.get(step.placement)
    label = place.label if place else step.placement
    return [Cue(0.0, "touch", step.text or "", spoken, speak=bool(step.text), phase=label)]


KIND = Kind(
    name="touch",
    keys=("say", "for"),
    practice=True,
    check=check,
    length=length,
    cues=cues,
)
