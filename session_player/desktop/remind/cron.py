"""A crontab line, where there is no systemd: kept between marker comments in the person's
crontab, and read back."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from .reminder import DAYS, Reminder

MARK = "# session-player remind"


def line(reminder: Reminder, command: list[str], environment: dict[str, str]) -> str:
    """``30 7 * * 1-5 DBUS_SESSION_BUS_ADDRESS=... /usr/bin/session-player remind --notify``,
    marked so it can be found again. Cron starts jobs without the desktop's bus: its address
    is given."""
    weekdays = "*" if reminder.days == DAYS else ",".join(
        str((DAYS.index(d) + 1) % 7) for d in reminder.days
    )  # fmt: skip
    env = " ".join(shlex.quote(f"{k}={v}") for k, v in sorted(environment.items()))
    words = " ".join(shlex.quote(w) for w in command)
    # cron turns an unescaped % into a new line; the shell then reads the rest after the mark
    # as a comment.
    env, words = env.replace("%", "\\%"), words.replace("%", "\\%")
    return (
        f"{reminder.minute} {reminder.hour} * * {weekdays} {env + ' ' if env else ''}{words} "
        f"{MARK} {reminder.time}"
    )


def without(crontab: str, time: str | None = None) -> str:
    """``crontab`` less our lines (only the one at ``time``, when given)."""
    kept = [
        row for row in crontab.splitlines()
        if not (MARK in row and (time is None or row.rstrip().endswith(f"{MARK} {time}")))
    ]  # fmt: skip
    return "".join(f"{row}\n" for row in kept)


@dataclass(frozen=True)
class CronLine:
    """A crontab line read back into its fields."""

    minute: str
    hour: str
    day_of_month: str
    month: str
    day_of_week: str
    command: list[str]

    def fires(self, weekday: int, hour: int, minute: int) -> bool:
        """Whether it runs at ``hour``:``minute`` on ``weekday`` (0 Monday, as ``date``)."""
        cron_day = (weekday + 1) % 7
        days = {int(d) for d in self.day_of_week.split(",")} if self.day_of_week != "*" else None
        return (
            int(self.minute) == minute and int(self.hour) == hour
            and (days is None or cron_day in days)
        )  # fmt: skip


def parse(row: str) -> CronLine:
    """A line as cron reads it (five time fields and the command); ``ValueError`` if not."""
    fields = row.split(None, 5)
    if len(fields) != 6:
        raise ValueError(f"not a crontab line: {row!r}")
    # As cron hands it to the shell: an unescaped % ends the command, \% is a plain %.
    text = re.split(r"(?<!\\)%", fields[5], maxsplit=1)[0].replace("\\%", "%")
    command = shlex.split(text, comments=True)
    minute, hour, day, month, weekday = fields[:5]
    return CronLine(minute, hour, day, month, weekday, command)
