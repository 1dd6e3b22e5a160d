"""A mixed track brought to one loudness: ``TARGET_LUFS`` integrated (ITU-R BS.1770, with
``pyloudnorm``'s K-weighting filters), with its true peak under ``CEILING_DBTP``.

The mix is K-weighted once, a chunk at a time, and the energy of each hop is kept. The gain
that reaches the target is applied; where that lifts a bell's strike over the ceiling, a
look-ahead limiter brings just those moments down (its gain falls over ``ATTACK_S`` before a
peak and comes back as smoothly after, so it is not heard as a click), and the gain is raised by
what the limiting took from the loudness (from the kept energies: the track is never filtered
again). True peak is the largest value of the track oversampled four times (a 48-tap polyphase
interpolator, as BS.1770's annex describes), looked at in hops of ``HOP`` samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import firwin, lfilter, lfilter_zi

from .mixdown import Samples

TARGET_LUFS = -16.0
"""The common target for spoken podcasts."""
CEILING_DBTP = -1.0
"""No true peak above this."""
LIMIT_AT_DBTP = -1.3  # the limiter aims a little under the ceiling
ATTACK_S = 0.02
HOP = 30  # samples per step of the energy, the peak envelope and the limiter's gain (0.7 ms);
# 100 ms is a whole number of hops at 44.1 and 48 kHz
BLOCK = HOP * 512  # samples looked at, and oversampled where loud, at a time
WATCHED_DBFS = -7.0  # a block whose samples all stay under this has no true peak near -1 dBTP
ROUNDS = 4
GATE_BLOCK_S, GATE_STEP_S = 0.4, 0.1  # BS.1770's gating blocks, overlapping by 75 %
ABSOLUTE_GATE_LUFS = -70.0
CHUNK = 441000  # samples K-weighted at a time (a whole number of hops)

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Mastered:
    """A track at its loudness, and what was measured of it."""

    samples: Samples
    lufs: float
    true_peak_dbtp: float


def loudness(samples: Samples, rate: int) -> float:
    """The integrated loudness of ``samples`` in LUFS (-inf for silence): BS.1770's gating
    over 400 ms blocks that overlap by 75 %, of the K-weighted energy (``weighted``). Memory
    stays small whatever the length; the tests check it against ``pyloudnorm.Meter``."""
    return gated(weighted(samples, rate), rate)


def weighted(samples: Samples, rate: int) -> Floats:
    """The energy of each hop of ``samples`` after BS.1770's K-weighting (pyloudnorm's filters
    with the standard's parameters, as its ``Meter`` builds them), run a chunk at a time."""
    stages = [
        pyloudnorm.IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, rate, "high_shelf"),
        pyloudnorm.IIRfilter(0.0, 0.5, 38.0, rate, "high_pass"),
    ]
    states = [lfilter_zi(f.b, f.a) * 0.0 for f in stages]
    hops = len(samples) // HOP
    energy = np.zeros(hops, dtype=np.float64)
    for at in range(0, hops * HOP, CHUNK):
        part = samples[at : min(at + CHUNK, hops * HOP)].astype(np.float64)
        for n, f in enumerate(stages):
            part, states[n] = lfilter(f.b, f.a, part, zi=states[n])
            part = part * f.passband_gain
        energy[at // HOP : (at + len(part)) // HOP] = (part**2).reshape(-1, HOP).sum(axis=1)
    return energy


def gated(energy: Floats, rate: int) -> float:
    """BS.1770's integrated loudness from K-weighted hop energies."""
    step = round(GATE_STEP_S * rate) // HOP  # hops in 100 ms
    width = round(GATE_BLOCK_S / GATE_STEP_S)
    sums = energy[: len(energy) // step * step].reshape(-1, step).sum(axis=1)
    if len(sums) < width:
        return -np.inf
    z = np.convolve(sums, np.ones(width), "valid") / (width * step * HOP)  # blocks' mean square
    with np.errstate(divide="ignore"):
        z = z[-0.691 + 10 * np.log10(z) >= ABSOLUTE_GATE_LUFS]
        if not len(z):
            return -np.inf
        relative = -0.691 + 10 * np.log10(z.mean()) - 10
        z = z[-0.691 + 10 * np.log10(z) > relative]
        return float(-0.691 + 10 * np.log10(z.mean()))


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
    energy = weighted(samples, rate)
    level = gated(energy, rate)
    if not np.isfinite(level):
        return Mastered(samples, level, true_peak(samples))
    wanted = target - level
    peaks = envelope(samples, floor=10 ** ((WATCHED_DBFS - wanted - 6) / 20))[: len(energy)]
    gain_db = wanted
    gains = np.ones(len(peaks), dtype=np.float32)
    for _ in range(ROUNDS):  # the limiter takes a little loudness: give it back, and again
        gains = _limiter(peaks * np.float32(10 ** (gain_db / 20)), rate)
        reached = gated(energy * gains.astype(np.float64) ** 2, rate) + gain_db
        if abs(reached - target) < 0.02:
            break
        gain_db += target - reached
    gain = np.float32(10 ** (gain_db / 20))
    out = samples * gain
    _apply(out, gains)
    top = float((peaks * gain * gains).max(initial=0.0))
    level = gated(energy * gains.astype(np.float64) ** 2, rate) + gain_db
    return Mastered(out, level, float(20 * np.log10(top)) if top else -np.inf)


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
