"""The first word: from Enter on the library to the first sample of the session heard at ALSA.

Every bundled script is played in the real app (headless, a Pilot pressing the keys) in a
process of its own, its ALSA output captured (``tests/audio/alsa_capture.py``: every stream as
ALSA received it, with the moment it started). The person's settings are the defaults but for
the check-in (off, so the session itself is the first thing heard) and the start chime (none,
so the first sample heard is the first word); with the default bell, the bell rings at the
same moment and the first word follows its strike. The voice is the default one (hibari).

For each script: with an empty speech cache (its first play, or the first after a change of
voice or pace), and again with the cache filled by that play; the ratio is the two in the same
run. The longest script is also played with every line made before the session starts (the
way it was before, ``prepare(early=False)``), as the baseline. Goal: at most 2 s for the
longest script, cache empty.

The voice is loaded while the library is shown, as ``session-player`` does
(``audio/standby.py``); Enter is pressed as soon as the filter shows the session, or after
``BENCH_FIRST_WORD_READ`` seconds (a person reading its details first).

    python -m bench first_word       (BENCH_FIRST_WORD_SCRIPTS=a,b to play only some)

``BENCH_FIRST_WORD_QUICK=1``: every script once with Enter at once and once after 5 s on the
library, both with an empty cache (no cached runs, no baseline), the load beside each figure:
80 runs in fresh apps, half the full mode's 160 at both reads (26 minutes at load 7-23; not
yet timed on a quiet machine, where the 200 s of reading alone are a floor).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "audio"))

from alsa_capture import run_child  # noqa: E402

GOAL_S = 2.0
LOUD = 328  # -40 dBFS: a sample heard

PLAY = """
from session_player.home.settings import Settings

settings = Settings(checkins=False, start_chime="none")
if {early_worker!r}:  # the voice's worker started before Textual loads, as the library does
    import argparse
    from session_player.cli.play import _voice_early
    _voice_early(argparse.Namespace(), settings)

import asyncio
from session_player.conductor import dispatcher
from session_player.tui.app import make_app
from textual.widgets import Input

if not {early!r}:  # the baseline: every line made before the session starts
    prepare = dispatcher.Conductor.prepare
    dispatcher.Conductor.prepare = lambda self, t, p, **k: prepare(self, t, p, early=False)

def conductor(settings):  # as ``session-player`` makes it
    made = dispatcher.Conductor.create(settings)
    made.grounds = True
    return made

def ahead(settings, script_path, stale):  # as ``session-player`` makes the voice ahead
    from session_player.conductor.ahead import voice_ahead
    return voice_ahead(settings, script_path, stale)

app = make_app(settings=settings, conductor_factory=conductor, voice_ahead=ahead)

async def play():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one(Input).value = {title!r}
        await pilot.pause()
        await asyncio.sleep({read})  # the person reads the session's details
        mark("enter")
        await pilot.press("enter")
        for _ in range(600):  # until the first stream has been handed to ALSA (1 min at most)
            await asyncio.sleep(0.1)
            if alsa_capture._streams:
                break
        await asyncio.sleep(0.5)
        app.exit()

