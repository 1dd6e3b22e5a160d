"""A reminder: a time of day, the days it comes on, and the session it suggests; the list of
them is kept in ``reminders.json`` beside the settings (the scheduler holds the rest)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ...core.bounded import Unreadable, read_json

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = DAYS
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)\Z")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")
LONGEST = 1 << 16
TITLE = "A few minutes for yourself?"


class ReminderError(ValueError):
    """A reminder that can't be made; the message says why, in words for the command line."""


@dataclass(frozen=True)
class Reminder:
    """At ``hour``:``minute`` on ``days`` (Monday first), suggesting ``session`` if any."""

    hour: int
    minute: int
    days: tuple[str, ...] = EVERY_DAY
    session: str = ""

    @property
    def time(self) -> str:
        """``07:30``."""
        return f"{self.hour:02d}:{self.minute:02d}"

    @property
    def name(self) -> str:
        """The scheduler's name for it: ``session-player-remind-0730``."""
        return f"session-player-remind-{self.hour:02d}{self.minute:02d}"

    def describe(self) -> str:
        """``07:30 mon-fri (suggests: body-scan)``."""
        days = days_words(self.days)
        suggests = f" (suggests {self.session})" if self.session else ""
        return f"{self.time} {days}{suggests}"

    def body(self) -> str:
        """The notification's line: what to run, should the person want to."""
        command = f"session-player play {self.session}" if self.session else "session-player"
        return f"When you are ready: {command}"


def days_words(days: tuple[str, ...]) -> str:
    """``every day``, ``mon-fri``, ``sat,sun``."""
    if days == EVERY_DAY:
        return "every day"
    indexes = [DAYS.index(d) for d in days]
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{days[0]}-{days[-1]}"
    return ",".join(days)


def parse_time(text: str) -> tuple[int, int]:
    """``07:30`` as (7, 30)."""
    found = TIME.match(text.strip())
    if found is None:
        raise ReminderError(f"{text!r} is not a time of day; write it as 07:30 (24-hour clock)")
    return int(found.group(1)), int(found.group(2))


FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day(word: str) -> int | None:
    """``mon`` or ``monday`` as 0; None for anything else."""
    for names in (DAYS, FULL):
        if word in names:
            return names.index(word)
    return None


def parse_days(text: str) -> tuple[str, ...]:
    """``mon-fri``, ``sat,sun``, ``mon,wed-fri`` or ``daily``: the days, Monday first."""
    words = text.strip().lower()
    if words in ("daily", "every-day", "all", ""):
        return EVERY_DAY
    chosen: set[int] = set()
    for part in words.split(","):
        first, dash, last = part.strip().partition("-")
        start, end = _day(first), _day(last) if dash else _day(first)
        if start is None or end is None:
            raise ReminderError(
                f"{part.strip()!r} is not a day; use mon, tue, wed, thu, fri, sat, sun, a range "
                "such as mon-fri, or several with commas (sat,sun)"
            )
        span = range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)]
        chosen.update(span)
    return tuple(DAYS[i] for i in sorted(chosen))


def make(time: str, days: str = "daily", session: str = "") -> Reminder:
    """A reminder from the command line's words; ``ReminderError`` says what is wrong."""
    hour, minute = parse_time(time)
    if session and not NAME.match(session):
        raise ReminderError(f"{session!r} is not a session's name (`session-player list`)")
    return Reminder(hour, minute, parse_days(days), session)


def load(path: Path) -> list[Reminder]:
    """The reminders kept at ``path`` (none when it is missing or unreadable)."""
    try:  # the bounded reader: a FIFO or values nested thousands deep never hang or crash
        document = read_json(path, LONGEST)
    except Unreadable:
        return []
    found: list[Reminder] = []
    for item in document.get("reminders", []) if isinstance(document, dict) else []:
        try:
            found.append(
                make(str(item["time"]), ",".join(item["days"]), str(item.get("session", "")))
            )
        except (KeyError, TypeError, ReminderError):
            continue
    return found


def save(path: Path, reminders: list[Reminder]) -> None:
    """Keep ``reminders`` at ``path`` (``OSError`` when it can't be written)."""
    from ...core.files import write_text

    document = {
        "format": 1,
        "reminders": [
            {"time": r.time, "days": list(r.days), "session": r.session} for r in reminders
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(document, indent=2) + "\n")
