"""The neural engines by name: the one list the rest of ``audio`` asks.

``find_voices`` is what the player lists (read from disk, no engine imported), ``engine_of`` says
which engine a voice id belongs to, and ``load`` is what a worker process calls to load a voice.
A new engine is one module with an ``ENGINE`` and one entry in ``NEURAL`` (``docs/recipes.md``).
"""

from __future__ import annotations

from pathlib import Path

from session_player.audio.voices import hibari, piper
from session_player.audio.voices.base import Header, NeuralEngine, Render, VoiceInfo

NEURAL: dict[str, NeuralEngine] = {engine.name: engine for engine in (hibari.ENGINE, piper.ENGINE)}
"""In the order their voices are listed: with no voice chosen, the first voice found speaks."""


def engine_of(voice_id: str | None) -> str | None:
    """The neural engine a voice id names, or None (an espeak voice, or the default)."""
    prefix, sep, _ = (voice_id or "").partition(":")
    return prefix if sep and prefix in NEURAL else None


def find_voices(folder: Path) -> tuple[list[VoiceInfo], str | None]:
    """Every neural voice that can speak here (``folder`` is where people add voices), and one
    line about those listed that can't, or None."""
    found: list[VoiceInfo] = []
    parts: list[str] = []
    for engine in NEURAL.values():
        voices, unusable = engine.find(folder)
        found += voices
        if unusable:
            parts.append(engine.unavailable(unusable))
    if not parts:
        return found, None
    return found, "Unavailable: " + "; ".join(parts) + ". Voices are never downloaded."


def chosen(voice_id: str, folder: Path) -> VoiceInfo | None:
    """The neural voice that speaks for the person's choice ``voice_id`` (empty: the first
    there is), or None (an espeak voice, or one not here)."""
    if voice_id and engine_of(voice_id) is None:
        return None
    voices, _note = find_voices(folder)
    if not voice_id:
        return voices[0] if voices else None
    return next((v for v in voices if v.id == voice_id), None)


def load(header: Header) -> Render:
    """In a worker: load the voice the header names (``KeyError`` for an engine not here)."""
    return NEURAL[header["engine"]].load(header)
