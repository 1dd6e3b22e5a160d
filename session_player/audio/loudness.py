"""One loudness for every voice: each rendered line is trimmed and brought to the same level.

Engines render at different levels (hibari about 6 dB below espeak-ng, Piper a little above), so
without this, changing the voice would change the balance with the chimes. Every line, whatever
rendered it, is:

- trimmed of the silence before its first sound and after its last, with exactly ``EDGE_S`` of
  silence at each end (added where the engine gave less: espeak-ng starts most lines with sound
  in their very first sample), so its length in the timeline is the length of the speech;
- scaled so that its RMS level, first sound to last, is ``TARGET_DBFS``; the gain is held back
  where that would lift a peak above ``CEILING_DBFS``, so nothing ever clips.

``TARGET_DBFS`` is where espeak-ng already was (about -21 dBFS), less 1 dB of headroom, so the
balance with the chimes that people know stays as it was. Pure Python on 16-bit PCM.
"""

from __future__ import annotations

import math
import os
import wave
from pathlib import Path

from session_player.audio.pcm import SAMPLE_WIDTH, _from_bytes, peak, scale

TARGET_DBFS = -22.0
"""The RMS level of every spoken line, in dB below a full-scale square wave (as sox reports)."""
CEILING_DBFS = -1.0
"""No sample of a line is ever louder than this."""
SILENT_DBFS = -50.0
"""Samples quieter than this at a line's edges count as silence."""
EDGE_S = 0.04
"""Silence before the first sound and after the last of every line, so none starts abruptly."""
FULL_SCALE = 32767


def dbfs(level: float) -> float:
    """A sample level (0..32767) in dBFS; -inf for silence."""
    return 20 * math.log10(level / FULL_SCALE) if level > 0 else -math.inf


def rms(pcm: bytes) -> float:
    """The root mean square of 16-bit samples."""
    samples = _from_bytes(pcm)
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def trim(pcm: bytes, rate: int) -> bytes:
    """``pcm`` (mono) without the silence before its first sound and after its last."""
    samples = _from_bytes(pcm)
    threshold = FULL_SCALE * 10 ** (SILENT_DBFS / 20)
    first = next((i for i, s in enumerate(samples) if abs(s) > threshold), None)
    if first is None:
        return pcm  # all silence: leave it be (the renderer reports an empty line)
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > threshold)
    keep = int(EDGE_S * rate)
    start, end = max(0, first - keep), min(len(samples), last + 1 + keep)
    # An engine that starts with sound in its very first sample (espeak-ng, most lines) is given
    # the lead-in the others have, and the same tail: a line never starts or ends abruptly.
    before, after = (
        bytes((keep - (first - start)) * SAMPLE_WIDTH),
        bytes((keep - (end - last - 1)) * SAMPLE_WIDTH),
    )
    return before + pcm[start * SAMPLE_WIDTH : end * SAMPLE_WIDTH] + after


def gain_for(pcm: bytes) -> float:
    """The gain to bring ``pcm`` to ``TARGET_DBFS``, held back to keep peaks under the ceiling."""
    level = rms(pcm)
    if level <= 0:
        return 1.0
    wanted = FULL_SCALE * 10 ** (TARGET_DBFS / 20) / level
    top = peak(pcm)
    ceiling = FULL_SCALE * 10 ** (CEILING_DBFS / 20) / top if top else wanted
    return min(wanted, ceiling)


def normalise(pcm: bytes, rate: int) -> bytes:
    """A mono line trimmed and brought to the target level."""
    trimmed = trim(pcm, rate)
    return scale(trimmed, gain_for(trimmed))


def normalise_file(path: Path) -> None:
    """Rewrite a 16-bit mono WAV file trimmed and at the target level (in place, atomically)."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        pcm = w.readframes(w.getnframes())
    if channels != 1 or width != SAMPLE_WIDTH:
        return  # not what any engine here writes; played as it is
    out = normalise(pcm, rate)
    tmp = Path(path).with_name(f".{Path(path).name}.{os.getpid()}.level.wav")
    try:
        with wave.open(str(tmp), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(SAMPLE_WIDTH)
            w.setframerate(rate)
            w.writeframes(out)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
