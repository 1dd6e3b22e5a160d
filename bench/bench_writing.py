"""Typing into a writing box: the cost of a keystroke as the letter grows (issue 27).

Seen: 1,000 characters typed took 1.6 s and 4,000 took 6.8 s, and past 8,000 the session was
left paused. Goal: under 50 ms a keystroke with 20,000 characters written, and the session
playing on however many keys arrive at once.

The real app (``make_app`` with the real clock and a quiet conductor) plays a script whose one
step is a writing box. The box is filled to each size in one paste (one change, as a pasted
letter arrives), in three shapes: a letter of short paragraphs, one long paragraph typed at its
end, and the same typed at its start (the writing box rewraps the paragraph being typed in, so
its length is what a keystroke could cost).
Then ``KEYS`` keys are posted to the app at once, as a terminal hands over keys typed or pasted
quickly, and timed until the box holds them all: wall and CPU milliseconds a keystroke, with
every draft kept and the screen redrawn; and ``TYPED`` keys one at a time, each timed from the
key to the frame that shows it, wall and the UI thread's CPU (what the machine's load does not
change). Last, ``FLOOD`` keys at once, and the session's state
once they are in (a loop kept busy longer than a sleeping laptop's gap once paused it).
"""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

SIZES = (0, 5_000, 10_000, 20_000)
KEYS = int(os.environ.get("BENCH_WRITING_KEYS", "100"))
TYPED = int(os.environ.get("BENCH_WRITING_TYPED", "40"))
FLOOD = int(os.environ.get("BENCH_WRITING_FLOOD", "8000"))
GOAL_MS = 50.0
SCRIPT = """\
title = "A letter"
practice = "custom"

[[step]]
write = "Write as much as you like."
for = "60m"
into = "letter"
"""
_SAID = (
    "I am here with this, and it is hard. Kindness may come slowly; that is all right. "
    "Dear me: what would a friend say now? Perhaps nothing, only sitting near."
)
# Words in no repeating order: a paragraph whose rows are all alike (one sentence again and
# again) has every row end the same way, so a letter added at its start moves every break below.
_CHOSEN = random.Random(27)
PROSE = " ".join(_CHOSEN.choice(_SAID.split(" ")) for _ in range(5_000)) + " "
SHAPES = {
    "paragraphs": "Dear me, this is hard and I am here with it.\n",  # 45 characters a line
    "one paragraph": "Dear me, this is hard and I am here with it. ",
    "at its start": PROSE,  # typed before the rest
}


async def _type(app: Any, pilot: Any, box: Any, count: int) -> tuple[float, float]:
    """Post ``count`` keys at once; wall and CPU milliseconds a key until all are in."""
    from textual import events

    target = len(box.text) + count
    started, cpu = time.perf_counter(), time.process_time()
    for n in range(count):
        event = events.Key("a", "a") if n % 6 else events.Key("space", " ")
        event.set_sender(app)
        app.post_message(event)
    while len(box.text) < target:
        await pilot.pause()
    return (
        (time.perf_counter() - started) * 1000 / count,
        (time.process_time() - cpu) * 1000 / count,
    )


async def _one_by_one(app: Any, box: Any, count: int) -> tuple[float, float]:
    """Type ``count`` keys one at a time, each waited for until its frame is drawn (as a person
    types): median wall and UI-thread CPU milliseconds from the key to its frame."""
    from statistics import median

    from textual import events

    walls, cpus = [], []
    for n in range(count):
        before = len(box.text)
        started, cpu = time.perf_counter(), time.thread_time()
        event = events.Key("a", "a") if n % 6 else events.Key("space", " ")
        event.set_sender(app)
        app.post_message(event)
        while len(box.text) == before:
            await asyncio.sleep(0)
        drawn = asyncio.Event()
        box.screen.call_after_refresh(drawn.set)
        await drawn.wait()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.thread_time() - cpu) * 1000)
    return median(walls), median(cpus)


async def _measure(folder: Path, shape: str, flood: bool) -> dict[str, Any]:
    from textual.widgets import TextArea

    from session_player.home.settings import Settings
    from session_player.tui.app import make_app
    from session_player.tui.screens.player import PlayerScreen

    script = folder / "letter.toml"
    script.write_text(SCRIPT, encoding="utf-8")
    app = make_app(
        settings=Settings(checkins=False, voice=False, sound=False),
        script_path=script,
        folders=[(folder, "yours")],
    )
    found: dict[str, Any] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            await pilot.pause()
            screen = app.screen
            if isinstance(screen, PlayerScreen) and isinstance(screen.focused, TextArea):
                break
        else:
            raise RuntimeError(f"the writing box never had the focus: {app.screen_stack}")
        box = screen.focused
        assert isinstance(box, TextArea)
        text = SHAPES[shape] * (SIZES[-1] // len(SHAPES[shape]) + 1)
        for size in SIZES:
            if size > len(box.text):
                box.insert(text[len(box.text) : size], box.document.end)  # one paste
                await pilot.pause()
            if shape == "at its start":
                box.move_cursor((0, 0))  # what is typed goes before all the rest
                await pilot.pause()
            found[f"{size:,}"] = await _type(app, pilot, box, KEYS)
            found[f"{size:,} typed"] = await _one_by_one(app, box, TYPED)
        if flood:
            started = time.perf_counter()
            await _type(app, pilot, box, FLOOD)
            found["flood"] = time.perf_counter() - started
            for _ in range(3):
                screen.poll()  # as its timer does, once the keys are in
                await pilot.pause()
            found["state"] = screen.state
        app.exit()
    return found


def main() -> None:
    """Print the cost of a keystroke at each size of letter, in each shape."""
    print(f"load average {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    results = {}
    with tempfile.TemporaryDirectory() as home:
        os.environ["SESSION_PLAYER_HOME"] = home
        for n, shape in enumerate(SHAPES):
            results[shape] = asyncio.run(_measure(Path(home), shape, flood=n == 0))
    print(f"ms a keystroke, {KEYS} keys posted at once at each size (wall / CPU)")
    print(f"{'characters':>10}" + "".join(f"  {shape:>18}" for shape in SHAPES))
    for size in SIZES:
        row = "".join(
            f"  {results[s][f'{size:,}'][0]:8.1f} /{results[s][f'{size:,}'][1]:7.1f}"
            for s in SHAPES
        )
        print(f"{size:>10,}{row}")
    print(f"ms from a key to its frame, {TYPED} keys typed one at a time (median wall / CPU)")
    for size in SIZES:
        row = "".join(
            f"  {results[s][f'{size:,} typed'][0]:8.1f} /{results[s][f'{size:,} typed'][1]:7.1f}"
            for s in SHAPES
        )
        print(f"{size:>10,}{row}")
    for shape in SHAPES:
        worst = max(results[shape][f"{SIZES[-1]:,}"][0], results[shape][f"{SIZES[-1]:,} typed"][0])
        verdict = "met" if worst < GOAL_MS else "NOT met"
        print(f"goal: under {GOAL_MS:.0f} ms a keystroke at {SIZES[-1]:,} ({shape}): {verdict}")
    first = results[next(iter(SHAPES))]
    print(f"{FLOOD:,} keys at once: {first['flood']:.1f} s; the session is then {first['state']!r}")


if __name__ == "__main__":
    main()
