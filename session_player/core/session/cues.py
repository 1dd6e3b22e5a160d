"""A cue: something that happens at a moment of its step (a line, a breath phase, a chime, a
prompt). Each step kind lays out its own cues (``script/kinds/``); the timeline places the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from ..script.model import SoundFile
from ..script.text import plain, reading_seconds

CueKind = Literal["line", "breath", "count", "touch", "quiet", "chime", "prompt", "waiting"]
SpeechLength = Callable[[str], float]
"""A spoken line's seconds: the rendered voice, or the reading-time estimate."""


def reading_pace(text: str) -> float:
    """A spoken line's seconds at the documented reading pace: the estimate used until its
    voice is rendered."""
    return reading_seconds(plain(text))


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
    sound: SoundFile | None = None
    purpose: str = ""
    said: str = ""  # a prompt as the voice says it (a template too)


def at_of(cue: Cue) -> float:
    """A cue's offset: cues play in this order."""
    return cue.at


def shifted(cues: list[Cue], by: float) -> list[Cue]:
    """``cues`` moved ``by`` seconds later."""
    if not by:
        return cues
    return [replace(c, at=round(c.at + by, 6)) for c in cues]
