"""``session-player status`` cold, as a status bar runs it (often once a second), against a
bare ``python -c pass``: the target is under 50 ms, most of it Python's own start. Measured
during a session (a status file written as the running session writes it) and between."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        # An installed package has its bytecode compiled (pip and pipx do it): a process that
        # may not write it (PYTHONDONTWRITEBYTECODE) compiles every module at each start, which
        # no person's status bar pays. One run first writes it.
        env = {**os.environ, "SESSION_PLAYER_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare = _median_ms([sys.executable, "-c", "pass"], env)
        status = [sys.executable, "-m", "session_player", "status"]
        subprocess.run([*status, "--format", "waybar"], check=True, capture_output=True, env=env)
        between = _median_ms(status, env)
        state = Path(home) / "state"
        state.mkdir()
        session = {
            "pid": os.getpid(), "title": "Silent timer", "practice": "sitting",
            "planned": 1200, "open_ended": False, "practised": 60, "paused": False,
            "written": time.time(),
        }  # fmt: skip
        (state / "status.json").write_text(json.dumps({"format": 1, "session": session}))
        during = _median_ms([*status, "--format", "waybar"], env)
    print(f"status, cold, median of {RUNS} (target under {TARGET_MS:.0f} ms)   wall    cpu")
    for name, (wall, cpu) in (
        ("python -c pass", bare),
        ("status, between sessions", between),
        ("status --format waybar, during", during),
    ):
        print(f"  {name:<32} {wall:7.1f} {cpu:7.1f} ms")
    beyond = max(between[1], during[1]) - bare[1]
    print(f"  ours beyond Python's start (cpu) {beyond:7.1f} ms")
