"""A mix brought to one loudness: ``TARGET_LUFS`` integrated (ITU-R BS.1770, with
``pyloudnorm``'s K-weighting filters), with its true peak under ``CEILING_DBTP``, the mix never
held whole: ``plan`` goes over it, made a chunk at a time, twice, and ``Plan.apply`` scales each
chunk as it is written (a third time).

1. The K-weighted energy of each 100 ms (BS.1770's gating steps): the integrated loudness, and
   the gain that reaches the target.
2. The true peak of each hop of ``HOP`` samples, the largest value oversampled four times (a
   48-tap polyphase interpolator, as BS.1770's annex describes), only in blocks loud enough to
   come near the ceiling at that gain. Where the gain lifts a bell's strike over the ceiling, a
   look-ahead limiter brings just those moments down (its gain falls over ``ATTACK_S`` before a
   peak and comes back as smoothly after, so it is not heard as a click), and the gain is raised
   by what the limiting took from the loudness. Only the blocks the limiter could touch keep
   their hops' peaks and energies, with a block either side, so memory stays bounded by the
   loud moments, not the length.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import firwin, lfilter

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
CHUNK = BLOCK * 32  # frames mixed, K-weighted and looked at at a time (11 s, 2 MB at 44.1 kHz)
REACH = 24  # samples of context either side the interpolator needs
HEADROOM_DB = 3.0  # the most the gain may rise over the measured one to give back what the
# limiter took; blocks whose peaks stay under the limit at that gain are never looked at again

Floats = npt.NDArray[np.float64]


Mix = Callable[[], Iterator[tuple[int, Samples]]]
"""The mix from its start, each time it is called: chunks of ``CHUNK`` frames (the last
shorter), each with its first frame."""


@dataclass(frozen=True)
class Plan:
    """How to bring a mix to its loudness: a gain, the limiter's dips (the hop each begins at
    and its gain per hop), and what the result measures."""

    gain: float
    dips: tuple[tuple[int, Samples], ...]
    lufs: float
    true_peak_dbtp: float

    def apply(self, chunk: Samples, at: int) -> Samples:
        """``chunk`` (the mix's frames from ``at``) brought to the loudness."""
        out = chunk * np.float32(self.gain)
        for hop, gains in self.dips:
            if hop * HOP < at + len(chunk) and (hop + len(gains)) * HOP > at:
                _apply(out, gains, at=at, hop=hop)
        return out


@dataclass(frozen=True)
class Mastered:
    """A track at its loudness, and what was measured of it."""

    samples: Samples
    lufs: float
    true_peak_dbtp: float


def loudness(samples: Samples, rate: int) -> float:
    """The integrated loudness of ``samples`` in LUFS (-inf for silence): BS.1770's gating
    over 400 ms blocks that overlap by 75 %, of the K-weighted energy (``Weighting``). The
    tests check it against ``pyloudnorm.Meter``."""
    return gated(weighted(samples, rate), rate)


class Weighting:
    """BS.1770's K-weighting (pyloudnorm's filters with the standard's parameters, as its
    ``Meter`` builds them), carried from one chunk of a track to the next. Its two stages run
    as one fourth-order filter: one pass over the samples, a third of the time of two (the
    energies agree to about 1e-11)."""

    def __init__(self, rate: int, states: list[Floats] | None = None) -> None:
        self.b, self.a, self.gain = _k_filter(rate)
        self.states = states or [np.zeros(len(self.a) - 1)]

    def snapshot(self) -> list[Floats]:
        """The filter's state now, to weigh the chunk that comes next again later."""
        return [state.copy() for state in self.states]

    def energy(self, samples: Samples) -> Floats:
        """The K-weighted energy of each whole hop of ``samples`` (the next chunk)."""
        hops = len(samples) // HOP
        part = samples[: hops * HOP].astype(np.float64)
        part, self.states[0] = lfilter(self.b, self.a, part, zi=self.states[0])
        if self.gain != 1.0:
            part *= self.gain
        energy: Floats = (part**2).reshape(-1, HOP).sum(axis=1)
        return energy


@cache
def _k_filter(rate: int) -> tuple[Floats, Floats, float]:
    """The K-weighting's two stages (a high shelf, then a high pass) as one filter, and their
    passband gain."""
    shelf = pyloudnorm.IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, rate, "high_shelf")
    high = pyloudnorm.IIRfilter(0.0, 0.5, 38.0, rate, "high_pass")
    b, a = np.convolve(shelf.b, high.b), np.convolve(shelf.a, high.a)
    return b / a[0], a / a[0], float(shelf.passband_gain * high.passband_gain)


