"""Putting reminders into the operating system's scheduler, and taking them out: the one
place that runs ``systemctl``, ``crontab``, ``launchctl`` and ``schtasks``."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ...home import system
from . import cron, launchd, schtasks, systemd
from .reminder import Reminder

SCHEDULER_LONGEST = 15.0


class SchedulerError(Exception):
    """The scheduler refused; the message says which tool and what it said."""


def command(reminder: Reminder) -> list[str]:
    """What the scheduler runs: ``session-player remind --notify [--session NAME]``."""
    found = shutil.which("session-player")
    base = [found] if found else [sys.executable, "-m", "session_player"]
    extra = ["--session", reminder.session] if reminder.session else []
    return [*base, "remind", "--notify", *extra]


def environment() -> dict[str, str]:
    """What the reminder needs of this environment: the person's own home for the app, and
    the desktop's bus and display (cron and launchd start jobs without them)."""
    names = ("SESSION_PLAYER_HOME", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")
    return {n: os.environ[n] for n in names if os.environ.get(n)}


def _run(*argv: str, stdin: str | None = None) -> str:
    if shutil.which(argv[0]) is None:
        raise SchedulerError(f"{argv[0]} is not installed")
    try:
        done = subprocess.run(
            argv, input=stdin, capture_output=True, text=True, timeout=SCHEDULER_LONGEST,
            check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as problem:
        raise SchedulerError(f"{argv[0]} could not be run ({problem})") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise SchedulerError(f"{' '.join(argv[:3])} failed: {said[-1] if said else 'no reason'}")
    return done.stdout


def which() -> str:
    """The scheduler here: ``systemd``, ``cron``, ``launchd``, ``schtasks`` or ``none``."""
    platform = system.current()
    if platform == "macos":
        return "launchd"
    if platform == "windows":
        return "schtasks"
    if shutil.which("systemctl"):
        try:
            _run("systemctl", "--user", "show-environment")
            return "systemd"
        except SchedulerError:
            pass
    return "cron" if shutil.which("crontab") else "none"


def _crontab() -> str:
    try:
        return _run("crontab", "-l")
    except SchedulerError:
        return ""  # no crontab yet


def add(reminder: Reminder, kind: str) -> None:
    """Schedule ``reminder`` with scheduler ``kind``."""
    argv, env = command(reminder), environment()
    if kind == "systemd":
        folder = systemd.unit_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in systemd.units(reminder, argv, env).items():
            (folder / name).write_text(text, encoding="utf-8")
        _run("systemctl", "--user", "daemon-reload")
        _run("systemctl", "--user", "enable", "--now", f"{reminder.name}.timer")
    elif kind == "cron":
        table = cron.without(_crontab(), reminder.time) + cron.line(reminder, argv, env) + "\n"
        _run("crontab", "-", stdin=table)
    elif kind == "launchd":
        path = launchd.agent_path(reminder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(launchd.plist(reminder, argv, env))
        _run("launchctl", "load", "-w", str(path))
    elif kind == "schtasks":
        with tempfile.TemporaryDirectory() as temporary:
            xml = Path(temporary) / "task.xml"
            xml.write_text(schtasks.task_xml(reminder, argv), encoding="utf-16")
            _run("schtasks", "/Create", "/F", "/TN", schtasks.task_name(reminder), "/XML", str(xml))
    else:
        raise SchedulerError("no scheduler was found here (systemd, cron, launchd or schtasks)")


def remove(reminder: Reminder, kind: str) -> None:
    """Take ``reminder`` out of scheduler ``kind`` (gone already is fine)."""
    if kind == "systemd":
        with contextlib.suppress(SchedulerError):
            _run("systemctl", "--user", "disable", "--now", f"{reminder.name}.timer")
        for suffix in (".timer", ".service"):
            (systemd.unit_dir() / f"{reminder.name}{suffix}").unlink(missing_ok=True)
        _run("systemctl", "--user", "daemon-reload")
    elif kind == "cron":
        _run("crontab", "-", stdin=cron.without(_crontab(), reminder.time))
    elif kind == "launchd":
        path = launchd.agent_path(reminder)
        if path.exists():
            _run("launchctl", "unload", "-w", str(path))
            path.unlink()
    elif kind == "schtasks":
        _run("schtasks", "/Delete", "/F", "/TN", schtasks.task_name(reminder))
