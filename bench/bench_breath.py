"""Breath sounds: how far from its boundary each phase's tone is heard, over 5 minutes of box
breathing.

The session plays in real time through plain mode and the real conductor, in a child process
whose ALSA default device is a ``file`` plugin read at the stream's real rate (the paced capture
of tests/audio/alsa_capture.py, as a sound card would take it). Each tone's lateness: the moment
its first audible sample is heard, less the phase's planned moment on the session's clock (plus
the same sample's place in the tone). The moment it is heard is placed by the stream's own data:
when the device had opened (``play_buffer`` returned), plus the sample's position in the stream.
The same, placed from the capture's pacer thread's first read instead, is shown beside it (that
thread's wake is the harness's noise, not the player's). Goal: at most 30 ms either way.

    python bench/bench_breath.py [minutes]      (or: python -m bench breath)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests" / "audio"):
    if str(folder) not in sys.path:  # run as a script from a checkout
        sys.path.insert(0, str(folder))

from alsa_capture import run_child  # noqa: E402

from bench.breath_child import body, box, lateness  # noqa: E402

GOAL_MS = 30.0


def summary(late: list[float]) -> str:
    """Median, p95, the worst either way, and the earliest, in ms."""
    late = sorted(late)
    p95 = late[int(0.95 * (len(late) - 1))]
    worst = max(abs(x) for x in late)
    return (
        f"median {statistics.median(late):.1f}, p95 {p95:.1f}, max {max(late):.1f}, "
        f"min {min(late):.1f}, worst either way {worst:.1f}"
    )


def main(minutes: float = 5.0) -> None:
    """Measure and print the phase-sound latency."""
    cycles = max(1, round(minutes * 60 / 16))
    with tempfile.TemporaryDirectory() as tmp:
        capture = run_child(Path(tmp), body(box(cycles)), paced=True, timeout=minutes * 60 + 120)
    plan = json.loads(capture.stdout.splitlines()[-1])
    start = capture.events["start"]
    phases = list(zip(capture.streams, plan["planned"], plan["phases"], strict=True))
    heard = [lateness(s, start + at, phase) * 1000 for s, at, phase in phases]
    paced = [lateness(s, start + at, phase, paced=True) * 1000 for s, at, phase in phases]
    ahead = [(start + at - s.opened) * 1000 for s, at, _phase in phases[1:]]
    print(f"box breathing, {cycles} breaths ({cycles * 16 / 60:.1f} min), {len(heard)} phases")
    print(f"tone heard, ms after its boundary (the stream's data): {summary(heard)}")
    print(f"the same, placed by the pacer thread's first read:      {summary(paced)}")
    print(f"stream opened ahead of its boundary, ms: min {min(ahead):.0f}, max {max(ahead):.0f}")
    print("ok" if max(abs(x) for x in heard) <= GOAL_MS else "OVER THE GOAL")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0)
