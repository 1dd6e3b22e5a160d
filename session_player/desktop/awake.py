"""The machine and its screen kept awake while a session plays, released after.

Every way here ends with the process, however it dies: ``systemd-inhibit`` holds logind's lock
for as long as its ``cat`` reads our pipe (closed by the kernel when we go), the ScreenSaver
inhibition is bound to our bus connection, ``caffeinate -w`` watches our process id, and
Windows drops a thread's execution state when the thread ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

from ..home import system
from .bus import Bus, BusError
from .commands import run
from .quiet import APP_NAME

WHY = "A practice session is playing"
SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver")
SCREENSAVER_IFACE = "org.freedesktop.ScreenSaver"
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


def _windows_kernel() -> Any:
    import ctypes

    return ctypes.windll.kernel32  # type: ignore[attr-defined]


class Awake:
    """Holds the machine awake between ``hold`` and ``release``; each is safe to call twice."""

    def __init__(
        self, bus: Bus, *, kernel: Callable[[], Any] = _windows_kernel, pid: int | None = None
    ) -> None:
        self.bus = bus
        self.kernel = kernel
        self.pid = os.getpid() if pid is None else pid
        self.child: subprocess.Popen[bytes] | None = None
        self.cookie: int | None = None
        self.windows = False
        self.held_by: list[str] = []  # how it is held now, for the tests and the notices

    def hold(self) -> str | None:
        """Keep awake; returns a notice when nothing here can."""
        if self.held_by:
            return None
        platform = system.current()
        if platform == "macos":
            self._spawn(["caffeinate", "-dims", "-w", str(self.pid)], "caffeinate")
        elif platform == "windows":
            self._windows()
        else:
            if run("systemd-inhibit", "--list", "--no-pager") is not None:
                self._spawn(
                    ["systemd-inhibit", "--what=idle:sleep", f"--who={APP_NAME}", f"--why={WHY}",
                     "--mode=block", "cat"],
                    "logind",
                )  # fmt: skip
            self._screensaver()
        graphical = any(os.environ.get(n) for n in ("DISPLAY", "WAYLAND_DISPLAY"))
        if self.held_by or (platform in ("linux", "other") and not graphical):
            return None  # held; or no screen here to sleep (a console, ssh)
        return (
            "The screen may sleep during a session: no way to keep it awake was found "
            "(systemd-inhibit with logind, or a ScreenSaver service on the session bus)."
        )

    def _spawn(self, argv: list[str], name: str) -> None:
        if shutil.which(argv[0]) is None:
            return
        try:
            self.child = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        except OSError:
            return
        self.held_by.append(name)

    def _screensaver(self) -> None:
        try:
            (cookie,) = self.bus.call(
                *SCREENSAVER, SCREENSAVER_IFACE, "Inhibit", "ss", [APP_NAME, WHY]
            )
        except (BusError, ValueError):
            return
        self.cookie = int(cookie)
        self.held_by.append("screensaver")

    def _windows(self) -> None:
        try:
            kernel = self.kernel()
            done = kernel.SetThreadExecutionState(
                ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
            )
        except Exception:
            return
        if done:
            self.windows = True
            self.held_by.append("windows")

    def release(self) -> None:
        """Let the machine sleep again."""
        child, self.child = self.child, None
        if child is not None:
            with contextlib.suppress(OSError):
                if child.stdin is not None:
                    child.stdin.close()  # cat ends, and systemd-inhibit with it
                child.terminate()  # caffeinate reads nothing: it is told
            try:
                child.wait(timeout=3)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        cookie, self.cookie = self.cookie, None
        if cookie is not None:
            with contextlib.suppress(BusError):
                self.bus.call(*SCREENSAVER, SCREENSAVER_IFACE, "UnInhibit", "u", [cookie])
        if self.windows:
            self.windows = False
            with contextlib.suppress(Exception):
                self.kernel().SetThreadExecutionState(ES_CONTINUOUS)
        self.held_by.clear()