def weighted(samples: Samples, rate: int) -> Floats:
    """The K-weighted energy of each hop of ``samples``."""
    weighting = Weighting(rate)
    parts = [weighting.energy(samples[at : at + CHUNK]) for at in range(0, len(samples), CHUNK)]
    return np.concatenate(parts) if parts else np.zeros(0)


def _step(rate: int) -> int:
    """Hops in one of BS.1770's 100 ms steps (a whole number at 44.1 and 48 kHz)."""
    return round(GATE_STEP_S * rate) // HOP


def gated(energy: Floats, rate: int) -> float:
    """BS.1770's integrated loudness from K-weighted hop energies."""
    step = _step(rate)
    return gated_steps(energy[: len(energy) // step * step].reshape(-1, step).sum(axis=1), rate)


def gated_steps(sums: Floats, rate: int) -> float:
    """BS.1770's integrated loudness from the K-weighted energy of each whole 100 ms step."""
    width = round(GATE_BLOCK_S / GATE_STEP_S)
    if len(sums) < width:
        return -np.inf
    z = np.convolve(sums, np.ones(width), "valid") / (width * _step(rate) * HOP)  # mean squares
    with np.errstate(divide="ignore"):
        z = z[-0.691 + 10 * np.log10(z) >= ABSOLUTE_GATE_LUFS]
        if not len(z):
            return -np.inf
        relative = -0.691 + 10 * np.log10(z.mean()) - 10
        z = z[-0.691 + 10 * np.log10(z) > relative]
        return float(-0.691 + 10 * np.log10(z.mean()))


def _into_steps(sums: Floats, hop: int, energy: Floats, step: int) -> None:
    """Add the energies of the hops from ``hop`` into their steps' ``sums`` (those beyond the
    last whole step are left out, as the standard leaves out a last partial block)."""
    where = (hop + np.arange(len(energy))) // step
    keep = where < len(sums)
    if keep.any():
        np.add.at(sums, where[keep], energy[keep])


@cache
def _phases() -> Samples:
    """The interpolator's three in-between phases (the fourth is the samples themselves)."""
    taps = firwin(48, 1 / 4, window=("kaiser", 8.0)) * 4
    phases: Samples = np.stack([taps[k::4] for k in (1, 2, 3)]).astype(np.float32)
    return phases


NOTHING: Samples = np.zeros(0, dtype=np.float32)


def envelope(
    samples: Samples,
    floor: float = 10 ** (WATCHED_DBFS / 20),
    before: Samples = NOTHING,
    after: Samples = NOTHING,
) -> Samples:
    """The true peak of each hop of ``HOP`` samples. Only blocks whose samples pass ``floor``
    are oversampled (an inter-sample peak is never 6 dB over its samples in real sound).
    ``before`` and ``after`` are the samples around a chunk (its neighbours' ends), so a
    chunk's envelope is the whole track's there."""
    hops = -(-len(samples) // HOP)
    padded = np.zeros(hops * HOP, dtype=np.float32)
    padded[: len(samples)] = samples
    out: Samples = np.abs(padded).reshape(hops, HOP).max(axis=1)
    before = before[len(before) - min(REACH, len(before)) :]
    wide = np.concatenate([before, padded, after[:REACH]])
    phases = _phases()
    for at in range(0, len(padded), BLOCK):
        if float(out[at // HOP : (at + BLOCK) // HOP].max(initial=0.0)) <= floor:
            continue
        lo = max(0, at + len(before) - REACH)
        hi = min(len(wide), at + len(before) + BLOCK + REACH)
        part = wide[lo:hi]
        between = np.max([np.abs(np.convolve(part, p, "same")) for p in phases], axis=0)
        first = at + len(before) - lo
        frames = between[first : first + min(BLOCK, len(padded) - at)]
        block = out[at // HOP : at // HOP + len(frames) // HOP]
        np.maximum(block, frames.reshape(-1, HOP).max(axis=1), out=block)
    return out


def true_peak(samples: Samples) -> float:
    """The largest absolute value of ``samples`` oversampled four times, in dBTP."""
    top = float(envelope(samples).max(initial=0.0))
    return float(20 * np.log10(top)) if top > 0 else -np.inf


def master(samples: Samples, rate: int, target: float = TARGET_LUFS) -> Mastered:
    """``samples`` (a whole track) brought to ``target`` LUFS with the true peak under
    ``CEILING_DBTP``."""

    def mix() -> Iterator[tuple[int, Samples]]:
        return ((at, samples[at : at + CHUNK]) for at in range(0, len(samples), CHUNK))

    found = plan(mix, len(samples), rate, target)
    return Mastered(found.apply(samples, 0), found.lufs, found.true_peak_dbtp)


def plan(
    mix: Mix,
    frames: int,
    rate: int,
    target: float = TARGET_LUFS,
    *,
    told: Callable[[], None] = lambda: None,
) -> Plan:
    """How to bring ``mix`` (``frames`` long) to ``target`` LUFS with its true peak under
    ``CEILING_DBTP``: two passes over it (``told`` after each chunk)."""
    step = _step(rate)
    sums = np.zeros(frames // HOP // step)
    weighting = Weighting(rate)
    states: dict[int, list[Floats]] = {}  # the filters' states where each chunk begins
    for at, chunk in mix():
        states[at] = weighting.snapshot()
        _into_steps(sums, at // HOP, weighting.energy(chunk), step)
        told()
    level = gated_steps(sums, rate)
    wanted = target - level if np.isfinite(level) else 0.0
    loud = _Loud(rate, 10 ** ((WATCHED_DBFS - wanted - 6) / 20), states)
    loud.keep_over = 10 ** ((LIMIT_AT_DBTP - wanted - HEADROOM_DB) / 20)
    loud.look(mix, told)
    if not np.isfinite(level):
        return Plan(1.0, (), level, _db(loud.top(())))
    gain_db = wanted
    for _ in range(ROUNDS):  # the limiter takes a little loudness: give it back, and again
        dips = loud.dips(gain_db)
        reached = gated_steps(loud.less(sums, dips, step), rate) + gain_db
        if abs(reached - target) < 0.02:
            break
        gain_db = min(gain_db + target - reached, wanted + HEADROOM_DB)
    dips = loud.dips(gain_db)
    level = gated_steps(loud.less(sums, dips, step), rate) + gain_db
    gain = 10 ** (gain_db / 20)
    return Plan(gain, dips, level, _db(gain * loud.top(dips)))


def _db(top: float) -> float:
    return float(20 * np.log10(top)) if top > 0 else -np.inf


class _Weighed:
    """A chunk's hop energies, K-weighted only if asked for (from the filters' state the first
    pass kept), so the second pass filters just the chunks near a loud moment."""

    def __init__(self, rate: int, states: list[Floats], chunk: Samples) -> None:
        self.rate, self.states, self.chunk = rate, states, chunk
        self.energy: Floats | None = None

    def __call__(self, first: int, hops: int) -> Floats:
        """The energies of ``hops`` hops from hop ``first`` of the chunk."""
        if self.energy is None:
            states = [state.copy() for state in self.states]
            self.energy = Weighting(self.rate, states).energy(self.chunk)
        return self.energy[first : first + hops]


class _Loud:
    """The second pass: each block's true peak, and the hops of the blocks the limiter could
    touch (with a block either side, where its gain comes back)."""

    def __init__(self, rate: int, floor: float, states: dict[int, list[Floats]]) -> None:
        self.rate, self.floor, self.states = rate, floor, states
        self.keep_over = 0.0
        self.tops: list[float] = []  # each block's true peak
        self.kept: dict[int, tuple[Floats, Samples]] = {}  # block -> hops' energies, peaks
        self.last: tuple[int, _Weighed, int, Samples] | None = None  # the block before
        self.after_loud = False  # the block before was loud

    def look(self, mix: Mix, told: Callable[[], None]) -> None:
        """Go over ``mix``, each chunk with a little of the ones either side."""
        held: tuple[int, Samples] | None = None
        before = NOTHING
        for at, chunk in mix():
            if held is not None:
                self._chunk(held[0], held[1], before, chunk)
                before = held[1][-REACH:]
            held = (at, chunk)
            told()
        if held is not None:
            self._chunk(held[0], held[1], before, NOTHING)

    def _chunk(self, at: int, chunk: Samples, before: Samples, after: Samples) -> None:
        weighed = _Weighed(self.rate, self.states[at], chunk)
        hops = len(chunk) // HOP
        peaks = envelope(chunk, self.floor, before, after)[:hops]
        per = BLOCK // HOP
        for first in range(0, hops, per):
            block = at // BLOCK + first // per
            mine = peaks[first : first + per]
            top = float(mine.max(initial=0.0))
            self.tops.append(top)
            loud = top > self.keep_over
            last = self.last
            if loud and last is not None and last[0] == block - 1 and block - 1 not in self.kept:
                self.kept[block - 1] = (last[1](last[2], per), last[3])  # the gain begins to dip
            if loud or self.after_loud:  # (or comes back after a loud block)
                self.kept[block] = (weighed(first, per), mine)
            self.after_loud = loud
            self.last = (block, weighed, first, mine)

    def runs(self) -> list[tuple[int, Floats, Samples]]:
        """The kept blocks joined where they touch: first hop, energies, peaks."""
        found: list[tuple[int, Floats, Samples]] = []
        for block in sorted(self.kept):
            energy, peaks = self.kept[block]
            hop = block * (BLOCK // HOP)
            if found and found[-1][0] + len(found[-1][1]) == hop:
                first, e, p = found.pop()
                found.append((first, np.concatenate([e, energy]), np.concatenate([p, peaks])))
            else:
                found.append((hop, energy, peaks))
        return found

    def dips(self, gain_db: float) -> tuple[tuple[int, Samples], ...]:
        """The limiter's gain over each run of kept blocks, at ``gain_db``."""
        scale = np.float32(10 ** (gain_db / 20))
        return tuple((hop, _limiter(peaks * scale, self.rate)) for hop, _, peaks in self.runs())

    def less(self, sums: Floats, dips: tuple[tuple[int, Samples], ...], step: int) -> Floats:
        """The steps' energies with what the limiter's ``dips`` take from them."""
        out = sums.copy()
        for (hop, gains), (_, energy, _) in zip(dips, self.runs(), strict=True):
            _into_steps(out, hop, -energy * (1 - gains.astype(np.float64) ** 2), step)
        return out

    def top(self, dips: tuple[tuple[int, Samples], ...]) -> float:
        """The true peak after the ``dips`` (before the gain)."""
        outside = [t for n, t in enumerate(self.tops) if n not in self.kept]
        inside = [
            float((p * g).max(initial=0.0))
            for (_, g), (_, _, p) in zip(dips, self.runs(), strict=True)
        ]
        return max([*outside, *inside, 0.0])


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


def _apply(out: Samples, gains: Samples, *, at: int = 0, hop: int = 0) -> None:
    """Multiply ``out`` (the track's samples from ``at``) by the limiter's ``gains`` (from hop
    ``hop``), interpolated between hop centres, only where they dip (around a few strikes in a
    long track)."""
    dips = np.flatnonzero(gains < 1.0)
    if not len(dips):
        return
    breaks = np.flatnonzero(np.diff(dips) > 1)
    for first, last in zip(
        dips[np.r_[0, breaks + 1]], dips[np.r_[breaks, len(dips) - 1]], strict=True
    ):
        lo, hi = max(0, first - 1), min(len(gains), last + 2)  # from 1 to 1 again
        a = max(at, (hop + lo) * HOP + HOP // 2)
        b = min(at + len(out), (hop + hi - 1) * HOP + HOP // 2)
        if a >= b:
            continue
        centres = (hop + np.arange(lo, hi, dtype=np.float64)) * HOP + HOP / 2
        out[a - at : b - at] *= np.interp(np.arange(a, b), centres, gains[lo:hi]).astype(np.float32)
