"""A session rendered a chunk at a time, so a long one never holds its whole mix: the chunks
join into the track made at once (a sound across a seam, the soundscape resampled for Opus),
and the loudness and the limiter find what they find for the whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from session_player.audio import mastering, mixdown
from session_player.audio.bedmix import BedStream
from session_player.conductor.noted_bed import NotedBed
from session_player.core.bundled import bundled_beds, bundled_sounds


def joined(stream: BedStream, frames: int, size: int) -> np.ndarray:
    track = np.zeros(frames, dtype=np.float32)
    try:
        for at in range(0, frames, size):
            stream.add(track[at : at + size], at)
    finally:
        stream.close()
    return track


@pytest.mark.parametrize("rate", [44100, 48000])  # 48 kHz for Opus: the loop resampled
def test_the_soundscape_in_chunks_is_the_soundscape_laid_at_once(rate: int) -> None:
    bed = NotedBed(bundled_beds()["rain"], True, 60, lambda: 0.0)
    bed.level.ramp(0.0, 1.0, 2.0)
    bed.ducks.spans[1] = (3.0, 5.0)
    frames = 9 * rate
    whole = joined(BedStream(bed, frames, rate), frames, frames)
    chunked = joined(BedStream(bed, frames, rate), frames, 12345)
    assert np.abs(whole).max() > 0.01  # the rain is heard
    assert np.abs(chunked - whole).max() < 1e-5  # and nothing is heard at a seam


@dataclass
class Sound:
    path: Path
    volume: int
    start: float
    seconds: float = 5.0
    fade_at: float | None = None
    fade_s: float = 0.0


def test_sounds_across_the_seams_are_whole() -> None:
    bell = bundled_sounds()["bell"]
    sounds = [Sound(bell, 80, 0.5), Sound(bell, 50, 1.99, fade_at=3.0, fade_s=0.5)]
    rate = mixdown.RATE
    alone = mixdown.load(bell, rate)
    parts = list(mixdown.chunks(sounds, 7.0, rate, size=rate // 2))
    track = np.concatenate([chunk for _, chunk in parts])
    assert [at for at, _ in parts] == list(range(0, len(track), rate // 2))
    first = track[round(0.5 * rate) : round(1.99 * rate)]
    assert np.allclose(first, alone[: len(first)] * 0.8, atol=1e-6)
    first_ends = round(0.5 * rate) + len(alone)
    quiet = round(3.5 * rate) + 1  # the second bell faded out for good: the first alone
    after = track[quiet:first_ends] - 0.8 * alone[quiet - round(0.5 * rate) :]
    assert np.abs(after).max() < 1e-6


def test_a_strike_on_a_chunks_seam_is_limited_as_in_a_track_held_whole() -> None:
    rate = 44100
    rng = np.random.default_rng(2)
    track = (rng.standard_normal(3 * mastering.CHUNK) * 0.05).astype(np.float32)
    seam = mastering.CHUNK
    track[seam - 100 : seam + 100] = 0.99
    done = mastering.master(track, rate)
    assert mastering.loudness(done.samples, rate) == pytest.approx(-16.0, abs=0.05)
    assert mastering.true_peak(done.samples) <= -1.0
    assert done.true_peak_dbtp == pytest.approx(mastering.true_peak(done.samples), abs=0.05)
