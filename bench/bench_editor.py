"""The script editor on a 2,000-line script.

- The check the editor runs (read, check, lay out as heard): median of 7. The editor runs it in
  a worker process of its own (``tui/checking.py``), so it no longer takes this interpreter's
  lock while keys arrive; the process is another program on a busy machine's cores, though.
- Each keystroke typed into a spoken line (40 characters, then 40 backspaces), from the key to
  the frame that shows it: headless, three ways: with the check a moment after typing pauses (as
  the editor does), with the check started after every keystroke (a check always running: the
  worst the editor can meet), with no check at all, and with no check and no highlighting (the
  framework's own cost). Wall time, and the CPU time of the UI thread alone (what a keystroke
  costs whatever else the machine is doing). Goal: 50 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from session_player.core.script.loader import load_text

STEPS = 500  # four lines each: 2,000 lines with the head

KEYS = """
import asyncio, json, sys, time
from pathlib import Path
from textual import events
from textual.widgets import TextArea
from session_player.tui.app import make_app
from session_player.tui.screens.editor import EditorScreen

mode = sys.argv[1]
if mode != "paused":
    EditorScreen.CHECK_DELAY = 0
if mode in ("unchecked", "plain"):
    EditorScreen.check_now = lambda self: None
if mode == "plain":
    import session_player.tui.widgets.script_area as area
    area.toml_language = lambda: None
app = make_app()
app.edit_path = Path(sys.argv[2])
times, cpu = [], []

async def typing(pilot):
    for _ in range(200):
        await pilot.pause()
        if isinstance(app.screen, EditorScreen) and app.screen.checked is not None:
            break
    screen = app.screen
    area = screen.query_one("#source", TextArea)
    area.cursor_location = (1000, 20)
    for key in [*"and let the breath be soft and unhurried"] + ["backspace"] * 40:
        before = area.document.text
        start, thread = time.perf_counter(), time.thread_time()
        app.post_message(events.Key(key, key if len(key) == 1 else None))
        while area.document.text == before:
            await asyncio.sleep(0)
        done = asyncio.Event()
        screen.call_after_refresh(done.set)
        await done.wait()
        times.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - thread)
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=typing)
print(json.dumps([times, cpu]))
"""


def long_script() -> str:
    """A script of 2,000 lines: ``STEPS`` steps of four lines each, kinds in turn."""
    head = 'title = "Long"\npractice = "custom"\n'
    bodies = (
        'say = "Notice how you are sitting, and let the shoulders soften."\npause = "2s"',
        'breathe = "4-0-6-0"\ncycles = 2',
        'silence = "20s"\nbell_every = "10s"',
        'say = "Let the next breath be a kind one."\nsection = "Part"',
    )
    steps = [f"[[step]]\n{bodies[n % len(bodies)]}\n" for n in range(STEPS)]
    return head + "\n".join(steps)


def _summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    ninetieth = ms[int(len(ms) * 0.9) - 1]
    return f"median {statistics.median(ms):5.1f}  90th {ninetieth:5.1f}  worst {ms[-1]:5.1f} ms"


def main() -> None:
    """Print the check's time and a keystroke's, in each of the four ways, with the load."""
    text = long_script()
    print(f"load average {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    print(f"a script of {text.count(chr(10)) + 1:,} lines, {STEPS} steps")
    from session_player.conductor.heard import as_heard
    from session_player.home.settings import Settings

    runs = []
    for _ in range(7):
        start = time.perf_counter()
        script = load_text(text)
        assert not isinstance(script, list), script[:3]
        as_heard(script, Settings(sound=False))
        runs.append(time.perf_counter() - start)
    print(f"  the check (read, check, lay out): median {statistics.median(runs) * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "config").mkdir()
        (home / "config" / "settings.toml").write_text("checkins = false\nsound = false\n")
        scripts = home / "data" / "scripts"
        scripts.mkdir(parents=True)
        path = scripts / "long.toml"
        path.write_text(text, "utf-8")
        env = {**os.environ, "SESSION_PLAYER_HOME": str(home)}
        print("  a keystroke, key to frame (headless, 120x40):")
        for mode in ("paused", "every key", "unchecked", "plain"):
            out = subprocess.run(
                [sys.executable, "-c", KEYS, mode, str(path)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            times, cpu = json.loads(out.strip().splitlines()[-1])
            print(f"    {mode:<10} wall: {_summary(times)}")
            print(f"    {'':<10} CPU:  {_summary(cpu)} (the UI thread's own)")


if __name__ == "__main__":
    main()
