"""Saving a session as audio: the bundled 20-minute loving-kindness session rendered by the
command a person runs (`session-player render`), in a fresh process each time.

1. Uncached: the speech cache empty, so every line is voiced (the natural voice) first.
2. Cached: the same again, every line in the cache. Goal: at most 10 s (about real time x 120;
   the issue hoped for x 200), to WAV and to MP3; and to MP3 through libsndfile's LAME (what a
   platform without lameenc gets), for the ratio in the same run.

3. A two-hour session (generated: twelve parts of a line, six breaths, a line and 8.5 minutes of
   quiet with a bell every two minutes), cached, to WAV: its peak memory against the
   20-minute one's (the mix is made a chunk at a time, so it should not grow with the length).

Reports the wall time, real time over it, the process's CPU time (user and system), each
render process's peak memory, and the load average beside each figure (the machine is shared).

    python bench/bench_render.py      (or: python -m bench render)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "loving-kindness-20min"
RUNS = 3


LINES = (
    "Welcome. Let yourself arrive, just as you are.",
    "Notice the breath, coming and going on its own.",
    "If your mind wanders, that is fine. Gently come back.",
    "May you be kind to yourself in this moment.",
    "Rest here for a while.",
)


def two_hours(folder: Path) -> Path:
    """The two-hour script, written into ``folder``."""
    text = ['title = "Two hours"', 'practice = "custom"', ""]
    for part in range(12):
        text += [
            f'[[step]]\nsection = "Part {part + 1}"\nsay = "{LINES[part % 5]}"\n',
            "[[step]]\nbreathe = { in = 4, out = 6 }\ncycles = 6\n",
            f'[[step]]\nsay = "{LINES[(part + 1) % 5]}"\n',
            "[[step]]\nsilence = 510\nbell_every = 120\n",
        ]
    text.append('[[step]]\nsay = "Gently, come back."\n')
    path = folder / "two-hours.toml"
    path.write_text("\n".join(text))
    return path


# A render with lameenc hidden, as on a platform without its wheel.
WITHOUT_LAMEENC = (
    "import importlib.util as u; f = u.find_spec; "
    "u.find_spec = lambda name, *a: None if name == 'lameenc' else f(name, *a); "
    "from session_player.cli.main import entry; entry()"
)


def render(
    home: Path, target: Path, script: str = SCRIPT, *, lameenc: bool = True
) -> tuple[float, str, float, float]:
    """One render in a fresh process: its wall time, what it said, its peak memory (MB), its
    CPU time (user and system)."""
    env = dict(os.environ, SESSION_PLAYER_HOME=str(home))
    started = time.perf_counter()
    program = ["-m", "session_player"] if lameenc else ["-c", WITHOUT_LAMEENC]
    command = [sys.executable, *program, "render", script, "-o", str(target)]
    child = subprocess.Popen(
        [*command, "--force"], env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    said = child.stdout.read() if child.stdout else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"render failed: {said}")
    child.returncode = 0
    return seconds, said.strip(), usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        seconds, said, _peak, cpu = render(home, Path(tmp) / "first.wav")
        print(f"- uncached, to WAV: {seconds:.1f} s, CPU {cpu:.1f} s ({said}) [{load()}]")
        kinds = ((".wav", True, "WAV"), (".mp3", True, "MP3"), (".mp3", False, "MP3, libsndfile"))
        for extension, lameenc, name in kinds:
            before = load()
            runs = sorted(
                render(home, Path(tmp) / f"again{extension}", lameenc=lameenc) for _ in range(RUNS)
            )
            times, cpus = [run[0] for run in runs], sorted(run[3] for run in runs)
            length = 20 * 60
            print(
                f"- cached, to {name}: median {times[RUNS // 2]:.2f} s "
                f"(best {times[0]:.2f} s), real time x {length / times[RUNS // 2]:.0f}, "
                f"CPU median {cpus[RUNS // 2]:.2f} s, "
                f"peak memory {max(run[2] for run in runs):.0f} MB [{before}; {load()}]",
                flush=True,
            )
        long = str(two_hours(Path(tmp)))
        render(home, Path(tmp) / "long.wav", long)  # its lines voiced
        seconds, said, peak, cpu = render(home, Path(tmp) / "long.wav", long)
        print(
            f"- two hours, cached, to WAV: {seconds:.1f} s, CPU {cpu:.1f} s, "
            f"peak memory {peak:.0f} MB ({said}) [{load()}]"
        )


if __name__ == "__main__":
    main()
