"""A session saved as an audio file (``session-player render``, the library's "Save as
audio..."): laid out as heard (``rendering``), mixed, brought to one loudness, encoded by the
file's extension, tagged, and put in place whole or not at all.

Needs the ``render`` extra (numpy, soundfile, pyloudnorm, mutagen); ``missing`` says so in one
line where it is not installed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..audio.speech import Speech
from ..core.files import whole_file
from ..core.log.kept import KeptStore
from ..core.script.model import Script
from ..home.settings import Settings
from .rendering import Layout, lay_out

if TYPE_CHECKING:
    from ..audio.mixdown import Samples

NEEDS = ("numpy", "scipy", "soundfile", "pyloudnorm", "mutagen")
HOW = "pip install 'session-player[render]'"

# The share of the work each stage takes, for one progress bar (speech cached): the voice,
# the two passes over the mix that measure it, and the one that writes it.
SPEECH, MASTER = 0.15, 0.7

WRITE_BLOCK = 1 << 15  # frames handed to the encoder at a time

Progress = Callable[[float, str], None]
"""Told the share done (0..1) and what is being done."""


class SaveError(Exception):
    """The file could not be made; the message says why, in a line."""


@dataclass(frozen=True)
class Saved:
    """What was written: where, its layout, and its measured loudness and true peak."""

    path: Path
    layout: Layout
    lufs: float
    true_peak_dbtp: float


def missing() -> str | None:
    """One line saying how to get rendering, or None when it is installed."""
    absent = [name for name in NEEDS if importlib.util.find_spec(name) is None]
    if not absent:
        return None
    return f"Saving sessions as audio needs {', '.join(absent)}: {HOW}"


def check_target(target: Path, *, force: bool = False) -> str | None:
    """Why ``target`` can't be written (unknown extension, no encoder here, exists without
    ``force``, no such folder), or None."""
    from ..audio.formats import EXTENSIONS, available, format_for

    fmt = format_for(target)
    if fmt is None:
        return f"{target.name}: the extension says the format; use one of {', '.join(EXTENSIONS)}"
    if not available(fmt):
        return f"{fmt.name} can't be written here: this libsndfile has no encoder for it"
    if target.exists() and not force:
        return f"{target} exists; add --force to replace it"
    if not target.parent.is_dir():
        return f"{target.parent} is not a folder"
    return None


def save(
    script: Script,
    settings: Settings,
    speech: Speech | None,
    target: Path,
    *,
    kept: KeptStore | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    soundscape: str | None = None,
) -> Saved:
    """Render ``script`` into ``target`` (format by extension; ``soundscape`` as
    ``--soundscape``). Raises ``SaveError``; Ctrl+C or ``cancelled`` leaves nothing behind
    (``mixdown.Cancelled``)."""
    from ..audio import bedmix, mastering, mixdown
    from ..audio.formats import Tags, format_for
    from ..audio.loops import LoopError

    fmt = format_for(target)
    if fmt is None:
        raise SaveError(check_target(target) or "unknown format")
    tell = progress or (lambda share, doing: None)

    def spoken(done: int, total: int) -> None:
        tell(SPEECH * done / max(1, total), "voicing the lines")
        if cancelled is not None and cancelled():
            raise mixdown.Cancelled

    layout = lay_out(script, settings, speech, kept=kept, progress=spoken, soundscape=soundscape)
    rate = fmt.rate or mixdown.RATE
    frames = mixdown.frames(layout.length, rate)
    chunks = -(-frames // mastering.CHUNK)
    passes = {"done": 0}
    read: dict[Path, Samples] = {}  # sounds read once for the three passes, while they fit

    def mix() -> Iterator[tuple[int, Samples]]:
        under = None if layout.bed is None else bedmix.BedStream(layout.bed, frames, rate)
        return mixdown.chunks(
            layout.sounds, layout.length, rate, size=mastering.CHUNK, under=under,
            cancelled=cancelled, kept=read,
        )  # fmt: skip

    def told() -> None:  # one more chunk of the two passes that measure
        passes["done"] += 1
        tell(SPEECH + (MASTER - SPEECH) * passes["done"] / (2 * chunks), "measuring the loudness")

    tell(SPEECH, "measuring the loudness")
    try:
        found = mastering.plan(mix, frames, rate, told=told)
    except (ValueError, LoopError) as problem:  # a sound that isn't a 16-bit WAV
        raise SaveError(str(problem)) from None
    tell(MASTER, f"writing {fmt.name}")
    timeline = layout.timeline
    starts = [s.start for s in timeline.sections]
    ends = [*starts[1:], layout.length] if starts else []  # a script without sections: none
    chapters = tuple((s.name, s.start, end) for s, end in zip(timeline.sections, ends, strict=True))
    about = Tags(timeline.script.title, timeline.script.summary, chapters, layout.length)
    import soundfile

    try:
        with whole_file(target) as temporary, fmt.open(temporary, rate) as out:
            for at, chunk in mix():
                levelled = found.apply(chunk, at)
                for part in range(0, len(levelled), WRITE_BLOCK):  # libsndfile's Vorbis
                    out.write(
                        levelled[part : part + WRITE_BLOCK]
                    )  # encoder crashes on large writes
                tell(MASTER + (1 - MASTER) * (at + len(chunk)) / frames, f"writing {fmt.name}")
            out.close()
            fmt.tag(temporary, about)
    except (OSError, RuntimeError, soundfile.LibsndfileError) as problem:
        raise SaveError(f"{target}: {problem}") from None
    tell(1.0, "done")
    return Saved(target, layout, found.lufs, found.true_peak_dbtp)
