"""What wakes a running session, a minute's worth: every asyncio callback, Textual message,
frame and thread (``wakes_probe``), in a silent sit and in box breathing with its tones, each
in a tmux pane of 100x30 as ``bench peers`` runs them (settings as there, ALSA to a null
device), counted over ``BENCH_WAKES_SECONDS`` (default 30) from 3 s after the clock shows.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_peers import BOX, NULL_ALSA, SILENT, Pane, load, private_home

SECONDS = float(os.environ.get("BENCH_WAKES_SECONDS", "30"))
PROBE = Path(__file__).with_name("wakes_probe.py")


def counted(pane: Pane, out: Path) -> dict[str, object]:
    """The probe's counts over ``SECONDS``, once the pane shows the session's clock."""
    deadline = time.monotonic() + 120
    while "practised" not in pane.text() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(3)
    pid = pane.pid()
    os.kill(pid, signal.SIGUSR1)
    time.sleep(SECONDS)
    os.kill(pid, signal.SIGUSR2)
    while not out.exists() and time.monotonic() < deadline + SECONDS + 30:
        time.sleep(0.1)
    return json.loads(out.read_text())


def report(name: str, counts: dict[str, object], at: str) -> None:
    """One session's counts, a minute's worth."""
    print(f"{name}: process CPU {counts['cpu']:.3f} s a minute; {at}")
    for thread, seen in counts["threads"].items():  # type: ignore[attr-defined]
        print(f"  thread {thread:<16} {seen['cpu']:.3f} s   {seen['wakes']:5.0f} wakes")
    frames, size = counts["writes"], counts["characters"]
    print(f"  frames written     {frames:5.0f}   ({size:.0f} characters each)")
    for callback, seen in counts["callbacks"].items():  # type: ignore[attr-defined]
        print(f"  {seen['count']:7.1f} x {seen['ms']:6.3f} ms   {callback}")
    for message, seen in counts["messages"].items():  # type: ignore[attr-defined]
        print(f"  {seen:7.1f} messages   {message}")


def main() -> None:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        home = Path(tmp)
        quiet = private_home(
            home, "checkins = false\nsound = false\nvoice = false\nstart_delay = 0\n"
        )
        toned = private_home(
            home / "toned",
            'checkins = false\nstart_delay = 0\nvoice = false\nbreath_sounds = "tones"\n',
        )
        (home / "asound.conf").write_text(NULL_ALSA)
        toned["ALSA_CONFIG_PATH"] = str(home / "asound.conf")
        (home / "sit.toml").write_text(SILENT.format(length="30m"))
        (home / "box.toml").write_text(BOX)
        runs = {
            "a silent sit": (["play", str(home / "sit.toml"), "--no-sound"], quiet),
            "box breathing with tones": (["play", str(home / "box.toml")], toned),
        }
        print(f"a minute of each, counted over {SECONDS:.0f} s")
        for index, (name, (args, env)) in enumerate(runs.items()):
            out = home / f"counts{index}.json"
            pane = Pane(env)
            pane.start([sys.executable, str(PROBE), str(out), *args])
            try:
                counts = counted(pane, out)
            finally:
                pane.kill()
            report(name, counts, load())


if __name__ == "__main__":
    main()
