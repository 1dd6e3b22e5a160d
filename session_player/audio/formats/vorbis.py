"""Vorbis comments (FLAC, Ogg Vorbis, Opus): TITLE, DESCRIPTION, ENCODER, and the sections as
chapters in the ``CHAPTERnnn``/``CHAPTERnnnNAME`` convention players read."""

from __future__ import annotations

from typing import Any

from . import ENCODER, Tags, chapter_stamp


def fill(tags: Any, about: Tags) -> None:
    """Put ``about`` into a mutagen Vorbis comment block."""
    tags["TITLE"] = about.title
    if about.summary:
        tags["DESCRIPTION"] = about.summary
    tags["ENCODER"] = ENCODER
    for n, (name, start, _end) in enumerate(about.chapters, 1):
        tags[f"CHAPTER{n:03d}"] = chapter_stamp(start)
        tags[f"CHAPTER{n:03d}NAME"] = name
