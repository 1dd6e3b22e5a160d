"""A breathing session played through plain mode and the real conductor, for a child process
whose ALSA output is captured (tests/audio/alsa_capture.py): ``BODY`` is the child's code.

Shared by the breath-sound test (tests/audio/test_audio_breath.py) and its benchmark
(bench/bench_breath.py). The child marks the session's start on the session's own clock; each
phase's planned moment is that start plus the phase's offset on the timeline.
"""

from __future__ import annotations

BODY = """
import io, json, os, time
from session_player.conductor import Conductor
from session_player.core.loader import load_text
from session_player.core.timeline import compile_timeline
from session_player.plain import run_plain
from session_player.settings import Settings

script = load_text({script!r})
settings = Settings(start_chime="none", end_chime="none", breath_sounds={mode!r})
conductor = Conductor.create(settings, voice={voice!r})
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(compile_timeline(script), lambda done, total: None)
started = []

def clock():
    now = time.monotonic()
    if not started:
        started.append(now)
        mark("start")
    return now

run_plain(timeline, clock=clock, handler=conductor, stdin=io.StringIO(), stdout=io.StringIO())
conductor.close()
planned = [p.start + c.at for p in timeline.steps for c in p.cues if c.kind == "breath"]
phases = [c.phase for p in timeline.steps for c in p.cues if c.kind == "breath"]
print(json.dumps({{"planned": planned, "phases": phases}}))
"""


def body(script: str, mode: str = "tones", *, voice: bool = False) -> str:
    """The child's code for ``script`` with breath sounds ``mode``."""
    return BODY.format(script=script, mode=mode, voice=voice)


def box(cycles: int) -> str:
    """A box-breathing script of ``cycles`` breaths (16 s each)."""
    return f'title = "Box"\npractice = "breathing"\n[[step]]\nbreathe = "box"\ncycles = {cycles}\n'
