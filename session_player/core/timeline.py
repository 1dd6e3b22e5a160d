"""Compiles a checked script into a deterministic timeline: every cue with its planned offset.

Each planned step holds its cues with offsets from the step's own start, and its start offset from
the session's start; a cue's planned moment is ``step.start + cue.at``. The engine keeps to these
offsets against a clock; ``session-player check --schedule`` prints them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .model import Script, Sound, Step
from .presets import TOUCH_PLACEMENTS, BreathPattern
from .text import plain, reading_seconds

CueKind = Literal["line", "breath", "touch", "quiet", "chime", "prompt"]
# Planning estimates for steps that wait on the person (shown as "about").
ASK_ESTIMATE = 20.0
CHECK_IN_ESTIMATE = 15.0


@dataclass(frozen=True)
class Cue:
    """Something that happens at ``at`` seconds into its step.

    ``text`` is a template: variables are filled in when the cue is due. ``seconds`` is the
    length of what the cue starts (a breath phase, a spoken line, a time box).
    """

    at: float
    kind: CueKind
    text: str = ""
    seconds: float = 0.0
    speak: bool = False
    phase: str = ""
    count: int = 0
    total: int = 0
    sound: Sound | None = None
    purpose: str = ""


@dataclass(frozen=True)
class PlannedStep:
    """A step on the timeline. ``waits`` steps end when answered (or at ``length`` if capped).

    ``section`` indexes the timeline's sections (-1 before the first one).
    """

    step: Step
    start: float
    length: float
    cues: tuple[Cue, ...]
    section: int
    waits: bool = False

    @property
    def end(self) -> float:
        """Planned offset of the step's end."""
        return self.start + self.length


@dataclass(frozen=True)
class Section:
    """A named part of the session, starting at step ``first`` (an index into the steps)."""

    name: str
    first: int
    start: float


@dataclass(frozen=True)
class Timeline:
    """A compiled script: its steps and sections, and the planned length in seconds."""

    script: Script
    steps: tuple[PlannedStep, ...]
    sections: tuple[Section, ...]
    length: float

    @property
    def estimated(self) -> bool:
        """True when the length includes estimates for steps that wait on the person."""
        return any(p.waits and p.step.duration is None for p in self.steps)


SpeechLength = Callable[[str], float]


class TooLong(ValueError):
    """The timeline passed the ``limit`` given to ``compile_timeline``."""


def compile_timeline(
    script: Script, speech_length: SpeechLength | None = None, *, limit: float | None = None
) -> Timeline:
    """Lay out every step of ``script``. ``speech_length`` gives a spoken line's seconds
    (the rendered voice); without it the documented reading-time estimate is used.

    With ``limit``, stop with ``TooLong`` as soon as the plan passes that many seconds, so an
    absurd script costs no more than a long one to refuse.
    """
    speak = speech_length or (lambda text: reading_seconds(plain(text)))
    steps: list[PlannedStep] = []
    sections: list[Section] = []
    at = 0.0
    for index, step in enumerate(script.steps):
        if step.section:
            sections.append(Section(step.section, index, at))
        cues, length, waits = _lay_out(step, speak)
        steps.append(PlannedStep(step, at, length, tuple(cues), len(sections) - 1, waits))
        at = round(at + length, 6)  # offsets are kept to the microsecond, not float noise
        if limit is not None and at > limit:
            raise TooLong(at)
    return Timeline(script, tuple(steps), tuple(sections), at)


def _lay_out(step: Step, speak: SpeechLength) -> tuple[list[Cue], float, bool]:
    kind = step.kind
    if kind == "say":
        assert step.text is not None
        seconds = speak(step.text)
        return [Cue(0.0, "line", step.text, seconds, speak=True)], seconds + step.pause, False
    if kind == "phrases":
        return _phrases(step, speak)
    if kind == "breathe":
        return _breaths(step)
    if kind == "touch":
        assert step.placement is not None and step.duration is not None
        spoken = speak(step.text) if step.text else 0.0
        place = TOUCH_PLACEMENTS.get(step.placement)
        label = place.label if place else step.placement
        cue = Cue(0.0, "touch", step.text or "", spoken, speak=bool(step.text), phase=label)
        return [cue], spoken + step.duration, False
    if kind == "silence":
        assert step.duration is not None
        return silence_cues(step, step.duration), step.duration, False
    if kind == "chime":
        return [Cue(0.0, "chime", sound=step.sound, purpose="step")], 0.0, False
    assert step.text is not None
    if kind == "write":
        assert step.duration is not None
        return [Cue(0.0, "prompt", step.text, step.duration, phase="write")], step.duration, False
    estimate = ASK_ESTIMATE if kind == "ask" else CHECK_IN_ESTIMATE
    length = step.duration or estimate
    return [Cue(0.0, "prompt", step.text, step.duration or 0.0, phase=kind)], length, True


def _phrases(step: Step, speak: SpeechLength) -> tuple[list[Cue], float, bool]:
    cues: list[Cue] = []
    at = 0.0
    for round_number in range(1, step.repeat + 1):
        for position, phrase in enumerate(step.phrases):
            seconds = speak(phrase)
            cues.append(Cue(at, "line", phrase, seconds, True, "", round_number, step.repeat))
            last = position == len(step.phrases) - 1
            at = round(at + seconds + (step.round_pause if last else step.pause), 6)
    return cues, at, False


def _breaths(step: Step) -> tuple[list[Cue], float, bool]:
    assert step.breath is not None
    if step.cycles is not None:
        cycles = step.cycles
    else:
        assert step.duration is not None
        cycles = max(1, round(step.duration / step.breath.length))
    cues = breath_cues(step.breath, cycles)
    return cues, round(cycles * step.breath.length, 6), False


def breath_cues(pattern: BreathPattern, cycles: int) -> list[Cue]:
    """The phase cues of ``cycles`` whole breaths, one after another from 0."""
    cues: list[Cue] = []
    at = 0.0
    for breath in range(1, cycles + 1):
        for phase, seconds in pattern.phases():
            cues.append(Cue(at, "breath", seconds=seconds, phase=phase, count=breath, total=cycles))
            at = round(at + seconds, 6)
    return cues


def silence_cues(step: Step, length: float) -> list[Cue]:
    """A silence of ``length`` seconds with its interval bells (none at the very end)."""
    cues = [Cue(0.0, "quiet", seconds=length)]
    if step.bell_every and step.bell:
        ring = step.bell_every
        while ring < length - 1e-9:
            cues.append(Cue(ring, "chime", sound=step.bell, purpose="interval"))
            ring = round(ring + step.bell_every, 6)
    return cues
