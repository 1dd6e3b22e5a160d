"""The audio formats a session can be rendered to, one module each, chosen by extension.

Each format says how ``soundfile`` (libsndfile) encodes it and how ``mutagen`` tags it: the
title, the script's summary, "session-player" as the encoder, and the sections as chapters
where the format has them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ENCODER = "session-player"


@dataclass(frozen=True)
class Tags:
    """What a rendered file says about itself."""

    title: str
    summary: str
    chapters: tuple[tuple[str, float, float], ...]  # (name, start, end) in seconds
    length: float


@dataclass(frozen=True)
class Format:
    """One way to write a file: libsndfile's format and subtype, its rate, and its tagger."""

    extension: str
    name: str
    container: str
    subtype: str
    tag: Callable[[Path, Tags], None]
    rate: int | None = None  # a rate the encoder needs (Opus: 48 kHz); None keeps the mix's


def _formats() -> dict[str, Format]:
    from . import flac, mp3, ogg, wav

    found = [wav.FORMAT, flac.FORMAT, ogg.FORMAT, ogg.OPUS, mp3.FORMAT]
    return {f.extension: f for f in found}


EXTENSIONS = (".wav", ".flac", ".ogg", ".opus", ".mp3")
"""Every extension a session can be rendered to."""


def format_for(path: Path) -> Format | None:
    """The format ``path``'s extension names, or None."""
    return _formats().get(path.suffix.lower())


def available(fmt: Format) -> bool:
    """True when this machine's libsndfile can write ``fmt``."""
    import soundfile

    return bool(soundfile.check_format(fmt.container, fmt.subtype))


def chapter_stamp(seconds: float) -> str:
    """``HH:MM:SS.mmm``, as chapter tags write a moment."""
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
