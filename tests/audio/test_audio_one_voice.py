"""One voice at a time, as ALSA receives it: skipping on from a line that is still being said
fades it out before the next step's line begins. Each stream is captured paced, at the rate a
sound card takes it, so the fade is what the person hears (tests/audio/alsa_capture.py)."""

from __future__ import annotations

from alsa_capture import Child
from heard_at_alsa import audible, sitting, together

HELD = """
import threading
from session_player.conductor.unfolding import Unfolding

made = threading.Event()  # the voice goes on being made once this is set
_progress = Unfolding._progress


def _held(self, done, total):  # the first line is made; the others wait for ``made``, and
    if done <= 1:  # are taken all at once when the last of them is (the second step waits)
        _progress(self, done, total)
    if done == 1 and self._made:
        assert made.wait(60)


Unfolding._progress = _held
"""

SKIP = """
time.sleep(1.5)
mark("0")  # on, while the first line is said and the next step's voice is still being made
conductor.handle(session.next_step())
made.set()
entered = []
while not entered:  # the front end looks on; the second step begins once every line is made
    time.sleep(0.05)
    events = session.poll()
    conductor.handle(events)
    entered = [e for e in events if type(e).__name__ == "StepStarted"]
for n, (action, after) in enumerate([("next_step", 1.0), ("previous_step", 0.5)], start=1):
    time.sleep(after)
    mark(str(n))
    conductor.handle(getattr(session, action)())
while session.ended is None:
    time.sleep(max(0.0, min(0.1, (session.next_due() or 0.0) - monotonic())))
    conductor.handle(session.poll())
conductor.close()
"""

LINES = """title = "Lines"
practice = "custom"
[[step]]
say = "The first line is a long one, and it goes on for quite a few words before it ends."
pause = "1s"
[[step]]
say = "The second line also takes its time, many words, one after another, slowly."
pause = "1s"
[[step]]
say = "And the last."
"""


def test_skipping_on_and_back_never_sounds_two_lines_together(child: Child) -> None:
    # The first skip comes before the next step's voice is made (a busy computer: the step
    # waits for it), the second once it is: either way the line left fades at once.
    capture = child(HELD + sitting(LINES, SKIP), paced=True, timeout=120)
    # first, second, last, the second again after going back, the last again
    assert len(capture.streams) == 5
    assert together(capture.streams) == []
    first, second = capture.streams[:2]
    # A line still being said is silent within half a second of the key.
    assert audible(first)[1] - capture.events["0"] < 0.5
    assert audible(second)[1] - capture.events["1"] < 0.5
    assert audible(second)[0] >= audible(first)[1]


OVER_THE_PACER = """title = "Counted"
practice = "breathing"
[[step]]
breathe = { in = 3, out = 3 }
say = "Let the breath find its own pace, slow and easy, and let the counting carry you."
for = "18s"
"""

TO_THE_END = """
while session.ended is None:
    time.sleep(max(0.0, min(0.1, (session.next_due() or 0.0) - monotonic())))
    conductor.handle(session.poll())
time.sleep(1.0)
conductor.close()
"""


def test_counts_give_way_to_a_line_over_the_pacer_and_come_back_after_it(child: Child) -> None:
    body = sitting(OVER_THE_PACER, TO_THE_END, breath_sounds="counts")
    capture = child(body, paced=True, timeout=120)
    assert together(capture.streams) == []
    line = max(capture.streams, key=lambda s: s.seconds)
    assert audible(line)[1] - audible(line)[0] > 3.0  # the line, said whole
    begins, ends = audible(line)
    words = [s for s in capture.streams if s is not line]
    # The phase word due with the line may come just before it; nothing while it is said ...
    assert not [w for w in words if begins <= audible(w)[0] <= ends]
    # ... and the words and counts come back from the first phase after it.
    assert len([w for w in words if audible(w)[0] > ends]) >= 5
