"""Running the desktop's own small tools (``dunstctl``, ``gsettings``, ...) without a shell,
each held to a short time limit, their failures returned rather than raised."""

from __future__ import annotations

import shutil
import subprocess

TOOL_LONGEST = 3.0  # seconds: a control tool that hasn't answered by then is taken as absent


def run(*argv: str, timeout: float = TOOL_LONGEST) -> str | None:
    """``argv``'s standard output, stripped, or None when the tool is missing, fails or hangs."""
    if shutil.which(argv[0]) is None:
        return None
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None
