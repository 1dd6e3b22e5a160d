"""One voice at a time, as ALSA receives it: skipping on from a line that is still being said
fades it out before the next step's line begins. Each stream is captured paced, at the rate a
sound card takes it, so the fade is what the person hears (tests/audio/alsa_capture.py)."""

from __future__ import annotations

import itertools

from alsa_capture import Child, Stream

QUIET = 328  # -40 dBFS: below this, a voice is not heard over another

SKIP = """
import time
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import monotonic
from session_player.core.script.loader import load_text
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline
from session_player.home.settings import Settings

script = load_text({text!r})
conductor = Conductor.create(Settings(start_chime="none", end_chime="none", checkins=False))
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(compile_timeline(script), lambda done, total: None)
session = Session(timeline, monotonic)
conductor.begin(session)
conductor.handle(session.start())
for n, (action, after) in enumerate({actions!r}):  # a key pressed after so many seconds
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


def audible(stream: Stream) -> tuple[float, float]:
    """The first and last moment (child clock) the stream is above -40 dBFS."""
    step = stream.channels
    loud = [i for i in range(0, len(stream.samples), step) if abs(stream.samples[i]) > QUIET]
    if not loud:
        return stream.start, stream.start
    return (
        stream.start + loud[0] / step / stream.rate,
        stream.start + loud[-1] / step / stream.rate,
    )


def together(streams: list[Stream]) -> list[tuple[int, int, float]]:
    """Pairs of streams heard at once above -40 dBFS, and for how long."""
    spans = [audible(s) for s in streams]
    found = []
    for (i, (a, b)), (j, (c, d)) in itertools.combinations(enumerate(spans), 2):
        if min(b, d) - max(a, c) > 0.01:
            found.append((i, j, min(b, d) - max(a, c)))
    return found


def test_skipping_on_and_back_never_sounds_two_lines_together(child: Child) -> None:
    actions = [("next_step", 1.5), ("next_step", 1.0), ("previous_step", 0.5)]
    capture = child(SKIP.format(text=LINES, actions=actions), paced=True, timeout=120)
    # first, second, last, the second again after going back, the last again
    assert len(capture.streams) == 5
    assert together(capture.streams) == []
    first, second = capture.streams[:2]
    skipped = capture.events["0"]
    # The first line, still being said, is silent within half a second of the key.
    assert audible(first)[1] - skipped < 0.5
    assert audible(second)[0] >= audible(first)[1]
