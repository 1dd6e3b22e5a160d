"""The timer's remembered choices: the last one, and the presets a person names.

Kept in ``timers.toml`` beside the settings::

    format = 1

    [last]
    length = 1200        # seconds; 0 is open ended
    bell_every = 300     # seconds; 0 is no interval bell
    bell = "bowl"
    start = "default"    # a chime name, "default" (the settings' chime) or "none"
    end = "default"
    delay = 10
    bells = [300, 900]   # seconds from the start: bells at chosen moments (left out if none)
    until = "07:30"      # a sit until a time of day, instead of a length (left out if none)

    [presets."Morning sit"]
    length = 1200
    # ... the same keys

A missing file means no presets and the usual first choice. An entry that can't be read is
left out with a notice; the rest of the file still counts. Writing changes only the last choice
and the preset saved: what else the file holds stays as written, even what couldn't be read
(a file that can't be read at all is kept beside it first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.bounded import Unreadable, read_toml
from ..core.bundled import bundled_sounds
from ..core.library.timer import TimerChoice, TimerError, check_choice, parse_time_of_day
from . import paths
from .keeping import at_most, keep_beside, tables_to_update, write_toml

FORMAT = 1
MAX_PRESETS = 50
MAX_NAME = 60
MAX_TIMERS_BYTES = 1 << 16  # fifty presets take under 10 KiB


@dataclass
class Timers:
    """The last choice, and the named presets in the order they were saved."""

    last: TimerChoice = field(default_factory=TimerChoice)
    presets: dict[str, TimerChoice] = field(default_factory=dict)


def timers_path() -> Path:
    """Where the timer's choices are kept."""
    return paths.config_dir() / "timers.toml"


KEYS = ("length", "bell_every", "bell", "start", "end", "delay", "bells", "until")


def choice_to_dict(choice: TimerChoice) -> dict[str, Any]:
    """A choice as the file holds it (0 for "none" lengths: TOML has no null). Chosen bells
    and ``until`` are written only when there are some, so a file without them stays one an
    older version reads."""
    kept: dict[str, Any] = {
        "length": 0 if choice.until is not None else choice.length or 0,
        "bell_every": choice.bell_every or 0,
        "bell": choice.bell,
        "start": choice.start,
        "end": choice.end,
        "delay": choice.delay,
    }
    if choice.bells:
        kept["bells"] = list(choice.bells)
    if choice.until is not None:
        kept["until"] = choice.until
    return kept


def _bells(value: Any) -> tuple[float, ...]:
    if not isinstance(value, list):
        raise TimerError("bells should be a list of seconds from the start")
    return tuple(sorted({_number(at, "each of bells") for at in value}))


def _number(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise TimerError(f"{key} should be a number of seconds")
    return float(value)


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise TimerError(f"{key} should be text")
    return value


def choice_from(data: Any) -> TimerChoice:
    """A choice from the file (``TimerError`` says what is wrong with it)."""
    if not isinstance(data, dict):
        raise TimerError("should be a table")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise TimerError(f"{unknown[0]!r} is not a timer setting")
    default = TimerChoice()
    length = _number(data.get("length", default.length), "length")
    every = _number(data.get("bell_every", 0), "bell_every")
    choice = TimerChoice(
        length=length or None,
        bell_every=every or None,
        bell=_text(data.get("bell", default.bell), "bell"),
        start=_text(data.get("start", default.start), "start"),
        end=_text(data.get("end", default.end), "end"),
        delay=_number(data.get("delay", 0), "delay"),
        bells=_bells(data.get("bells", [])),
        until=parse_time_of_day(_text(data["until"], "until")) if "until" in data else None,
    )
    return check_choice(choice, bundled_sounds())


def load_timers(path: Path | None = None) -> tuple[Timers, list[str]]:
    """The remembered choices, and notices for anything that couldn't be read."""
    path = timers_path() if path is None else path
    try:
        data = read_toml(path, MAX_TIMERS_BYTES)
    except Unreadable as problem:
        return Timers(), [] if problem.missing else [
            f"Timer presets could not be read ({problem})."
        ]
    timers, notices = Timers(), []
    if "last" in data:
        try:
            timers.last = choice_from(data["last"])
        except TimerError as problem:
            notices.append(f"Timer presets: the last choice {problem}; the usual one is used.")
    presets = data.get("presets", {})
    if not isinstance(presets, dict):
        notices.append("Timer presets: presets should be a table of presets; it was ignored.")
    for name, value in presets.items() if isinstance(presets, dict) else ():
        try:
            timers.presets[str(name)] = choice_from(value)
        except TimerError as problem:
            notices.append(f"Timer presets: {name!r} {problem}; it was left out.")
    return timers, at_most(notices, "Timer presets")


def preset_name(text: str) -> str:
    """A preset's name, tidied; ``TimerError`` if it can't be one."""
    name = " ".join(text.split())
    if not name:
        raise TimerError("a preset needs a name")
    if len(name) > MAX_NAME or not name.isprintable():
        raise TimerError(f"a preset's name is up to {MAX_NAME} printable characters")
    return name


def remember(
    choice: TimerChoice, *, name: str | None = None, path: Path | None = None, last: bool = True
) -> str | None:
    """Keep ``choice`` as the last one (unless not ``last``: a preview keeps no last timer)
    and as preset ``name``, changing only those entries:
    the other presets stay as the person wrote them, even one this version can't read. A file
    that can't be read is kept beside it first (``home.keeping``). Returns a notice (a failure,
    or where a file was kept), never raises."""
    if not last and name is None:
        return None  # nothing to keep: the file is left as it is
    path = timers_path() if path is None else path
    tables, kept = tables_to_update(path, MAX_TIMERS_BYTES, "Timer presets")
    if tables is None:
        return kept
    presets = tables.get("presets", {})
    if not isinstance(presets, dict):  # not presets at all: kept in a backup, not lost
        tables, kept = keep_beside(path, "presets is not a table of presets", "Timer presets")
        if tables is None:
            return kept
        presets = {}
    if name is not None:
        if name not in presets and len(presets) >= MAX_PRESETS:
            return f"There are already {MAX_PRESETS} timer presets; remove one first."
        presets[name] = choice_to_dict(choice)
    kept_last = choice_to_dict(choice) if last else tables.get("last")
    tables = {"format": FORMAT, **tables, "last": kept_last, "presets": presets}
    if kept_last is None:
        del tables["last"]
    problem = write_toml(path, tables, "Timer presets")
    return problem or kept
