"""No wait before the first word, as ALSA receives it: with nothing in the speech cache, the
session's first line is heard while its later lines are still being made (before, every line
was made first)."""

from __future__ import annotations

from alsa_capture import Child
from heard_at_alsa import audible, together

LATER = "\n".join(
    f'[[step]]\nsay = "Later line {n}: rest here, and let the breath come as it will."\n'
    for n in range(6)
)
SCRIPT = f"""title = "First word"
practice = "custom"
[[step]]
say = "Welcome. Let yourself arrive, and settle into the seat beneath you."
pause = "3s"
[[step]]
silence = "70s"
{LATER}"""

BODY = """
import threading
import simpleaudio
from session_player.conductor import unfolding
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import monotonic
from session_player.core.script.loader import load_text
from session_player.core.session.engine import Session
from session_player.home.settings import Settings

reached, made = threading.Event(), threading.Event()
play_buffer = simpleaudio.play_buffer

def played(*args, **kwargs):  # a stream handed to ALSA
    handle = play_buffer(*args, **kwargs)
    reached.set()
    return handle

simpleaudio.play_buffer = played
progress = unfolding.Unfolding._progress

def slow(self, done, total):  # a slow machine: the later lines wait for the first word
    progress(self, done, total)
    if self._ready >= 1 and not reached.is_set():
        mark("first minute made")
        reached.wait(60)

unfolding.Unfolding._progress = slow
finished = Conductor._voiced

def voiced(self, rendered):
    finished(self, rendered)
    mark("every line made")
    made.set()

Conductor._voiced = voiced
settings = Settings(voice_id="gmw/en-us", checkins=False, start_chime="none", end_chime="none")
conductor = Conductor.create(settings)
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(load_text(SCRIPT), lambda done, total: None)
mark("prepared")
session = Session(timeline, monotonic)
conductor.begin(session)
conductor.handle(session.start())
assert made.wait(60)
conductor.handle(session.stop("stopped"))
conductor.close()
"""


def test_the_first_line_is_heard_while_the_later_ones_are_still_being_made(
    child: Child,
) -> None:
    capture = child(f"SCRIPT = {SCRIPT!r}\n{BODY}", timeout=120)
    events = capture.events
    assert events["prepared"] < events["every line made"]
    assert capture.streams, capture.stderr
    first = capture.streams[0]
    assert first.peak() > 3000  # a voice: the welcome
    begins, _ends = audible(first)
    assert begins < events["every line made"]
    assert together(capture.streams) == []
