"""A breathing session played through plain mode and the real conductor, for a child process
whose ALSA output is captured (tests/audio/alsa_capture.py): ``BODY`` is the child's code.

Shared by the breath-sound test (tests/audio/test_audio_breath.py) and its benchmark
(bench/bench_breath.py). The child marks the session's start on the session's own clock; each
phase's planned moment is that start plus the phase's offset on the timeline. With ``act``, the
person pauses for a second (``"pause"``) or goes on to the next step (``"next"``) as soon as the
phase ``told`` is first told ahead of its boundary; the child marks when it paused and resumed.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import TYPE_CHECKING

from session_player.audio.pcm import load_wav, scale

if TYPE_CHECKING:
    from alsa_capture import Stream

AUDIO = Path(__file__).resolve().parent.parent / "audio"

BODY = """
import io, json, os, time
from session_player.conductor.dispatcher import Conductor
from session_player.core.script.loader import load_text
from session_player.cli.plain import run_plain
from session_player.home.settings import Settings

script = load_text({script!r})
settings = Settings(start_chime="none", end_chime="none", breath_sounds={mode!r})
conductor = Conductor.create(settings, voice={voice!r})
assert not conductor.notices, conductor.notices
# A first play: the voice is still being made beside the session, and the tones keep time.
timeline = conductor.prepare(script, lambda done, total: None)
started = []

def clock():
    now = time.monotonic()
    if not started:
        started.append(now)
        mark("start")
    return now

class Person:  # the conductor, and a person who acts once, while a phase is on its way

    def __init__(self):
        self.session = None
        self.acted = False

    def begin(self, session):
        self.session = session
        conductor.begin(session)

    def tick(self, session):
        conductor.tick(session)

    def check_in(self, *rating):
        conductor.check_in(*rating)

    def handle(self, events):
        conductor.handle(events)
        told = [e for e in events if type(e).__name__ == "BreathComing" and e.phase == {told!r}]
        if {act!r} and told and not self.acted:
            self.acted = True
            if {act!r} == "pause":
                mark("paused")
                conductor.handle(self.session.pause())
                time.sleep(1.0)
                mark("resumed")
                conductor.handle(self.session.resume())
            else:
                conductor.handle(self.session.next_step())


run_plain(timeline, clock=clock, handler=Person(), stdin=io.StringIO(), stdout=io.StringIO())
conductor.close()
planned = [p.start + c.at for p in timeline.steps for c in p.cues if c.kind == "breath"]
phases = [c.phase for p in timeline.steps for c in p.cues if c.kind == "breath"]
print(json.dumps({{"planned": planned, "phases": phases}}))
"""


def body(
    script: str, mode: str = "tones", *, voice: bool = False, act: str = "", told: str = ""
) -> str:
    """The child's code for ``script`` with breath sounds ``mode`` (and the person's ``act``
    when phase ``told`` is first told)."""
    return BODY.format(script=script, mode=mode, voice=voice, act=act, told=told)


def box(cycles: int) -> str:
    """A box-breathing script of ``cycles`` breaths (16 s each)."""
    return f'title = "Box"\npractice = "breathing"\n[[step]]\nbreathe = "box"\ncycles = {cycles}\n'


def in_file(phase: str, volume: int = 50) -> float:
    """Seconds into the bundled tone (at ``volume``) of its first sample the ear hears."""
    from alsa_capture import Stream

    sound = load_wav(AUDIO / "cues" / f"{phase}.wav")
    samples = array("h")
    samples.frombytes(scale(sound.pcm, volume / 100))
    return Stream(sound.rate, sound.channels, 2, samples, 0.0).heard()


def lateness(stream: Stream, moment: float, phase: str, *, paced: bool = False) -> float:
    """How late the tone is heard: its first audible sample, placed in time by the stream's own
    data (the moment the device opened, plus its position in the stream), against the same sample
    of the tone started exactly at ``moment``. The pacer thread's wake plays no part; with
    ``paced``, the stream is placed from the pacer's first read instead (its wake included)."""
    begun = stream.start if paced else stream.opened
    return begun + stream.heard() - (moment + in_file(phase))
