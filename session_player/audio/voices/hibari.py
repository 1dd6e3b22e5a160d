"""hibari: the natural voice, used by default when it is installed (the voice extra).

Its voices are listed in ``assets/voices.json`` in its package; only those whose model is in the
package (the one in the wheel) are used, since hibari would fetch the others from the net.
Finding them imports neither hibari nor onnxruntime; a worker process loads one (``load``).
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from typing import Any

from session_player.audio.loudness import SILENT_DBFS
from session_player.audio.voices.base import (
    Found,
    Header,
    NeuralEngine,
    Render,
    VoiceInfo,
    installed,
    keep_pace,
)
from session_player.core.bounded import Unreadable, read_json
from session_player.core.script.pronounce import respell

NAME = "hibari"
SILENT = 10 ** (SILENT_DBFS / 20)
"""Samples (full scale 1.0) quieter than this count as silence, as ``loudness`` counts them."""
PRONOUNCE: dict[str, str] = {"pacer": "pay sir"}
"""hibari's own respellings, applied after a script's ``[pronounce]`` (``docs/script-format.md``);
bump ``cache.CACHE_FORMAT`` when they change. Measured with pocketsphinx on the 13 clauses of
the bundled scripts that say "pacer": heard as "peace there" or "peace air" in all 13; as
"pacer" in 9 with "pay sir" ("pay-sir", "pace-er", "paysser" and "paice-ur": 1 or none). For
"begin" (heard "began" in all 8 clauses) no respelling helped without moving its stress
("bigginn": 3 of 8, said BIG-in), and none for "Welcome" (heard "well can" in 9 of 9). Nor
did phonemes given straight to the model, nor a pause or a breath before "Welcome"; and the
recogniser hears the Piper voice's "begin" as "began" too (docs/script-format.md, [pronounce])."""
_VOWEL_START = re.compile(r"(?:^|(?<=[.!?…])\s+)(?=[AEIOUaeiou])")
"""Where a sentence (hibari says each on its own, from silence) starts with a vowel."""


def for_hibari(text: str) -> str:
    """``text`` as hibari is given it: its own respellings, and a comma before each sentence
    that starts with a vowel.

    From silence, hibari glides into a vowel: a recogniser (pocketsphinx, on the first 1.6 s of
    65 vowel-initial lines of the bundled scripts at 140 words a minute) heard "If" as "yes",
    "yeah" or "yet" in 18 of 41 lines. With the comma it gives itself a pause first (trimmed
    away) and starts cleanly: 1 of 41, and the lines' speech 0.13 s shorter on average (the
    glide gone). An ellipsis made it worse (30 of 41); a dash did as well as the comma.
    """
    said = respell(text, PRONOUNCE) if PRONOUNCE else text
    return _VOWEL_START.sub(lambda m: m.group(0) + ", ", said)


MAX_REGISTRY_BYTES = 1 << 20

WPM_PER_SPEED = 212.1
WPM_OFFSET = -3.9
"""words a minute = 212.1 x speed - 3.9 (102 at 0.5, 145 at 0.7, 166 at 0.8): measured on every
fourth of the 624 spoken lines of the bundled scripts (156 lines, 2,900 words), words over each
line's length from first sound to last. That is the average; one line's pace jumps by up to a
tenth between nearby speeds, so each line is measured and its speed corrected (``keep_pace``)."""
SPEEDS = (0.4, 2.0)
"""The speeds used: below 0.5 (about 100 words a minute) only to bring a brisk line to pace."""


def speed_for(wpm: int) -> float:
    """hibari's speed for ``wpm`` words a minute, on average (within the speeds used)."""
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
    tts = Hibari(voice=str(header["name"]), model=optimised(Path(header["model"])), threads=1)
    # Its spelling-to-sound tables load with the voice, not with the first line: 0.8 s of a
    # core, spent by a worker started early while the app starts rather than after Enter.
    tts.g2p("Ready.")

    def synth(text: str, speed: float) -> Any:
        return tts(text, speed=speed, seed=0)  # seeded: the same every time

    def seconds(audio: Any) -> float:
        """Seconds from the first sound to the last (as ``loudness.trim`` finds them)."""
        loud = np.flatnonzero(np.abs(audio) > SILENT)
        return float(loud[-1] - loud[0] + 1) / tts.sample_rate if loud.size else 0.0

    def render(text: str, wpm: int) -> tuple[bytes, int]:
        said = for_hibari(text)
        audio = keep_pace(
            lambda speed: synth(said, speed), seconds, text, wpm, speed_for(wpm), SPEEDS
        )
        pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
        return pcm, int(tts.sample_rate)

    return render


def optimised(model: Path) -> str:
    """``model`` as onnxruntime runs it, its graph optimised once and kept in the cache: a
    session on it is made in 0.09 s of a core rather than 0.35, the same audio to the sample
    (``docs/performance.md``, "The first word"). Optimised only as far as any processor can
    run it (``ORT_ENABLE_EXTENDED``; the layout for this one's is made at load); named by the
    model's size and time and onnxruntime's version. Where it can't be kept: ``model``."""
    import onnxruntime as ort

    from session_player.home import paths

    try:
        stat = model.stat()
        folder = paths.cache_dir() / "models"
        kept = folder / f"{model.stem}-{stat.st_size}-{stat.st_mtime_ns}-{ort.__version__}.ort"
        if kept.is_file():
            return str(kept)
        folder.mkdir(parents=True, exist_ok=True)
        writing = kept.with_name(f".{kept.stem}.{os.getpid()}.ort")
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.optimized_model_filepath = str(writing)
        options.add_session_config_entry("session.save_model_format", "ORT")
        options.log_severity_level = 3
        ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        os.replace(writing, kept)
        return str(kept)
    except Exception:  # a read-only cache, a full disk, an odd model: it runs as it is
        return str(model)


ENGINE = NeuralEngine(NAME, find, unavailable, load)
"""hibari, as the registry lists it."""
