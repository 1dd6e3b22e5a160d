"""What every voice engine shares: a voice's description, and the shape of a neural engine.

A neural engine (``hibari``, ``piper``) is a module of its own in this package with an ``ENGINE``
(a ``NeuralEngine``) that ``registry`` lists: how its voices are found on this computer without
importing the engine (onnxruntime alone is 200 MB resident), how the note about the ones that
can't speak names them, and how a worker process loads one (``session_player.audio.worker``).
espeak-ng (``espeak``) is not one of them: it renders in the player's own process.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Render = Callable[[str, int], tuple[bytes, int]]
"""(text, words a minute) -> (16-bit mono PCM, sample rate)."""
Header = dict[str, Any]
"""The first line a worker reads: ``{"engine", "name", "model", "config"}`` (see ``worker``)."""
Found = tuple[list["VoiceInfo"], list[str]]
"""The voices that can speak here, and a few words for each one listed that can't."""


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


@dataclass(frozen=True)
class NeuralEngine:
    """One neural engine: its voices are ``NAME:voice`` ids, rendered in worker processes."""

    name: str
    """The prefix of its voice ids, and what a worker's header names."""
    find: Callable[[Path], Found]
    """Its voices on this computer (given the folder people add voices to), read from disk
    without importing the engine; nothing is ever downloaded."""
    unavailable: Callable[[list[str]], str]
    """The part of the "Unavailable: ..." note that names its voices that can't speak."""
    load: Callable[[Header], Render]
    """In the worker process: load the voice the header names, and how it renders a line at a
    number of words a minute (the engine's own speed setting mapped from them)."""


def installed(*modules: str) -> bool:
    """True when every module can be imported (found, not imported)."""
    try:
        return all(importlib.util.find_spec(m) is not None for m in modules)
    except (ImportError, ValueError):
        return False


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
