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


M_ARENA_MAX = -8  # glibc's <malloc.h>
MALLOC_ARENAS = 2
"""The most malloc arenas a process of ours keeps (glibc's own cap is eight a core)."""


def cap_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Have glibc's malloc share ``arenas`` arenas among all threads; False where it can't.

    glibc gives each thread that allocates an arena of its own, as many as eight a core, and
    the pages an arena has touched stay with the process: a session's threads (the log's,
    the desktop's, each sound's) held 0.3-0.5 MiB that way (issue 26). Threads already running
    keep their arena; later ones share. Loads ``ctypes``, so it is called where ctypes is loaded
    anyway (the sound output): other C libraries (musl) and other systems are left as they are.
    """
    if current() != "linux":
        return False
    try:
        import os

        if not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"):
            return False
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (ValueError, OSError, AttributeError):  # not glibc: no such name, no mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, arenas))
