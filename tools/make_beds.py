"""The soundscape beds (``audio/beds/``): brown noise, soft rain, a stream and distant waves.

Each is made from seeded noise (a xorshift generator of our own, so every run and every Python
writes the same bytes) shaped by simple filters and events, the way the sound is made in nature:

- **brown**: white noise through a leaky integrator (a 1/f^2 spectrum: a deep, even rumble),
  its lowest drift taken out, breathing slowly by a decibel or two so it never sounds like a fan.
- **rain**: a soft wash (noise between about 300 Hz and 3 kHz, its level drifting with the
  gusts) and the drops themselves: hundreds of tiny damped tones between 1.8 and 5 kHz at
  random moments, most of them faint, a few near.
- **stream**: water is bubbles. Each is a damped tone whose pitch rises as it closes (Minnaert's
  resonance; van den Doel's model), between 150 and 700 Hz (large bubbles: a brook burbling),
  coming in clusters, over a low rush of filtered noise, the whole gently darkened above 2 kHz:
  the band of the voice's consonants is left to the voice.
- **waves**: deep noise swelling and falling back on slow, uneven periods (three waves a loop),
  brighter as each breaks (its low-pass opens with the swell) with a little foam on top, never
  quite silent between them.

Each bed is one loop, mono, 16-bit, 22050 Hz (the high end of rain is soft enough for that,
and the file half the size): made a second longer than the loop, and that second crossfaded
(equal power) into its start, so the last sample leads into the first with no seam. Every bed
is equally loud: ``BED_LUFS`` (ITU-R BS.1770 integrated loudness, the mono file heard in both
ears, measured with pyloudnorm), so at the default soundscape volume (50, 6 dB down) each sits
about 18 LU under the voice (``docs/architecture.md``, Soundscape). The ear weighs the bands
unequally, so the RMS levels that give it differ (``BED_RMS``): rain and the waves, bright, are
7 dB lower in RMS than the brown noise, whose energy is mostly below what the ear weighs fully.
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

BED_RATE = 22050
BED_LUFS = -32.8
BED_RMS = {"brown": -30.0, "rain": -37.4, "stream": -35.1, "waves": -37.3}
"""Each bed's RMS level (dBFS), measured to give ``BED_LUFS``: the loudness meter isn't in the
standard library, so the levels it found are kept here. At -26 dBFS RMS, brown measured
-28.84 LUFS, rain -21.40, stream -23.74, waves -21.49."""
CROSS_S = 1.0
TWO_PI = 2 * math.pi


class Noise:
    """A seeded xorshift32 generator: uniform numbers in [-1, 1), the same everywhere."""

    def __init__(self, seed: int) -> None:
        self.state = seed & 0xFFFFFFFF or 1

    def next(self) -> float:
        """The next number in [-1, 1)."""
        x = self.state
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        self.state = x
        return x / 2147483648.0 - 1.0

    def unit(self) -> float:
        """The next number in [0, 1)."""
        return (self.next() + 1.0) / 2


def _coef(hz: float) -> float:
    """A one-pole low-pass's coefficient for a corner at ``hz``."""
    return 1.0 - math.exp(-TWO_PI * hz / BED_RATE)


def _lowpass(xs: list[float], hz: float) -> list[float]:
    a, y, out = _coef(hz), 0.0, []
    for x in xs:
        y += a * (x - y)
        out.append(y)
    return out


def _highpass(xs: list[float], hz: float) -> list[float]:
    low = _lowpass(xs, hz)
    return [x - lo for x, lo in zip(xs, low, strict=True)]


def _white(n: int, seed: int) -> list[float]:
    noise = Noise(seed)
    return [noise.next() for _ in range(n)]


def _drift(n: int, loop: int, periods: list[tuple[float, float, float]]) -> list[float]:
    """A slow level (around 1) from sines that each fit the loop a whole number of times."""
    out = []
    for i in range(n):
        t = (i % loop) / loop
        out.append(1.0 + sum(d * math.sin(TWO_PI * (k * t + ph)) for k, d, ph in periods))
    return out


