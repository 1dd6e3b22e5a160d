"""A systemd user timer and its service: ``~/.config/systemd/user``, enabled with
``systemctl --user``."""

from __future__ import annotations

import shlex
from pathlib import Path

from .reminder import DAYS, Reminder

SERVICE = """[Unit]
Description=session-player: a gentle reminder to practise

[Service]
Type=oneshot
{environment}ExecStart={command}
"""
TIMER = """[Unit]
Description=session-player: a reminder at {time} ({days})

[Timer]
OnCalendar={calendar}
Unit={name}.service

[Install]
WantedBy=timers.target
"""


def calendar(reminder: Reminder) -> str:
    """systemd's calendar event: ``Mon,Tue *-*-* 07:30:00`` (no days: every day)."""
    days = ",".join(d.capitalize() for d in reminder.days) if reminder.days != DAYS else ""
    return f"{days + ' ' if days else ''}*-*-* {reminder.time}:00"


def units(
    reminder: Reminder, command: list[str], environment: dict[str, str] | None = None
) -> dict[str, str]:
    """The timer's and the service's file names and text."""
    env = "".join(
        f"Environment={shlex.quote(f'{k}={v}')}\n" for k, v in sorted((environment or {}).items())
    )
    exec_line = " ".join(shlex.quote(word) for word in command)
    return {
        f"{reminder.name}.service": SERVICE.format(environment=env, command=exec_line),
        f"{reminder.name}.timer": TIMER.format(
            time=reminder.time,
            days=", ".join(reminder.days),
            calendar=calendar(reminder),
            name=reminder.name,
        ),
    }


def unit_dir() -> Path:
    """Where the person's own user units live."""
    import os

    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"
