"""Sounds laid out in time, mixed into one mono track of float samples (numpy, from the
``render`` extra).

Each sound is read once (``pcm.load_wav``), brought to the track's rate (polyphase resampling,
``scipy.signal.resample_poly``), scaled by its volume as the player scales it (linearly), and
added at its first sample; a fade is the player's raised-cosine ramp, to true silence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from math import gcd
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from scipy.signal import resample_poly

from .pcm import load_wav

RATE = 44100
"""The rendered file's sample rate."""

Samples = npt.NDArray[np.float32]

KEPT_BYTES = 64 << 20
"""Sounds kept from one making of a track to the next, at most (a 20-minute session's lines
take about 50 MB at 44.1 kHz; a longer one's are read again)."""


class Cancelled(Exception):
    """The person stopped the mix; nothing was written."""


class Sounding(Protocol):
    """What the mix needs of a sound laid out in time (``conductor.rendering.Placed`` fits)."""

    path: Path
    volume: int
    start: float
    seconds: float
    fade_at: float | None
    fade_s: float


def load(path: Path, rate: int = RATE) -> Samples:
    """A 16-bit WAV file as float samples in -1..1 at ``rate`` (channels averaged)."""
    sound = load_wav(path)
    data = np.frombuffer(sound.pcm, dtype="<i2").astype(np.float32) / 32768.0
    if sound.channels > 1:
        data = data.reshape(-1, sound.channels).mean(axis=1)
    if sound.rate != rate:
        common = gcd(sound.rate, rate)
        data = resample_poly(data, rate // common, sound.rate // common).astype(np.float32)
    return data


def ramp(frames: int, start: float, end: float) -> Samples:
    """The player's raised-cosine ramp (``pcm.ramp_gains``): ``frames`` gains, the last exactly
    ``end``."""
    i = np.arange(1, frames + 1, dtype=np.float64)
    return (end + (start - end) * (0.5 + 0.5 * np.cos(np.pi * i / frames))).astype(np.float32)


class Under(Protocol):
    """What is laid under the sounds, a chunk at a time (``bedmix.BedStream`` fits)."""

    def add(self, chunk: Samples, at: int) -> None:
        """Add itself to ``chunk``, the track's frames from ``at``."""

    def close(self) -> None:
        """Let go of what it holds."""


def frames(seconds: float, rate: int = RATE) -> int:
    """How many frames a track ``seconds`` long holds."""
    return round(seconds * rate) + 1


def placed(sound: Sounding, loaded: Samples, rate: int) -> tuple[int, Samples]:
    """Where ``sound`` begins in the track (a frame) and its samples from there: ``loaded``
    at its volume, faded as the layout says, any part before the track's start cut."""
    data = loaded * np.float32(sound.volume / 100)
    if sound.fade_at is not None:
        data = _faded(data, round((sound.fade_at - sound.start) * rate), sound.fade_s, rate)
    at = round(sound.start * rate)
    if at < 0:
        data, at = data[-at:], 0
    return at, data


def chunks(
    sounds: Sequence[Sounding],
    seconds: float,
    rate: int = RATE,
    *,
    size: int,
    under: Under | None = None,
    cancelled: Callable[[], bool] | None = None,
    kept: dict[Path, Samples] | None = None,
) -> Iterator[tuple[int, Samples]]:
    """The track ``seconds`` long with every sound of ``sounds`` in it (and ``under`` beneath
    them), ``size`` frames at a time: each chunk with its first frame. Only the sounds still
    to come are held, each read once (``load``): the memory a long session takes is what its
    longest stretch of sounds takes, not its length. ``cancelled`` returning True raises
    ``Cancelled``; ``under`` is closed at the end, however it comes. ``kept`` holds sounds
    read for the next time the track is made (up to ``KEPT_BYTES``)."""
    ordered = sorted(sounds, key=lambda s: s.start)
    last_use = {sound.path: n for n, sound in enumerate(ordered)}
    loaded: dict[Path, Samples] = {}
    sounding: list[tuple[int, Samples]] = []
    total, coming = frames(seconds, rate), 0
    try:
        for at in range(0, total, size):
            if cancelled is not None and cancelled():
                raise Cancelled
            end = min(total, at + size)
            while coming < len(ordered) and round(ordered[coming].start * rate) < end:
                sound = ordered[coming]
                if sound.path not in loaded:
                    loaded[sound.path] = _read(sound.path, rate, kept)
                sounding.append(placed(sound, loaded[sound.path], rate))
                if last_use[sound.path] == coming:  # not heard again: let it go
                    del loaded[sound.path]
                coming += 1
            chunk = np.zeros(end - at, dtype=np.float32)
            for start, data in sounding:
                lo, hi = max(at, start), min(end, start + len(data))
                if lo < hi:
                    chunk[lo - at : hi - at] += data[lo - start : hi - start]
            sounding = [(start, data) for start, data in sounding if start + len(data) > end]
            if under is not None:
                under.add(chunk, at)
            yield at, chunk
    finally:
        if under is not None:
            under.close()


def _read(path: Path, rate: int, kept: dict[Path, Samples] | None) -> Samples:
    """``path``'s samples, from ``kept`` or read (and kept while there is room)."""
    if kept is not None and path in kept:
        return kept[path]
    data = load(path, rate)
    if kept is not None and sum(k.nbytes for k in kept.values()) + data.nbytes <= KEPT_BYTES:
        kept[path] = data
    return data


def _faded(data: Samples, begins: int, fade_s: float, rate: int) -> Samples:
    """``data`` faded to silence from frame ``begins`` over ``fade_s`` seconds, then cut."""
    if begins >= len(data):
        return data
    if begins <= 0:
        return data[:0]
    frames = min(len(data) - begins, max(1, round(fade_s * rate)))
    out = data[: begins + frames].copy()
    out[begins:] *= ramp(frames, 1.0, 0.0)
    return out
