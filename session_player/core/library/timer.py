"""The quick timer: a silent sit from a few choices, without writing a script.

``timer_script`` turns a ``TimerChoice`` into an ordinary checked ``Script`` of one silence: a
length (or none, open ended: it lasts until the person ends it), interval bells, and the start
and end chimes. The start delay is the front end's quiet countdown before the session starts
(it is not practice, so it is not part of the session). Sounds are looked up in the mapping the
caller passes (the bundled chimes), so core needs nothing from outside.

A sit may also last ``until`` a time of day ("07:30"): its length is worked out as it starts
(``until_now``), from the time then, which the front end hands in. A time that has passed today
is tomorrow's when that is a night's sit away (at most 12 hours: at 23:00, until 06:30); one that
passed a moment ago is refused rather than read as a sit of nearly a day. Bells may ring at chosen
moments (``bells``: "5m, 15m, 18m" from the start) as well as at an interval; a chosen moment at
or after the sit's end is refused, since no bell would ring there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..script.durations import DurationError, format_duration, parse_sit_length

if TYPE_CHECKING:  # the library lists the timer without the script model (its dataclasses)
    from ..script.model import Script, SoundFile

TIMER_NAME = "timer"
DEFAULT = "default"  # the person's own start or end chime, from their settings
NONE = "none"
MAX_SECONDS = 24 * 3600.0
MAX_DELAY = 600.0
MAX_BELLS = 100
NIGHT = 12 * 3600.0  # a time passed today is tomorrow's when it is at most this far away
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\Z", re.IGNORECASE)


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
    bells: tuple[float, ...] = ()  # bells at chosen moments, seconds from the start
    until: str | None = None  # a time of day ("07:30"): the length is worked out at the start

    def describe(self) -> str:
        """``20m, a bell every 5m``: the choice in a few words."""
        if self.until is not None:
            words = f"until {self.until}"
        else:
            words = "open ended" if self.length is None else format_duration(self.length)
        if self.bells:
            words += ", bells at " + ", ".join(format_duration(at) for at in self.bells)
        if self.bell_every:
            words += f", a bell every {format_duration(self.bell_every)}"
        if self.delay:
            words += f", after {format_duration(self.delay)}"
        return words


def check_choice(choice: TimerChoice, sounds: Mapping[str, Path]) -> TimerChoice:
    """The choice if it can be played; ``TimerError`` says what is wrong with it."""
    _check_times(choice)
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


def _check_times(choice: TimerChoice) -> TimerChoice:
    """The choice if its length, bells and delay can be a sit."""
    if choice.length is not None and not 1 <= choice.length <= MAX_SECONDS:
        raise TimerError("a sit is from a second to 24 hours long")
    if choice.bell_every is not None:
        # A script's rule for bell_every: at least a second (a bell every millisecond of a
        # day once planned 86 million bells, 3.8 GB), and shorter than the sit. (The step
        # kinds load here, not with the library, which lists the timer's last choice.)
        from ..script.kinds.silence import bell_every_problem

        problem = bell_every_problem(choice.bell_every, choice.length)
        if problem is not None:
            raise TimerError(f"the interval bell {problem}")
    if not 0 <= choice.delay <= MAX_DELAY:
        raise TimerError("the start delay is up to 10 minutes")
    _check_bells(choice.bells, choice.length)
    if choice.until is not None:
        parse_time_of_day(choice.until)
    return choice


def parse_bells(text: str) -> tuple[float, ...]:
    """Chosen moments for bells, ``"5m, 15m, 18m"`` (a bare number is minutes, as for a sit's
    length), in order, each once; ``TimerError`` names the one that can't be read."""
    moments = set()
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        try:
            moments.add(parse_sit_length(part.strip()))
        except DurationError as problem:
            raise TimerError(f"bells: {problem}") from None
    return tuple(sorted(moments))


def _check_bells(bells: tuple[float, ...], length: float | None) -> None:
    if len(bells) > MAX_BELLS:
        raise TimerError(f"up to {MAX_BELLS} bells at chosen moments")
    if not bells:
        return  # the step kinds load with bells only (a plain timer's first frame needs none)
    from ..script.kinds.silence import MIN_BELL_EVERY

    for at in bells:
        if not at >= MIN_BELL_EVERY:
            raise TimerError("a chosen bell rings at least 1 second after the start")
        if length is not None and at >= length:
            where = "at the sit's end" if at == length else "after the sit's end"
            raise TimerError(
                f"the bell at {format_duration(at)} would be {where} "
                f"({format_duration(length)}), so it would not ring; choose a moment within it"
            )


def parse_time_of_day(text: str) -> str:
    """A time of day as a person types it ("7:30", "07:30", "19:05", "7pm") -> ``"07:30"``;
    ``TimerError`` if it isn't one."""
    found = _TIME.match(text.strip())
    hour = int(found.group(1)) if found else -1
    minute = int(found.group(2) or 0) if found else -1
    half = (found.group(3) or "").lower().replace(".", "") if found else ""
    if found and not half and found.group(2) is None:
        hour = -1  # "7" alone could be minutes or a time: ask for the colon
    if half:
        hour = -1 if not 1 <= hour <= 12 else hour % 12 + (12 if half == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise TimerError(f"{text.strip()!r} is not a time of day; write it like 07:30 or 19:45")
    return f"{hour:02d}:{minute:02d}"


def until_now(choice: TimerChoice, now: datetime) -> tuple[TimerChoice, str]:
    """The choice as it starts at ``now`` (local time): a sit ``until`` a time gets its length,
    less the start delay. With it, words that say when it ends ("until 06:30 tomorrow, 7h 30m"),
    empty for a sit with no ``until``. ``TimerError`` for a time that can't be waited for."""
    if choice.until is None:
        return choice, ""
    hour, minute = (int(part) for part in parse_time_of_day(choice.until).split(":"))
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    tomorrow = target <= now
    if tomorrow:
        target += timedelta(days=1)
    # timestamp() reads a naive time as local time: a change of clocks overnight is counted
    seconds = target.timestamp() - now.timestamp() - choice.delay
    if tomorrow and seconds > NIGHT:
        raise TimerError(
            f"{choice.until} has passed today (it is {now:%H:%M}); until tomorrow's would be "
            f"{format_duration(seconds)}: give a length or a later time"
        )
    if seconds < 1:
        raise TimerError(f"{choice.until} is less than a second away (after the start delay)")
    resolved = _check_times(replace(choice, length=float(round(seconds))))
    day = " tomorrow" if tomorrow else ""
    return resolved, f"until {choice.until}{day}, {format_duration(round(seconds))}"


def _chime(name: str, sounds: Mapping[str, Path]) -> SoundFile | Literal["default", "none"]:
    from ..script.model import SoundFile

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
    from ..script.model import Script, SoundFile, Step

    check_choice(choice, sounds)
    if choice.until is not None and choice.length is None:
        raise TimerError("a sit until a time of day gets its length as it starts (until_now)")
    rings = choice.bell_every or choice.bells
    bell = SoundFile(choice.bell, sounds[choice.bell]) if rings else None
    step = Step(
        number=1,
        kind="silence",
        section="Sitting",
        duration=choice.length,
        bell_every=choice.bell_every,
        bells=choice.bells,
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
