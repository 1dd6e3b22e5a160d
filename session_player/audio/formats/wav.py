"""WAV: 16-bit PCM, tagged in an ``id3`` chunk (chapters too, for players that read them)."""

from __future__ import annotations

from pathlib import Path

from mutagen.wave import WAVE

from . import Format, Tags, id3


def tag(path: Path, about: Tags) -> None:
    """Tag a written WAV file."""
    audio = WAVE(path)
    audio.add_tags()
    assert audio.tags is not None
    id3.fill(audio.tags, about)
    audio.save()


FORMAT = Format(".wav", "WAV", "WAV", "PCM_16", tag)
