"""The no-two-voices rule at ALSA, over every bundled script: the real conductor plays each at
speed with the voice on (espeak-ng) and one of the ways of sounding the breath, while a person
does random things (next, back, pause, resume, answer, stop); every stream is captured paced,
as a sound card takes it. At no moment do two speech streams sound together above -40 dBFS, and
a tone or chime heard under a line is quieter than the line.

The scripts are played in a few chunks, one child each (parallel-friendly under ``-n``), a few
seconds of each script: the same rule over whole sessions, on manual clocks, is
tests/test_one_voice_property.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from alsa_capture import Child, Stream
from heard_at_alsa import QUIET
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from person import ACTIONS

from session_player.core.bundled import bundled_audio_dir, bundled_scripts_dir, bundled_sounds
from session_player.core.session.timeline import STRIKE

SCRIPTS = sorted(bundled_scripts_dir().glob("*.toml"))
CHUNKS = 6
NOT_SPEECH = {p.stem for p in bundled_audio_dir().rglob("*.wav")}  # chimes, tones, cues
CHIMES = set(bundled_sounds())
FLOOR = 0.05
"""Seconds: two streams heard together for less are the capture's own jitter (each stream's
start is taken by its own reading thread, late by as much as the machine's load delays it)."""
UNDER = 0.1  # seconds: a sound under a line for less is a fade's tail (150 ms) at most

plan = st.fixed_dictionaries(
    {
        "mode": st.sampled_from(["tones", "words", "counts"]),
        "speed": st.sampled_from([1, 3, 10, 30]),
        "moves": st.lists(
            st.tuples(
                st.floats(min_value=0.2, max_value=1.0),
                st.sampled_from(ACTIONS),
            ),
            min_size=1,
            max_size=3,
        ),
    }
)

BODY = """
import at_speed
at_speed.play({plans!r})
"""


@pytest.mark.parametrize("chunk", range(CHUNKS))
@settings(
    max_examples=1,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # each example is a child of its own: no shrinking
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_two_voices_at_alsa_whatever_the_person_does(
    chunk: int, data: st.DataObject, child: Child
) -> None:
    scripts = SCRIPTS[chunk::CHUNKS]
    drawn = [data.draw(plan, label=path.stem) for path in scripts]
    # Hypothesis begins with its simplest example, every plan alike (each draw its first
    # choice): a child is too dear to spend on it, so one example is a varied one.
    assume(len({repr(p) for p in drawn}) > 1)
    plans = [{"script": str(path), **p} for path, p in zip(scripts, drawn, strict=True)]
    capture = child(BODY.format(plans=plans), paced=True, timeout=300)
    assert any(name(s) not in NOT_SPEECH for s in capture.streams), capture.stderr  # a voice
    for n, path in enumerate(scripts):
        streams = [s for s in capture.streams if s.label.split("|")[0] == str(n)]
        speech = [s for s in streams if name(s) not in NOT_SPEECH]
        assert together(speech) == [], path.stem
        for sound in (s for s in streams if name(s) in NOT_SPEECH):
            # At speed the opening's wait for a bell's strike is 2 s of session time, so a
            # preview's first line may come in the strike: what follows it is checked.
            struck = heard(sound)[0] + (STRIKE if plans[n]["speed"] > 1 else 0.0)
            for line in speech:
                a, b = overlap(sound, line)
                a = max(a, struck) if name(sound) in CHIMES else a
                if b - a > UNDER:
                    under, voice = level(sound, a, b), level(line, *heard(line))
                    assert under < voice, (path.stem, name(sound), a, b, under, voice)


def name(stream: Stream) -> str:
    """The sound a stream plays (its file's stem)."""
    return stream.label.split("|")[1]


def overlap(one: Stream, other: Stream) -> tuple[float, float]:
    """When both are heard above -40 dBFS (child clock); empty when never."""
    (a, b), (c, d) = heard(one), heard(other)
    return max(a, c), min(b, d)


def heard(stream: Stream) -> tuple[float, float]:
    """The first and last moment (child clock) the stream is above -40 dBFS."""
    loud = np.flatnonzero(np.abs(mono(stream)) > QUIET)
    if not loud.size:
        return stream.start, stream.start
    return stream.start + loud[0] / stream.rate, stream.start + loud[-1] / stream.rate


def mono(stream: Stream) -> np.ndarray:
    """The stream's first channel as numbers."""
    return np.frombuffer(stream.samples, dtype=np.int16)[:: stream.channels].astype(np.float64)


def together(streams: list[Stream]) -> list[tuple[str, str, float]]:
    """Pairs of streams heard at once for more than ``FLOOR``: their sounds, and when."""
    found = []
    for i, one in enumerate(streams):
        for other in streams[i + 1 :]:
            a, b = overlap(one, other)
            if b - a > FLOOR:
                found.append((name(one), name(other), a))
    return found


def level(stream: Stream, start: float, end: float) -> float:
    """The stream's RMS level in dBFS between two moments (child clock)."""
    a = max(0, int((start - stream.start) * stream.rate))
    b = max(0, int((end - stream.start) * stream.rate))
    part = mono(stream)[a:b]
    if not part.size:
        return -200.0
    return 20 * math.log10(max(float(np.sqrt(np.mean(part**2))) / 32768, 1e-9))
