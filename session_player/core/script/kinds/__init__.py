"""The step kinds: one module each (its keys, its check, its length, its cues), and the registry
that the step check (``steps.py``) and the timeline consult.

A new kind is its own module here with a ``KIND``, listed below in the model's order
(``docs/recipes.md``, "Adding a step kind").
"""

from __future__ import annotations

from dataclasses import replace

from ...session.cues import SpeechLength, reading_pace
from ..model import Script, Step, StepKind
from . import ask, breathe, check_in, chime, phrases, read_back, say, silence, touch, write
from ._kind import Kind, StepTable

KINDS: dict[StepKind, Kind] = {
    kind.name: kind
    for kind in (
        say.KIND,
        breathe.KIND,
        phrases.KIND,
        touch.KIND,
        silence.KIND,
        chime.KIND,
        ask.KIND,
        write.KIND,
        check_in.KIND,
        read_back.KIND,
    )
}
"""Every step kind by its name, in the model's order (``model.ACTIONS``)."""

PRACTICE: frozenset[StepKind] = frozenset(name for name, kind in KINDS.items() if kind.practice)
"""The kinds whose steps are the practice itself (the rest stand around it: words, chimes,
check-ins); each kind says which it is."""

ACTION_KEYS: dict[StepKind, tuple[str, ...]] = {name: kind.keys for name, kind in KINDS.items()}
"""The keys each action may carry besides ``section``."""
STEP_KEYS = ("section", *KINDS, *sorted({k for ks in ACTION_KEYS.values() for k in ks}))
"""Every key a step may have."""


def open_ended(step: Step) -> bool:
    """Whether ``step`` lasts until the person ends it (a timer's open-ended sit), which is
    then its natural end. Scripts can't ask for one; ``core.library.timer`` builds it."""
    ends_open = KINDS[step.kind].open
    return ends_open is not None and ends_open(step)


def planned(script: Script, speech_length: SpeechLength | None = None) -> tuple[float, bool]:
    """What ``compile_timeline`` gives as the length (without an opening or end chime) and as
    ``estimated``, worked out without laying out any cue (here rather than with the timeline:
    the loader adds it to every script it checks, without the timeline's dataclasses)."""
    speak = speech_length or reading_pace
    at, estimated = 0.0, False
    for step in script.steps:
        length, waits = step_length(step, speak)
        estimated = estimated or (waits and step.duration is None)
        at = round(at + length, 6)  # as compile_timeline adds them up
    return at, estimated


def step_length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """A step's planned length, and whether it waits on the person (the length is then
    its cap, or an estimate): its kind's to say."""
    return KINDS[step.kind].length(step, speak)


def said_aloud(script: Script) -> Script:
    """``script`` with every step that may be said as well as shown said too (the person's
    "speak read-backs" setting, for those who can't read the screen)."""
    steps = tuple(
        voiced(step) if (voiced := KINDS[step.kind].voiced) is not None else step
        for step in script.steps
    )
    return replace(script, steps=steps) if steps != script.steps else script


__all__ = [
    "ACTION_KEYS",
    "KINDS",
    "PRACTICE",
    "STEP_KEYS",
    "Kind",
    "StepTable",
    "open_ended",
    "planned",
    "said_aloud",
    "step_length",
]
