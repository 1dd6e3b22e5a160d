"""Many scripts: 5,000 of the person's own beside the bundled ones.

- ``session-player list``, cold (no cards kept) and warm, against the same with the bundled
  scripts only; wall and CPU time of the whole process. Goals: 5,000 in 10 s cold, 0.5 s warm.
- The library's first frame (headless, from the process's start until the screen's first
  refresh; median of 7, from compiled bytecode) with 5,000 against the bundled ones alone,
  measured in the same run. Goal: 1.5x. Beside it, until the app is idle, every row added.
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
from bench.bench_tui import READY, _startup

COUNT = int(os.environ.get("BENCH_LIBRARY_SCRIPTS", "5000"))

# Until the library's first frame is drawn: the screen mounted, then its next refresh.
FIRST = """
import asyncio
from session_player.tui.app import make_app
from session_player.tui.screens.library import LibraryScreen

app = make_app()

async def shown(pilot):
    while not (isinstance(app.screen, LibraryScreen) and app.screen.is_mounted):
        await asyncio.sleep(0)
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()
    app.exit()

app.run(headless=True, size=(100, 30), auto_pilot=shown)
"""

# Each key as the terminal's driver delivers it (a Key event to the app), timed until the frame
# drawn after the library has filled its list for the new filter (the screen counts fillings).
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

        idle = READY.format(module="session_player.tui.app", factory="make_app")
        for what, code in (("first frame drawn", FIRST), ("until idle (every row)", idle)):
            took = {kind: _startup(code, env) for kind, env in envs.items()}  # warm cards
            ratio = took["many"] / took["bundled"]
            print(f"library, headless, {what} (median of 7)")
            print(f"  bundled only        {took['bundled'] * 1000:7.0f} ms")
            print(f"  with {COUNT:,} more  {took['many'] * 1000:7.0f} ms   ratio {ratio:.2f}x")

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
