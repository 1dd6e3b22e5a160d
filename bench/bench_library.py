"""Many scripts: 5,000 of the person's own beside the bundled ones.

- ``session-player list``, cold (no cards kept) and warm, against the same with the bundled
  scripts only; wall and CPU time of the whole process. Goals: 5,000 in 10 s cold, 0.5 s warm.
- The library's first frame (headless, from the process's start until the screen's first
  refresh; wall and CPU time, median of 7, the two taking turns) with 5,000 against the
  bundled ones alone. Goal: 1.5x. Beside it, until the app is idle, every row added; before
  them, once, the first frame with no cards kept (every script checked first).
- Each keystroke of a filter (typing "breath", then deleting it, three times over), from the key
  to the frame that shows the filtered list. Goal: 50 ms.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_scripts import generated
from bench.bench_tui import READY

COUNT = int(os.environ.get("BENCH_LIBRARY_SCRIPTS", "5000"))
RUNS = int(os.environ.get("BENCH_LIBRARY_RUNS", "7"))

# Until the library's first frame is drawn: the first refresh after the screen has mounted (a
# callback asked for as it mounts comes before the parts of a long list it adds afterwards).
FIRST = """
from session_player.tui.app import make_app
from session_player.tui.screens.library import LibraryScreen

mounted = LibraryScreen.on_mount

def on_mount(self):
    self.call_after_refresh(self.app.exit)
    mounted(self)

LibraryScreen.on_mount = on_mount
make_app().run(headless=True, size=(100, 30))
"""

# The same moment, told by the process itself (wall clock and its CPU) before it leaves at
# once: after an upgrade the cards are checked in the background, which exiting would wait for.
FIRST_TOLD = """
import json, os, time
from session_player.tui.app import make_app
from session_player.tui.screens.library import LibraryScreen

mounted = LibraryScreen.on_mount

def told():
    print(json.dumps([time.time(), time.process_time()]), flush=True)
    os._exit(0)

def on_mount(self):
    self.call_after_refresh(told)
    mounted(self)

LibraryScreen.on_mount = on_mount
make_app().run(headless=True, size=(100, 30))
"""

KEYS = """
import asyncio, json, time
from textual import events
from session_player.tui.app import make_app

app = make_app()
times = []

async def typing(pilot):
    await pilot.pause()
    screen = app.screen
    for _ in range(3):
        for key in [*"breath", *["backspace"] * 6]:
            filled = screen._filling
            start = time.perf_counter()
            app.post_message(events.Key(key, key if len(key) == 1 else None))
            while screen._filling == filled:
                await asyncio.sleep(0)
            done = asyncio.Event()
            screen.call_after_refresh(done.set)
            await done.wait()
            times.append(time.perf_counter() - start)
        await pilot.pause()
    app.exit()

