"""Compiles a checked script into a deterministic timeline: every cue with its planned offset.

Each planned step holds its cues with offsets from the step's own start, and its start offset from
the session's start; a cue's planned moment is ``step.start + cue.at``. The engine keeps to these
offsets against a clock; ``session-player check --schedule`` prints them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from ..script.model import Script, Sound, Step
from ..script.presets import TOUCH_PLACEMENTS, BreathPattern
from ..script.text import plain, reading_seconds
from .checkins import scale_words

CueKind = Literal["line", "breath", "count", "touch", "quiet", "chime", "prompt", "waiting"]
# Planning estimates for steps that wait on the person (shown as "about").
ASK_ESTIMATE = 20.0
CHECK_IN_ESTIMATE = 15.0
# The opening (see ``Opening``) and the ending: the first spoken line waits for the chime's
# strike, and the end chime rings only after a moment of quiet that follows the last line.
OPENING_GAP = 4.0
STRIKE = 2.0
END_QUIET = 1.0
WAIT_GAP = 1.0  # after a prompt has been said, the soft cue that the session waits
READ_BACK_QUIET = 2.0  # a spoken read-back that outgrows its `for` has this quiet after it


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
    said: str = ""  # a prompt as the voice says it (a template too)


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

    sound: Sound
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


SpeechLength = Callable[[str], float]


@dataclass(frozen=True)
class Timeline:
    """A compiled script: its steps and sections, and the planned length in seconds."""

    script: Script
    steps: tuple[PlannedStep, ...]
    sections: tuple[Section, ...]
    length: float
    speech_length: SpeechLength | None = field(default=None, compare=False, repr=False)
    """What a spoken line takes, as the timeline was laid out with (None: the estimate)."""

    def said_seconds(self, text: str) -> float:
        """How long ``text`` takes to say: the rendered voice's length, or the estimate."""
        if self.speech_length is not None:
            return self.speech_length(text)
        return reading_seconds(plain(text))

    @property
    def estimated(self) -> bool:
        """True when the length includes estimates for steps that wait on the person."""
        return any(p.waits and p.step.duration is None for p in self.steps)

    @property
    def open_ended(self) -> bool:
        """True when a step lasts until the person ends it (a timer's open-ended sit)."""
        return any(p.step.open_ended for p in self.steps)


def compile_timeline(
    script: Script,
    speech_length: SpeechLength | None = None,
    *,
    opening: Opening | None = None,
    end_chime: bool = False,
) -> Timeline:
    """Lay out every step of ``script``. ``speech_length`` gives a spoken line's seconds
    (the rendered voice); without it the documented reading-time estimate is used.

    With an ``opening``, the first step begins with its chimes and its own cues wait for them;
    with ``end_chime``, the last step lasts at least ``END_QUIET`` beyond its last spoken line,
    so the chime that ends the session never rings over it.
    """
    speak = speech_length or (lambda text: reading_seconds(plain(text)))
    steps: list[PlannedStep] = []
    sections: list[Section] = []
    at = 0.0
    last = len(script.steps) - 1
    for index, step in enumerate(script.steps):
        if step.section:
            sections.append(Section(step.section, index, at))
        cues = _lay_out(step, speak)
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
    return Timeline(script, tuple(steps), tuple(sections), at, speech_length)


def read_back_more(planned: PlannedStep, said: float) -> float:
    """The time a spoken read-back needs beyond its planned length: what was written, said in
    ``said`` seconds, is heard whole, then ``READ_BACK_QUIET`` (a ``for`` shorter grows)."""
    step = planned.step
    if step.kind != "read_back" or not step.speak:
        return 0.0
    return max(0.0, round(planned.lead + said + READ_BACK_QUIET - planned.length, 6))


def shifted(cues: list[Cue], by: float) -> list[Cue]:
    """``cues`` moved ``by`` seconds later."""
    if not by:
        return cues
    return [replace(c, at=round(c.at + by, 6)) for c in cues]


def planned_length(script: Script, speech_length: SpeechLength | None = None) -> float:
    """The planned length of ``script`` in seconds, without laying out its cues."""
    return planned(script, speech_length)[0]


def planned(script: Script, speech_length: SpeechLength | None = None) -> tuple[float, bool]:
    """What ``compile_timeline`` gives as the length (without an opening or end chime) and as
    ``estimated``, worked out without laying out any cue."""
    speak = speech_length or (lambda text: reading_seconds(plain(text)))
    at, estimated = 0.0, False
    for step in script.steps:
        length, waits = step_length(step, speak)
        estimated = estimated or (waits and step.duration is None)
        at = round(at + length, 6)  # as compile_timeline adds them up
    return at, estimated


def step_length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """A step's planned length, and whether it waits on the person (the length is then
    its cap, or an estimate)."""
    kind = step.kind
    if kind == "say":
        assert step.text is not None
        return round(speak(step.text) + step.pause, 6), False
    if kind == "phrases":
        spoken = sum(speak(p) for p in step.phrases)
        one_round = spoken + step.pause * (len(step.phrases) - 1) + step.round_pause
        return round(step.repeat * one_round, 6), False
    if kind == "breathe":
        assert step.breath is not None
        return round(_cycles(step) * step.breath.length, 6), False
    if kind == "touch":
        assert step.duration is not None
        return round((speak(step.text) if step.text else 0.0) + step.duration, 6), False
    if step.open_ended:
        return 0.0, True  # it waits on the person, with no cap and no estimate
    if kind in ("silence", "write", "read_back"):
        assert step.duration is not None
        return step.duration, False
    if kind == "chime":
        return 0.0, False
    estimate = ASK_ESTIMATE if kind == "ask" else CHECK_IN_ESTIMATE
    return step.duration or estimate, True


