"""CPU of a two-hour guided script over a whole part of it, for the peer benchmark: the script
of ``bench_render`` repeats one ten-minute part twelve times (a line, a minute of breaths, a
line, eight and a half minutes of quiet with bells), so its first ``PART_SECONDS`` at real time
stand for the whole two hours. The ``two-hour guided`` row of ``bench_peers`` measures its first
20 s: the breaths, its busiest minute.

Each tree given and countdown-cli play side by side, each in a pane of its own, and every
process's CPU (every thread, from the scheduler) is read at the same moments, a minute apart:
a busy moment of the machine falls on all of them alike, and they take almost nothing from
each other (each sleeps more than 99% of the time). Given several trees of session-player (each
first on ``PYTHONPATH``), the same compares them.
"""

from __future__ import annotations

import os
import time

from bench.bench_tui import _cpu_and_rss

PART_SECONDS = float(os.environ.get("BENCH_PEERS_PART_SECONDS", "600"))
STEP = 60.0  # seconds between readings


def load() -> str:
    """The load average now (1, 5 and 15 minutes)."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def side_by_side(
    pane_type: type, runs: dict[str, tuple[list[str], dict[str, str]]], seconds: float
) -> dict:
    """CPU seconds a minute of each run, minute by minute and over the whole window (which
    starts 3 s after every session shows its clock); the load beside each reading.
    ``pane_type`` is ``bench_peers.Pane``, passed in to keep the imports one way."""
    panes = {name: pane_type(env) for name, (_, env) in runs.items()}
    for name, (command, _) in runs.items():
        panes[name].start(command)
    try:
        deadline = time.monotonic() + 180
        for name, pane in panes.items():
            while "countdown" not in name and "practised" not in pane.text():
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} showed no clock in 180 s")
                time.sleep(0.2)
        time.sleep(3)
        pids = {name: pane.pid() for name, pane in panes.items()}
        first = {name: _cpu_and_rss(pid)[0] for name, pid in pids.items()}
        last, start = dict(first), time.monotonic()
        read = start
        minutes: list[tuple[dict[str, float], str]] = []
        while time.monotonic() - start < seconds - 1:
            time.sleep(min(STEP, seconds - (time.monotonic() - start)))
            now = {name: _cpu_and_rss(pid)[0] for name, pid in pids.items()}
            span, read = time.monotonic() - read, time.monotonic()
            minutes.append(({n: (now[n] - last[n]) * 60 / span for n in now}, load()))
            last = now
        took = time.monotonic() - start
    finally:
        for pane in panes.values():
            pane.kill()
    whole = {name: (last[name] - first[name]) * 60 / took for name in pids}
    return {"minutes": minutes, "whole": whole, "seconds": took}


def report(measured: dict, base: str = "countdown-cli") -> str:
    """Minute by minute, then the whole window, each against ``base``."""
    lines = []
    for index, (minute, at) in enumerate(measured["minutes"], 1):
        row = "  ".join(f"{name} {cpu:.3f}" for name, cpu in minute.items())
        lines.append(f"  minute {index:2}: {row}   {at}")
    whole = measured["whole"]
    lines.append(f"  the whole {measured['seconds']:.0f} s, CPU seconds a minute:")
    for name, cpu in whole.items():
        lines.append(f"    {name:<22} {cpu:.3f}   vs {base} {cpu / max(whole[base], 1e-9):.2f}x")
    return "\n".join(lines)
