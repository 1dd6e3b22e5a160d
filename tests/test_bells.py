"""Bells that ring out: ending an open-ended sit is its natural end, and its end bell rings,
alone, even when the sit was paused first. Sounds go to an output that keeps when each would be
heard (tests/timed_output.py), on manual clocks. Plain mode's bell heard to its end at ALSA:
tests/audio/test_audio_bells.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from conductor_fakes import manual_workers
from timed_output import Sitting

from session_player.core.bundled import bundled_sounds
from session_player.core.library.timer import TimerChoice, timer_script


@pytest.mark.parametrize("paused_first", [False, True])
def test_ending_an_open_ended_sit_rings_its_end_bell_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paused_first: bool
) -> None:
    choice = TimerChoice(length=None, bell_every=60.0, bell="wood", start="none", end="bell")
    script = timer_script(choice, bundled_sounds())
    s = Sitting(script, tmp_path, manual_workers(monkeypatch))
    s.wait(60.2)  # the interval bell has just rung
    if paused_first:
        s.hand(s.session.pause())
        s.wait(5.0)
    s.hand(s.session.stop("stopped"))
    s.wait(30.0)
    assert s.session.ended is not None and s.session.ended.reason == "completed"
    interval, end = s.out.sounds
    assert (interval.name, end.name) == ("wood.wav", "bell.wav")
    rang = end.stretches()
    assert rang == [(pytest.approx(s.session.ended.practised + 5.0 * paused_first), rang[0][1])]
    assert rang[0][1] - rang[0][0] == pytest.approx(5.0, abs=0.05)  # to its end
    if paused_first:  # what was paused stays faded: not heard again under the end bell
        assert all(b <= rang[0][0] for _, b in interval.stretches())
    else:  # the last interval bell is not cut: it rings out under the end bell
        ((a, b),) = interval.stretches()
        assert b - a == pytest.approx(0.45, abs=0.05)
