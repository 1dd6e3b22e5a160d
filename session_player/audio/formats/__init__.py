"""The audio formats a session can be rendered to, one module each, chosen by extension.

Each format says how ``soundfile`` (libsndfile) encodes it and how ``mutagen`` tags it: the
title, the script's summary, "session-player" as the encoder, and the sections as chapters
where the format has them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..mixdown import Samples

ENCODER = "session-player"


@dataclass(frozen=True)
class Tags:
    """What a rendered file says about itself."""

    title: str
    summary: str
    chapters: tuple[tuple[str, float, float], ...]  # (name, start, end) in seconds
    length: float


class AudioFile(Protocol):
    """A mono file being written, as ``soundfile.SoundFile`` is."""

    def write(self, samples: Samples) -> Any:
        """Add ``samples`` (-1..1)."""

    def close(self) -> None:
        """Finish the file."""

    def __enter__(self) -> AudioFile:
        """The file itself."""

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
        /,
    ) -> Any:
        """Finished, or left unfinished after an error."""


@dataclass(frozen=True)
class Format:
    """One way to write a file: libsndfile's format and subtype (or an encoder of its own),
    its rate, and its tagger."""

    extension: str
    name: str
    container: str
    subtype: str
    tag: Callable[[Path, Tags], None]
    rate: int | None = None  # a rate the encoder needs (Opus: 48 kHz); None keeps the mix's
    encoder: Callable[[Path, int], AudioFile] | None = None  # rather than libsndfile's

    def open(self, path: Path, rate: int) -> AudioFile:
        """``path`` opened to be written in this format at ``rate``, mono."""
        if self.encoder is not None:
            return self.encoder(path, rate)
        import soundfile

        opened: AudioFile = soundfile.SoundFile(
            path, "w", rate, 1, format=self.container, subtype=self.subtype
        )
        return opened


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
    """True when ``fmt`` can be written here: by its own encoder, or this libsndfile's."""
    if fmt.encoder is not None:
        return True
    import soundfile

    return bool(soundfile.check_format(fmt.container, fmt.subtype))


def chapter_stamp(seconds: float) -> str:
    """``HH:MM:SS.mmm``, as chapter tags write a moment."""
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
