"""Piper voices the person added (the piper extra): a ``NAME.onnx`` file beside its
``NAME.onnx.json`` in ``<data dir>/voices``.

Finding them imports neither Piper nor onnxruntime; a voice that can't be used (no readable
settings beside it, or the extra not installed) is listed as unavailable, with a note, and never
fetched. A worker process loads one (``load``).
"""

from __future__ import annotations

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

NAME = "piper"
MAX_CONFIG_BYTES = 1 << 20  # a voice's .onnx.json is under 20 KiB

WPM_TIMES_SCALE = 306.7
SCALE_OFFSET = 0.4265
"""(en_US-joe-medium) words a minute = 306.7 / (length scale + 0.4265): 215 at 1, 159 at 1.5."""


def length_scale_for(wpm: int) -> float:
    """Piper's length scale for ``wpm`` words a minute."""
    return round(max(0.25, WPM_TIMES_SCALE / max(1, wpm) - SCALE_OFFSET), 3)


def _language(config: dict[str, object]) -> str:
    language = config.get("language")
    code = language.get("code") if isinstance(language, dict) else None
    if not code:
        espeak = config.get("espeak")
        code = espeak.get("voice") if isinstance(espeak, dict) else None
    return str(code or "und").replace("_", "-")


def find(folder: Path) -> Found:
    """The Piper voices in ``folder``, and a few words for each one that can't be used."""
    try:
        models = sorted(p for p in Path(folder).glob("*.onnx") if p.is_file())
    except OSError:
        return [], []
    has_piper = installed("piper", "onnxruntime")
    found: list[VoiceInfo] = []
    unusable: list[str] = []
    for model in models:
        name = model.stem
        config_path = model.with_name(model.name + ".json")
        try:
            # The bounded reader: a FIFO is refused without blocking, /dev/zero is never
            # read, and values nested thousands deep are refused before json sees them.
            config = read_json(config_path, MAX_CONFIG_BYTES)
        except Unreadable as problem:
            why = f"{config_path.name} is not beside it" if problem.missing else str(problem)
            unusable.append(f"{name} ({why})")
            continue
        if not isinstance(config, dict):
            unusable.append(f"{name} ({config_path.name} is not a voice's settings)")
            continue
        if not has_piper:
            unusable.append(f"{name} (the piper extra is not installed)")
            continue
        language = _language(config)
        found.append(VoiceInfo(f"{NAME}:{name}", NAME, name, language, model, config_path))
    return found, unusable


def unavailable(unusable: list[str]) -> str:
    """How the unavailable note names the Piper voices that can't be used, and why."""
    return "Piper " + "; ".join(unusable)


def load(header: Header) -> Render:
    """In the worker: load the voice the header names, from its model and its settings."""
    from piper import PiperVoice, SynthesisConfig

    voice = PiperVoice.load(str(header["model"]), config_path=str(header["config"]))

    def render(text: str, wpm: int) -> tuple[bytes, int]:
        config = SynthesisConfig(length_scale=length_scale_for(wpm))
        chunks = list(voice.synthesize(text, syn_config=config))
        rate = chunks[0].sample_rate if chunks else int(voice.config.sample_rate)
        return b"".join(c.audio_int16_bytes for c in chunks), int(rate)

    return render


ENGINE = NeuralEngine(NAME, find, unavailable, load)
"""Piper, as the registry lists it."""
