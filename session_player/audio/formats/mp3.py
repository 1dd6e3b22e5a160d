"""MP3 (LAME through lameenc where it is installed, else libsndfile's), with ID3v2 tags and
chapters."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mutagen.id3 import ID3, ID3NoHeaderError

from . import AudioFile, Format, Tags, id3


def tag(path: Path, about: Tags) -> None:
    """Tag a written MP3 file."""
    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        tags = ID3()
    id3.fill(tags, about)
    tags.save(path)


def encode(path: Path, rate: int) -> AudioFile:
    """``path`` opened to be encoded by lameenc's LAME (``lame``)."""
    from .lame import LameFile

    return LameFile(path, rate)


FORMAT = Format(
    ".mp3", "MP3", "MP3", "MPEG_LAYER_III", tag,
    encoder=encode if importlib.util.find_spec("lameenc") is not None else None,
)  # fmt: skip
