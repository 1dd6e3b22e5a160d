"""Loading and checking scripts, against bare ``tomllib.loads`` of the same files; and the
start-up of ``session-player check`` against ``python -c "import tomllib"``."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

import tomli_w

from session_player.core.bundled import bundled_scripts_dir, bundled_sounds
from session_player.core.script.loader import load_bytes

STEP_KINDS = [
    {"say": "You might let the breath settle, just as it is.", "pause": "4s"},
    {"breathe": "soothing", "for": "2m"},
    {"phrases": ["May I be safe.", "May I be kind to myself."], "repeat": 3, "pause": "6s"},
    {"touch": "hand-on-heart", "say": "Feel the warmth of your hand.", "for": "20s"},
    {"silence": "3m", "bell_every": "1m"},
    {"chime": "bowl"},
]


def generated(count: int) -> list[bytes]:
    """``count`` valid scripts of 10 to 60 steps."""
    out = []
    for n in range(count):
        steps = [dict(STEP_KINDS[(n + i) % len(STEP_KINDS)]) for i in range(10 + n % 51)]
        steps[0]["section"] = "Settling"
        doc = {"title": f"Generated {n}", "practice": "custom", "step": steps}
        out.append(tomli_w.dumps(doc).encode())
    return out


def best_of(runs: int, func: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    files = [p.read_bytes() for p in sorted(bundled_scripts_dir().glob("*.toml"))]
    files += generated(200)
    sounds = bundled_sounds()
    folder = bundled_scripts_dir()

    def bare() -> None:
        for data in files:
            tomllib.loads(data.decode())

    def ours() -> None:
        for data in files:
            result = load_bytes(data, folder=folder, sounds=sounds)
            assert not isinstance(result, list), result

    base = best_of(5, bare)
    full = best_of(5, ours)
    print(f"load+check {len(files)} scripts (bundled + 200 generated)")
    print(f"  tomllib.loads only     {base * 1000:8.1f} ms")
    print(f"  load + check (ours)    {full * 1000:8.1f} ms   ratio {full / base:.2f}x")

    def startup(cmd: list[str]) -> float:
        samples = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    with tempfile.TemporaryDirectory() as home:
        one = str(sorted(bundled_scripts_dir().glob("*.toml"))[0])
        base_start = startup([sys.executable, "-c", "import tomllib"])
        check_start = startup([sys.executable, "-m", "session_player", "check", "-q", one])
    del home
    print("start-up, median of 7")
    print(f"  python -c 'import tomllib'      {base_start * 1000:7.1f} ms")
    print(
        f"  session-player check FILE       {check_start * 1000:7.1f} ms"
        f"   ratio {check_start / base_start:.2f}x"
    )


if __name__ == "__main__":
    main()
