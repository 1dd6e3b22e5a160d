"""A whole session through the real sound path: the conductor, simpleaudio, and ALSA writing to a
file (ALSA's ``file`` plugin over a ``null`` device), so the test hears what a person would."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest

CONFIG = """
pcm.!default {{
    type file
    slave.pcm {{ type null }}
    format "wav"
    file "{out}"
}}
"""
AUDIO = Path(__file__).resolve().parents[2] / "audio"


def _simpleaudio_missing() -> bool:
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        return True
    return False


pytestmark = pytest.mark.skipif(
    _simpleaudio_missing() and not os.environ.get("CI"),
    reason="the sound extra is not installed (CI installs it, so this never skips there)",
)


def peak_and_seconds(path: Path) -> tuple[int, float, int]:
    with wave.open(str(path)) as wav:
        frames = wav.readframes(wav.getnframes())
        rate = wav.getframerate()
        samples = array("h", frames)
        return max(map(abs, samples), default=0), len(samples) / wav.getnchannels() / rate, rate


def fresh_folder(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    return folder


def play(
    tmp_path: Path, script: str, *args: str, settings: str = "", answers: str | None = None
) -> Path:
    out = tmp_path / "heard.wav"
    (tmp_path / "asound.conf").write_text(CONFIG.format(out=out))
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.toml").write_text("checkins = false\n" + settings)
    path = tmp_path / "s.toml"
    path.write_text(script)
    env = {
        **os.environ,
        "SESSION_PLAYER_HOME": str(tmp_path),
        "ALSA_CONFIG_PATH": str(tmp_path / "asound.conf"),
        "TMPDIR": str(fresh_folder(tmp_path / "tmp")),
    }
    done = subprocess.run(
        [sys.executable, "-m", "session_player", "play", str(path), "--plain", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        input=answers,
        stdin=subprocess.DEVNULL if answers is None else None,
    )
    assert done.returncode == 0, done.stderr
    assert "Sound is off" not in done.stderr, done.stderr
    return out


CHIME = """title = "Chime"
practice = "silent"
start_chime = "none"
end_chime = "none"
[[step]]
chime = "bowl"
[[step]]
silence = "12s"
"""


def test_a_chime_reaches_alsa_at_the_chime_volume(tmp_path: Path) -> None:
    heard = play(tmp_path, CHIME, "--no-voice", settings="chime_volume = 50\n")
    original_peak, original_seconds, original_rate = peak_and_seconds(AUDIO / "bowl.wav")
    peak, seconds, rate = peak_and_seconds(heard)
    assert rate == original_rate
    assert seconds == pytest.approx(original_seconds, abs=0.1)
    assert peak == pytest.approx(original_peak * 0.5, rel=0.1)  # half volume, as set


def test_volume_zero_plays_nothing_a_person_could_hear(tmp_path: Path) -> None:
    heard = play(tmp_path, CHIME, "--no-voice", settings="chime_volume = 0\n")
    if heard.exists() and heard.stat().st_size > 44:
        assert peak_and_seconds(heard)[0] == 0


SPOKEN = """title = "Spoken"
practice = "custom"
start_chime = "none"
end_chime = "none"
[[step]]
say = "You can stop at any time, and that is fine."
pause = "1s"
"""


def test_a_spoken_line_is_rendered_and_played(tmp_path: Path) -> None:
    heard = play(tmp_path, SPOKEN)
    peak, seconds, _rate = peak_and_seconds(heard)
    assert peak > 1000  # not silence
    assert 1.0 < seconds < 8.0  # about ten words
    cached = list((tmp_path / "cache" / "speech").glob("*.wav"))
    assert len(cached) == 1  # rendered once, ahead of time, and kept


ANSWERED = """title = "Answered"
practice = "custom"
start_chime = "none"
end_chime = "none"
[[step]]
ask = "What would you like to call your companion?"
into = "name"
[[step]]
say = "Hello {name}, you can rest here for a while."
pause = "2s"
"""


def test_a_line_with_the_persons_answer_is_spoken_and_not_kept(tmp_path: Path) -> None:
    heard = play(tmp_path, ANSWERED, answers="Robin\n")
    peak, seconds, _rate = peak_and_seconds(heard)
    assert peak > 1000  # not silence
    assert 1.0 < seconds < 8.0  # about ten words
    # Only the question is kept, rendered ahead; their words aren't kept,
    assert len(list((tmp_path / "cache" / "speech").glob("*.wav"))) == 1
    assert list((tmp_path / "tmp").iterdir()) == []  # not even for a while
