"""Aftercare by ear, captured at ALSA: when a plain session leaves someone more distressed, the
real voice says the offer of grounding and where support is, after the end chime has struck (a
small change offers nothing: tests/test_plain_care.py).

The session runs in plain mode with its answers written to a pipe, as a person types them; the
child waits on the offer being said and heard (events), never on a fixed time."""

from __future__ import annotations

import pytest
from alsa_capture import Child

from session_player.core.session.timeline import STRIKE

SESSION = """
import os, threading
from session_player.cli.plain import Aftercare, run_plain
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import monotonic
from session_player.core.script.loader import load_text
from session_player.home.settings import Settings

TEXT = '''title = "Rated"
practice = "custom"
start_chime = "none"
end_chime = "wood"
[[step]]
check_in = "How distressed?"
low = "calm"
high = "very distressed"
[[step]]
check_in = "And now?"
low = "calm"
high = "very distressed"
'''
# The fastest voice the settings allow: the offer is long, and is heard to its end.
conductor = Conductor.create(Settings(crisis_line="Ana, 0123", voice_rate=250))
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(load_text(TEXT), lambda done, total: None)
offered = threading.Event()
said = conductor.say

def say(text):
    mark("offered")
    said(text)
    offered.set()

conductor.say = say
read, write = os.pipe()
stdin, typing = os.fdopen(read), os.fdopen(write, "w")
plain = threading.Thread(
    target=run_plain,
    args=(timeline,),
    daemon=True,
    kwargs=dict(clock=monotonic, handler=conductor, stdin=stdin, stdout=open(os.devnull, "w"),
                aftercare=Aftercare(lambda: None, "Ana, 0123")),
)
plain.start()
typing.write({answers!r})
typing.flush()
while plain.is_alive() and not offered.is_set():
    plain.join(0.1)  # until the session has ended: with the offer, or without it
if offered.is_set():
    # The offer is rendered on the voice's own thread, then said in its turn: wait until a
    # voice other than the closing question's plays, and has been heard to its end.
    asked = conductor.stage.voice
    for _ in range(600):
        if conductor.stage.voice is not asked:
            break
        time.sleep(0.1)  # a look ten times a second; the offer takes a few seconds to render
    assert conductor.stage.voice is not asked, "the offer was never said"
    conductor.stage.voice.wait(60)
    typing.write("\\n")  # Enter alone: finish here
typing.close()
plain.join(60)
assert not plain.is_alive()
conductor.close()
"""


def test_the_voice_offers_grounding_after_the_end_chime_when_distress_rose(
    child: Child,
) -> None:
    capture = child(SESSION.format(answers="2\n8\n"), timeout=120)
    first, second, wood, offer = capture.streams
    assert "offered" in capture.events
    assert wood.seconds == pytest.approx(0.45, abs=0.05)  # the end chime, then the offer
    assert offer.start + offer.heard() >= wood.start + STRIKE - 0.05
    assert offer.peak() > 3000  # a voice, not silence
    # The offer, the crisis sentence and the person's own line: far longer than a question.
    assert offer.seconds > 3 * max(first.seconds, second.seconds)
