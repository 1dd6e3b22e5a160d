"""espeak-ng as the fallback voice: which English it speaks, and how its lines begin.

Rendered through the real engine (and hibari beside it), measured on the samples written.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from alsa_capture import read_wav_samples, skip_unless_ci

from session_player.audio.engines import SpeechEngines, open_engines
from session_player.audio.loudness import FULL_SCALE, SILENT_DBFS
from session_player.audio.voices.base import installed
from session_player.audio.voices.espeak import SpeechRenderer
from session_player.core.bundled import bundled_scripts_dir


@pytest.mark.parametrize(
    ("locale", "voice"),
    [
        ("C.UTF-8", "gmw/en-us"),  # no English locale: the plain regional default
        ("en_US.UTF-8", "gmw/en-us"),
        ("en_GB.UTF-8", "gmw/en"),  # espeak-ng's English (Great Britain) is en-gb
        ("en_AU.UTF-8", "gmw/en-us"),  # no Australian voice: the default, not the Caribbean
        ("de_DE.UTF-8", "gmw/en-us"),
    ],
)
def test_a_script_in_english_is_spoken_in_the_plain_regional_voice(
    espeak: SpeechRenderer, monkeypatch: pytest.MonkeyPatch, locale: str, voice: str
) -> None:
    # espeak-ng lists English (Caribbean) first; a script in "en" got it.
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    only_espeak = SpeechEngines(espeak.cache_dir, espeak, [])
    assert only_espeak.first_voice("en") == voice
    assert espeak.first_voice("en") == voice
    assert only_espeak.first_voice("en-GB") == "gmw/en"  # a region asked for is kept
    assert only_espeak.first_voice("en-029") == "gmw/en-029"


def bundled_lines(script: str, count: int) -> list[str]:
    """The first ``count`` lines said in a bundled script."""
    data = tomllib.loads((bundled_scripts_dir() / f"{script}.toml").read_text())
    said = [s["say"] for s in data["step"] if isinstance(s.get("say"), str)]
    return [t for t in said if "{" not in t][:count]


LINES = bundled_lines("rain", 6) + bundled_lines("box-breathing", 4)


def lead_in(path: Path) -> tuple[float, float]:
    """Seconds of silence (below the level ``loudness`` counts as silence) before the first
    sound of a rendered line, and after its last."""
    rate, _channels, _width, samples = read_wav_samples(path)
    threshold = FULL_SCALE * 10 ** (SILENT_DBFS / 20)
    loud = [i for i, s in enumerate(samples) if abs(s) > threshold]
    assert loud, path
    return loud[0] / rate, (len(samples) - 1 - loud[-1]) / rate


def test_espeak_lines_begin_with_the_lead_in_of_silence_the_natural_voice_has(
    espeak: SpeechRenderer, tmp_path: Path
) -> None:
    espeak.cache_dir = tmp_path / "espeak"
    spoken = espeak.render_missing(LINES, "gmw/en-us", 140)
    assert len(LINES) == 10 and set(spoken) == set(LINES)
    edges = {text: lead_in(path) for text, path in spoken.items()}
    # Today most espeak lines start with sound in their very first sample, and a player
    # starting one is a click; each line now starts (and ends) with 40 ms of silence.
    assert all(0.035 <= before <= 0.045 for before, _ in edges.values()), edges
    assert all(0.035 <= after <= 0.045 for _, after in edges.values()), edges
    if not installed("hibari", "onnxruntime"):
        skip_unless_ci("hibari-tts is not installed (the voice extra has it)")
    engines, notice = open_engines(tmp_path / "neural", tmp_path / "voices", espeak=False)
    assert engines is not None, notice
    try:
        natural = engines.render_missing(LINES[:3], "hibari:heart", 140)
    finally:
        engines.close()
    for text, path in natural.items():
        before, _ = lead_in(path)
        assert abs(before - edges[text][0]) < 0.01, (text, before, edges[text])
