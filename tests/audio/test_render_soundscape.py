"""A rendered session with a soundscape under it: the bed fills the quiet, gives way to each
line as a played session does, and fades out with the end bell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile
from rendered import espeak_speech

from session_player.audio.bedmix import gains
from session_player.audio.levels import DUCK_DB
from session_player.audio.mixdown import RATE
from session_player.audio.speech import Speech
from session_player.conductor.saving import save
from session_player.core.script.loader import load_text
from session_player.home.settings import Settings

SESSION = """title = "Settling under rain"
practice = "custom"
soundscape = "rain"

[[step]]
say = "Welcome. Let yourself arrive."

[[step]]
silence = 6

[[step]]
say = "Gently, come back."
"""


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Speech]:
    yield from espeak_speech(tmp_path_factory.mktemp("speech"))


def db(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(x.astype(np.float64) ** 2)) + 1e-12))


def test_a_rendered_session_has_its_soundscape_under_it(speech: object, tmp_path: Path) -> None:
    script = load_text(SESSION)
    assert not isinstance(script, list)
    target = tmp_path / "rain.wav"
    settings = Settings(voice_id="gmw/en-us")
    saved = save(script, settings, speech, target)  # type: ignore[arg-type]
    bed = saved.layout.bed
    assert bed is not None and bed.path.stem == "rain"
    track, rate = soundfile.read(target, dtype="float32")
    assert rate == RATE
    timeline = saved.layout.timeline
    quiet = timeline.steps[1]
    middle = track[round((quiet.start + 1.5) * rate) : round((quiet.start + 4.5) * rate)]
    assert db(middle) > -50  # the quiet is filled: rain, not digital silence
    # Each line is given way to: 8 dB lower while it sounds, full between.
    lines = sorted(bed.ducks.spans.values())
    assert len(lines) == 2
    (start, end), _ = lines
    at = np.array([(start + end) / 2, quiet.start + 3.0])
    under, free = gains(bed, at)
    assert 20 * np.log10(free / under) == pytest.approx(DUCK_DB, abs=0.01)
    # Faded in from nothing, and out with the end bell, before the file ends.
    assert gains(bed, np.array([bed.began]))[0] == 0.0
    assert bed.ends is not None and bed.ends <= len(track) / rate
    assert gains(bed, np.array([bed.ends + 0.01]))[0] == 0.0


def test_the_persons_none_wins_over_the_scripts_soundscape(speech: object, tmp_path: Path) -> None:
    script = load_text(SESSION)
    assert not isinstance(script, list)
    saved = save(
        script,
        Settings(voice=False, soundscape="none"),
        None,
        tmp_path / "plain.wav",
    )
    assert saved.layout.bed is None
    saved = save(
        script, Settings(voice=False, soundscape="none"), None, tmp_path / "w.wav",
        soundscape="waves",
    )  # fmt: skip
    assert saved.layout.bed is not None and saved.layout.bed.path.stem == "waves"
