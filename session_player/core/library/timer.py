"""The quick timer: a silent sit from a few choices, without writing a script.

``timer_script`` turns a ``TimerChoice`` into an ordinary checked ``Script`` of one silence: a
length (or none, open ended: it lasts until the person ends it), interval bells, and the start
and end chimes. The start delay is the front end's quiet countdown before the session starts
(it is not practice, so it is not part of the session). Sounds are looked up in the mapping the
caller passes (the bundled chimes), so core needs nothing from outside.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..script.durations import format_duration
from ..script.kinds.silence import bell_every_problem
from ..script.model import Script, SoundFile, Step

TIMER_NAME = "timer"
DEFAULT = "default"  # the person's own start or end chime, from their settings
NONE = "none"
MAX_SECONDS = 24 * 3600.0
MAX_DELAY = 600.0


class TimerError(ValueError):
    """A choice a timer can't be made from; the message says which and why."""


@dataclass(frozen=True)
class TimerChoice:
    """What a person chooses for a sit. Lengths are seconds; ``length`` None is open ended.

    ``bell`` is the interval bell's sound; ``start`` and ``end`` are chime names, ``"default"``
    (the settings' chimes) or ``"none"``.
    """

    length: float | None = 20 * 60.0
    bell_every: float | None = None
    bell: str = "bell"
    start: str = DEFAULT
    end: str = DEFAULT
    delay: float = 0.0

    def describe(self) -> str:
        """``20m, a bell every 5m``: the choice in a few words."""
        words = "open ended" if self.length is None else format_duration(self.length)
        if self.bell_every:
            words += f", a bell every {format_duration(self.bell_every)}"
        if self.delay:
            words += f", after {format_duration(self.delay)}"
        return words


def check_choice(choice: TimerChoice, sounds: Mapping[str, Path]) -> TimerChoice:
    """The choice if it can be played; ``TimerError`` says what is wrong with it."""
    if choice.length is not None and not 1 <= choice.length <= MAX_SECONDS:
        raise TimerError("a sit is from a second to 24 hours long")
    if choice.bell_every is not None:
        # A script's rule for bell_every: at least a second (a bell every millisecond of a
        # day once planned 86 million bells, 3.8 GB), and shorter than the sit.
        problem = bell_every_problem(choice.bell_every, choice.length)
        if problem is not None:
            raise TimerError(f"the interval bell {problem}")
    if not 0 <= choice.delay <= MAX_DELAY:
        raise TimerError("the start delay is up to 10 minutes")
    names = sorted(sounds)
    for what, name, extra in (
        ("interval bell", choice.bell, ()),
        ("start chime", choice.start, (DEFAULT, NONE)),
        ("end chime", choice.end, (DEFAULT, NONE)),
    ):
        if name not in sounds and name not in extra:
            allowed = ", ".join([*names, *extra])
            raise TimerError(f"no {what} called {name!r} (there are: {allowed})")
    return choice


def _chime(name: str, sounds: Mapping[str, Path]) -> SoundFile | Literal["default", "none"]:
    if name == DEFAULT:
        return "default"
    if name == NONE:
        return "none"
    return SoundFile(name, sounds[name])


def timer_title(choice: TimerChoice) -> str:
    """``Silent timer`` or ``Open-ended sit`` (the length is shown beside it everywhere)."""
    return "Open-ended sit" if choice.length is None else "Silent timer"


def timer_script(choice: TimerChoice, sounds: Mapping[str, Path]) -> Script:
    """The silent sit a choice describes, as a script (``TimerError`` if it can't be one)."""
    check_choice(choice, sounds)
    bell = SoundFile(choice.bell, sounds[choice.bell]) if choice.bell_every else None
    step = Step(
        number=1,
        kind="silence",
        section="Sitting",
        duration=choice.length,
        bell_every=choice.bell_every,
        bell=bell,
    )
    return Script(
        name=TIMER_NAME,
        title=timer_title(choice),
        practice="silent",
        steps=(step,),
        summary=choice.describe(),
        start_chime=_chime(choice.start, sounds),
        end_chime=_chime(choice.end, sounds),
    )
