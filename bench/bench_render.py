"""Saving a session as audio: the bundled 20-minute loving-kindness session rendered by the
command a person runs (`session-player render`), in a fresh process each time.

1. Uncached: the speech cache empty, so every line is voiced (the natural voice) first.
2. Cached: the same again, every line in the cache. Goal: at most 10 s (about real time x 120;
   the issue hoped for x 200), to WAV and to MP3.

Reports the wall time, real time over it, and the process's peak memory.

    python bench/bench_render.py      (or: python -m bench render)
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "loving-kindness-20min"
RUNS = 3


def render(home: Path, target: Path) -> tuple[float, str]:
    env = dict(os.environ, SESSION_PLAYER_HOME=str(home))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "session_player", "render", SCRIPT, "-o", str(target), "--force"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started, done.stdout.strip()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        seconds, said = render(home, Path(tmp) / "first.wav")
        print(f"- uncached, to WAV: {seconds:.1f} s ({said})")
        for extension in (".wav", ".mp3"):
            times = sorted(render(home, Path(tmp) / f"again{extension}")[0] for _ in range(RUNS))
            length = 20 * 60
            print(
                f"- cached, to {extension[1:].upper()}: median {times[RUNS // 2]:.2f} s "
                f"(best {times[0]:.2f} s), real time x {length / times[RUNS // 2]:.0f}"
            )
        print(f"- peak memory of a render process: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
