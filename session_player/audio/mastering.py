"""A mixed track brought to one loudness: ``TARGET_LUFS`` integrated (ITU-R BS.1770, measured
with ``pyloudnorm``), with its true peak under ``CEILING_DBTP``.

The gain that reaches the target is applied; where that lifts a bell's strike over the ceiling,
a look-ahead limiter brings just those moments down (its gain falls over ``ATTACK_S`` before a
peak and comes back as smoothly after it, so it is not heard as a click), and the gain is
raised again by what the limiting took from the loudness. True peak is the largest sample of
the track oversampled four times, as BS.1770's annex does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

from .mixdown import Samples

TARGET_LUFS = -16.0
"""The common target for spoken podcasts."""
CEILING_DBTP = -1.0
"""No true peak above this."""
LIMIT_AT_DBTP = -1.3  # the limiter aims a little under the ceiling: the last gain step rounds
ATTACK_S = 0.02
BLOCK = 1 << 14  # samples looked at, and oversampled where loud, at a time
WATCHED_DBFS = -7.0  # a block whose samples all stay under this has no true peak near -1 dBTP
EDGE = 64  # samples either side of a chunk, so its ends are filtered as in one piece
ROUNDS = 4  # gain, limit, measure again: the loudness settles within 0.1 LU in two or three


@dataclass(frozen=True)
class Mastered:
    """A track at its loudness, and what was measured of it."""

    samples: Samples
    lufs: float
    true_peak_dbtp: float


def loudness(samples: Samples, rate: int) -> float:
    """The integrated loudness of ``samples`` in LUFS (-inf for silence)."""
    with np.errstate(divide="ignore"):
        return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


def true_peak(samples: Samples) -> float:
    """The largest absolute value of ``samples`` oversampled four times, in dBTP."""
    top = float(peaks(samples).max(initial=0.0))
    return float(20 * np.log10(top)) if top > 0 else -np.inf


def peaks(samples: Samples, floor: float = 10 ** (WATCHED_DBFS / 20)) -> Samples:
    """For each sample, the largest absolute value of the track oversampled four times
    between it and the next. Only blocks whose sample peak passes ``floor`` are oversampled
    (an inter-sample peak is never 6 dB over its samples in real sound); elsewhere the
    samples themselves are given. A block at a time: memory stays small."""
    out = np.abs(samples)
    for at in range(0, len(samples), BLOCK):
        if float(out[at : at + BLOCK].max(initial=0.0)) <= floor:
            continue
        lo, hi = max(0, at - EDGE), min(len(samples), at + BLOCK + EDGE)
        over = np.abs(resample_poly(samples[lo:hi], 4, 1))
        frames = over.reshape(-1, 4).max(axis=1)
        end = min(len(samples), at + BLOCK)
        out[at:end] = frames[at - lo : at - lo + end - at]
    return out


def master(samples: Samples, rate: int, target: float = TARGET_LUFS) -> Mastered:
    """``samples`` brought to ``target`` LUFS with the true peak under ``CEILING_DBTP``."""
    level = loudness(samples, rate)
    if not np.isfinite(level):
        return Mastered(samples, level, true_peak(samples))
    gain_db = target - level
    envelope = peaks(samples, floor=10 ** ((WATCHED_DBFS - gain_db - 6) / 20))
    out = samples
    for _ in range(ROUNDS):  # the limiter takes a little loudness: give it back, and again
        gain = np.float32(10 ** (gain_db / 20))
        out = samples * (gain * _limiter(envelope * gain, rate))
        level = loudness(out, rate)
        if abs(level - target) < 0.05:
            break
        gain_db += target - level
    peak = true_peak(out)
    if peak > CEILING_DBTP:  # what interpolation between the limiter's samples let through
        out = out * np.float32(10 ** ((CEILING_DBTP - 0.05 - peak) / 20))
        peak, level = true_peak(out), loudness(out, rate)
    return Mastered(out.astype(np.float32), level, peak)


def _limiter(envelope: Samples, rate: int) -> Samples:
    """The gain that keeps a track with this true-peak ``envelope`` under ``LIMIT_AT_DBTP``:
    1 where it is already under, and a smooth, look-ahead dip around each louder moment."""
    ceiling = np.float32(10 ** (LIMIT_AT_DBTP / 20))
    if float(envelope.max(initial=0.0)) <= ceiling:
        return np.ones(1, dtype=np.float32)
    wanted = np.minimum(np.float32(1.0), ceiling / np.maximum(envelope, np.float32(1e-12)))
    width = max(1, round(ATTACK_S * rate))
    # The smallest gain within a window twice the smoothing's, then smoothed: never above what
    # any sample needs (each average is of minima that include it), and without steps.
    held = minimum_filter1d(wanted, size=2 * width + 1)
    smooth: Samples = uniform_filter1d(held, size=width).astype(np.float32)
    return smooth
