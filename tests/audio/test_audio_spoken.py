"""Nothing silent that should speak, as ALSA receives it: the closing check-in after a session
stopped from the stop question (which pauses it while it is open)."""

from __future__ import annotations

from alsa_capture import Child
from test_audio_one_voice import audible, together

STOPPED = """
import time
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import monotonic
from session_player.core.script.loader import load_text
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline
from session_player.home.settings import Settings

script = load_text({text!r})
settings = Settings(start_chime="none", end_chime="bell", checkins=True, waiting_cues=False)
conductor = Conductor.create(settings)
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(compile_timeline(script), lambda done, total: None)
session = Session(timeline, monotonic)
conductor.begin(session)
conductor.handle(session.start())
time.sleep(1.5)
conductor.handle(session.pause())  # the stop question opens
time.sleep(1.0)
mark("stopped")
conductor.handle(session.stop("stopped"))  # and the person stops
conductor.asking("after")
time.sleep(1.0)  # the question's stream has begun (if it is heard): wait until it ends
conductor.stage.voice.wait(30)
conductor.close()
"""

WELCOME = """title = "Welcome"
practice = "custom"
[[step]]
say = "Welcome. Let yourself arrive, and settle into the seat beneath you."
pause = "20s"
"""


def test_the_closing_check_in_is_said_after_stopping_from_the_stop_question(
    child: Child,
) -> None:
    capture = child(STOPPED.format(text=WELCOME), paced=True, timeout=120)
    assert len(capture.streams) == 2  # the welcome, and the question after the stop
    _welcome, asked = capture.streams
    assert asked.peak() > 3000  # a voice
    begins, ends = audible(asked)
    assert begins >= capture.events["stopped"]
    assert ends - begins > 5.0  # the question and its scale, not a fragment
    assert together(capture.streams) == []


TIMER = """
import os, threading, time
from session_player.cli.main import main

# Someone at the terminal: standard input is a terminal, so the check-ins are asked.
person, terminal = os.openpty()
os.dup2(terminal, 0)

def answers():  # each question heard out before it is answered
    time.sleep(14)
    os.write(person, b"4\\n")
    time.sleep(16)
    os.write(person, b"6\\n")

threading.Thread(target=answers, daemon=True).start()
mark("start")
code = main(["timer", "2s", "--plain", "--start-chime", "none", "--end-chime", "none"])
assert code == 0, code
"""


def test_the_timers_check_ins_are_said_before_and_after_the_sit(child: Child) -> None:
    capture = child(TIMER, paced=True, timeout=120)
    voices = [s for s in capture.streams if s.peak() > 3000 and s.seconds > 3.0]
    assert len(voices) == 2, [(s.start, s.seconds, s.peak()) for s in capture.streams]
    for voice in voices:  # each question with its scale, heard whole
        begins, ends = audible(voice)
        assert ends - begins > 5.0
    assert together(capture.streams) == []