asyncio.run(play())
"""


READ_S = float(os.environ.get("BENCH_FIRST_WORD_READ", "0"))
"""Seconds on the library before Enter (default none: Enter the moment the filter shows it)."""


EARLY = os.environ.get("BENCH_FIRST_WORD_EARLY", "1") != "0"
"""The worker started before the first frame, as ``session-player`` does (``=0``: only once
the library's first frame is out, as before)."""


def first_heard(tmp: Path, title: str, *, early: bool = True, read: float = READ_S) -> float:
    """Seconds from Enter to the first sample above -40 dBFS that reached ALSA (NaN when the
    run failed or nothing was heard in a minute: said on standard error)."""
    try:
        capture = run_child(
            tmp, PLAY.format(title=title, early=early, read=read, early_worker=EARLY), timeout=150
        )
    except (AssertionError, subprocess.TimeoutExpired) as failed:
        print(f"  ({title}: {str(failed)[-300:]})", file=sys.stderr)
        return math.nan
    enter = capture.events["enter"]
    heard = [s.start + s.heard(LOUD) for s in capture.streams if s.peak() > LOUD]
    return min(heard) - enter if heard else math.nan


def scripts() -> list[tuple[str, str, int]]:
    """(name, title, spoken words) of each bundled script, fewest words first."""
    from session_player.core.script.loader import load_script
    from session_player.core.session.timeline import compile_timeline

    chosen = os.environ.get("BENCH_FIRST_WORD_SCRIPTS", "")
    found = []
    for path in sorted((ROOT / "scripts").glob("*.toml")):
        if chosen and path.stem not in chosen.split(","):
            continue
        script = load_script(path)
        assert not isinstance(script, list), script
        timeline = compile_timeline(script)
        words = sum(len(c.text.split()) for p in timeline.steps for c in p.cues if c.speak)
        found.append((path.stem, script.title, words))
    return sorted(found, key=lambda f: f[2])


def load_now() -> str:
    """The load average over the last minute, to print beside a figure."""
    return f"{os.getloadavg()[0]:.1f}"


def in_home(tmp: Path, models: Path) -> Path:
    """``tmp`` as the person's home for the next run: an empty speech cache, the voice's
    optimised model already kept (``models``: made once, as on a computer where the app has
    run before)."""
    os.environ["SESSION_PLAYER_HOME"] = str(tmp / "home")
    (tmp / "home" / "cache").mkdir(parents=True, exist_ok=True)
    (tmp / "home" / "cache" / "models").symlink_to(models, target_is_directory=True)
    return tmp


def kept_models(folder: Path) -> Path:
    """The voices' optimised models, made once here for every run to share."""
    from session_player.audio.voices.hibari import find, optimised

    os.environ["SESSION_PLAYER_HOME"] = str(folder / "models-home")
    for voice in find()[0]:
        if voice.model is not None:
            optimised(voice.model)
    return folder / "models-home" / "cache" / "models"


def quick() -> None:
    """Every script once with Enter at once and once after 5 s on the library, each with an
    empty cache in a fresh app: a row for each, with the load beside each figure."""
    print(f"quick mode; load average at the start: {load_now()}")
    print("| script | spoken words | Enter at once: cache empty (load) | after 5 s (load) |")
    print("| --- | --- | --- | --- |")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-first-word-") as folder:
        models = kept_models(Path(folder))
        for name, title, words in scripts():
            figures = []
            for read in (0.0, 5.0):
                tmp = in_home(Path(folder) / f"{name}-{read:g}", models)
                figures.append((first_heard(tmp, title, read=read), load_now()))
            rows.append(figures)
            (at_once, load_a), (after, load_b) = figures
            print(f"| {name} | {words} | {at_once:.2f} s ({load_a}) | {after:.2f} s ({load_b}) |",
                  flush=True)  # fmt: skip
    print(f"load average at the end: {load_now()}")
    for i, mode in enumerate(("Enter at once", "after 5 s")):
        heard = [r[i][0] for r in rows if not math.isnan(r[i][0])]
        over = sum(1 for f in heard if f > GOAL_S)
        print(
            f"{mode}: slowest {max(heard):.2f} s, median {statistics.median(heard):.2f} s,"
            f" {over} of {len(rows)} over {GOAL_S:g} s ({len(rows) - len(heard)} failed)"
        )


def main() -> None:
    """Play each script cold and cached, and print a row for each (``BENCH_FIRST_WORD_QUICK``:
    every script cold, at once and after 5 s, instead)."""
    if os.environ.get("BENCH_FIRST_WORD_QUICK"):
        quick()
        return
    load = os.getloadavg()
    print(f"load average at the start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print("| script | spoken words | cache empty | cached | ratio |")
    print("| --- | --- | --- | --- | --- |")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-first-word-") as folder:
        models = kept_models(Path(folder))
        for name, title, words in scripts():
            tmp = in_home(Path(folder) / name, models)
            cold = first_heard(tmp / "cold", title)
            warm = first_heard(tmp / "warm", title)
            rows.append((name, title, words, cold))
            print(f"| {name} | {words} | {cold:.2f} s | {warm:.2f} s | {cold / warm:.2f}x |",
                  flush=True)  # fmt: skip
        name, title, words, cold = rows[-1]
        tmp = in_home(Path(folder) / f"{name}-before", models)
        before = first_heard(tmp / "cold", title, early=False)
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    worst = max(r[3] for r in rows if not math.isnan(r[3]))
    print(f"longest script ({name}, {words} words): {cold:.2f} s cache empty (goal {GOAL_S:g} s);"
          f" every line made first: {before:.2f} s ({before / cold:.1f}x)")  # fmt: skip
    print(f"slowest of all, cache empty: {worst:.2f} s")


if __name__ == "__main__":
    main()
