"""A mixed track brought to one loudness: ``TARGET_LUFS`` integrated (ITU-R BS.1770, measured
with ``pyloudnorm``), with its true peak under ``CEILING_DBTP``.

The mix is measured once. The gain that reaches the target is applied; where that lifts a
bell's strike over the ceiling, a look-ahead limiter brings just those moments down (its gain
falls over ``ATTACK_S`` before a peak and comes back as smoothly after, so it is not heard as
a click), and the gain is raised by what the limiting took from the loudness (worked out from
the gated blocks' energy, so the long track is not filtered again). True peak is the largest
value of the track oversampled four times (a 48-tap polyphase interpolator, as BS.1770's annex
describes), looked at in hops of ``HOP`` samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import firwin

from .mixdown import Samples

TARGET_LUFS = -16.0
"""The common target for spoken podcasts."""
CEILING_DBTP = -1.0
"""No true peak above this."""
LIMIT_AT_DBTP = -1.3  # the limiter aims a little under the ceiling
ATTACK_S = 0.02
HOP = 32  # samples per step of the peak envelope and the limiter's gain (0.7 ms at 44.1 kHz)
BLOCK = 1 << 14  # samples looked at, and oversampled where loud, at a time
WATCHED_DBFS = -7.0  # a block whose samples all stay under this has no true peak near -1 dBTP
ROUNDS = 4
GATE_BLOCK_S, GATE_STEP_S = 0.4, 0.1  # BS.1770's gating blocks, overlapping by 75 %

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Mastered:
    """A track at its loudness, and what was measured of it."""

    samples: Samples
    lufs: float
    true_peak_dbtp: float


def loudness(samples: Samples, rate: int) -> float:
    """The integrated loudness of ``samples`` in LUFS (-inf for silence), by pyloudnorm."""
    with np.errstate(divide="ignore"):
        return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


@cache
def _phases() -> Samples:
    """The interpolator's three in-between phases (the fourth is the samples themselves)."""
    taps = firwin(48, 1 / 4, window=("kaiser", 8.0)) * 4
    phases: Samples = np.stack([taps[k::4] for k in (1, 2, 3)]).astype(np.float32)
    return phases


