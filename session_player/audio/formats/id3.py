"""ID3 tags (MP3, and WAV's ``id3`` chunk): title, summary as a comment, the encoder, and the
sections as ID3v2 chapters (``CHAP`` frames under one ordered ``CTOC``)."""

from __future__ import annotations

from mutagen.id3 import CHAP, COMM, CTOC, ID3, TIT2, TSSE, CTOCFlags

from . import ENCODER, Tags


def fill(tags: ID3, about: Tags) -> None:
    """Put ``about`` into ``tags``."""
    tags.add(TIT2(encoding=3, text=[about.title]))
    if about.summary:
        tags.add(COMM(encoding=3, lang="eng", desc="", text=[about.summary]))
    tags.add(TSSE(encoding=3, text=[ENCODER]))
    ids = [f"ch{n}" for n in range(len(about.chapters))]
    if not ids:
        return
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=[about.title])],
        )
    )
    for element, (name, start, end) in zip(ids, about.chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element,
                start_time=round(start * 1000),
                end_time=round(end * 1000),
                sub_frames=[TIT2(encoding=3, text=[name])],
            )
        )
