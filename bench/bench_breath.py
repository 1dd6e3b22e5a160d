"""Breath sounds: how late each phase's tone reaches ALSA, over 5 minutes of box breathing.

The session plays in real time through plain mode and the real conductor, in a child process
whose ALSA default device is a ``file`` plugin read at the stream's real rate (the paced capture
of tests/audio/alsa_capture.py, as a sound card would take it). Each tone's lateness is the
moment its first samples reached ALSA less the phase's planned moment on the session's clock.
Goal: at most 30 ms.

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

from bench.breath_child import body, box  # noqa: E402

GOAL_MS = 30.0


def main(minutes: float = 5.0) -> None:
    """Measure and print the phase-sound latency."""
    cycles = max(1, round(minutes * 60 / 16))
    with tempfile.TemporaryDirectory() as tmp:
        capture = run_child(Path(tmp), body(box(cycles)), paced=True, timeout=minutes * 60 + 120)
    plan = json.loads(capture.stdout.splitlines()[-1])
    start = capture.events["start"]
    late = [
        (stream.start - (start + planned)) * 1000
        for stream, planned in zip(capture.streams, plan["planned"], strict=True)
    ]
    late.sort()
    p95 = late[int(0.95 * (len(late) - 1))]
    print(f"box breathing, {cycles} breaths ({cycles * 16 / 60:.1f} min), {len(late)} phases")
    print(
        f"phase tone at ALSA, ms after its planned moment: median {statistics.median(late):.1f}, "
        f"p95 {p95:.1f}, max {max(late):.1f}, min {min(late):.1f} (goal: at most {GOAL_MS:g})"
    )
    print("ok" if max(late) <= GOAL_MS else "OVER THE GOAL")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0)
