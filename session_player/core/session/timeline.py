"""Compiles a checked script into a deterministic timeline: every cue with its planned offset.

Each planned step holds its cues with offsets from the step's own start, and its start offset from
the session's start; a cue's planned moment is ``step.start + cue.at``. The engine keeps to these
offsets against a clock; ``session-player check --schedule`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..script.kinds import KINDS, open_ended, planned, step_length
from ..script.model import Script, SoundFile, Step
from .cues import Cue, SpeechLength, reading_pace, shifted

# The opening (see ``Opening``) and the ending: the first spoken line waits for the chime's
# strike, and the end chime rings only after a moment of quiet that follows the last line.
OPENING_GAP = 4.0
STRIKE = 2.0
END_QUIET = 1.0


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
    lead: float = 0.0  # the first step's opening, before its own cues (they are shifted by it)

    @property
    def end(self) -> float:
        """Planned offset of the step's end."""
        return self.start + self.length

    @property
    def open_ended(self) -> bool:
        """True when the step lasts until the person ends it (a timer's open-ended sit)."""
        return open_ended(self.step)


@dataclass(frozen=True)
class Section:
    """A named part of the session, starting at step ``first`` (an index into the steps)."""

    name: str
    first: int
    start: float


@dataclass(frozen=True)
class Opening:
    """The chimes that open a session, which the first step waits for.

    The rule: the first line begins ``strike`` seconds after the last opening chime strikes:
    ``STRIKE`` (2 s, when a bell has fallen to about a third of its peak) or, for a sound
    shorter than that, when it has ended. A three-chime opening rings at 0, 4 and 8 s.
    """

    sound: SoundFile
    chimes: int = 1
    seconds: float = STRIKE  # the sound's own length

    @property
    def length(self) -> float:
        """Seconds from the first strike to the first step's own first cue."""
        return round((self.chimes - 1) * OPENING_GAP + min(STRIKE, self.seconds), 6)

    def cues(self) -> list[Cue]:
        """The opening's chimes, from 0."""
        return [
            Cue(round(n * OPENING_GAP, 6), "chime", sound=self.sound, purpose="start")
            for n in range(self.chimes)
        ]


class Unfolding(Protocol):
    """A timeline whose voice is still being made while it plays (``session/unfolding.py``)."""

    def latest(self) -> tuple[Timeline, int]:
        """The newest layout, and how many steps from the first have every line's real
        length in it (those are final)."""
        ...


@dataclass(frozen=True)
class Timeline:
    """A compiled script: its steps and sections, and the planned length in seconds."""

    script: Script
    steps: tuple[PlannedStep, ...]
    sections: tuple[Section, ...]
    length: float
    speech_length: SpeechLength | None = field(default=None, compare=False, repr=False)
    """What a spoken line takes, as the timeline was laid out with (None: the estimate)."""
    unfolding: Unfolding | None = field(default=None, compare=False, repr=False)
    """Where newer layouts come from while the voice is still being made (None: final)."""
    counted: bool = True
    """Whether each second of a breath is a cue of its own (``BreathCount``): only spoken counts
    need them, and without them a breathing step wakes its front end only for its phases."""

    def said_seconds(self, text: str) -> float:
        """How long ``text`` takes to say: the rendered voice's length, or the estimate."""
        return (self.speech_length or reading_pace)(text)

    @property
    def estimated(self) -> bool:
        """True when the length includes estimates for steps that wait on the person."""
        return any(p.waits and p.step.duration is None for p in self.steps)

    @property
    def open_ended(self) -> bool:
        """True when a step lasts until the person ends it (a timer's open-ended sit)."""
        return any(p.open_ended for p in self.steps)


def compile_timeline(
    script: Script,
    speech_length: SpeechLength | None = None,
    *,
    opening: Opening | None = None,
    end_chime: bool = False,
    counted: bool = True,
) -> Timeline:
    """Lay out every step of ``script``. ``speech_length`` gives a spoken line's seconds
    (the rendered voice); without it the documented reading-time estimate is used.

    With an ``opening``, the first step begins with its chimes and its own cues wait for them;
    with ``end_chime``, the last step lasts at least ``END_QUIET`` beyond its last spoken line,
    so the chime that ends the session never rings over it. Without ``counted``, a breath's
    seconds are left out (``Timeline.counted``).
    """
    speak = speech_length or reading_pace
    steps: list[PlannedStep] = []
    sections: list[Section] = []
    at = 0.0
    last = len(script.steps) - 1
    for index, step in enumerate(script.steps):
        if step.section:
            sections.append(Section(step.section, index, at))
        cues = KINDS[step.kind].cues(step, speak)
        if not counted:
            cues = uncounted(cues)
        length, waits = step_length(step, speak)
        if end_chime and index == last and not waits:
            spoken = [c.at + c.seconds for c in cues if c.speak]
            length = max(length, round(max(spoken) + END_QUIET, 6)) if spoken else length
        lead = 0.0
        if opening is not None and index == 0:
            lead = opening.length
            cues = opening.cues() + shifted(cues, lead)
            length = round(length + lead, 6)
        planned = PlannedStep(step, at, length, tuple(cues), len(sections) - 1, waits, lead)
        steps.append(planned)
        at = round(at + length, 6)  # offsets are kept to the microsecond, not float noise
    return Timeline(script, tuple(steps), tuple(sections), at, speech_length, counted=counted)


def uncounted(cues: list[Cue]) -> list[Cue]:
    """``cues`` without a breath's seconds (for a timeline that isn't ``counted``)."""
    return [cue for cue in cues if cue.kind != "count"]


def grown_by(planned: PlannedStep, said: SpeechLength) -> float:
    """The time ``planned`` needs beyond its planned length once its answers are known, each
    line (filled in) said in ``said(line)`` seconds: its kind's to say (most need none)."""
    hook = KINDS[planned.step.kind].needs
    if hook is None:
        return 0.0
    needs = hook(planned.step, _own(planned), said)
    if not needs:
        return 0.0
    return max(0.0, round(planned.lead + needs - planned.length, 6))


def _own(planned: PlannedStep) -> list[Cue]:
    """The step's own cues, from its own start (without the opening that comes first)."""
    return shifted([c for c in planned.cues if c.purpose != "start"], -planned.lead)


def planned_length(script: Script, speech_length: SpeechLength | None = None) -> float:
    """The planned length of ``script`` in seconds, without laying out its cues."""
    return planned(script, speech_length)[0]


def extended_by(step: Step, seconds: float) -> float:
    """The time ``step`` gives when asked for ``seconds`` more: its kind's to say (most give
    just that; a breathing step, whole breaths)."""
    extend = KINDS[step.kind].extend
    return seconds if extend is None else extend(step, seconds)


def brought_by(step: Step, cue: Cue) -> list[Cue]:
    """The cues ``cue`` brings when it falls due in ``step``: its kind's to say (most bring
    none; an open-ended silence's bell, the next)."""
    after = KINDS[step.kind].after
    return [] if after is None else after(step, cue)


def extended_cues(planned: PlannedStep, length: float) -> list[Cue] | None:
    """The cues of ``planned`` given ``length`` seconds in all (its opening kept first), or
    None for a step whose cues don't depend on its length."""
    step, lead = planned.step, planned.lead
    stretch = KINDS[step.kind].stretch
    if stretch is None:
        return None
    opening = [c for c in planned.cues if c.purpose == "start"]
    return opening + shifted(stretch(step, _own(planned), length - lead), lead)
