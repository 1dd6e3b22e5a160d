"""The person's reminders, kept in ``reminders.json`` beside the settings and in the scheduler:
adding, listing and removing, for the ``remind`` command and Settings alike."""

from __future__ import annotations

from pathlib import Path

from . import reminder as rem
from .reminder import Reminder
from .scheduler import add, remove, which

HOW = "add one with `session-player remind 07:30 --days mon-fri`"


def reminders_path() -> Path:
    """Where the reminders are listed."""
    from ...home.where import config_dir

    return config_dir() / "reminders.json"


def kept() -> list[Reminder]:
    """The reminders set so far."""
    return rem.load(reminders_path())


def add_one(reminder: Reminder) -> str:
    """Schedule ``reminder`` (replacing one at the same time); returns the scheduler's name.
    Raises ``SchedulerError`` or ``OSError``."""
    kind = which()
    add(reminder, kind)
    rem.save(reminders_path(), [r for r in kept() if r.time != reminder.time] + [reminder])
    return kind


def remove_some(time: str | None = None) -> list[Reminder]:
    """Take out the reminder at ``time`` (``HH:MM``), or all; returns those removed. Raises
    ``SchedulerError`` or ``OSError``."""
    now = kept()
    going = [r for r in now if time is None or r.time == time]
    if going:
        kind = which()
        for reminder in going:
            remove(reminder, kind)
        rem.save(reminders_path(), [r for r in now if r not in going])
    return going


def summary() -> str:
    """The reminders in words, and how to add one (Settings' line)."""
    found = kept()
    if not found:
        return f"Reminders to practise: none ({HOW})"
    return "Reminders to practise: " + "; ".join(r.describe() for r in found) + f" ({HOW})"
