"""FLAC: lossless, 16-bit, with Vorbis comments and chapters."""

from __future__ import annotations

from pathlib import Path

from mutagen.flac import FLAC

from . import Format, Tags, vorbis


def tag(path: Path, about: Tags) -> None:
    """Tag a written FLAC file."""
    audio = FLAC(path)
    if audio.tags is None:
        audio.add_tags()
    vorbis.fill(audio.tags, about)
    audio.save()


FORMAT = Format(".flac", "FLAC", "FLAC", "PCM_16", tag)
