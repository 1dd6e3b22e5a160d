"""A launchd agent on macOS: ``~/Library/LaunchAgents/org.session-player.remind.HHMM.plist``,
loaded with ``launchctl``."""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any

from .reminder import DAYS, Reminder


def label(reminder: Reminder) -> str:
    """The agent's label: ``org.session-player.remind.0730``."""
    return f"org.session-player.remind.{reminder.hour:02d}{reminder.minute:02d}"


def plist(reminder: Reminder, command: list[str], environment: dict[str, str]) -> bytes:
    """The agent as XML: launchd's weekdays count from Sunday (0)."""
    when: list[dict[str, int]]
    if reminder.days == DAYS:
        when = [{"Hour": reminder.hour, "Minute": reminder.minute}]
    else:
        when = [
            {"Weekday": (DAYS.index(d) + 1) % 7, "Hour": reminder.hour, "Minute": reminder.minute}
            for d in reminder.days
        ]
    agent: dict[str, Any] = {
        "Label": label(reminder),
        "ProgramArguments": command,
        "StartCalendarInterval": when,
        "ProcessType": "Background",
    }
    if environment:
        agent["EnvironmentVariables"] = environment
    return plistlib.dumps(agent, fmt=plistlib.FMT_XML)


def agent_path(reminder: Reminder) -> Path:
    """Where the agent's file goes."""
    return Path.home() / "Library" / "LaunchAgents" / f"{label(reminder)}.plist"
