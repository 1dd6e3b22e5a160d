"""hibari: the natural voice, used by default when it is installed (the voice extra).

Its voices are listed in ``assets/voices.json`` in its package; only those whose model is in the
package (the one in the wheel) are used, since hibari would fetch the others from the net.
Finding them imports neither hibari nor onnxruntime; a worker process loads one (``load``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from session_player.audio.voices.base import (
    Found,
    Header,
    NeuralEngine,
    Render,
    VoiceInfo,
    installed,
)
from session_player.core.bounded import Unreadable, read_json

NAME = "hibari"
MAX_REGISTRY_BYTES = 1 << 20

WPM_PER_SPEED = 199.3
WPM_OFFSET = 8.0
"""words a minute = 199.3 x speed + 8 (148 at 0.7, 207 at 1.0)."""
SPEEDS = (0.5, 2.0)
"""The speeds hibari accepts: it speaks no slower than about 108 words a minute."""


def speed_for(wpm: int) -> float:
    """hibari's speed for ``wpm`` words a minute (within the speeds it accepts)."""
    low, high = SPEEDS
    return round(min(high, max(low, (wpm - WPM_OFFSET) / WPM_PER_SPEED)), 3)


def find(folder: Path | None = None) -> Found:
    """hibari's voices in its package, and the names of those not there (``folder``, where
    people add voices, is not looked in: hibari's voices come only with hibari)."""
    if not installed("hibari", "onnxruntime", "numpy"):
        return [], []
    spec = importlib.util.find_spec("hibari")
    if spec is None or spec.origin is None:
        return [], []
    assets = Path(spec.origin).parent / "assets"
    try:
        registry = read_json(assets / "voices.json", MAX_REGISTRY_BYTES)
    except Unreadable:
        return [], []
    if not isinstance(registry, dict):
        return [], []
    found: list[VoiceInfo] = []
    missing: list[str] = []
    for name, entry in registry.items():
        if not isinstance(entry, dict):
            missing.append(name)
            continue
        model = assets / str(entry.get("file", ""))
        # Only a voice inside the package is used; hibari would fetch the others from the net.
        if entry.get("bundled") and model.is_file():
            language = str(entry.get("language", "en-US"))
            found.append(VoiceInfo(f"{NAME}:{name}", NAME, name, language, model))
        else:
            missing.append(name)
    return found, missing


def unavailable(missing: list[str]) -> str:
    """How the unavailable note names hibari's voices that are not in its package."""
    return f"hibari's {', '.join(missing)} are not in its package"


def load(header: Header) -> Render:
    """In the worker: load the voice the header names, from its model file."""
    import numpy as np
    from hibari import Hibari

    # The model's path is given, so hibari never looks a voice up (and never downloads one).
    tts = Hibari(voice=str(header["name"]), model=str(header["model"]), threads=1)

    def render(text: str, wpm: int) -> tuple[bytes, int]:
        audio = tts(text, speed=speed_for(wpm), seed=0)  # seeded: the same every time
        pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
        return pcm, int(tts.sample_rate)

    return render


ENGINE = NeuralEngine(NAME, find, unavailable, load)
"""hibari, as the registry lists it."""
