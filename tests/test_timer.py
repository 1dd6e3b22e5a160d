"""The quick timer in the engine, against a fake clock: fixed and open-ended sits, interval
bells with and without a planned end, and what stopping an open-ended sit means."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import pytest

from session_player.core.clock import FakeClock
from session_player.core.library.timer import (
    TimerChoice,
    TimerError,
    parse_bells,
    parse_time_of_day,
    timer_script,
    until_now,
)
from session_player.core.script.model import SoundFile
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.core.session.timeline import Opening, compile_timeline
from session_player.home.timers import load_timers, remember
from tests.test_engine import tick

SOUNDS = {"bell": Path("bell.wav"), "bowl": Path("bowl.wav")}


def play(choice: TimerChoice, opening: Opening | None = None) -> tuple[Session, FakeClock]:
    timeline = compile_timeline(timer_script(choice, SOUNDS), opening=opening)
    clock = FakeClock()
    return Session(timeline, clock), clock


def bells(events: list[ev.Event]) -> list[float]:
    return [e.at for e in events if isinstance(e, ev.ChimeRang) and e.purpose == "interval"]


def test_twenty_minutes_with_a_bell_every_five() -> None:
    s, clock = play(TimerChoice(length=1200, bell_every=300, bell="bowl"))
    events = s.start() + tick(s, clock, 1201)
    assert bells(events) == [300, 600, 900]  # none at the very end: the end chime rings there
    [end] = [e for e in events if isinstance(e, ev.SessionEnded)]
    assert (end.reason, end.practised) == ("completed", 1200)
    sounds = {e.sound.name for e in events if isinstance(e, ev.ChimeRang) and e.sound}
    assert sounds == {"bowl"}


def test_an_open_ended_sit_rings_its_bells_until_stopped_and_ends_completed() -> None:
    s, clock = play(TimerChoice(length=None, bell_every=300))
    started = s.start()
    assert started[0] == ev.SessionStarted(0.0, "Open-ended sit", 0.0, open_ended=True)
    events = tick(s, clock, 3 * 3600 + 10, step=1.0)
    assert s.state == "running"  # no planned end
    assert bells(events) == [300.0 * n for n in range(1, 37)]  # three hours of bells, on time
    assert s.next_due() == pytest.approx(clock() + 290)  # the next bell, not "never"
    assert s.extend() == []  # an open sit already lasts as long as it needs
    [end] = s.stop()
    assert isinstance(end, ev.SessionEnded)
    assert end.reason == "completed"  # stopping is its natural end
    assert end.practised == 3 * 3600 + 10


def test_pauses_hold_the_interval_bells() -> None:
    s, clock = play(TimerChoice(length=None, bell_every=60))
    s.start()
    tick(s, clock, 30)
    s.pause()
    clock.advance(600)  # ten minutes away: no bells, no time practised
    s.resume()
    events = tick(s, clock, 31)
    assert bells(events) == [60]
    assert s.practised == 61


def test_bells_after_an_opening_count_from_its_end() -> None:
    opening = Opening(SoundFile("bell", Path("bell.wav")), 1, 2.0)
    s, clock = play(TimerChoice(length=None, bell_every=60), opening)
    events = s.start() + tick(s, clock, 200)
    starts = [e.at for e in events if isinstance(e, ev.ChimeRang) and e.purpose == "start"]
    assert starts == [0.0]
    assert bells(events) == [62.0, 122.0, 182.0]


def test_an_open_ended_sit_without_bells_waits_on_nothing() -> None:
    s, clock = play(TimerChoice(length=None))
    s.start()
    assert s.next_due() is None  # front ends still look once a second for the clock
    assert [e for e in tick(s, clock, 60) if not isinstance(e, ev.QuietStarted)] == []
    [end] = s.stop()
    assert isinstance(end, ev.SessionEnded) and end.reason == "completed"


def test_stopping_a_fixed_sit_early_is_stopped_early() -> None:
    s, clock = play(TimerChoice(length=600))
    s.start()
    tick(s, clock, 120)
    [end] = s.stop()
    assert isinstance(end, ev.SessionEnded) and end.reason == "stopped"


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (TimerChoice(length=600, bell_every=600), r"\(10m\) is as long as the silence itself"),
        (TimerChoice(length=86400, bell_every=0.001), "interval bell must be at least 1 second"),
        (TimerChoice(length=60, bell_every=math.nan), "interval bell must be at least 1 second"),
        (TimerChoice(length=None, bell_every=2 * 86400), "must be at most 24 hours"),
        (TimerChoice(length=math.inf), "from a second to 24 hours"),
        (TimerChoice(length=0), "from a second to 24 hours"),
        (TimerChoice(bell_every=60, bell="gong"), "no interval bell called 'gong'"),
        (TimerChoice(end="gong"), "there are: bell, bowl, default, none"),
        (TimerChoice(delay=3600), "up to 10 minutes"),
    ],
)
def test_choices_that_cannot_be_a_timer_say_why(choice: TimerChoice, message: str) -> None:
    with pytest.raises(TimerError, match=message):
        timer_script(choice, SOUNDS)


def test_the_timer_is_a_silent_practice_with_the_chosen_chimes() -> None:
    script = timer_script(TimerChoice(length=1200, start="bowl", end="none"), SOUNDS)
    assert (script.title, script.practice, script.name) == ("Silent timer", "silent", "timer")
    assert script.start_chime == SoundFile("bowl", Path("bowl.wav"))
    assert script.end_chime == "none"
    assert timer_script(TimerChoice(), SOUNDS).start_chime == "default"  # the settings' own


def test_bells_at_chosen_moments_ring_with_the_interval_bells_in_order() -> None:
    s, clock = play(TimerChoice(length=1200, bell_every=600, bells=(300.0, 900.0, 1080.0)))
    events = s.start() + tick(s, clock, 1201)
    rang = [(e.at, e.purpose) for e in events if isinstance(e, ev.ChimeRang)]
    assert rang == [(300, "moment"), (600, "interval"), (900, "moment"), (1080, "moment")]


def test_an_open_ended_sit_rings_its_chosen_bells_between_its_interval_bells() -> None:
    s, clock = play(TimerChoice(length=None, bell_every=300, bells=(420.0,)))
    events = s.start() + tick(s, clock, 1000, step=1.0)
    rang = [e.at for e in events if isinstance(e, ev.ChimeRang)]
    assert rang == [300, 420, 600, 900]  # each interval bell still brings the next


@pytest.mark.parametrize(
    ("bells", "message"),
    [
        ("5m, 25m", r"the bell at 25m would be after the sit's end \(20m\), so it would not ring"),
        ("20m", r"the bell at 20m would be at the sit's end \(20m\)"),
        ("5m, soon", 'bells: "soon" is not a duration; write it like "45s"'),
    ],
)
def test_chosen_bells_beyond_the_end_are_refused(bells: str, message: str) -> None:
    with pytest.raises(TimerError, match=message):
        timer_script(TimerChoice(length=1200, bells=parse_bells(bells)), SOUNDS)


def test_chosen_bells_are_read_as_a_person_types_them() -> None:
    assert parse_bells("15m,5m, 18m,5m") == (300.0, 900.0, 1080.0)  # in order, each once
    assert parse_bells("5, 10") == (300.0, 600.0)  # a bare number is minutes, as for a sit
    assert TimerChoice(length=1200, bells=(300.0, 900.0)).describe() == "20m, bells at 5m, 15m"


MORNING = datetime(2026, 12, 7, 7, 0, 0)


@pytest.mark.parametrize(
    ("now", "until", "length", "words"),
    [
        (MORNING, "07:30", 1800, "until 07:30, 30m"),
        (datetime(2026, 12, 7, 23, 0), "6:30", 7.5 * 3600, "until 06:30 tomorrow, 7h 30m"),
        (datetime(2026, 12, 7, 6, 59, 30), "7am", 30, "until 07:00, 30s"),
    ],
)
def test_a_sit_until_a_time_of_day_lasts_until_then(
    now: datetime, until: str, length: float, words: str
) -> None:
    choice = TimerChoice(length=None, until=parse_time_of_day(until))
    sit, said = until_now(choice, now)
    assert (sit.length, said) == (length, words)
    s, clock = play(sit)
    [end] = [e for e in s.start() + tick(s, clock, length + 1) if isinstance(e, ev.SessionEnded)]
    assert (end.reason, end.practised) == ("completed", length)


def test_a_sit_until_a_time_counts_its_start_delay_and_keeps_its_bells_within() -> None:
    choice = TimerChoice(length=None, until="07:30", delay=60, bells=(600.0,))
    sit, said = until_now(choice, MORNING)
    assert sit.length == 1740 and said == "until 07:30, 29m"  # ends at 07:30, not a minute late
    with pytest.raises(TimerError, match="the bell at 10m would be after the sit's end"):
        until_now(TimerChoice(length=None, until="07:05", bells=(600.0,)), MORNING)


def test_a_time_that_passed_a_moment_ago_is_not_read_as_tomorrows() -> None:
    with pytest.raises(TimerError) as refused:
        until_now(TimerChoice(length=None, until="06:55"), MORNING)
    assert str(refused.value) == (
        "06:55 has passed today (it is 07:00); until tomorrow's would be 23h 55m: "
        "give a length or a later time"
    )


@pytest.mark.parametrize("text", ["25:00", "7", "7:60", "half seven", "13pm", ""])
def test_what_is_not_a_time_of_day_says_how_to_write_one(text: str) -> None:
    with pytest.raises(TimerError, match="is not a time of day; write it like 07:30 or 19:45"):
        parse_time_of_day(text)


def test_a_preset_until_a_time_with_chosen_bells_is_kept_as_chosen(tmp_path: Path) -> None:
    choice = TimerChoice(length=None, until="07:30", bells=(300.0, 900.0), bell_every=600)
    path = tmp_path / "timers.toml"
    assert remember(choice, name="Dawn", path=path) is None
    assert 'until = "07:30"' in path.read_text() and "bells = [" in path.read_text()
    timers, notices = load_timers(path)
    assert notices == [] and timers.presets["Dawn"] == choice == timers.last
    assert choice.describe() == "until 07:30, bells at 5m, 15m, a bell every 10m"
