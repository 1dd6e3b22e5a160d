"""The soundscape in a rendered file: its loop laid under the whole mixed track at the levels
the session gave it (numpy, from the ``render`` extra).

The loop is read as the player reads it (``loops.open_loop``: a bundled bed's own mono channel,
or one's own file with its end crossfaded into its start), brought to the track's rate, and
multiplied by the volume, the fades and the ducks, sample by sample.
"""

from __future__ import annotations

from math import gcd
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from scipy.signal import resample_poly

from .levels import DUCK_ATTACK_S, DUCK_RELEASE_S, Ducks, Envelope
from .loops import open_loop
from .mixdown import Samples

BLOCK = 1 << 16  # frames read from the loop at a time


class Noted(Protocol):
    """What the mix needs of a noted bed (``conductor.noted_bed.NotedBed`` fits)."""

    path: Path
    bundled: bool
    volume: int
    level: Envelope
    ducks: Ducks
    began: float
    ends: float | None


def gains(bed: Noted, times: npt.NDArray[np.float64]) -> Samples:
    """The bed's gain at each of ``times`` (seconds on the session's clock)."""
    points = np.array(bed.level.points, dtype=np.float64)
    level = np.interp(times, points[:, 0], points[:, 1])
    amount = np.zeros(len(times), dtype=np.float64)
    for start, end in bed.ducks.spans.values():
        rise = np.clip(1 - (start - times) / DUCK_ATTACK_S, 0, 1)
        fall = np.clip(1 - (times - end) / DUCK_RELEASE_S, 0, 1)
        amount = np.maximum(amount, np.minimum(rise, fall))
    duck = 10 ** (-bed.ducks.db * amount / 20)
    return (bed.volume / 100 * level * duck).astype(np.float32)


def loop_samples(bed: Noted, frames: int, rate: int) -> Samples:
    """``frames`` of the bed's loop at ``rate``, mono, in -1..1."""
    loop = open_loop(bed.path, bundled=bed.bundled)
    try:
        wanted = int(frames * loop.rate / rate) + 64
        parts = []
        for at in range(0, wanted, BLOCK):
            raw = np.frombuffer(loop.read(min(BLOCK, wanted - at)), dtype="<i2")
            block = raw.reshape(-1, loop.channels).astype(np.float32) / 32768.0
            # A bundled bed is mono, widened for the ears: its own channel is the first.
            parts.append(block[:, 0] if bed.bundled else block.mean(axis=1))
        data = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
    finally:
        loop.close()
    if loop.rate != rate:
        common = gcd(loop.rate, rate)
        data = resample_poly(data, rate // common, loop.rate // common).astype(np.float32)
    return data[:frames]


def lay_under(track: Samples, rate: int, bed: Noted) -> None:
    """Add ``bed`` to ``track`` (in place), from its start to the end of its fade out."""
    first = max(0, round(bed.began * rate))
    last = len(track) if bed.ends is None else min(len(track), round(bed.ends * rate) + 1)
    if last <= first:
        return
    data = loop_samples(bed, last - first, rate)
    times = (first + np.arange(len(data), dtype=np.float64)) / rate
    track[first : first + len(data)] += np.multiply(data, gains(bed, times))