def _tone(out: list[float], at: int, freq: float, tau: float, amp: float, rise: float) -> None:
    """Add a damped tone at sample ``at``: its pitch rising by ``rise`` (a fraction) over its
    life, its onset smoothed over a millisecond."""
    length = min(len(out) - at, int(4 * tau * BED_RATE))
    decay = math.exp(-1 / (tau * BED_RATE))
    onset = BED_RATE // 1000
    step = TWO_PI * freq / BED_RATE
    glide = step * rise / max(1, length)  # the pitch's rise, a little each sample
    phase, level, sin = 0.0, amp, math.sin
    for i in range(length):
        phase += step + glide * i
        out[at + i] += (level if i >= onset else level * i / onset) * sin(phase)
        level *= decay


def brown(n: int, loop: int) -> list[float]:
    """Brown noise: integrated white noise, its drift taken out, breathing slowly."""
    y, out = 0.0, []
    for w in _white(n, 11):
        y = 0.998 * y + 0.05 * w
        out.append(y)
    out = _highpass(_lowpass(out, 900.0), 22.0)
    level = _drift(n, loop, [(1, 0.10, 0.0), (3, 0.05, 0.3)])
    return [x * g for x, g in zip(out, level, strict=True)]


def rain(n: int, loop: int) -> list[float]:
    """Soft rain: a wash that drifts with the gusts, and many faint drops."""
    wash = _highpass(_lowpass(_lowpass(_white(n, 23), 3000.0), 2500.0), 300.0)
    gusts = _drift(n, loop, [(1, 0.18, 0.1), (2, 0.08, 0.6), (5, 0.05, 0.2)])
    out = [0.6 * x * g for x, g in zip(wash, gusts, strict=True)]
    noise = Noise(29)
    for _ in range(int(70 * n / BED_RATE)):  # about 70 drops a second
        at = int(noise.unit() * (n - 1))
        freq = 1800.0 * (5000.0 / 1800.0) ** noise.unit()
        near = noise.unit() ** 4  # most are far
        _tone(out, at, freq, 0.002 + 0.006 * noise.unit(), 0.05 + 0.35 * near, -0.1)
    return _lowpass(out, 5500.0)


def stream(n: int, loop: int) -> list[float]:
    """A stream: bubbles rising in pitch as they close, in clusters, over a low rush. The
    bubbles are large ones (150-700 Hz) and the whole is darkened above 2 kHz, so the water
    burbles below the band the voice's consonants need (``STREAM_BUBBLES_HZ``)."""
    rush = _highpass(_lowpass(_white(n, 37), 1200.0), 150.0)
    out = [0.25 * x for x in rush]
    noise = Noise(41)
    low, high = STREAM_BUBBLES_HZ
    at = 0.0
    while True:
        at += -math.log(1.0 - noise.unit() * 0.999) / 55.0 * BED_RATE  # ~55 a second
        if at >= n - 1:
            break
        for k in range(1 + int(3 * noise.unit() ** 3)):  # sometimes a little cluster
            start = int(at) + k * int(0.012 * BED_RATE)
            if start >= n - 1:
                break
            freq = low * (high / low) ** noise.unit()
            tau = 0.008 + 0.02 * noise.unit() * (500.0 / freq)
            amp = 0.08 + 0.3 * noise.unit() ** 2
            _tone(out, start, freq, tau, amp, 0.25)
    return _lowpass(out, 2000.0)


