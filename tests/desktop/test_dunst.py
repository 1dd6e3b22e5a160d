"""A sit with the real dunst on a private session bus: notifications are paused while it plays
and left exactly as they were after it ends, is stopped, or is killed (then the next start puts
them back); the end notification reaches the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.desktop.bus_fixture import Desktop, eventually, need

ROOT = Path(__file__).resolve().parents[2]
ENTRY = [sys.executable, "-m", "session_player"]


def _sit(desktop: Desktop, *args: str) -> subprocess.Popen[str]:
    """A sit in plain mode; ended with the test's desktop if a failed test left it running."""
    sit = subprocess.Popen(
        [*ENTRY, "timer", *args, "--plain", "--no-sound"],
        env=desktop.env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    desktop.processes.append(sit)
    return sit


def _status(desktop: Desktop) -> str:
    done = subprocess.run(
        [*ENTRY, "status"], env=desktop.env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _held_files(home: Path) -> list[Path]:
    return sorted((home / "state").glob("held-*.json"))


def test_a_sit_pauses_dunst_and_its_end_unpauses_it_and_says_so(
    desktop: Desktop, _isolated_home: Path
) -> None:
    shown = desktop.start_dunst()
    assert not desktop.paused()
    sit = _sit(desktop, "3s")
    eventually(desktop.paused, "dunst paused during the sit")
    assert _held_files(_isolated_home), "the state to restore is written while it is held"
    _out, err = sit.communicate(timeout=60)
    assert sit.returncode == 0, err
    assert not desktop.paused()
    assert _held_files(_isolated_home) == []
    eventually(shown.exists, "the end notification reached dunst")
    app, summary, _body = shown.read_text().splitlines()[0].split("\t")
    assert (app, summary) == ("session-player", "Sat 3 seconds")


def test_do_not_disturb_already_on_stays_on(desktop: Desktop) -> None:
    desktop.start_dunst()
    desktop.tool("dunstctl", "set-paused", "true")
    sit = _sit(desktop, "1s")
    assert sit.wait(timeout=60) == 0
    assert desktop.paused(), "the person's own pause was kept"


def test_stopping_a_sit_unpauses_dunst(desktop: Desktop) -> None:
    desktop.start_dunst()
    sit = _sit(desktop)  # open ended: it lasts until stopped
    eventually(desktop.paused, "dunst paused during the sit")
    # The status file is written once notifications are held and the machine kept awake.
    eventually(lambda: _status(desktop).startswith("Open-ended sit: sat 0:0"), "the sit shows")
    sit.send_signal(signal.SIGINT)  # Ctrl+C in plain mode
    sit.communicate(timeout=60)
    assert not desktop.paused()
    after = subprocess.run(
        [*ENTRY, "status"], env=desktop.env, capture_output=True, text=True, check=True
    )
    assert after.stdout.startswith("Today 0 min")


def test_after_kill_9_the_next_start_unpauses_dunst(desktop: Desktop, _isolated_home: Path) -> None:
    desktop.start_dunst()
    sit = _sit(desktop)
    eventually(desktop.paused, "dunst paused during the sit")
    sit.kill()
    sit.wait(timeout=30)
    assert desktop.paused(), "nothing could undo it as the process died"
    assert len(_held_files(_isolated_home)) == 1
    # The next start puts it back before anything else (here, a second's sit).
    again = _sit(desktop, "1s")
    assert again.wait(timeout=60) == 0
    assert not desktop.paused()
    assert _held_files(_isolated_home) == []


def test_the_tui_holds_dunst_too(desktop: Desktop, tmp_path: Path) -> None:
    # The same listener serves both front ends: a sit in the TUI, in tmux, pauses dunst, the
    # status line follows its pause and resume, and ending the sit puts dunst back.
    from tests.e2e.test_tui_tmux import Tmux

    need("tmux")
    desktop.start_dunst()
    tmux = Tmux(f"desktop-{os.getpid()}", {**desktop.env, "TERM": "xterm-256color"})
    tmux.start([*ENTRY, "timer", "--no-sound"])  # open ended: it lasts until stopped
    try:
        tmux.wait_for("Before you begin")
        tmux.keys("Escape")  # the check-in skipped: the sit starts
        eventually(desktop.paused, "dunst paused during the TUI's sit")
        tmux.keys("Space")  # pause: the status line says so
        eventually(lambda: _status(desktop).endswith("(paused)"), "the status shows the pause")
        assert _status(desktop).startswith("Open-ended sit: sat 0:0")
        tmux.keys("Space")
        eventually(lambda: not _status(desktop).endswith("(paused)"), "the status shows it on")
        tmux.keys("q")
        tmux.wait_for("End the sit here?")
        tmux.keys("Enter")
        eventually(lambda: not desktop.paused(), "dunst unpaused as the sit ends")
    finally:
        tmux.kill()
