"""What the tests that render for real share: the session they render, the lines a bundled
script says, where a sound's own samples lie in a track (rendered or captured), the speech they
render with, and hibari's engines."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from alsa_capture import skip_unless_ci
from scipy.signal import correlate

from session_player.audio.engines import SpeechEngines, open_engines
from session_player.audio.mixdown import RATE, load
from session_player.audio.speech import Speech, open_speech
from session_player.audio.voices.base import installed
from session_player.core.bundled import bundled_scripts_dir

VOICE = "gmw/en-us"  # espeak-ng: a real voice, and quick to render


def settling(title: str, breath: str, silence: str, head: str = "", before_end: str = "") -> str:
    """A short settling session: words to arrive, ``breath`` (its ``breathe`` and ``cycles``
    lines), quiet with interval bells (``silence``: its two lines), ``before_end`` (steps),
    then a closing line. ``head`` adds top-level lines (a summary)."""
    return f"""title = "{title}"
practice = "custom"
{head}
[[step]]
section = "Arriving"
say = "Welcome. Let yourself arrive."

[[step]]
{breath}

[[step]]
section = "Resting"
{silence}
{before_end}
[[step]]
say = "Gently, come back."
"""


def spoken_lines(script: str) -> list[str]:
    """The ``say`` lines of bundled script ``script`` that hold no variable, in order."""
    data = tomllib.loads((bundled_scripts_dir() / f"{script}.toml").read_text())
    said = [s["say"] for s in data["step"] if isinstance(s.get("say"), str)]
    return [text for text in said if "{" not in text]


def found_near(
    track: np.ndarray, path: Path, near: float, reach: float = 0.3, rate: int = RATE
) -> float:
    """Where ``path``'s samples begin in ``track`` (seconds, at ``rate``), looked for ``reach``
    either side of ``near``: the lag of the largest cross-correlation."""
    own = load(path, rate)[: rate * 2]
    lo = max(0, round((near - reach) * rate))
    part = track[lo : lo + len(own) + round(2 * reach * rate)]
    if len(part) < len(own):
        part = np.pad(part, (0, len(own) - len(part)))
    # Not normalised by the window's energy: a bell's partials match themselves a little
    # later too, where the window is quieter, and that would win.
    scores = correlate(part, own, mode="valid", method="fft")
    return (lo + int(np.argmax(scores))) / rate


def espeak_speech(folder: Path) -> Iterator[Speech]:
    """The speech a played session would open (espeak-ng speaks ``VOICE``), its cache in
    ``folder``, for a module's fixture to yield from."""
    found, notice = open_speech(folder)
    assert found.available, notice
    yield found
    found.close()


def hibari_engines(folder: Path) -> Iterator[SpeechEngines]:
    """hibari's engines (no espeak-ng) with their cache in ``folder``, for a fixture to yield
    from; a skip where hibari is not installed (a failure in CI)."""
    if not installed("hibari", "onnxruntime"):
        skip_unless_ci("hibari-tts is not installed (the voice extra has it)")
    found, notice = open_engines(folder / "speech", folder / "voices", espeak=False)
    assert found is not None, notice
    yield found
    found.close()