STREAM_BUBBLES_HZ = (150.0, 700.0)
"""The stream's bubbles' pitches (Minnaert: bubbles of about 2 cm down to 5 mm across). They
were 300 Hz to 1.6 kHz, lowpassed at 4 kHz: pitched tones in the voice's own band, over which
pocketsphinx got 16-21 of the 21 words of ``tests/audio/test_soundscapes_by_ear.py`` depending
on where the loop lay under them (at 10 of 24 places round the loop fewer than 19; a shift of
25 ms moved it from 21 to 16). Lower and darker, it got 19-21 at each of 33 places tried (24
round the loop, 9 within 0.1 s of the test's; all 21 but one), as over the brown noise."""


WAVE_PERIODS = (7.3, 9.1, 7.6)
"""Seconds of each wave in the loop (their sum is the loop's length)."""


def _swell(n: int, loop: int) -> list[float]:
    """The waves' level: each rises slowly, breaks, and falls back to a steady far surf."""
    rise = 0.45
    one: list[float] = []
    for k, period in enumerate(WAVE_PERIODS):
        start = round(sum(WAVE_PERIODS[:k]) * BED_RATE)
        end = loop if k == len(WAVE_PERIODS) - 1 else round(sum(WAVE_PERIODS[: k + 1]) * BED_RATE)
        for i in range(end - start):
            x = i / (period * BED_RATE)
            if x < rise:
                v = 0.5 - 0.5 * math.cos(math.pi * x / rise)
            else:  # falls back to the far surf, meeting the next wave's start smoothly
                v = max(0.0, 1 - (x - rise) / (1 - rise)) ** 2.5
            one.append(0.25 + 0.75 * v)
    return [one[i % loop] for i in range(n)]


def waves(n: int, loop: int) -> list[float]:
    """Distant waves: deep noise swelling and falling back, opening as it breaks."""
    env = _swell(n, loop)
    white = _white(n, 53)
    y1 = y2 = 0.0
    out = []
    a = 0.0
    for i, (w, e) in enumerate(zip(white, env, strict=True)):
        if i % 16 == 0:  # the low-pass follows the swell at a control rate: it moves slowly
            a = _coef(180.0 + 900.0 * e * e)
        y1 += a * (w - y1)
        y2 += a * (y1 - y2)
        out.append(y2 * e)
    foam = _highpass(_lowpass(_white(n, 59), 2500.0), 900.0)
    out = [x + 0.12 * f * e**3 for x, f, e in zip(out, foam, env, strict=True)]
    return _highpass(out, 30.0)


BEDS: dict[str, tuple[Callable[[int, int], list[float]], float]] = {
    "brown": (brown, 16.0),
    "rain": (rain, 16.0),
    "stream": (stream, 16.0),
    "waves": (waves, sum(WAVE_PERIODS)),
}
"""Each bed's maker and its loop's length in seconds."""


def looped(make: Callable[[int, int], list[float]], seconds: float) -> list[float]:
    """``make``'s sound as a seamless loop of ``seconds``: the extra second at its end
    crossfaded (equal power) into its start."""
    loop, cross = int(seconds * BED_RATE), int(CROSS_S * BED_RATE)
    made = make(loop + cross, loop)
    out = made[:loop]
    for i in range(cross):
        theta = math.pi / 2 * i / cross
        out[i] = made[i] * math.sin(theta) + made[loop + i] * math.cos(theta)
    return out


def write_bed(path: Path, samples: list[float], level: float) -> None:
    """Write ``samples`` as a mono 16-bit WAV at ``BED_RATE``, at ``level`` dBFS RMS."""
    rms = math.sqrt(sum(x * x for x in samples) / len(samples)) or 1.0
    gain = 10 ** (level / 20) * 32767 / rms
    pcm = array("h", (max(-32767, min(32767, round(x * gain))) for x in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(BED_RATE)
        w.writeframes(pcm.tobytes())


def make_beds(folder: Path) -> list[Path]:
    """Write every bed into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (make, seconds) in BEDS.items():
        path = folder / f"{name}.wav"
        write_bed(path, looped(make, seconds), BED_RMS[name])
        written.append(path)
    return written
