"""Breath by ear, captured at ALSA: each phase's tone reaches ALSA on its boundary, a voice line
can sound over a running pacer, and words follow the phases."""

from __future__ import annotations

import json
import sys

from alsa_capture import ROOT, Child

sys.path.insert(0, str(ROOT))
from bench.breath_child import body

SHORT = """title = "Short"
practice = "breathing"
[[step]]
breathe = { in = 2, hold = 1, out = 2, rest = 1 }
cycles = 1
"""


def test_each_phase_tone_starts_within_30_ms_of_its_boundary(child: Child) -> None:
    capture = child(body(SHORT), paced=True, timeout=120)
    plan = json.loads(capture.stdout.splitlines()[-1])
    start = capture.events["start"]
    assert plan["phases"] == ["in", "hold", "out", "rest"]
    assert len(capture.streams) == 4  # one tone each, nothing else
    for stream, planned, phase in zip(
        capture.streams, plan["planned"], plan["phases"], strict=True
    ):
        late = stream.start - (start + planned)
        assert -0.005 <= late <= 0.030, (phase, late)
    rising, held, falling, rest = capture.streams
    assert held.peak() < rising.peak() / 2 and rest.peak() < falling.peak() / 2  # quieter marks


def test_words_follow_the_phases_in_the_voice(child: Child) -> None:
    capture = child(body(SHORT, "words", voice=True), timeout=120)
    plan = json.loads(capture.stdout.splitlines()[-1])
    start = capture.events["start"]
    assert len(capture.streams) == 4  # "in", "hold", "out", "rest"
    for stream, planned in zip(capture.streams, plan["planned"], strict=True):
        assert abs(stream.start - (start + planned)) < 0.05
        assert stream.peak() > 3000  # a voice


def test_none_is_silent(child: Child) -> None:
    capture = child(body(SHORT, "none"), timeout=120)
    assert capture.streams == []


OVER = """title = "Over"
practice = "breathing"
[[step]]
breathe = { in = 2, hold = 1, out = 2, rest = 1 }
cycles = 2
say = "Let the breath find its own pace, soft and unhurried."
"""


def test_a_voice_line_sounds_over_the_running_pacer(child: Child) -> None:
    capture = child(body(OVER, voice=True), paced=True, timeout=120)
    plan = json.loads(capture.stdout.splitlines()[-1])
    start = capture.events["start"]
    voices = [s for s in capture.streams if s.seconds > 1.5]
    tones = [s for s in capture.streams if s.seconds <= 1.0]
    assert len(voices) == 1 and len(tones) == 8, [s.seconds for s in capture.streams]
    (voice,) = voices
    # The line begins with the breathing, and the pacer's tones go on while it is spoken.
    assert voice.start - start < 0.5
    under = [t for t in tones if voice.start < t.start < voice.start + voice.seconds]
    assert len(under) >= 2
    # Every phase still sounds as it begins: the voice holds none of them back (how close to
    # the boundary is the test above, and the breath benchmark's).
    for tone, planned in zip(tones, plan["planned"], strict=True):
        assert abs(tone.start - (start + planned)) < 0.25
    # And the tones sit under the voice.
    assert max(t.peak() for t in under) < voice.peak()
