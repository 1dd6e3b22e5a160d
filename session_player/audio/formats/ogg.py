"""Ogg: Vorbis (``.ogg``) or Opus (``.opus``, at the 48 kHz Opus is made for), with Vorbis
comments and chapters."""

from __future__ import annotations

from pathlib import Path

from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

from . import Format, Tags, vorbis


def tag_vorbis(path: Path, about: Tags) -> None:
    """Tag a written Ogg Vorbis file."""
    audio = OggVorbis(path)
    vorbis.fill(audio.tags, about)
    audio.save()


def tag_opus(path: Path, about: Tags) -> None:
    """Tag a written Opus file."""
    audio = OggOpus(path)
    vorbis.fill(audio.tags, about)
    audio.save()


FORMAT = Format(".ogg", "Ogg Vorbis", "OGG", "VORBIS", tag_vorbis)
OPUS = Format(".opus", "Ogg Opus", "OGG", "OPUS", tag_opus, rate=48000)
