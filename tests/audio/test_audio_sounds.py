"""The bundled chimes, the PCM helpers and the package's boundaries (no device needed)."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from array import array
from pathlib import Path
from typing import Any

import pytest
from alsa_capture import ROOT, read_wav_samples

from session_player.audio import FinishedHandle, NullOutput, Sound, pcm
from session_player.audio.pcm import apply_ramp, peak, ramp_gains, scale

CHIMES = {"bell": (4.0, 6.0), "bowl": (7.0, 9.0), "wood": (0.3, 0.6)}


@pytest.mark.parametrize("name", sorted(CHIMES))
def test_bundled_chime_shape(name: str) -> None:
    rate, channels, width, samples = read_wav_samples(ROOT / "audio" / f"{name}.wav")
    assert (channels, width) == (1, 2) and rate in (22050, 44100)
    low, high = CHIMES[name]
    assert low <= len(samples) / rate <= high
    top = max(map(abs, samples))
    assert 20 * math.log10(top / 32768) == pytest.approx(-3.0, abs=0.3)
    assert max(map(abs, samples[-rate // 10 :])) < top / 100  # last 100 ms: below -40 dB
    assert samples[-1] == 0 and abs(samples[0]) < 100  # no click at either end
    # A natural decay: each second (or tenth, for the wood block) quieter than the one before.
    step = rate if name != "wood" else rate // 10
    loudness = [max(map(abs, samples[i : i + step])) for i in range(step, len(samples), step)]
    assert loudness == sorted(loudness, reverse=True)


def test_make_sounds_reproduces_the_committed_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sounds.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    beds = [f"beds/{bed}" for bed in ("brown", "rain", "stream", "waves")]
    for name in [*CHIMES, *(f"cues/{cue}" for cue in CUES), *beds]:
        made = (tmp_path / f"{name}.wav").read_bytes()
        assert made == (ROOT / "audio" / f"{name}.wav").read_bytes(), name


CUES = {"in": -12.0, "top-up": -14.0, "out": -12.0, "hold": -20.0, "rest": -20.0, "waiting": -18.0}


def crossings(samples: Any) -> int:
    return sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))


@pytest.mark.parametrize("name", sorted(CUES))
def test_cues_for_the_ear_are_gentle(name: str) -> None:
    rate, channels, _width, samples = read_wav_samples(ROOT / "audio" / "cues" / f"{name}.wav")
    assert channels == 1
    top = max(map(abs, samples))
    assert 20 * math.log10(top / 32768) == pytest.approx(CUES[name], abs=0.5)  # under the voice
    assert samples[0] == 0 and samples[-1] == 0
    assert max(map(abs, samples[: rate // 50])) < top / 4  # no sharp attack: 20 ms in, still soft
    third = len(samples) // 3
    first, last = crossings(samples[:third]), crossings(samples[-third:])
    if name in ("in", "top-up"):
        assert last > first * 1.05  # rising
    elif name == "out":
        assert first > last * 1.05  # falling
    else:
        assert CUES[name] < CUES["in"]  # a quieter mark


@pytest.mark.parametrize("fast", [True, False], ids=["audioop", "pure-python"])
def test_scale_is_linear_and_zero_is_silence(fast: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not fast:
        monkeypatch.setattr(pcm, "_audioop_mul", lambda: None)
    elif pcm._audioop_mul() is None:
        pytest.skip("this Python has no audioop")
    sound = Sound.from_samples([0, 1000, -1000, 32767, -32768], 44100)
    assert list(array("h", scale(sound.pcm, 0.25))) == [0, 250, -250, 8191, -8192]
    half = Sound(scale(sound.pcm, 0.5), 44100)
    assert peak(half.pcm) == 16384
    assert scale(sound.pcm, 0.0) == bytes(len(sound.pcm))
    assert scale(sound.pcm, 1.0) == sound.pcm


def test_ramps_are_smooth_and_end_exactly() -> None:
    down = ramp_gains(100, 1.0, 0.0)
    assert down[-1] == 0.0 and down[0] > 0.99
    assert all(a >= b for a, b in itertools.pairwise(down))
    up = ramp_gains(100, 0.0, 1.0)
    assert up[-1] == 1.0 and up[0] < 0.01
    stereo = Sound.from_samples([10000, -10000] * 50, 44100, channels=2)
    faded = Sound(apply_ramp(stereo.pcm, 2, 1.0, 0.0), 44100, 2)
    assert faded.frames == 50 and faded.pcm[-4:] == bytes(4)


def test_null_output_and_finished_handle_keep_the_interface() -> None:
    output = NullOutput()
    handle = output.play(ROOT / "audio" / "bell.wav", 80)
    assert isinstance(handle, FinishedHandle) and not handle.is_playing()
    handle.fade_out(100)
    handle.pause()
    handle.resume()
    handle.stop()
    assert handle.wait(0) is True
    output.pause()
    assert output.paused
    output.resume()
    assert not output.paused and not output.available
    output.stop_all()
    output.close()


def test_the_audio_package_never_imports_textual_or_opens_anything() -> None:
    code = (
        "import sys, session_player.audio, session_player.audio.player, "
        "session_player.audio.speech\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "assert 'simpleaudio' not in sys.modules and 'pyttsx3' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
