"""What a person hears of a session played in a child process whose ALSA output is captured
(``alsa_capture``): the child's opening, and when streams are heard above -40 dBFS."""

from __future__ import annotations

import itertools

from alsa_capture import Stream

QUIET = 328  # -40 dBFS: below this, a voice is not heard over another

OPENING = """
import time
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import monotonic
from session_player.core.script.loader import load_text
from session_player.core.session.engine import Session
from session_player.home.settings import Settings

script = load_text({text!r})
conductor = Conductor.create(Settings({settings}))
conductor.grounds = {grounds!r}  # as the TUI has it: the grounding pause's words rendered
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(script, lambda done, total: None)
session = Session(timeline, monotonic)
conductor.begin(session)
conductor.handle(session.start())
"""


CUED = """
import queue
from session_player.conductor.listeners.stage import Stage

cued, _play = queue.Queue(), Stage.play  # each waiting cue's handle, as it is started

def _playing(self, path, volume, delay=0.0, **kwargs):
    handle = _play(self, path, volume, delay, **kwargs)
    if path is not None and path.stem == "waiting":
        cued.put(handle)  # its prompt has been said
    return handle

Stage.play = _playing
"""
"""A child's code that puts the handle of each waiting cue played on ``cued`` (a queue)."""


def sitting(text: str, body: str, *, grounds: bool = False, **settings: object) -> str:
    """A child's code: the conductor opens with ``settings`` (no chimes or check-ins unless
    they say; with ``grounds``, the grounding pause's words too), plays ``text`` from its
    start, then runs ``body``."""
    chosen = {
        "start_chime": "none",
        "end_chime": "none",
        "checkins": False,
        "timer_checkins": False,
        **settings,
    }
    words = ", ".join(f"{key}={value!r}" for key, value in chosen.items())
    return OPENING.format(text=text, settings=words, grounds=grounds) + body


def audible(stream: Stream) -> tuple[float, float]:
    """The first and last moment (child clock) the stream is above -40 dBFS."""
    step = stream.channels
    loud = [i for i in range(0, len(stream.samples), step) if abs(stream.samples[i]) > QUIET]
    if not loud:
        return stream.start, stream.start
    first, last = loud[0] / step / stream.rate, loud[-1] / step / stream.rate
    return stream.start + first, stream.start + last


def together(streams: list[Stream]) -> list[tuple[int, int, float]]:
    """Pairs of streams heard at once above -40 dBFS, and for how long."""
    spans = [audible(s) for s in streams]
    found = []
    for (i, (a, b)), (j, (c, d)) in itertools.combinations(enumerate(spans), 2):
        if min(b, d) - max(a, c) > 0.01:
            found.append((i, j, min(b, d) - max(a, c)))
    return found
