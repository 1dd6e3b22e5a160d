"""The no-two-voices rule over every bundled script: whatever a person does (next, back, pause,
resume, answer, stop, at any moment), with the voice on and each way of sounding the breath,
no two spoken things are ever heard at once, and a tone or a chime under a line is below it.

The real conductor plays each script into an output that keeps when every sound would be heard
(tests/timed_output.py), on manual clocks: a whole session takes a fraction of a second,
where capturing it at ALSA would take its real length. What the real player does with a fade
is checked at ALSA in tests/audio/test_audio_one_voice.py.
"""

from __future__ import annotations

import math
import tempfile
import wave
from pathlib import Path

import numpy as np
import pytest
from conductor_fakes import ManualWorkers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from person import ACTIONS, doing
from timed_output import Sitting

from session_player.audio.loudness import TARGET_DBFS
from session_player.conductor.listeners import voice as voice_module
from session_player.conductor.listeners.ducking import ducked
from session_player.core.bundled import bundled_scripts_dir, bundled_sounds
from session_player.core.script.loader import load_script
from session_player.home.settings import Settings

SCRIPTS = sorted(bundled_scripts_dir().glob("*.toml"))
TONES = {f"{phase}.wav" for phase in ("in", "top-up", "hold", "out", "rest")}
CHIMES = {f"{name}.wav" for name in bundled_sounds()}

moves = st.lists(
    st.tuples(st.floats(min_value=0.0, max_value=20.0), st.sampled_from(ACTIONS)), max_size=12
)


def act(s: Sitting, action: str) -> None:
    """What the person does: a key, or an answer to the question on show."""
    s.hand(doing(s.session, action))


def play_out(s: Sitting) -> None:
    """Go on to the end as someone who answers each question after a few seconds."""
    if s.session.state == "paused":
        s.hand(s.session.resume())
    while s.session.ended is None and s.timers.now < 4 * 3600:
        s.wait(3.0)
        act(s, "answer")


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mode=st.sampled_from(["tones", "words", "counts"]), moves=moves)
def test_no_two_voices_at_once_whatever_the_person_does(
    path: Path, mode: str, moves: list[tuple[float, str]]
) -> None:
    script = load_script(path)
    assert not isinstance(script, list), script
    workers = ManualWorkers()
    real = voice_module.ThreadPoolExecutor
    voice_module.ThreadPoolExecutor = workers  # type: ignore[misc,assignment]
    try:
        with tempfile.TemporaryDirectory() as folder:
            s = Sitting(
                script, Path(folder), workers, breath_sounds=mode, checkins=True,
                start_chime="bell", end_chime="bell",
            )  # fmt: skip
            for after, action in moves:
                if s.session.ended is not None:
                    break
                s.wait(after)
                act(s, action)
            play_out(s)
            s.conductor.asking("after")
            s.wait(30.0)
            s.conductor.close()
    finally:
        voice_module.ThreadPoolExecutor = real  # type: ignore[misc]
    assert s.out.voices_together() == []
    # Tones may sound with the voice only below it (ducked); a bell's strike is never spoken
    # over when it opens the session.
    speech = [st for sound in s.out.sounds if sound.speech for st in sound.stretches()]
    low = ducked(Settings().breath_volume)
    for tone in (sound for sound in s.out.sounds if sound.name in TONES):
        for a, b in tone.stretches():
            if any(min(b, d) - max(a, c) > 0.02 for c, d in speech):
                assert tone.volume <= low, (tone.name, a)
    # A chime may ring on under a line (docs/architecture.md, the mixing rule), but below it:
    # a skip fades the chimes of the step left and a chime arrived at waits for the fade.
    voice = TARGET_DBFS + 20 * math.log10(Settings().voice_volume / 100)
    for chime in (sound for sound in s.out.sounds if sound.name in CHIMES):
        begins = chime.stretches()[0][0] if chime.stretches() else 0.0
        for a, b in chime.stretches():
            for c, d in speech:
                if min(b, d) - max(a, c) > 0.02:
                    under = level(chime.name, max(a, c) - begins, min(b, d) - begins)
                    assert under + 20 * math.log10(chime.volume / 100) < voice, (chime.name, c)


def level(name: str, start: float, end: float) -> float:
    """A bundled chime's RMS level in dBFS from ``start`` to ``end`` seconds into it."""
    with wave.open(str(bundled_sounds()[name.removesuffix(".wav")]), "rb") as w:
        rate, channels = w.getframerate(), w.getnchannels()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16) / 32768
    mono = pcm.reshape(-1, channels).mean(axis=1)[int(start * rate) : int(end * rate)]
    return 20 * math.log10(max(1e-9, float(np.sqrt(np.mean(mono**2))))) if mono.size else -200.0
