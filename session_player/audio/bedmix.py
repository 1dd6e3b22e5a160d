"""The soundscape in a rendered file: its loop laid under the mixed track at the levels the
session gave it (numpy, from the ``render`` extra), a chunk at a time.

The loop is read as the player reads it (``loops.open_loop``: a bundled bed's own mono channel,
or one's own file with its end crossfaded into its start), brought to the track's rate, and
multiplied by the volume, the fades and the ducks, sample by sample. ``BedStream`` reads it on
from chunk to chunk, so a bed under a two-hour session holds a few seconds of it at a time.
"""

from __future__ import annotations

from math import ceil, gcd
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from scipy.signal import resample_poly

from .levels import DUCK_ATTACK_S, DUCK_RELEASE_S, Ducks, Envelope
from .loops import open_loop
from .mixdown import Samples

BLOCK = 1 << 16  # frames read from the loop at a time
MARGIN = 64  # input frames of context either side of a resampled block (the filter's reach)


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
    first, last = (float(times[0]), float(times[-1])) if len(times) else (0.0, -1.0)
    for start, end in bed.ducks.spans.values():
        if start - DUCK_ATTACK_S > last or end + DUCK_RELEASE_S < first:
            continue  # no part of these times is under this duck
        rise = np.clip(1 - (start - times) / DUCK_ATTACK_S, 0, 1)
        fall = np.clip(1 - (times - end) / DUCK_RELEASE_S, 0, 1)
        amount = np.maximum(amount, np.minimum(rise, fall))
    duck = 10 ** (-bed.ducks.db * amount / 20)
    return (bed.volume / 100 * level * duck).astype(np.float32)


class BedStream:
    """The bed's samples under a track of ``frames`` at ``rate``, handed out in order, chunk
    after chunk. A loop at another rate is resampled in blocks whose edges fall on whole
    samples of both rates, each with ``MARGIN`` frames of context, so the seams are where
    resampling it whole would put them, and nothing is heard at them."""

    def __init__(self, bed: Noted, frames: int, rate: int) -> None:
        self.bed, self.rate = bed, rate
        self.first = max(0, round(bed.began * rate))
        self.last = frames if bed.ends is None else min(frames, round(bed.ends * rate) + 1)
        self.loop = open_loop(bed.path, bundled=bed.bundled)
        common = gcd(self.loop.rate, rate)
        self.up, self.down = rate // common, self.loop.rate // common
        self.margin = self.down * ceil(MARGIN / self.down)  # input frames, whole blocks of down
        self.held = np.zeros(self.margin, dtype=np.float32)  # the input before the next block
        self.ready = np.zeros(0, dtype=np.float32)  # output made, not yet handed out
        resampled = self.up != self.down
        self.ahead = self._read(self.margin if resampled else 0)  # input after the next block

    def _read(self, frames: int) -> Samples:
        """The loop's next ``frames`` frames, mono, in -1..1."""
        parts = []
        for at in range(0, frames, BLOCK):
            raw = np.frombuffer(self.loop.read(min(BLOCK, frames - at)), dtype="<i2")
            block = raw.reshape(-1, self.loop.channels).astype(np.float32) / 32768.0
            # A bundled bed is mono, widened for the ears: its own channel is the first.
            parts.append(block[:, 0] if self.bed.bundled else block.mean(axis=1))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)

    def _more(self, wanted: int) -> None:
        """At least ``wanted`` more frames of output made, at the track's rate."""
        if self.up == self.down:
            self.ready = np.concatenate([self.ready, self._read(wanted)])
            return
        blocks = ceil(wanted / self.up)
        body = np.concatenate([self.ahead, self._read(blocks * self.down)])
        new, self.ahead = body[: blocks * self.down], body[blocks * self.down :]
        wide = np.concatenate([self.held, new, self.ahead])
        out = resample_poly(wide, self.up, self.down).astype(np.float32)
        skip = self.margin * self.up // self.down
        self.ready = np.concatenate([self.ready, out[skip : skip + blocks * self.up]])
        self.held = wide[len(wide) - len(self.ahead) - self.margin : len(wide) - len(self.ahead)]

    def add(self, chunk: Samples, at: int) -> None:
        """Add the bed to ``chunk``, the track's frames from ``at`` (chunks asked in order)."""
        lo, hi = max(at, self.first), min(at + len(chunk), self.last)
        if hi <= lo:
            return
        if len(self.ready) < hi - lo:
            self._more(hi - lo - len(self.ready))
        data, self.ready = self.ready[: hi - lo], self.ready[hi - lo :]
        times = np.arange(lo, hi, dtype=np.float64) / self.rate
        chunk[lo - at : hi - at] += np.multiply(data, gains(self.bed, times))

    def close(self) -> None:
        """Let the loop go."""
        self.loop.close()
