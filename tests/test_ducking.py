"""The mixing rule: a breath tone that sounds while the voice says a line plays ``DUCK_DB``
lower; the tones before and after it play at the person's breath volume. Fake clock and fake
output (the levels as heard are in tests/audio/test_audio_breath.py)."""

from __future__ import annotations

import math
from pathlib import Path

from conductor_fakes import FakeOutput, RecordingSpeech, play_to_end, script

from session_player.conductor.dispatcher import Conductor
from session_player.conductor.listeners.ducking import DUCK_DB, ducked
from session_player.home.settings import Settings

OVER = (
    "[[step]]\nbreathe = { in = 2, hold = 1, out = 2, rest = 1 }\ncycles = 2\n"
    'say = "Let the breath find its own pace."\n'
)
TONES = ("in", "hold", "out", "rest")


def tones(out: FakeOutput) -> list[tuple[str, int]]:
    return [
        (name.removesuffix(".wav"), volume)
        for name, volume in out.played()
        if name.removesuffix(".wav") in TONES
    ]


def played(tmp_path: Path, seconds: float | None) -> list[tuple[str, int]]:
    """The tones of two breaths (6 s each) with a line of ``seconds`` said from the start (None:
    no voice at all)."""
    speech = None if seconds is None else RecordingSpeech(tmp_path, seconds)
    settings = Settings(
        start_chime="none", end_chime="none", breath_sounds="tones", breath_volume=50,
        checkins=False,
    )  # fmt: skip
    out = FakeOutput()
    c = Conductor(settings, output=out, speech=speech)  # type: ignore[arg-type]
    timeline = c.prepare(script(steps=OVER), lambda done, total: None)
    play_to_end(c, timeline)
    c.close()
    return tones(out)


def test_tones_under_a_line_are_lowered_and_come_back_after_it(tmp_path: Path) -> None:
    low = ducked(50)
    assert 20 * math.log10(50 / low) >= DUCK_DB - 0.2 >= 6  # at least 6 dB
    # A 4.5 s line from the start: the tones at 0, 2 and 3 s are under it, not those from 5 s.
    assert played(tmp_path, 4.5) == [
        ("in", low), ("hold", low), ("out", low),
        ("rest", 50), ("in", 50), ("hold", 50), ("out", 50), ("rest", 50),
    ]  # fmt: skip


def test_without_a_voice_no_tone_is_lowered(tmp_path: Path) -> None:
    assert played(tmp_path, None) == [(phase, 50) for phase in TONES * 2]
