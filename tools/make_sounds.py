"""Synthesize the bundled sounds in ``audio/``: the chimes (a bell, a singing bowl and a soft wood
block), and in ``audio/cues/`` the quiet cues for the ear (the breath tones and the waiting cue).

Standard library only and fully deterministic (no randomness): running it again writes
byte-identical files. Each sound is mono, 16-bit, 44100 Hz and ends in a smooth fade to exact
zero, so it never clicks when it ends. Chimes peak at about -3 dBFS. The cues are gentle: a
raised-cosine fade in (no sharp attack) and out, a tone rising for the in-breath and falling for
the out-breath, a quieter short mark for hold and rest, and a low soft hum for waiting; they
peak lower (``CUE_PEAKS``) so they sit under the voice. The soundscape beds in ``audio/beds/``
are made in ``make_beds.py`` (described there).

    python tools/make_sounds.py [output folder]
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_beds import make_beds  # run as a script: its folder is on the path

RATE = 44100
PEAK = 10 ** (-3 / 20)  # -3 dBFS
FULL_SCALE = 32767
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Partial:
    """One sine component: frequency (Hz), starting amplitude, and decay time constant (s)."""

    freq: float
    amp: float
    tau: float


def _render(partials: Sequence[Partial], seconds: float, attack: float, fade: float) -> list[float]:
    """Sum exponentially decaying partials, then shape the attack and the final fade."""
    n = int(seconds * RATE)
    out = [0.0] * n
    for p in partials:
        step = 2 * math.pi * p.freq / RATE
        decay = math.exp(-1 / (p.tau * RATE))
        amp = p.amp
        for i in range(n):
            out[i] += amp * math.sin(step * i)
            amp *= decay
    attack_n = max(1, int(attack * RATE))
    for i in range(min(attack_n, n)):
        out[i] *= 0.5 - 0.5 * math.cos(math.pi * i / attack_n)  # raised-cosine onset
    fade_n = int(fade * RATE)
    for k in range(fade_n):
        # raised-cosine fade from 1 down to exactly 0 at the last sample
        out[n - fade_n + k] *= 0.5 + 0.5 * math.cos(math.pi * (k + 1) / fade_n)
    return out


def _to_pcm(samples: Sequence[float], peak: float = PEAK) -> bytes:
    """Scale to ``peak`` (default -3 dBFS) and pack as little-endian 16-bit integers."""
    top = max(abs(s) for s in samples) or 1.0
    gain = peak * FULL_SCALE / top
    pcm = array("h", (round(s * gain) for s in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    return pcm.tobytes()


def bell() -> list[float]:
    """A small temple bell: inharmonic partials, higher ones dying faster, ~5 s."""
    f = 392.0
    ratios = [
        (0.5, 0.35, 2.2),  # hum
        (1.0, 1.0, 1.6),  # prime
        (1.19, 0.45, 1.2),  # minor third, the bell's colour
        (1.51, 0.35, 1.0),
        (2.0, 0.40, 0.8),  # nominal
        (2.51, 0.22, 0.55),
        (2.66, 0.18, 0.5),
        (3.01, 0.12, 0.4),
        (4.1, 0.08, 0.25),
        (5.43, 0.05, 0.15),
    ]
    parts = [Partial(f * r, a, t) for r, a, t in ratios]
    return _render(parts, seconds=5.0, attack=0.002, fade=0.6)


def bowl() -> list[float]:
    """A singing bowl: pairs of close partials beat slowly; soft attack; ~8 s."""
    f = 196.0
    parts: list[Partial] = []
    for ratio, amp, tau, beat in [
        (1.0, 1.0, 3.2, 0.7),
        (2.76, 0.5, 2.2, 1.3),
        (5.2, 0.22, 1.2, 2.1),
        (8.2, 0.08, 0.6, 2.9),
    ]:
        # Two slightly detuned copies of each mode: the slow "wah-wah" of a real bowl.
        parts.append(Partial(f * ratio - beat / 2, amp * 0.55, tau))
        parts.append(Partial(f * ratio + beat / 2, amp * 0.45, tau * 0.9))
    return _render(parts, seconds=8.0, attack=0.06, fade=1.2)


def wood() -> list[float]:
    """A soft wood block: a few damped inharmonic modes, ~0.45 s."""
    parts = [
        Partial(720.0, 1.0, 0.060),
        Partial(1310.0, 0.45, 0.035),
        Partial(1980.0, 0.25, 0.020),
        Partial(2870.0, 0.10, 0.012),
    ]
    return _render(parts, seconds=0.45, attack=0.0015, fade=0.15)


SOUNDS = {"bell": bell, "bowl": bowl, "wood": wood}


def glide(start: float, end: float, seconds: float, fade_in: float, fade_out: float) -> list[float]:
    """A soft tone gliding from ``start`` to ``end`` Hz, with a touch of its octave, faded in
    and out along raised cosines (exactly 0 at both ends)."""
    n = int(seconds * RATE)
    out = [0.0] * n
    phase = 0.0
    for i in range(n):
        t = i / max(1, n - 1)
        freq = start + (end - start) * (0.5 - 0.5 * math.cos(math.pi * t))  # eased
        phase += 2 * math.pi * freq / RATE
        out[i] = math.sin(phase) + 0.18 * math.sin(2 * phase)
    rise, fall = int(fade_in * RATE), int(fade_out * RATE)
    for i in range(rise):
        out[i] *= 0.5 - 0.5 * math.cos(math.pi * i / rise)
    for k in range(fall):
        out[n - fall + k] *= 0.5 + 0.5 * math.cos(math.pi * (k + 1) / fall)
    return out


CUES = {
    "in": lambda: glide(262.0, 392.0, 0.9, 0.25, 0.4),  # rising: C4 to G4
    "top-up": lambda: glide(392.0, 440.0, 0.45, 0.12, 0.2),  # a little more in
    "out": lambda: glide(392.0, 262.0, 0.9, 0.25, 0.4),  # falling
    "hold": lambda: glide(330.0, 330.0, 0.35, 0.12, 0.2),  # a quiet mark
    "rest": lambda: glide(294.0, 294.0, 0.35, 0.12, 0.2),
    "waiting": lambda: glide(196.0, 196.0, 1.2, 0.5, 0.6),  # a low soft hum: "I'm waiting"
}
CUE_PEAKS = {"in": -12.0, "top-up": -14.0, "out": -12.0, "hold": -20.0, "rest": -20.0}
WAITING_PEAK = -18.0


def write_wav(path: Path, samples: Sequence[float], peak: float = PEAK) -> None:
    """Write ``samples`` as a mono 16-bit WAV at ``RATE``, peaking at ``peak``."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(_to_pcm(samples, peak))


def main(argv: Sequence[str] | None = None) -> int:
    """Write every sound into the given folder (default: the repository's ``audio/``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else ROOT / "audio"
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        path = folder / f"{name}.wav"
        write_wav(path, make())
        print(f"wrote {path}")
    cues = folder / "cues"
    cues.mkdir(exist_ok=True)
    for name, make in CUES.items():
        path = cues / f"{name}.wav"
        write_wav(path, make(), 10 ** (CUE_PEAKS.get(name, WAITING_PEAK) / 20))
        print(f"wrote {path}")
    for path in make_beds(folder / "beds"):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
