"""Whether a process still runs: the one question the status line and the held files ask of a
process id (loads nothing but ``os``: a cold ``status`` asks it)."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie, already dead, counts as gone)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: not ours to judge
    except OSError:
        return False
    try:  # Linux: a zombie has died and only waits to be reaped
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as file:
            stat = file.read()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]
