"""One pace for every voice: words a minute, mapped onto each engine's own speed setting.

Each engine has its own knob (espeak-ng's rate, hibari's speed, Piper's length scale) and its own
idea of normal: at their defaults espeak-ng speaks about 167 words a minute for a rate of 140,
hibari about 207 and Piper about 215, all far too brisk for guidance. The person sets words a
minute once (settings' ``voice_rate``); these functions turn it into each knob.

The constants were measured on the 42 spoken lines of two bundled scripts (compassionate-image and
rain), counting words over the length of each line from its first sound to its last
(``loudness.trim``), at two settings of each knob (``bench/bench_voices.py --calibrate``).
"""

from __future__ import annotations

ESPEAK_WPM_PER_RATE = 1.19
"""espeak-ng: 1.19 words a minute per unit of its rate (118 at 100, 167 at 140, 239 at 200)."""
HIBARI_WPM_PER_SPEED = 199.3
HIBARI_WPM_OFFSET = 8.0
"""hibari: words a minute = 199.3 x speed + 8 (148 at 0.7, 207 at 1.0)."""
HIBARI_SPEEDS = (0.5, 2.0)
"""The speeds hibari accepts: it speaks no slower than about 108 words a minute."""
PIPER_WPM_TIMES_SCALE = 306.7
PIPER_SCALE_OFFSET = 0.4265
"""Piper (en_US-joe-medium): words a minute = 306.7 / (length scale + 0.4265): 215 at 1, 159 at
1.5."""


def espeak_rate(wpm: int) -> int:
    """espeak-ng's rate for ``wpm`` words a minute (espeak-ng itself goes no lower than 80, about
    95 words a minute)."""
    return max(1, round(wpm / ESPEAK_WPM_PER_RATE))


def hibari_speed(wpm: int) -> float:
    """hibari's speed for ``wpm`` words a minute (within the speeds it accepts)."""
    low, high = HIBARI_SPEEDS
    return round(min(high, max(low, (wpm - HIBARI_WPM_OFFSET) / HIBARI_WPM_PER_SPEED)), 3)


def piper_length_scale(wpm: int) -> float:
    """Piper's length scale for ``wpm`` words a minute."""
    return round(max(0.25, PIPER_WPM_TIMES_SCALE / max(1, wpm) - PIPER_SCALE_OFFSET), 3)
