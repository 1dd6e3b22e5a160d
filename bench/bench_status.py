"""``session-player status`` cold, as a status bar runs it (often once a second), against a
bare ``python -c pass``: the target is under 50 ms, most of it Python's own start. Measured
during a session (a status file written as the running session writes it) and between."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 21
TARGET_MS = 50.0


def _median_ms(cmd: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SESSION_PLAYER_HOME": home}
        bare = _median_ms([sys.executable, "-c", "pass"], env)
        status = [sys.executable, "-m", "session_player", "status"]
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
    print(f"status, cold, median of {RUNS} (target under {TARGET_MS:.0f} ms)")
    print(f"  python -c pass                 {bare:7.1f} ms")
    print(f"  status, between sessions      {between:7.1f} ms")
    print(f"  status --format waybar, during {during:7.1f} ms")
    print(f"  ours beyond Python's start     {max(between, during) - bare:7.1f} ms")
