"""The notification at the end of a session ("Sat 20 minutes"), where the desktop has a
notification service, and a terminal bell where nothing else would be noticed."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Callable

from ..home import system
from .bus import Bus, BusError
from .quiet import APP_NAME, IFACE, NOTIFICATIONS

SHOWN_FOR_MS = 10_000
NOTIFY_LONGEST = 5.0


def minutes_words(seconds: float) -> str:
    """``20 minutes``, ``1 minute``, ``40 seconds`` (under a minute)."""
    if seconds < 60:
        whole = max(0, round(seconds))
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = round(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def end_words(title: str, practised: float, reason: str, sit: bool) -> tuple[str, str]:
    """The notification's summary and body: ``Sat 20 minutes`` for a sit, the title and the
    time for a guided session."""
    time = minutes_words(practised)
    if sit:
        summary = f"Sat {time}"
        body = "" if reason == "completed" else "Stopped before the end."
    else:
        summary = f"{title}: {time}"
        body = "Finished." if reason == "completed" else "Stopped before the end."
    return summary, body


def by_bus(bus: Bus, summary: str, body: str) -> bool:
    """Through the freedesktop notification service; False when there is none."""
    if not bus.has_address():
        return False
    try:
        from dbus_fast import Variant
    except ImportError:
        return False

    try:
        bus.call(
            *NOTIFICATIONS, IFACE, "Notify", "susssasa{sv}i",
            [APP_NAME, 0, "", summary, body, [], {"urgency": Variant("y", 0)}, SHOWN_FOR_MS],
        )  # fmt: skip
    except (BusError, ValueError):
        return False
    return True


def by_osascript(summary: str, body: str) -> bool:
    """macOS: ``osascript``'s ``display notification``."""
    quoted = [s.replace("\\", "\\\\").replace('"', '\\"') for s in (body or summary, summary)]
    script = f'display notification "{quoted[0]}" with title "{quoted[1]}"'
    try:
        done = subprocess.run(
            ["osascript", "-e", script], stdin=subprocess.DEVNULL, capture_output=True,
            timeout=NOTIFY_LONGEST, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


# Windows: a toast through the WinRT API PowerShell can reach with nothing installed. The texts
# reach the script in the environment, never in its source, so no title can be read as code; the
# app ID is Windows PowerShell's own (a toast needs a registered one, and we install none).
TOAST = r"""
$ErrorActionPreference = 'Stop'
$null = [Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]
$kind = [Windows.UI.Notifications.ToastTemplateType]::ToastText02
$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent($kind)
$texts = $xml.GetElementsByTagName('text')
$null = $texts.Item(0).AppendChild($xml.CreateTextNode($env:SESSION_PLAYER_SUMMARY))
$null = $texts.Item(1).AppendChild($xml.CreateTextNode($env:SESSION_PLAYER_BODY))
$app = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe'
$toast = [Windows.UI.Notifications.ToastNotification]::new($xml)
[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($app).Show($toast)
"""  # noqa: E501


def by_toast(summary: str, body: str) -> bool:
    """Windows: a toast notification, shown through PowerShell (no window of its own)."""
    import os

    env = {**os.environ, "SESSION_PLAYER_SUMMARY": summary, "SESSION_PLAYER_BODY": body}
    try:
        done = subprocess.run(
            ["powershell", "-NoProfile", "-NonInteractive", "-Command", TOAST],
            stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=NOTIFY_LONGEST,
            check=False, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def terminal_bell(tty: str = "/dev/tty") -> bool:
    """Ring the terminal's bell (a flash of the pane, where the terminal is set so)."""
    try:
        with open(tty, "w", encoding="utf-8") as terminal:
            terminal.write("\a")
    except OSError:
        return False
    return True


def notify_end(
    bus: Bus, summary: str, body: str, *, sound: bool, bell: Callable[[], bool] = terminal_bell
) -> str:
    """Tell the person the session ended; returns how ("bus", "osascript", "toast", "bell" or
    "none").
    The bell rings only when no notification was shown and no sound was heard."""
    platform = system.current()
    if platform == "macos" and by_osascript(summary, body):
        return "osascript"
    if platform == "windows" and by_toast(summary, body):
        return "toast"
    if platform in ("linux", "other") and by_bus(bus, summary, body):
        return "bus"
    if not sound:
        with contextlib.suppress(Exception):
            if bell():
                return "bell"
    return "none"
