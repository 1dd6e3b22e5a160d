"""Bells that ring out, as ALSA receives them: plain mode's end chime is heard to its end
before the process exits, and a quit while it rings fades it over two seconds, never a cut;
after a script's own closing check-in too, with no one at a terminal (the question let go) and
with someone there who answers it. Each run is the real command (``play --plain``, ``timer
--plain``) in a child process whose ALSA output is captured paced (tests/audio/alsa_capture.py)."""

from __future__ import annotations

import pytest
from alsa_capture import Capture, Child
from heard_at_alsa import CUED, audible

from session_player.audio.api import FADE_AHEAD_S
from session_player.conductor.listeners.chimes import QUIT_FADE_MS

PLAIN = (
    CUED
    + """
import os, signal, sys, threading
from pathlib import Path
from session_player.cli.main import main
from session_player.conductor.listeners import chimes
from session_player.home import paths

paths.config_path().parent.mkdir(parents=True, exist_ok=True)
paths.config_path().write_text(
    'start_chime = "none"\\nend_chime = "bell"\\ncheckins = false\\n' + {config!r}
)
script = Path({folder!r}) / "short.toml"
script.write_text({text!r})
if {terminal!r}:  # someone at the terminal, who answers the script's check-in once it is heard
    person, terminal = os.openpty()
    os.dup2(terminal, 0)

    def answer():  # once the question and its waiting cue have been heard
        cued.get(timeout=60).wait(10)
        mark("answered")
        os.write(person, b"5\\n")

    threading.Thread(target=answer, daemon=True).start()
else:
    sys.stdin = open(os.devnull)  # no one at a terminal: no check-ins asked, none answered
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
)

SHORT = """title = "Short"
practice = "custom"
[[step]]
say = "Welcome."
pause = "1s"
"""


def plain(
    child: Child,
    tmp: str,
    command: list[str],
    quit_after: float | None,
    sit_for: float | None,
    *,
    text: str = SHORT,
    terminal: bool = False,
    config: str = "",
) -> Capture:
    """Run ``command`` as a person would; what reached ALSA, the end bell last."""
    body = PLAIN.format(
        folder=tmp,
        text=text,
        quit_after=quit_after,
        command=command,
        sit_for=sit_for,
        terminal=terminal,
        config=config,
    )
    capture = child(body, paced=True, timeout=120)
    bell = capture.streams[-1]
    assert bell.peak() > 3000
    assert capture.events["exit"] >= audible(bell)[1]  # the process outlives the bell
    return capture


def test_plain_mode_lets_the_end_chime_ring_to_its_end(child: Child, tmp_path: object) -> None:
    command = ["play", f"{tmp_path}/short.toml", "--plain"]
    bell = plain(child, str(tmp_path), command, None, None).streams[-1]
    assert bell.seconds == pytest.approx(5.0, abs=0.1)  # the whole bell reached ALSA


def test_a_quit_while_the_end_chime_rings_fades_it_over_two_seconds(
    child: Child, tmp_path: object
) -> None:
    command = ["play", str(tmp_path) + "/short.toml", "--plain"]
    bell = plain(child, str(tmp_path), command, 1.0, None).streams[-1]
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
    bell = plain(child, str(tmp_path), command, None, 2.0).streams[-1]
    assert bell.seconds == pytest.approx(5.0, abs=0.1)


CLOSING = """title = "Closing"
practice = "custom"
[[step]]
say = "Let yourself arrive."
pause = "1s"
[[step]]
check_in = "How settled do you feel now?"
"""


@pytest.mark.parametrize(
    ("terminal", "quit_after"),
    [(False, None), (True, 1.0)],
    ids=["not-a-terminal-rings-whole", "a-terminal-answered-then-quit-fades"],
)
def test_the_end_chime_after_a_scripts_own_closing_check_in_rings_out(
    child: Child, tmp_path: object, terminal: bool, quit_after: float | None
) -> None:
    command = ["play", f"{tmp_path}/short.toml", "--plain"]
    voice = 'voice_id = "gmw/en-us"\n'  # espeak-ng: made at once
    capture = plain(
        child,
        str(tmp_path),
        command,
        quit_after,
        None,
        text=CLOSING,
        terminal=terminal,
        config=voice,
    )
    *said, bell = capture.streams
    # The arrival, the check-in's question (heard out and then its waiting cue, when someone is
    # at the terminal to answer; let go at once when no one is), then the bell, after them.
    assert len(said) == (3 if terminal else 2), [(s.start, s.seconds) for s in said]
    assert audible(bell)[0] > max(audible(s)[1] for s in said)
    if terminal:
        assert audible(said[1])[1] < capture.events["answered"] < audible(bell)[0]
    if quit_after is None:
        assert bell.seconds == pytest.approx(5.0, abs=0.1)  # the whole bell reached ALSA
    else:  # faded over two seconds from a moment after the quit, never cut
        assert quit_after + FADE_AHEAD_S + QUIT_FADE_MS / 1000 - 0.2 < bell.seconds < 4.5
        begins, ends = audible(bell)
        heard = ends - begins
        assert bell.peak(heard - 1.0, heard) < 0.8 * bell.peak(heard - 2.0, heard - 1.0)
