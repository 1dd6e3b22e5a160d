"""The person's settings: what they chose last time, kept in a small TOML file.

No Textual here: the CLI and the conductor read the same settings. Loading never fails: a missing
file gives the defaults, and every unknown key or unusable value is skipped with a one-line notice
that the front end shows kindly. Saving changes only the keys that changed and keeps the rest as
written (a file that can't be read is kept beside it first); it writes a temporary file and
renames it over the old one, so a crash half way never leaves a broken settings file.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.bounded import Unreadable, read_toml
from ..core.care import CRISIS_LINE_LONGEST
from .keeping import at_most, tables_to_update, write_toml

if TYPE_CHECKING:
    from ..core.script.model import Script
    from ..core.session.timeline import Timeline

CHIMES: tuple[str, ...] = ("bell", "bowl", "wood", "none")
BREATH_SOUNDS: tuple[str, ...] = ("tones", "words", "counts", "none")  # as core.presets
START_DELAYS: tuple[int, ...] = (0, 5, 10, 30)
SOUNDSCAPE_NAME = re.compile(r"^[^\\/\x00-\x1f\x7f]{1,80}\Z")  # a bed's name: no folders
THEME_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")  # "dark", "light", or a Textual theme
END_NOTICES: tuple[str, ...] = ("sits", "always", "never")
HOOK_LONGEST = 1000  # characters in an on_start or on_end command
VOICE_RATES = (80, 250)  # words a minute; outside this speech is hard to follow
FORMAT = 1
MAX_SETTINGS_BYTES = 1 << 16


@dataclass(frozen=True)
class Settings:
    """Everything the person can choose. Defaults suit a first, quiet session."""

    start_delay: int = 0
    reduced_motion: bool = False
    theme: str = "dark"  # the calm "dark" or "light", or any Textual theme by name ("nord")
    voice: bool = True
    voice_id: str = ""
    voice_rate: int = 140
    sound: bool = True
    chime_volume: int = 70
    voice_volume: int = 80
    start_chime: str = "bell"
    end_chime: str = "bell"
    three_chimes: bool = False
    breath_sounds: str = "tones"  # tones, words, counts or none
    breath_volume: int = 50
    soundscape: str = "script"  # "script" (the script's own, if any), "none", or a bed's name
    soundscape_volume: int = 50
    waiting_cues: bool = True  # a soft sound while a prompt waits; said again after a quiet minute
    checkins: bool = True  # before and after guided sessions
    timer_checkins: bool = True  # before and after timers
    short_checkins: bool = False  # also around sessions planned under 3 minutes
    keep_text: bool = True
    streaks: bool = False
    speak_read_backs: bool = False  # what was written, read back aloud (shown either way)
    crisis_line: str = ""  # the person's own support line, named after the crisis sentence
    quiet_notifications: bool = True  # desktop notifications held while a session plays
    keep_awake: bool = True  # the machine and screen kept from sleeping while a session plays
    end_notice: str = "sits"  # a notification at the end: "sits" (timers), "always", "never"
    on_start: str = ""  # a command run (without a shell) as a session starts
    on_end: str = ""  # and as it ends


def _check(name: str, value: Any) -> str | None:
    """Why ``value`` cannot be used for setting ``name``, or None when it can."""
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "should be true or false"
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            return "should be a whole number"
        if name == "start_delay" and value not in START_DELAYS:
            return "should be one of " + ", ".join(str(d) for d in START_DELAYS) + " seconds"
        if name.endswith("_volume") and not 0 <= value <= 100:
            return "should be from 0 to 100"
        low, high = VOICE_RATES
        if name == "voice_rate" and not low <= value <= high:
            return f"should be from {low} to {high} words a minute"
        return None
    if not isinstance(value, str):
        return "should be text"
    if name == "theme" and not THEME_NAME.match(value):
        return 'should be "dark", "light" or the name of a theme, such as "nord"'
    if name.endswith("_chime") and value not in CHIMES:
        return "should be one of " + ", ".join(f'"{c}"' for c in CHIMES)
    if name == "breath_sounds" and value not in BREATH_SOUNDS:
        return "should be one of " + ", ".join(f'"{b}"' for b in BREATH_SOUNDS)
    if name == "soundscape" and (not SOUNDSCAPE_NAME.match(value) or value.startswith(".")):
        return 'should be "script", "none" or a soundscape\'s name, such as "rain"'
    if name == "crisis_line" and len(value) > CRISIS_LINE_LONGEST:
        return f"should be at most {CRISIS_LINE_LONGEST} characters"
    if name == "crisis_line" and not value.isprintable():
        return "should be one line of text"
    if name == "end_notice" and value not in END_NOTICES:
        return "should be one of " + ", ".join(f'"{e}"' for e in END_NOTICES)
    if name in ("on_start", "on_end"):
        return _hook_problem(value)
    return None


def _hook_problem(command: str) -> str | None:
    import shlex

    if len(command) > HOOK_LONGEST:
        return f"should be at most {HOOK_LONGEST} characters"
    if not command.isprintable():
        return "should be one line"
    try:
        shlex.split(command)
    except ValueError:
        return "should close every quote it opens"
    return None


def problem_with(name: str, value: Any) -> str | None:
    """Why ``value`` can't be setting ``name``, in words ("should be from 80 to 250 words a
    minute"), or None when it can be."""
    return _check(name, value)


