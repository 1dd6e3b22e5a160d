"""Bringing a mix to one loudness: the chunked BS.1770 measure agrees with pyloudnorm's Meter,
and a track with a strike far louder than its speech reaches -16 LUFS with its true peak
under -1 dBTP, the speech itself not squashed."""

from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest

from session_player.audio import mastering


def bursts(rate: int, seconds: float, seed: int = 1) -> np.ndarray:
    """Noise in bursts with quiet between, like lines and pauses."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * rate)) / rate
    envelope = (np.sin(2 * np.pi * 0.3 * t) > 0).astype(np.float32)
    return (rng.standard_normal(len(t)) * 0.05 * envelope).astype(np.float32)


@pytest.mark.parametrize(("rate", "seconds"), [(44100, 23.7), (48000, 61.05), (44100, 0.9)])
def test_the_loudness_is_pyloudnorms_to_a_hundredth(rate: int, seconds: float) -> None:
    track = bursts(rate, seconds)
    expected = pyloudnorm.Meter(rate).integrated_loudness(track.astype(np.float64))
    assert mastering.loudness(track, rate) == pytest.approx(expected, abs=0.01)


def test_a_loud_strike_is_limited_and_the_rest_reaches_the_target() -> None:
    rate = 44100
    track = bursts(rate, 30.0)
    strike = round(10.0 * rate)
    track[strike : strike + 200] = 0.99  # a bell struck far above the voice
    done = mastering.master(track, rate)
    assert mastering.loudness(done.samples, rate) == pytest.approx(-16.0, abs=0.1)
    assert mastering.true_peak(done.samples) <= -1.0
    assert done.true_peak_dbtp == pytest.approx(mastering.true_peak(done.samples), abs=0.1)
    # Away from the strike, only the gain: the speech's shape is untouched.
    away = slice(round(20.0 * rate), round(25.0 * rate))
    ratio = done.samples[away][track[away] != 0] / track[away][track[away] != 0]
    assert np.ptp(ratio) < 1e-4
