"""``session-player status`` cold, as a status bar runs it (often once a second), against a
bare ``python -c pass``: the target is under 50 ms, most of it Python's own start. Measured
during a session (a status file written as the running session writes it) and between."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from session_player.desktop.status import NAME
from session_player.desktop.status_text import status_text

RUNS = 21
TARGET_MS = 50.0


def _median_ms(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The median wall time, and the median CPU time (user and system) of the child: the second
    hardly moves when the machine is busy with other work."""
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        # As a person runs it: no SESSION_PLAYER_HOME, the state folder found the XDG way.
        # An installed package has its bytecode compiled (pip and pipx do it): a process that
        # may not write it (PYTHONDONTWRITEBYTECODE) compiles every module at each start, which
        # no person's status bar pays. One run first writes it.
        env = {**os.environ, "HOME": home, "XDG_STATE_HOME": str(Path(home) / "state")}
        env.pop("SESSION_PLAYER_HOME", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        script = Path(sys.executable).with_name("session-player")  # what a status bar runs
        status = [str(script)] if script.exists() else [sys.executable, "-m", "session_player"]
        status.append("status")
        subprocess.run([*status, "--format", "waybar"], check=True, capture_output=True, env=env)
        loads = [_load()]
        bare = _median_ms([sys.executable, "-c", "pass"], env)
        between = _median_ms(status, env)
        loads.append(_load())
        state = Path(home) / "state" / "session-player"
        state.mkdir(parents=True)
        session = {
            "pid": os.getpid(), "title": "Silent timer", "practice": "sitting",
            "planned": 1200, "open_ended": False, "practised": 60, "paused": False,
            "written": time.time(),
        }  # fmt: skip
        (state / NAME).write_text(status_text({"session": session}))
        during = _median_ms([*status, "--format", "waybar"], env)
        module = _median_ms([sys.executable, "-m", "session_player", "status"], env)
        loads.append(_load())
    shown = " ".join(Path(part).name for part in status)
    print(
        f"`{shown}`, cold, median of {RUNS} (target under {TARGET_MS:.0f} ms); {', '.join(loads)}"
    )
    print("                                      wall     cpu")
    for name, (wall, cpu) in (
        ("python -c pass", bare),
        ("status, between sessions", between),
        ("status --format waybar, during", during),
        ("python -m session_player status", module),
    ):
        print(f"  {name:<34} {wall:7.1f} {cpu:7.1f} ms   {wall / bare[0]:.2f}x")
    beyond = max(between[1], during[1]) - bare[1]
    print(f"  ours beyond Python's start (cpu)   {beyond:7.1f} ms")