def settings_from(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from parsed TOML, keeping what is usable and a notice for the rest."""
    known = {f.name for f in fields(Settings)}
    chosen: dict[str, Any] = {}
    notices: list[str] = []
    for key, value in data.items():
        if key == "format":
            continue
        if key not in known:
            notices.append(f"Settings: {key!r} is not a setting; it was ignored.")
            continue
        problem = _check(key, value)
        if problem:
            notices.append(f"Settings: {key} {problem}; the default is used.")
            continue
        chosen[key] = value
    if "checkins" in chosen and "timer_checkins" not in data:
        # Written before timers had their own choice: "checkins = false" meant none at all.
        chosen["timer_checkins"] = chosen["checkins"]
    return replace(Settings(), **chosen), at_most(notices, "Settings")


def may_check_in(settings: Settings, script: Script) -> bool:
    """Whether the person wants the app's check-ins around a session of ``script``'s kind (a
    timer, or a guided session), before its length is known."""
    from ..core.library.timer import TIMER_NAME

    return settings.timer_checkins if script.name == TIMER_NAME else settings.checkins


def wants_check_ins(settings: Settings, timeline: Timeline, *, short: bool | None = None) -> bool:
    """Whether the person wants the app's before and after check-ins around ``timeline``: their
    choice for its kind (``may_check_in``), and never around a session planned under 3 minutes
    unless they chose that too (``checkins.SHORT_SIT``; ``short=True`` asks around a short one
    whatever was chosen, as the hard-moment practice does). An open-ended sit is not short.
    What the script asks itself, or says it doesn't want, is ``app_check_ins``'s."""
    return check_ins_around(
        settings, timeline.script, timeline.length, open_ended=timeline.open_ended, short=short
    )


def check_ins_around(
    settings: Settings,
    script: Script,
    length: float,
    *,
    open_ended: bool,
    short: bool | None = None,
) -> bool:
    """``wants_check_ins`` for a session of ``script`` planned ``length`` seconds long, before
    it is laid out (what the voice makes ahead: at reading pace)."""
    from ..core.session.checkins import SHORT_SIT

    if not may_check_in(settings, script):
        return False
    short_too = settings.short_checkins if short is None else short
    return short_too or open_ended or length >= SHORT_SIT


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """Read settings from ``path``; a missing file gives the defaults without a notice."""
    try:
        # The one bounded reader: a FIFO or /dev/zero is refused at once, a key of thousands
        # of dotted parts or values nested thousands deep before tomllib sees them.
        data = read_toml(path, MAX_SETTINGS_BYTES)
    except Unreadable as problem:
        if problem.missing:
            return Settings(), []
        return Settings(), [f"Settings could not be read ({problem}); using defaults."]
    return settings_from(data)


def save_settings(settings: Settings, path: Path) -> str | None:
    """Write ``settings`` to ``path`` atomically, changing only the keys whose value changed:
    whatever else the file holds (a key this version doesn't know, a value it ignored) stays as
    the person wrote it. A file that can't be read is kept beside it first (``home.keeping``).
    Returns a notice (a failure, or where a file was kept), never raises."""
    tables, kept = tables_to_update(path, MAX_SETTINGS_BYTES, "Settings")
    if tables is None:
        return kept
    chosen = asdict(settings)
    if tables:
        before, _notices = settings_from(tables)
        changed = {k: v for k, v in chosen.items() if getattr(before, k) != v}
        chosen = {**tables, **changed}
    problem = write_toml(path, {"format": FORMAT, **chosen}, "Settings")
    return problem or kept
