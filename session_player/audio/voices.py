"""The neural voices on this computer: hibari's, and Piper voices the person added.

Finding them imports neither engine (onnxruntime alone is 200 MB resident): hibari's registry is
read from its package folder, and a Piper voice is a ``NAME.onnx`` file beside its
``NAME.onnx.json`` in ``<data dir>/voices``. Nothing is ever downloaded: a voice that is not on
disk is listed as unavailable, with a note, and never fetched.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from ..core.bounded import Unreadable, read_json

HIBARI = "hibari"
PIPER = "piper"
ESPEAK = "espeak"
NEURAL = (HIBARI, PIPER)
MAX_CONFIG_BYTES = 1 << 20  # a Piper voice's .onnx.json is under 20 KiB


@dataclass(frozen=True)
class VoiceInfo:
    """One voice that can speak: which engine, its name and language, and its model files."""

    id: str
    """What settings keep: ``hibari:heart``, ``piper:en_US-joe-medium``, or an espeak id."""
    engine: str
    name: str
    language: str
    """A language tag such as ``en-US``."""
    model: Path | None = None
    config: Path | None = None

    @property
    def label(self) -> str:
        """How the voice list names it: voice, engine and language."""
        return f"{self.name} · {self.engine} · {self.language}"


def engine_of(voice_id: str | None) -> str | None:
    """The neural engine a voice id names, or None (an espeak voice, or the default)."""
    prefix, sep, _ = (voice_id or "").partition(":")
    return prefix if sep and prefix in NEURAL else None


def installed(*modules: str) -> bool:
    """True when every module can be imported (found, not imported)."""
    try:
        return all(importlib.util.find_spec(m) is not None for m in modules)
    except (ImportError, ValueError):
        return False


def hibari_voices() -> tuple[list[VoiceInfo], list[str]]:
    """hibari's voices in its package (the one in the wheel), and the names of those not there."""
    if not installed("hibari", "onnxruntime", "numpy"):
        return [], []
    spec = importlib.util.find_spec("hibari")
    if spec is None or spec.origin is None:
        return [], []
    assets = Path(spec.origin).parent / "assets"
    try:
        registry = read_json(assets / "voices.json", MAX_CONFIG_BYTES)
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
            found.append(VoiceInfo(f"{HIBARI}:{name}", HIBARI, name, language, model))
        else:
            missing.append(name)
    return found, missing


def _piper_language(config: dict[str, object]) -> str:
    language = config.get("language")
    code = language.get("code") if isinstance(language, dict) else None
    if not code:
        espeak = config.get("espeak")
        code = espeak.get("voice") if isinstance(espeak, dict) else None
    return str(code or "und").replace("_", "-")


def piper_voices(folder: Path) -> tuple[list[VoiceInfo], list[str]]:
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
        language = _piper_language(config)
        found.append(VoiceInfo(f"{PIPER}:{name}", PIPER, name, language, model, config_path))
    return found, unusable


def unavailable_note(hibari_missing: list[str], piper_unusable: list[str]) -> str | None:
    """One line about the voices that are listed but can't speak here, or None."""
    parts = []
    if hibari_missing:
        parts.append(f"hibari's {', '.join(hibari_missing)} are not in its package")
    if piper_unusable:
        parts.append("Piper " + "; ".join(piper_unusable))
    if not parts:
        return None
    return "Unavailable: " + "; ".join(parts) + ". Voices are never downloaded."


def language_match(languages: list[str], wanted: str) -> int:
    """2 for an exact language match, 1 for a related one (same base language), else 0."""
    wanted = wanted.lower().replace("_", "-")
    best = 0
    for lang in (code.lower() for code in languages):
        if lang == wanted:
            return 2
        if lang.startswith(wanted + "-") or lang.split("-")[0] == wanted.split("-")[0]:
            best = 1
    return best
