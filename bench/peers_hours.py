"""Memory over a two-hour session, for the peer benchmark: the TUI plays the generated two-hour
script of ``bench_render`` (lines, breaths, long quiet with bells) at ``--speed 60`` in a tmux
pane, and its resident memory is read every wall second, that is every practised minute, from
start to end. A preview writes nothing to the log (every session writes one row and its
practised time, a few seconds apart: the same SQLite pages over and over), and sound is off:
the speed is what makes two hours fit in two minutes; what grows with the session's length
(the engine's events, the pacer's and clock's kept rows, the timeline) grows the same way.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from bench.bench_render import two_hours

SPEED = 60.0  # a practised minute each wall second
END = "You practised"  # the end screen


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def sampled(pane_type: type, env: dict[str, str], folder: Path) -> list[float]:
    """RSS in MiB, one sample a practised minute, over the whole two-hour session
    (``pane_type`` is ``bench_peers.Pane``, passed in to keep the imports one way)."""
    script = two_hours(folder)
    pane = pane_type(env)
    command = [sys.executable, "-m", "session_player", "play", str(script), "--no-sound"]
    pane.start([*command, "--speed", str(SPEED)])
    samples: list[float] = []
    try:
        deadline = time.monotonic() + 7200 / SPEED + 120
        while not pane.text().strip() and time.monotonic() < deadline:
            time.sleep(0.1)
        pid = pane.pid()
        following = time.monotonic()
        while time.monotonic() < deadline and END not in pane.text():
            samples.append(_rss_kib(pid) / 1024)
            following += 1.0
            time.sleep(max(0.0, following - time.monotonic()))
        if END not in pane.text():
            raise RuntimeError("the two-hour session had not ended in time")
    finally:
        pane.kill()
    return samples


def report(samples: list[float]) -> str:
    """The minutes' RSS: the first, the fifth, the highest, the last, and the growth from the
    fifth minute to the end (start-up done, the session under way)."""
    one, five = samples[0], samples[min(4, len(samples) - 1)]
    later = samples[len(samples) // 2 :]
    fmt = "{:.1f}".format
    load = os.getloadavg()
    return (
        f"RSS over a two-hour session at --speed {SPEED:.0f}, MiB, {len(samples)} samples (one a "
        f"practised minute): minute 1 {fmt(one)}, minute 5 {fmt(five)}, highest "
        f"{fmt(max(samples))}, last {fmt(samples[-1])}; minute 5 to the end "
        f"{samples[-1] - five:+.1f} MiB, median of the second hour {fmt(statistics.median(later))}"
        f"; load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
