"""Bells that ring out, as ALSA receives them: plain mode's end chime is heard to its end
before the process exits, and a quit while it rings fades it over two seconds, never a cut.
Each run is the real command (``play --plain``, ``timer --plain``) in a child process whose
ALSA output is captured paced (tests/audio/alsa_capture.py)."""

from __future__ import annotations

import pytest
from alsa_capture import Child, Stream
from heard_at_alsa import audible

from session_player.audio.api import FADE_AHEAD_S
from session_player.conductor.listeners.chimes import QUIT_FADE_MS

PLAIN = """
import os, signal, sys, threading
from pathlib import Path
from session_player.cli.main import main
from session_player.conductor.listeners import chimes
from session_player.home import paths

paths.config_path().parent.mkdir(parents=True, exist_ok=True)
paths.config_path().write_text('start_chime = "none"\\nend_chime = "bell"\\ncheckins = false\\n')
script = Path({folder!r}) / "short.toml"
script.write_text({text!r})
sys.stdin = open(os.devnull)  # no one at a terminal: no check-ins asked
quit_after = {quit_after!r}
ring = chimes.Chimes._ring_end

def ringing(self, sound):  # the end chime starts: the person quits a moment later, or not
    ring(self, sound)
    mark("bell")
    if quit_after is not None:
        threading.Timer(quit_after, os.kill, (os.getpid(), signal.SIGINT)).start()

chimes.Chimes._ring_end = ringing
begin = chimes.Chimes.begin
sit_for = {sit_for!r}

def begun(self, session):  # an open-ended sit: the person ends it with Ctrl+C, after a while
    begin(self, session)
    if sit_for is not None:
        threading.Timer(sit_for, os.kill, (os.getpid(), signal.SIGINT)).start()

chimes.Chimes.begin = begun
code = main({command!r})
mark("exit")
"""

SHORT = """title = "Short"
practice = "custom"
[[step]]
say = "Welcome."
pause = "1s"
"""


def plain(
    child: Child, tmp: str, command: list[str], quit_after: float | None, sit_for: float | None
) -> Stream:
    body = PLAIN.format(
        folder=tmp, text=SHORT, quit_after=quit_after, command=command, sit_for=sit_for
    )
    capture = child(body, paced=True, timeout=120)
    bell = capture.streams[-1]
    assert bell.peak() > 3000
    assert capture.events["exit"] >= audible(bell)[1]  # the process outlives the bell
    return bell


def test_plain_mode_lets_the_end_chime_ring_to_its_end(child: Child, tmp_path: object) -> None:
    bell = plain(child, str(tmp_path), ["play", f"{tmp_path}/short.toml", "--plain"], None, None)
    assert bell.seconds == pytest.approx(5.0, abs=0.1)  # the whole bell reached ALSA


def test_a_quit_while_the_end_chime_rings_fades_it_over_two_seconds(
    child: Child, tmp_path: object
) -> None:
    command = ["play", str(tmp_path) + "/short.toml", "--plain"]
    bell = plain(child, str(tmp_path), command, 1.0, None)
    # Faded over two seconds from a moment after the quit: not cut, and not rung out.
    assert 1.0 + FADE_AHEAD_S + QUIT_FADE_MS / 1000 - 0.2 < bell.seconds < 4.5
    begins, ends = audible(bell)
    heard = ends - begins
    # Fading: the last second is quieter than the second before it.
    assert bell.peak(heard - 1.0, heard) < 0.8 * bell.peak(heard - 2.0, heard - 1.0)


def test_an_open_ended_timer_stopped_with_ctrl_c_rings_its_end_chime_out(
    child: Child, tmp_path: object
) -> None:
    command = ["timer", "--plain", "--start-chime", "none", "--end-chime", "bell"]
    bell = plain(child, str(tmp_path), command, None, 2.0)
    assert bell.seconds == pytest.approx(5.0, abs=0.1)