def _cycles(step: Step) -> int:
    if step.cycles is not None:
        return step.cycles
    assert step.duration is not None and step.breath is not None
    return max(1, round(step.duration / step.breath.length))


def _lay_out(step: Step, speak: SpeechLength) -> list[Cue]:
    kind = step.kind
    if kind == "say":
        assert step.text is not None
        return [Cue(0.0, "line", step.text, speak(step.text), speak=True)]
    if kind == "phrases":
        return _phrases(step, speak)
    if kind == "breathe":
        return _breaths(step, speak)
    if kind == "touch":
        assert step.placement is not None and step.duration is not None
        spoken = speak(step.text) if step.text else 0.0
        place = TOUCH_PLACEMENTS.get(step.placement)
        label = place.label if place else step.placement
        return [Cue(0.0, "touch", step.text or "", spoken, speak=bool(step.text), phase=label)]
    if step.open_ended:
        return open_silence_cues(step)
    if kind == "silence":
        assert step.duration is not None
        return silence_cues(step, step.duration)
    if kind == "chime":
        return [Cue(0.0, "chime", sound=step.sound, purpose="step")]
    if kind == "read_back":  # the answer as a line: filled in, and voiced, once it is written
        assert step.reads is not None
        line = f"{{{step.reads}}}"
        seconds = speak(line) if step.speak else 0.0
        return [Cue(0.0, "line", line, seconds, speak=step.speak, purpose="read_back")]
    assert step.text is not None
    said = prompt_said(step)
    cues = [Cue(0.0, "prompt", step.text, step.duration or 0.0, True, kind, said=said)]
    waiting = round(speak(said) + WAIT_GAP, 6)
    if step.duration is None or waiting < step.duration:  # a short time box has no room
        cues.append(Cue(waiting, "waiting", phase=kind))
    return cues


def prompt_said(step: Step) -> str:
    """What the voice says for a prompt step: its text, and a check-in's scale after it."""
    assert step.text is not None
    if step.kind != "check_in":
        return step.text
    scale = scale_words(step.low, step.high).replace("{", "{{").replace("}", "}}")
    return f"{step.text} {scale}"


def _phrases(step: Step, speak: SpeechLength) -> list[Cue]:
    cues: list[Cue] = []
    at = 0.0
    for round_number in range(1, step.repeat + 1):
        for position, phrase in enumerate(step.phrases):
            seconds = speak(phrase)
            cues.append(Cue(at, "line", phrase, seconds, True, "", round_number, step.repeat))
            last = position == len(step.phrases) - 1
            at = round(at + seconds + (step.round_pause if last else step.pause), 6)
    return cues


def _breaths(step: Step, speak: SpeechLength) -> list[Cue]:
    assert step.breath is not None
    cycles = _cycles(step)
    return _with_lines(breath_cues(step.breath, cycles), guidance_cues(step, cycles, speak))


def guidance_cues(step: Step, cycles: int, speak: SpeechLength) -> list[Cue]:
    """A breathing step's lines, said over the running pacer: ``say`` as it begins, each of
    ``lines`` at its offset or, without one, spread evenly at the start of a breath."""
    assert step.breath is not None
    said: list[tuple[float, str]] = [(0.0, step.text)] if step.text else []
    spread = [text for at, text in step.guidance if at is None]
    for n, text in enumerate(spread, 1):
        breath = min(cycles - 1, round(n * cycles / (len(spread) + 1)))
        said.append((round(breath * step.breath.length, 6), text))
    said += [(at, text) for at, text in step.guidance if at is not None]
    return [Cue(at, "line", text, speak(text), speak=True) for at, text in said]


def _with_lines(cues: list[Cue], lines: list[Cue]) -> list[Cue]:
    """Breath cues and lines in time order (a phase before a line due with it)."""
    return sorted([*cues, *lines], key=lambda c: (c.at, c.kind == "line"))


def extended_cues(planned: PlannedStep, length: float) -> list[Cue] | None:
    """The cues of ``planned`` given ``length`` seconds in all (its opening kept first), or
    None for a step whose cues don't depend on its length."""
    step, lead = planned.step, planned.lead
    opening = [c for c in planned.cues if c.purpose == "start"]
    if step.kind == "breathe" and step.breath is not None:
        cycles = round((length - lead) / step.breath.length)
        lines = [c for c in planned.cues if c.kind == "line"]
        own = _with_lines(breath_cues(step.breath, cycles), shifted(lines, -lead))
        return opening + shifted(own, lead)
    if step.kind == "silence":
        return opening + shifted(silence_cues(step, length - lead), lead)
    return None


def breath_cues(pattern: BreathPattern, cycles: int) -> list[Cue]:
    """The phase cues of ``cycles`` whole breaths, one after another from 0."""
    cues: list[Cue] = []
    at = 0.0
    for breath in range(1, cycles + 1):
        for phase, seconds in pattern.phases():
            cues.append(Cue(at, "breath", seconds=seconds, phase=phase, count=breath, total=cycles))
            # Each whole second of a phase, for counting it aloud ("in, two, three, four").
            second = 1
            while second < seconds - 0.25 and second < 60:
                cues.append(Cue(round(at + second, 6), "count", phase=phase, count=second + 1))
                second += 1
            at = round(at + seconds, 6)
    return cues


def open_silence_cues(step: Step) -> list[Cue]:
    """An open-ended silence: the quiet, and its first interval bell (the engine adds each next
    bell as one rings, since there is no planned end to lay them out to)."""
    cues = [Cue(0.0, "quiet", seconds=math.inf)]
    if step.bell_every and step.bell:
        cues.append(Cue(step.bell_every, "chime", sound=step.bell, purpose="interval"))
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
