"""What differs between Linux, macOS and Windows, asked in one place.

Everything platform-specific (ALSA, POSIX signals, package managers) is looked up through these
functions, so each path can be tested on any machine by patching ``sys.platform`` or by removing
an attribute. Never imports Textual.
"""

from __future__ import annotations

import shutil
import signal
import sys
from typing import Literal

Platform = Literal["linux", "macos", "windows", "other"]


def current() -> Platform:
    """The platform this runs on, read from ``sys.platform`` each time (tests patch it)."""
    name = sys.platform
    if name.startswith("linux"):
        return "linux"
    if name == "darwin":
        return "macos"
    if name in ("win32", "cygwin"):
        return "windows"
    return "other"


def has_apt() -> bool:
    """True on Linux with apt (Debian, Ubuntu and their kin)."""
    return current() == "linux" and shutil.which("apt-get") is not None


def termination_signals() -> list[signal.Signals]:
    """The signals that mean "end politely": SIGTERM, and SIGHUP where it exists (not Windows)."""
    found = [getattr(signal, name, None) for name in ("SIGTERM", "SIGHUP")]
    return [sig for sig in found if isinstance(sig, signal.Signals)]
