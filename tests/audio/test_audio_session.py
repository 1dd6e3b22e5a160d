"""Whole sessions through the conductor, captured at ALSA: what a person with closed eyes hears,
and when (each stream's start, on the child's clock)."""

from __future__ import annotations

import itertools

import pytest
from alsa_capture import Capture, Child, Stream

from session_player.core.script.kinds._prompt import WAIT_GAP
from session_player.core.session.timeline import END_QUIET, STRIKE

SESSION = """
import io
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import monotonic
from session_player.core.script.loader import load_text
from session_player.cli.plain import run_plain
from session_player.home.settings import Settings

script = load_text({text!r})
conductor = Conductor.create(Settings({settings}))
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(script, lambda done, total: None)
answers = {answers!r}
if answers is None:  # someone there who doesn't answer: input stays open
    import os
    stdin = os.fdopen(os.pipe()[0])
else:
    stdin = io.StringIO(answers)
run_plain(timeline, clock=monotonic, handler=conductor, stdin=stdin, stdout=io.StringIO())
conductor.close()
"""

WELCOME = """title = "Welcome"
practice = "custom"
[[step]]
say = "Welcome. Let yourself arrive."
pause = "0.5s"
"""


def play(child: Child, text: str, settings: str = "", answers: str | None = "") -> Capture:
    body = SESSION.format(text=text, settings=settings, answers=answers)
    return child(body, timeout=120)


def sounding(stream: Stream) -> float:
    """Seconds into the stream of its first audible sample."""
    step = stream.channels
    for i in range(0, len(stream.samples), step):
        if abs(stream.samples[i]) > 300:
            return i / step / stream.rate
    return stream.seconds


def test_the_first_line_waits_for_the_strike_and_the_end_chime_for_the_last_line(
    child: Child,
) -> None:
    capture = play(child, WELCOME, 'start_chime="bell", end_chime="wood"')
    bell, voice, wood = capture.streams
    assert bell.seconds == pytest.approx(5.0, abs=0.05)
    assert wood.seconds == pytest.approx(0.45, abs=0.05)
    # No speech before the opening has rung: the voice starts the strike after the bell.
    heard = voice.start + sounding(voice)
    assert heard - bell.start >= STRIKE - 0.05
    # The end chime only once the last line has been spoken, after a moment of quiet.
    assert wood.start >= voice.start + voice.seconds + END_QUIET - 0.1


def test_a_three_chime_opening_rings_before_the_first_word(child: Child) -> None:
    capture = play(child, WELCOME, 'start_chime="wood", end_chime="none", three_chimes=True')
    *chimes, voice = capture.streams
    assert len(chimes) == 3
    gaps = [b.start - a.start for a, b in itertools.pairwise(chimes)]
    assert gaps == [pytest.approx(4.0, abs=0.1)] * 2
    assert voice.start >= chimes[-1].start + chimes[-1].seconds - 0.05


QUESTIONS = """title = "Questions"
start_chime = "none"
end_chime = "none"
practice = "custom"
[[step]]
ask = "Which word would you like to keep with you today?"
into = "word"
[[step]]
check_in = "How settled do you feel?"
"""


def test_an_ask_and_a_check_in_are_spoken_the_check_in_with_its_scale(child: Child) -> None:
    capture = play(child, QUESTIONS, answers="Robin\n5\n")
    ask, check_in = capture.streams
    for stream in (ask, check_in):
        assert stream.peak() > 3000  # a voice, not silence
    # "How settled do you feel?" alone is under 2 s; its scale takes about 3 s more.
    assert check_in.seconds > 3.5


WAITS = """title = "Waits"
practice = "custom"
start_chime = "none"
end_chime = "none"
[[step]]
ask = "Where do you feel it?"
into = "place"
for = "7s"
"""


def test_a_soft_cue_tells_the_ear_the_session_waits(child: Child) -> None:
    capture = play(child, WAITS, answers=None)
    voice, waiting = capture.streams
    assert waiting.start >= voice.start + voice.seconds + WAIT_GAP - 0.1
    assert 1000 < waiting.peak() < voice.peak()  # heard, and softer than the voice


ASKED_AFTER = """
import io, os, threading, time
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import monotonic
from session_player.core.script.loader import load_text
from session_player.cli.plain import run_plain
from session_player.home.settings import Settings

script = load_text({text!r})
conductor = Conductor.create(
    Settings(start_chime="none", end_chime="bell", checkins=True, short_checkins=True)
)
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(script, lambda done, total: None)
read, write = os.pipe()

def person():  # skips the first question at once, and takes a while over the last
    os.write(write, b"\\n")
    time.sleep({answer_after})
    os.write(write, b"6\\n")

threading.Thread(target=person, daemon=True).start()
run_plain(timeline, clock=monotonic, handler=conductor, stdin=os.fdopen(read),
          stdout=io.StringIO(), check_ins=True)
conductor.close()
"""


def test_the_apps_closing_check_in_is_said_after_the_end_chimes_strike(child: Child) -> None:
    body = ASKED_AFTER.format(text=WELCOME, answer_after=16)
    capture = child(body, timeout=120)
    *_, welcome, bell, asked = capture.streams
    assert bell.seconds == pytest.approx(5.0, abs=0.05)
    assert welcome.peak() > 3000 and asked.peak() > 3000  # voices
    assert asked.seconds > 6  # the question and its scale
    assert asked.start + sounding(asked) - bell.start >= STRIKE - 0.05  # never over the strike
