"""What a cue on the timeline tells the front ends when it falls due: the events that need no
state of the session's own (the engine makes prompts, which open a question, itself)."""

from __future__ import annotations

from ..script.model import Step
from ..script.presets import TOUCH_PLACEMENTS
from .cues import Cue
from .events import BreathCount, BreathPhase, ChimeRang, Event, LineShown, QuietStarted, TouchCue


def cue_event(cue: Cue, at: float, text: str, step: Step, step_length: float) -> Event | None:
    """The event of ``cue`` due at practised ``at`` (``text`` filled in) in ``step``, or None
    for a prompt or the wait after one."""
    if cue.kind == "line":
        written = cue.purpose == "read_back"
        return LineShown(at, text, cue.speak, cue.seconds, cue.count, cue.total, written)
    if cue.kind == "breath":
        return BreathPhase(at, cue.phase, cue.seconds, cue.count, cue.total)
    if cue.kind == "count":
        return BreathCount(at, cue.phase, cue.count)
    if cue.kind == "touch":
        place = TOUCH_PLACEMENTS.get(step.placement or "")
        label = place.label if place else cue.phase
        return TouchCue(at, label, place.description if place else "", text, cue.seconds)
    if cue.kind == "quiet":
        return QuietStarted(at, step_length)
    if cue.kind == "chime":
        return ChimeRang(at, cue.sound, cue.purpose)
    return None
