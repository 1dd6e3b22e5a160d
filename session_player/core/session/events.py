"""What a running session tells its front ends (the TUI, plain mode, sound and the log).

Every event is a small frozen dataclass. ``at`` is the moment it was due, in practised seconds
from the session's start (pauses excluded), so a front end can tell how late it is handled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..script.model import SoundFile, StepKind

EndReason = Literal["completed", "stopped", "interrupted"]
PromptKind = Literal["ask", "write", "check_in"]


@dataclass(frozen=True)
class Event:
    """Base of all session events."""

    at: float


@dataclass(frozen=True)
class SessionStarted(Event):
    """The session began; ``planned`` is its planned length in seconds (``open_ended``: it
    lasts until the person ends it, and ``planned`` is only what comes before that)."""

    title: str
    planned: float
    open_ended: bool = False


@dataclass(frozen=True)
class SectionStarted(Event):
    """A named section began: ``number`` of ``total``, counting from 1."""

    name: str
    number: int
    total: int


@dataclass(frozen=True)
class StepStarted(Event):
    """A step began (also after next, back or a restart). ``index`` counts from 0.
    ``natural``: the step before ran its time (False: the person went on, back, or answered)."""

    index: int
    kind: StepKind
    length: float
    natural: bool = True


@dataclass(frozen=True)
class LineShown(Event):
    """Guidance to show and, when ``speak``, to say. ``seconds`` is its planned speaking time.

    For phrases, ``round`` of ``rounds``; otherwise both are 0. ``written``: a read-back of
    what the person wrote (their words, shown as typed).
    """

    text: str
    speak: bool
    seconds: float
    round: int = 0
    rounds: int = 0
    written: bool = False


@dataclass(frozen=True)
class BreathPhase(Event):
    """A breath phase: ``phase`` is in, top-up, hold, out or rest, lasting ``seconds``."""

    phase: str
    seconds: float
    breath: int
    breaths: int


@dataclass(frozen=True)
class _BreathAhead(Event):
    """What the two events told ahead of a breath phase share: the phase, and when it is due."""

    phase: str
    due: float


@dataclass(frozen=True)
class BreathComing(_BreathAhead):
    """Breath phase ``phase`` begins at practised moment ``due``, ``core.ahead.LEAD`` seconds
    from ``at`` (less, where no lead could be given): a sound can be started ahead so that it is
    heard on the boundary. ``BreathPhase`` follows at ``due``, unless ``BreathWithdrawn`` says
    it no longer comes."""


@dataclass(frozen=True)
class BreathWithdrawn(_BreathAhead):
    """The phase told by a ``BreathComing`` for ``due`` no longer comes (a skip, going back,
    an answer, an extension, the end): anything started for it should go, silently."""


@dataclass(frozen=True)
class BreathCount(Event):
    """A whole second into a breath phase: ``number`` counts it from 2 (the phase is 1)."""

    phase: str
    number: int


@dataclass(frozen=True)
class TouchCue(Event):
    """A soothing-touch cue: ``label`` names the placement, ``text`` the words (may be empty)."""

    label: str
    description: str
    text: str
    seconds: float


@dataclass(frozen=True)
class QuietStarted(Event):
    """A silence of ``seconds`` began."""

    seconds: float


@dataclass(frozen=True)
class ChimeRang(Event):
    """A sound to play: ``purpose`` is start, end, step or interval."""

    sound: SoundFile | None
    purpose: str


@dataclass(frozen=True)
class Prompted(Event):
    """A question or writing prompt. ``time_box`` is 0 when it waits without limit.

    ``said`` is what the voice says: the prompt, and for a check-in its scale. ``earlier`` is
    what a `write` that adds to an earlier answer adds to: each part written so far.
    """

    kind: PromptKind
    text: str
    into: str | None
    time_box: float
    step: int
    said: str = ""
    earlier: tuple[str, ...] = ()


@dataclass(frozen=True)
class Waiting(Event):
    """The prompt has been said and the session waits on the person: a soft cue for the ear."""

    kind: PromptKind


VOICE_AWAITED = "A moment: the voice for what comes next is still being made."


@dataclass(frozen=True)
class VoiceAwaited(Event):
    """Step ``step`` would begin, but its voice is still being made (a slow computer): the
    session waits at its start, time standing still, and the step begins once it is ready.
    ``natural`` as the ``StepStarted`` that follows: False when the person left the step
    before (``left``), and what it was saying fades now, not when the wait ends."""

    step: int
    natural: bool = True


@dataclass(frozen=True)
class Reminded(Event):
    """A quiet minute passed with the prompt open: ``said`` may be said once more."""

    kind: PromptKind
    said: str


@dataclass(frozen=True)
class Answered(Event):
    """What the person gave (or the default when skipped). ``value`` is set for check-ins."""

    kind: PromptKind
    prompt: str
    text: str
    step: int
    skipped: bool
    value: int | None = None


@dataclass(frozen=True)
class Paused(Event):
    """Time stands still. ``reason`` is "you" or "clock-jump" (a suspended computer)."""

    reason: str


@dataclass(frozen=True)
class Resumed(Event):
    """Time runs again."""


@dataclass(frozen=True)
class Extended(Event):
    """The current step was given ``seconds`` more."""

    seconds: float


@dataclass(frozen=True)
class SessionEnded(Event):
    """The end: ``reason``, and the time practised (pauses excluded) against the plan."""

    reason: EndReason
    practised: float
    planned: float
    skips: int = 0
    """How many times the person skipped on with next."""


def left(event: Event) -> bool:
    """Whether the person left a step with ``event`` (next, back, an answer): the step they
    went to began, or waits for its voice. What the step left still sounds fades at once."""
    return isinstance(event, StepStarted | VoiceAwaited) and not event.natural