def envelope(samples: Samples, floor: float = 10 ** (WATCHED_DBFS / 20)) -> Samples:
    """The true peak of each hop of ``HOP`` samples. Only blocks whose samples pass ``floor``
    are oversampled (an inter-sample peak is never 6 dB over its samples in real sound)."""
    hops = -(-len(samples) // HOP)
    padded = np.zeros(hops * HOP, dtype=np.float32)
    padded[: len(samples)] = samples
    out: Samples = np.abs(padded).reshape(hops, HOP).max(axis=1)
    phases = _phases()
    for at in range(0, len(padded), BLOCK):
        if float(out[at // HOP : (at + BLOCK) // HOP].max(initial=0.0)) <= floor:
            continue
        lo, hi = max(0, at - 24), min(len(padded), at + BLOCK + 24)
        part = padded[lo:hi]
        between = np.max([np.abs(np.convolve(part, p, "same")) for p in phases], axis=0)
        frames = between[at - lo : at - lo + min(BLOCK, len(padded) - at)]
        block = out[at // HOP : at // HOP + len(frames) // HOP]
        np.maximum(block, frames.reshape(-1, HOP).max(axis=1), out=block)
    return out


def true_peak(samples: Samples) -> float:
    """The largest absolute value of ``samples`` oversampled four times, in dBTP."""
    top = float(envelope(samples).max(initial=0.0))
    return float(20 * np.log10(top)) if top > 0 else -np.inf


def master(samples: Samples, rate: int, target: float = TARGET_LUFS) -> Mastered:
    """``samples`` brought to ``target`` LUFS with the true peak under ``CEILING_DBTP``."""
    level = loudness(samples, rate)
    if not np.isfinite(level):
        return Mastered(samples, level, true_peak(samples))
    wanted = target - level
    peaks = envelope(samples, floor=10 ** ((WATCHED_DBFS - wanted - 6) / 20))
    energy = _hop_energy(samples)
    gain_db, taken = wanted, 0.0
    for _ in range(ROUNDS):  # the limiter takes a little loudness: give it back, and again
        gains = _limiter(peaks * np.float32(10 ** (gain_db / 20)), rate)
        taken = _taken(energy, gains, rate)
        if abs(gain_db - taken - wanted) < 0.02:
            break
        gain_db = wanted + taken
    gain = np.float32(10 ** (gain_db / 20))
    out = samples * gain
    _apply(out, gains)
    top = float((peaks * gain * gains).max(initial=0.0))
    return Mastered(out, level + gain_db - taken, float(20 * np.log10(top)) if top else -np.inf)


def _limiter(peaks: Samples, rate: int) -> Samples:
    """The gain per hop that keeps hops with these true ``peaks`` under ``LIMIT_AT_DBTP``:
    1 where they already are, and a smooth, look-ahead dip around each louder moment."""
    ceiling = np.float32(10 ** (LIMIT_AT_DBTP / 20))
    if float(peaks.max(initial=0.0)) <= ceiling:
        return np.ones(len(peaks), dtype=np.float32)
    wanted = np.minimum(np.float32(1.0), ceiling / np.maximum(peaks, np.float32(1e-12)))
    width = max(1, round(ATTACK_S * rate / HOP))
    # The smallest gain within a window twice the smoothing's, then smoothed: never above what
    # any hop needs (each average is of minima that include it), and without steps.
    held = minimum_filter1d(wanted, size=2 * width + 1)
    smooth: Samples = uniform_filter1d(held, size=width).astype(np.float32)
    return smooth


def _apply(out: Samples, gains: Samples) -> None:
    """Multiply ``out`` by the limiter's ``gains``, interpolated between hop centres, only
    where they dip (around a few strikes in a long track)."""
    dips = np.flatnonzero(gains < 1.0)
    if not len(dips):
        return
    breaks = np.flatnonzero(np.diff(dips) > 1)
    for first, last in zip(
        dips[np.r_[0, breaks + 1]], dips[np.r_[breaks, len(dips) - 1]], strict=True
    ):
        lo, hi = max(0, first - 1), min(len(gains), last + 2)  # from 1 to 1 again
        a, b = lo * HOP + HOP // 2, min(len(out), (hi - 1) * HOP + HOP // 2)
        centres = np.arange(lo, hi, dtype=np.float64) * HOP + HOP / 2
        out[a:b] *= np.interp(np.arange(a, b), centres, gains[lo:hi]).astype(np.float32)


def _hop_energy(samples: Samples) -> Floats:
    """The sum of squares of each hop."""
    whole = len(samples) // HOP * HOP
    body = samples[:whole].reshape(-1, HOP)
    energy = np.einsum("ij,ij->i", body, body, dtype=np.float64)
    tail = samples[whole:].astype(np.float64)
    result: Floats = np.append(energy, (tail**2).sum()) if len(tail) else energy
    return result


def _taken(energy: Floats, gains: Samples, rate: int) -> float:
    """The loudness (LU) the limiter's ``gains`` take: the change in the mean energy of the
    gating blocks loud enough to count (BS.1770's relative gate, 10 LU under their mean)."""
    if float(gains.min(initial=1.0)) >= 1.0:
        return 0.0
    step = max(1, round(GATE_STEP_S * rate / HOP))
    width = round(GATE_BLOCK_S / GATE_STEP_S)

    def blocks(values: Floats) -> Floats:
        steps = values[: len(values) // step * step].reshape(-1, step).sum(axis=1)
        sums: Floats = np.convolve(steps, np.ones(width), "valid")
        return sums

    before = blocks(energy)
    after = blocks(energy * gains.astype(np.float64) ** 2)
    if not len(before) or before.max() <= 0:
        return 0.0
    counted = before >= before[before > 0].mean() * 10 ** (-10 / 10)
    return float(10 * np.log10(before[counted].mean() / max(after[counted].mean(), 1e-30)))
