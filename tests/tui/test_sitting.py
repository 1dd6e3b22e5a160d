"""One sitting without a screen: when to look next, the countdown, holds, the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_player.core.clock import FakeClock, ScaledClock
from session_player.core.library.scripts import load_script_file
from session_player.core.session.events import Paused, Resumed, SessionEnded, SessionStarted
from session_player.core.session.timeline import Timeline, compile_timeline
from session_player.home.settings import Settings
from session_player.tui.app import make_app
from session_player.tui.sitting import Sitting

from .conftest import RecordingConductor


@pytest.fixture
def timeline(scripts: Path) -> Timeline:
    entry = load_script_file(scripts / "breathing.toml", "bundled")
    assert entry.script is not None
    return compile_timeline(entry.script)


def sitting_for(timeline: Timeline, clock: FakeClock, delay: float = 0.0) -> Sitting:
    sitting = Sitting(clock, RecordingConductor(Settings()), start_delay=delay)
    sitting.prepared(timeline, check_in=False)
    return sitting


def test_the_next_look_is_when_something_is_due_and_never_over_a_second_away(
    timeline: Timeline, clock: FakeClock
) -> None:
    sitting = sitting_for(timeline, clock)
    assert isinstance(sitting.count_down()[0], SessionStarted)
    # Soothing breaths: in 3 s, hold 1 s, out... Each phase is told half a second ahead of
    # its boundary (its tone starts then), so the hold is told at 2.5 s: look in 1 s.
    assert sitting.wait() == 1.0
    clock.advance(2.5)
    sitting.poll()
    assert sitting.wait() == pytest.approx(0.5)  # the hold begins at 3 s
    clock.advance(0.5)
    sitting.poll()
    assert sitting.wait() == pytest.approx(0.5)  # the out-breath is told at 3.5 s
    clock.advance(0.5)
    sitting.poll()
    assert sitting.wait() == pytest.approx(0.5)  # and begins at 4 s


def test_nothing_to_look_for_while_paused_or_after_the_end(
    timeline: Timeline, clock: FakeClock
) -> None:
    sitting = sitting_for(timeline, clock)
    sitting.count_down()
    assert sitting.session is not None
    sitting.session.pause()
    assert sitting.wait() is None
    sitting.session.resume()
    assert sitting.handle(sitting.session.stop()) is not None
    assert sitting.state == "ended"
    assert sitting.wait() is None


def test_the_countdown_starts_the_session_on_time(timeline: Timeline, clock: FakeClock) -> None:
    sitting = sitting_for(timeline, clock, delay=10)
    assert sitting.count_down() == []
    assert sitting.state == "countdown" and sitting.countdown == 10
    clock.advance(0.4)
    assert sitting.wait() == pytest.approx(0.6)  # when the shown number changes
    assert sitting.countdown == 10
    clock.advance(9.6)
    events = sitting.poll()
    assert isinstance(events[0], SessionStarted)
    assert sitting.state == "playing"


def test_a_hold_pauses_and_a_release_resumes_only_what_it_paused(
    timeline: Timeline, clock: FakeClock
) -> None:
    sitting = sitting_for(timeline, clock)
    sitting.count_down()
    events, resume = sitting.hold()
    assert isinstance(events[-1], Paused) and resume
    assert isinstance(sitting.release(resume)[0], Resumed)
    assert sitting.session is not None
    sitting.session.pause()
    events, resume = sitting.hold()
    assert events == [] and not resume
    assert sitting.release(resume) == []
    assert sitting.session.state == "paused"


def test_a_hold_during_the_countdown_starts_it_again(timeline: Timeline, clock: FakeClock) -> None:
    sitting = sitting_for(timeline, clock, delay=5)
    sitting.count_down()
    clock.advance(4)
    sitting.hold()
    assert sitting.state == "held"
    clock.advance(30)
    assert sitting.poll() == []
    sitting.release(False)
    assert sitting.state == "countdown" and sitting.countdown == 5


def test_stopping_before_the_start_ends_nothing(timeline: Timeline, clock: FakeClock) -> None:
    sitting = sitting_for(timeline, clock, delay=5)
    sitting.count_down()
    assert sitting.stop() is None
    assert sitting.state == "ended"


def test_ending_now_tells_the_conductor_and_closing_happens_once(
    timeline: Timeline, clock: FakeClock
) -> None:
    sitting = sitting_for(timeline, clock)
    sitting.count_down()
    clock.advance(2)
    ended = sitting.end_now("interrupted")
    assert ended is not None and ended.reason == "interrupted" and ended.practised == 2
    conductor = sitting.conductor
    assert isinstance(conductor, RecordingConductor)
    assert conductor.of(SessionEnded) == [ended]
    sitting.close()
    sitting.close()
    assert conductor.calls.count(("close", None)) == 1


def test_controls_apply_only_while_playing(timeline: Timeline, clock: FakeClock) -> None:
    sitting = sitting_for(timeline, clock, delay=5)
    assert sitting.can("next") is None
    sitting.count_down()
    assert sitting.can("next") is None
    assert sitting.can("stop") is True and sitting.can("grounding") is True
    clock.advance(5)
    sitting.poll()
    assert sitting.can("next") is True and sitting.can("extend") is True


def test_make_app_scales_the_real_clock_for_speed() -> None:
    app = make_app(speed=10.0)
    assert isinstance(app.clock, ScaledClock) and app.clock.speed == 10.0
    assert make_app().speed == 1.0


def test_at_speed_a_sleeping_laptop_is_a_longer_gap_in_the_faster_clock() -> None:
    from session_player.conductor.protocol import NullConductor
    from session_player.core.script.loader import load_text
    from session_player.core.session.timeline import compile_timeline
    from session_player.tui.sitting import Sitting

    script = load_text('title = "T"\npractice = "custom"\n[[step]]\nsilence = "1m"\n')
    assert not isinstance(script, list)
    sitting = Sitting(lambda: 0.0, NullConductor(), speed=200)
    sitting.prepared(compile_timeline(script), check_in=False)
    assert sitting.session is not None and sitting.session.jump_limit == 1000.0