app.run(headless=True, size=(100, 30), auto_pilot=typing)
print(json.dumps(times))
"""


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user and system) of running ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        raise RuntimeError(f"{command} failed ({status})")
    return wall, usage.ru_utime + usage.ru_stime


def _listing(env: dict[str, str], cache: Path) -> dict[str, tuple[float, float]]:
    command = [sys.executable, "-m", "session_player", "list"]
    shutil.rmtree(cache, ignore_errors=True)
    cold = _timed(command, env)
    warm = [_timed(command, env) for _ in range(5)]
    return {"cold": cold, "warm": min(warm, key=lambda run: run[0])}


def _keys(env: dict[str, str]) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", KEYS], env=env, check=True, capture_output=True, text=True
    ).stdout
    import json

    times: list[float] = json.loads(out.strip().splitlines()[-1])
    return times


def _told(env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds from the start until the library's first frame, as it tells them."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", FIRST_TOLD], env=env, check=True, capture_output=True, text=True
    ).stdout
    import json

    at, cpu = json.loads(out.strip().splitlines()[-1])
    return at - start, cpu


def _after_upgrade(env: dict[str, str], cache: Path) -> None:
    """The first frame with the cards an earlier version kept, against the same warm, in turn
    (issue 26: within 1.5x)."""
    import json

    subprocess.run([sys.executable, "-m", "session_player", "list"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    kept = cache / "library.json"
    current = json.loads(kept.read_text())
    earlier = {**current, "checker": "0.0.1/1"}  # as an earlier version left it
    runs: dict[str, list[tuple[float, float]]] = {"warm": [], "after an upgrade": []}
    for _ in range(RUNS):
        kept.write_text(json.dumps(current))
        runs["warm"].append(_told(env))
        kept.write_text(json.dumps(earlier))
        runs["after an upgrade"].append(_told(env))
    kept.write_text(json.dumps(current))
    load = os.getloadavg()[0]
    print(f"library, headless, first frame, {COUNT:,} scripts: wall (CPU), median of {RUNS};"
          f" load {load:.1f}")  # fmt: skip
    base = [statistics.median(r[i] for r in runs["warm"]) for i in (0, 1)]
    for name, samples in runs.items():
        wall, cpu = (statistics.median(r[i] for r in samples) for i in (0, 1))
        print(f"  {name:<18} {wall * 1000:6.0f} ms ({cpu * 1000:4.0f})   "
              f"{wall / base[0]:.2f}x ({cpu / base[1]:.2f}x)")  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        homes = {"bundled": Path(tmp) / "bundled", "many": Path(tmp) / "many"}
        envs = {}
        for kind, home in homes.items():
            (home / "config").mkdir(parents=True)
            (home / "config" / "settings.toml").write_text("checkins = false\nsound = false\n")
            envs[kind] = {
                **os.environ,
                "SESSION_PLAYER_HOME": str(home),
                "PYTHONPYCACHEPREFIX": str(Path(tmp) / "bytecode"),
            }
        scripts = homes["many"] / "data" / "scripts"
        scripts.mkdir(parents=True)
        for number, data in enumerate(generated(COUNT)):
            (scripts / f"generated-{number:05d}.toml").write_bytes(data)

        print(f"session-player list: wall (CPU) seconds; {COUNT:,} scripts against bundled only")
        listed = {kind: _listing(env, homes[kind] / "cache") for kind, env in envs.items()}
        for when in ("cold", "warm"):
            base, many = listed["bundled"][when], listed["many"][when]
            print(
                f"  {when:<5} bundled {base[0]:6.2f} s ({base[1]:5.2f})   "
                f"{COUNT:,} {many[0]:6.2f} s ({many[1]:5.2f})"
            )

        print("library, headless, first frame drawn, cold (no cards kept): wall (CPU)")
        for kind, env in envs.items():
            shutil.rmtree(homes[kind] / "cache", ignore_errors=True)
            wall, cpu = _timed([sys.executable, "-c", FIRST], env)
            print(f"  {kind:<8} {wall:6.2f} s ({cpu:5.2f})")

        _after_upgrade(envs["many"], homes["many"] / "cache")

        idle = READY.format(module="session_player.tui.app", factory="make_app")
        for what, code in (("first frame drawn", FIRST), ("until idle (every row)", idle)):
            runs: dict[str, list[tuple[float, float]]] = {kind: [] for kind in envs}
            for _ in range(RUNS):  # in turn, so a busy moment of the machine falls on both
                for kind, env in envs.items():
                    runs[kind].append(_timed([sys.executable, "-c", code], env))
            wall = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
            cpu = {k: statistics.median(r[1] for r in v) for k, v in runs.items()}
            print(f"library, headless, {what}: wall (CPU), median of {RUNS}")
            base_wall, base_cpu = wall["bundled"] * 1000, cpu["bundled"] * 1000
            print(f"  bundled only        {base_wall:6.0f} ms ({base_cpu:4.0f})")
            print(
                f"  with {COUNT:,} more  {wall['many'] * 1000:6.0f} ms ({cpu['many'] * 1000:4.0f})"
                f"   ratio {wall['many'] / wall['bundled']:.2f}x"
                f" ({cpu['many'] / cpu['bundled']:.2f}x)"
            )

        print("filter keystroke to frame (36 keys)")
        for kind, env in envs.items():
            times = _keys(env)
            print(
                f"  {kind:<8} median {statistics.median(times) * 1000:6.1f} ms   "
                f"90th {sorted(times)[int(len(times) * 0.9)] * 1000:6.1f} ms   "
                f"worst {max(times) * 1000:6.1f} ms"
            )


if __name__ == "__main__":
    main()
