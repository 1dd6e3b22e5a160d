"""Sounds laid out in time, mixed into one mono track of float samples (numpy, from the
``render`` extra).

Each sound is read once (``pcm.load_wav``), brought to the track's rate (polyphase resampling,
``scipy.signal.resample_poly``), scaled by its volume as the player scales it (linearly), and
added at its first sample; a fade is the player's raised-cosine ramp, to true silence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


def mix(
    sounds: Sequence[Sounding],
    seconds: float,
    rate: int = RATE,
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Samples:
    """Every sound of ``sounds`` in one track ``seconds`` long; ``progress`` is told the share
    done (0..1) after each sound; ``cancelled`` returning True raises ``Cancelled``."""
    track = np.zeros(round(seconds * rate) + 1, dtype=np.float32)
    loaded: dict[Path, Samples] = {}
    for done, sound in enumerate(sounds, 1):
        if cancelled is not None and cancelled():
            raise Cancelled
        if sound.path not in loaded:
            loaded[sound.path] = load(sound.path, rate)
        data = loaded[sound.path] * np.float32(sound.volume / 100)
        if sound.fade_at is not None:
            data = _faded(data, round((sound.fade_at - sound.start) * rate), sound.fade_s, rate)
        at = round(sound.start * rate)
        if at < 0:
            data, at = data[-at:], 0
        data = data[: max(0, len(track) - at)]
        track[at : at + len(data)] += data
        if progress is not None:
            progress(done / len(sounds))
    return track


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
