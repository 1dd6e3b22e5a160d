"""``session-player remind``: a gentle reminder to practise, kept by the operating system's own
scheduler (a systemd user timer, cron, launchd or Task Scheduler); nothing of ours runs in the
background. The scheduler runs ``remind --notify``, which shows one notification and opens
nothing."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..desktop.remind import reminder as rem
from ..desktop.remind.reminder import TITLE, Reminder, ReminderError


def register(subparsers: Any) -> None:
    """Add ``remind`` to the main parser."""
    remind = subparsers.add_parser(
        "remind",
        help="a gentle daily reminder to practise, from your system's scheduler",
        description="Add a reminder (`remind 07:30 --days mon-fri`), list them (`--list`) or "
        "remove one or all (`--off [TIME]`). It shows a notification and opens nothing.",
    )
    remind.add_argument("time", nargs="?", metavar="HH:MM", help="the time of day, 24-hour")
    remind.add_argument("--days", default="daily", help="mon-fri, sat,sun, ... (default: daily)")
    remind.add_argument("--session", default="", help="a session to suggest (its name)")
    what = remind.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="show the reminders")
    what.add_argument("--off", action="store_true", help="remove the one at TIME, or all")
    what.add_argument("--notify", action="store_true", help=argparse.SUPPRESS)
    remind.set_defaults(func=run_remind)


def _fail(message: str) -> int:
    print(f"session-player remind: error: {message}", file=sys.stderr)
    return 1


def run_remind(args: argparse.Namespace) -> int:
    """Add, list, remove, or (from the scheduler) show a reminder."""
    if args.notify:
        return _notify(args.session)
    from ..desktop.remind.manage import kept as kept_reminders

    kept = kept_reminders()
    if args.list:
        for reminder in kept:
            print(reminder.describe())
        if not kept:
            print("No reminders. Add one with `session-player remind 07:30`.")
        return 0
    if args.off:
        return _off(args.time)
    if args.time is None:
        return _fail("say when: `session-player remind 07:30 [--days mon-fri]`")
    try:
        reminder = rem.make(args.time, args.days, args.session)
    except ReminderError as problem:
        return _fail(str(problem))
    if reminder.session and not _known(reminder.session):
        return _fail(f"no session named {reminder.session!r}; `session-player list` shows them")
    return _add(reminder)


def _known(name: str) -> bool:
    from ..core.library.scripts import find
    from ..home.paths import library_folders

    return find(name, library_folders()) is not None


def _add(reminder: Reminder) -> int:
    from ..desktop.remind.manage import add_one
    from ..desktop.remind.scheduler import SchedulerError

    try:
        kind = add_one(reminder)
    except (SchedulerError, OSError) as problem:
        return _fail(str(problem))
    print(f"Reminder set: {reminder.describe()}, through {kind}.")
    return 0


def _off(time: str | None) -> int:
    from ..desktop.remind.manage import remove_some
    from ..desktop.remind.scheduler import SchedulerError

    if time is not None:
        try:
            hour, minute = rem.parse_time(time)
        except ReminderError as problem:
            return _fail(str(problem))
        time = f"{hour:02d}:{minute:02d}"
    try:
        going = remove_some(time)
    except (SchedulerError, OSError) as problem:
        return _fail(str(problem))
    if not going:
        print("No reminder at that time." if time else "No reminders to remove.")
    else:
        print("Removed: " + "; ".join(r.describe() for r in going) + ".")
    return 0


def _notify(session: str) -> int:
    """One notification, unless a session is playing now; it opens nothing."""
    import time

    from ..desktop.bus import Bus
    from ..desktop.notify import by_bus, by_osascript, by_toast
    from ..desktop.status import read_status, status_path
    from ..home import system

    if read_status(status_path(), time.time()).state != "idle":
        return 0  # already practising
    body = Reminder(0, 0, session=session).body()
    if system.current() == "macos":
        by_osascript(TITLE, body)
        return 0
    if system.current() == "windows":
        by_toast(TITLE, body)
        return 0
    bus = Bus()
    try:
        if not by_bus(bus, TITLE, body):
            print(f"{TITLE} {body}")
    finally:
        bus.close()
    return 0
