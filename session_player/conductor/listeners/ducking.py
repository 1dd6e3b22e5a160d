"""Ducking: a breath tone is lowered while the voice says a line, so the words stay clear.

The mixing rule (``docs/architecture.md``): the voice is the loudest thing heard; a chime may ring
under it; a breath tone that sounds at any moment of a line plays ``DUCK_DB`` below its own
volume (``breath_volume``), which puts it at least 6 dB under the voice at the usual volumes.
Whether a tone is under a line is known before it starts: the planned lines of the step and the
next (their moments and real lengths are on the timeline), and whatever line the voice is saying
now.
"""

from __future__ import annotations

from ...core.script.text import plain
from ...core.session.engine import Session
from .voice import Voice

DUCK_DB = 10.0
"""How far below its own volume a breath tone plays while a line sounds."""
SPOKEN = ("line", "prompt", "touch")
"""The kinds of cue whose text the voice says (when the cue is spoken)."""


def ducked(volume: int) -> int:
    """``volume`` (0-100, amplitude) lowered by ``DUCK_DB``; never 0 when it wasn't."""
    return max(1 if volume > 0 else 0, round(volume * 10 ** (-DUCK_DB / 20)))


def under_a_line(
    session: Session | None, voice: Voice, due: float, seconds: float, speed: float = 1.0
) -> bool:
    """Whether a line sounds at any moment of a tone heard from practised moment ``due`` for
    ``seconds`` (wall): one of the step's planned lines, or the one the voice is saying now."""
    if session is None:
        return False
    heard = max(0.0, (due - session.practised) / speed)  # wall seconds from now
    if voice.line_sounding_for() > heard:
        return True
    if session.current is None:
        return False
    begun = session.practised - session.step_elapsed
    ends = due + seconds * speed
    # This step's lines, and the next step's (a tone near the end of a step can ring into them).
    steps = session.timeline.steps[session.index : session.index + 2]
    for n, step in enumerate(steps):
        start = begun + (session.step_length if n else 0.0)
        for cue in step.cues:
            if (
                cue.speak
                and cue.kind in SPOKEN
                and start + cue.at < ends
                and due < start + cue.at + cue.seconds
                and voice.seconds(plain(cue.said or cue.text)) is not None  # it has a voice
            ):
                return True
    return False
