"""hibari keeps to the words a minute the person set: rendered for real, measured on the WAV.

The pace is words over each line's speech, first sound to last: the rendered file's length less
the silence every line has at each end (``loudness.EDGE_S``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rendered import hibari_engines, spoken_lines

from session_player.audio.engines import SpeechEngines
from session_player.audio.loudness import EDGE_S
from session_player.audio.pcm import wav_seconds
from session_player.audio.voices.base import PACE_TOLERANCE, keep_pace

LINE = "Breathe in gently, and let the breath go, as slowly as feels kind to you today."


KNOWN = [LINE, *spoken_lines("rain")[:3], *spoken_lines("loving-kindness-5min")[:2]]


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SpeechEngines]:
    yield from hibari_engines(tmp_path_factory.mktemp("pace"))


def pace(path: Path, text: str) -> float:
    """Words a minute, first sound to last."""
    return len(text.split()) / (wav_seconds(path) - 2 * EDGE_S) * 60


@pytest.mark.parametrize("wpm", [100, 140, 180])
def test_hibari_speaks_at_the_words_a_minute_set(engines: SpeechEngines, wpm: int) -> None:
    # Set to 180 it spoke the first line at 209 words a minute; at 100, 110.
    spoken = engines.render_missing(KNOWN, "hibari:heart", wpm)
    assert set(spoken) == set(KNOWN) and engines.notes() == []
    words = sum(len(text.split()) for text in KNOWN)
    seconds = sum(wav_seconds(path) - 2 * EDGE_S for path in spoken.values())
    assert words / seconds * 60 == pytest.approx(wpm, rel=0.05)
    for text, path in spoken.items():  # and each line on its own, not only on average
        assert pace(path, text) == pytest.approx(wpm, rel=0.05), text


def staircase(speed: float) -> float:
    """Seconds of a 20-word line said at 200 x ``speed`` words a minute, in steps (as hibari)."""
    return 20 / (200 * round(speed * 50) / 50) * 60


def test_a_line_off_its_pace_is_rendered_again_at_a_corrected_speed() -> None:
    text = " ".join(["word"] * 20)
    tried: list[float] = []

    def synth(speed: float) -> float:
        tried.append(speed)
        return staircase(speed)

    seconds = keep_pace(synth, lambda s: s, text, 150, 0.66, (0.4, 2.0))
    assert tried[0] == 0.66 and len(tried) > 1  # 0.66 says the 20 words at 132 a minute
    assert abs(20 / seconds * 60 / 150 - 1) <= PACE_TOLERANCE
    tried.clear()
    assert keep_pace(synth, lambda s: s, "in", 150, 0.66, (0.4, 2.0)) == staircase(0.66)
    assert tried == [0.66]  # a breath word is said at the mapped speed, once
