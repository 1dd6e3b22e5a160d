"""Breath by ear, captured at ALSA: each phase's tone is heard on its boundary (started ahead,
with leading silence), keeps to the boundary through a pause, is never heard when its phase no
longer comes; a voice line can sound over a running pacer, and words follow the phases."""

from __future__ import annotations

import json
import math
import sys

from alsa_capture import ROOT, Child, Stream

sys.path.insert(0, str(ROOT))
from bench.breath_child import body, lateness

SHORT = """title = "Short"
practice = "breathing"
[[step]]
breathe = { in = 2, hold = 1, out = 2, rest = 1 }
cycles = 1
"""


def test_each_phase_tone_is_heard_within_30_ms_of_its_boundary(child: Child) -> None:
    capture = child(body(SHORT), paced=True, timeout=120)
    plan = json.loads(capture.stdout.splitlines()[-1])
    start = capture.events["start"]
    assert plan["phases"] == ["in", "hold", "out", "rest"]
    assert len(capture.streams) == 4  # one tone each, nothing else
    for stream, planned, phase in zip(
        capture.streams, plan["planned"], plan["phases"], strict=True
    ):
        boundary = start + planned
        assert abs(lateness(stream, boundary, phase)) <= 0.030, (
            phase,
            lateness(stream, boundary, phase),
        )
        if planned > 0:  # told ahead, its stream open well before the boundary, then silence
            assert stream.opened < boundary - 0.2, (phase, stream.opened - boundary)
    rising, held, falling, rest = capture.streams
    assert held.peak() < rising.peak() / 2 and rest.peak() < falling.peak() / 2  # quieter marks


def test_a_pause_in_the_lead_holds_the_tone_to_the_moved_boundary(child: Child) -> None:
    capture = child(body(SHORT, act="pause", told="hold"), paced=True, timeout=120)
    plan = json.loads(capture.stdout.splitlines()[-1])
    start, events = capture.events["start"], capture.events
    _rising, taken, held, falling, _rest = capture.streams
    assert taken.peak() == 0  # the hold's first stream was still silence: taken back whole
    moved = start + plan["planned"][1] + events["resumed"] - events["paused"]
    assert abs(lateness(held, moved, "hold")) <= 0.030, lateness(held, moved, "hold")
    assert held.opened > events["resumed"] - 0.01  # started again on resuming, ahead of it
    assert abs(lateness(falling, start + plan["planned"][2] + 1.0, "out")) <= 0.035


def test_a_tone_for_a_phase_that_no_longer_comes_is_never_heard(child: Child) -> None:
    capture = child(body(SHORT, act="next", told="out"), paced=True, timeout=120)
    rising, held, gone = capture.streams  # next ended the session as "out" was on its way
    assert rising.peak() > 0 and held.peak() > 0
    assert gone.peak() == 0


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
    voices = [s for s in capture.streams if s.seconds > 2.5]
    tones = [s for s in capture.streams if s.seconds <= 2.0]  # each with its leading silence
    assert len(voices) == 1 and len(tones) == 8, [s.seconds for s in capture.streams]
    (voice,) = voices
    # The line begins with the breathing, and the pacer's tones go on while it is spoken.
    assert voice.start - start < 0.5
    under = [t for t in tones if voice.start < t.opened + t.heard() < voice.start + voice.seconds]
    assert len(under) >= 2
    # Every phase still sounds as it begins: the voice holds none of them back (how close to
    # the boundary is the test above, and the breath benchmark's).
    for tone, planned, phase in zip(tones, plan["planned"], plan["phases"], strict=True):
        assert abs(lateness(tone, start + planned, phase)) < 0.25
    # And the tones sit under the voice.
    assert max(t.peak() for t in under) < voice.peak()


def level_db(stream: Stream) -> float:
    """RMS level (dBFS) of a stream from its first audible sample to its last."""
    loud = [i for i, s in enumerate(stream.samples) if abs(s) > 300]
    part = stream.samples[loud[0] : loud[-1] + 1]
    return 20 * math.log10(math.sqrt(sum(s * s for s in part) / len(part)) / 32767)


def test_a_tone_under_a_line_is_at_least_6_db_below_the_voice(child: Child) -> None:
    # The tones were as loud as the voice (-23.6 against -23.9 dBFS) and in its pitch range.
    capture = child(body(OVER, voice=True), timeout=120)
    phases = json.loads(capture.stdout.splitlines()[-1])["phases"]
    (voice,) = [s for s in capture.streams if s.seconds > 2.5]
    tones = [s for s in capture.streams if s.seconds <= 2.0]
    assert len(tones) == len(phases) == 8
    spoken, ends = level_db(voice), voice.start + voice.seconds
    heard = [(t.start + t.heard(), phase, t) for t, phase in zip(tones, phases, strict=True)]
    below = {phase: t for at, phase, t in heard if voice.start - 0.05 < at < ends}
    after = {phase: t for at, phase, t in heard if at > ends + 0.1}
    assert {"in", "hold"} <= set(below) and set(below) & set(after), heard
    for phase, tone in below.items():
        assert spoken - level_db(tone) >= 6.0, (phase, spoken, level_db(tone))
    # Once the line has ended the tones come back up: the same phase, louder than under it.
    for phase in set(below) & set(after):
        assert level_db(after[phase]) - level_db(below[phase]) >= 6.0, phase
