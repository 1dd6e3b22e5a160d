"""MP3 (libsndfile's LAME encoder), with ID3v2 tags and chapters."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import ID3, ID3NoHeaderError

from . import Format, Tags, id3


def tag(path: Path, about: Tags) -> None:
    """Tag a written MP3 file."""
    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        tags = ID3()
    id3.fill(tags, about)
    tags.save(path)


FORMAT = Format(".mp3", "MP3", "MP3", "MPEG_LAYER_III", tag)
