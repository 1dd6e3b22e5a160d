"""The session engine against a fake clock: timing, and every control in every kind of step."""

from __future__ import annotations

import pytest

from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline

HEAD = 'title = "T"\npractice = "custom"\npause = "2s"\n'
STEPS = {
    "say": 'say = "Hello there"',
    "breathe": "breathe = { in = 4, out = 6 }\ncycles = 3",
    "phrases": 'phrases = ["May I be safe.", "May I be well."]\nrepeat = 2\npause = "3s"',
    "touch": 'touch = "hand-on-heart"\nsay = "Feel the warmth."\nfor = "20s"',
    "silence": 'silence = "60s"\nbell_every = "20s"',
    "chime": 'chime = "bell"',
    "ask": 'ask = "Name your image?"\ninto = "image"\ndefault = "friend"',
    "write": 'write = "Write to {image}"\nfor = "60s"',
    "check_in": 'check_in = "How do you feel, 0 to 10?"',
}


def script(*bodies: str) -> Script:
    """A script from step bodies (TOML inside each [[step]])."""
    text = HEAD + "".join(f"\n[[step]]\n{body}\n" for body in bodies)
    result = load_text(text)
    assert not isinstance(result, list), result
    return result


def session(*bodies: str) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    return Session(compile_timeline(script(*bodies)), clock), clock


def of(events: list[ev.Event], kind: type[ev.Event]) -> list[ev.Event]:
    return [e for e in events if isinstance(e, kind)]


def tick(s: Session, clock: FakeClock, seconds: float, step: float = 0.5) -> list[ev.Event]:
    """Let ``seconds`` pass, polling as a front end does."""
    out: list[ev.Event] = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        out += s.poll()
    return out


def run_until_end(s: Session, clock: FakeClock, step: float = 0.25) -> list[ev.Event]:
    out: list[ev.Event] = []
    for _ in range(100_000):
        if s.state == "ended":
            break
        clock.advance(step)
        out += s.poll()
    return out


def test_cues_are_due_at_their_planned_offsets_whatever_the_poll_rate() -> None:
    s, clock = session(STEPS["say"], STEPS["breathe"], STEPS["silence"])
    planned = [p.start + c.at for p in s.timeline.steps for c in p.cues]
    events = s.start() + run_until_end(s, clock, step=0.37)
    due = [
        e.at
        for e in events
        if isinstance(
            e, ev.LineShown | ev.BreathPhase | ev.BreathCount | ev.QuietStarted | ev.ChimeRang
        )
    ]
    assert due == pytest.approx(planned)
    end = of(events, ev.SessionEnded)[0]
    assert isinstance(end, ev.SessionEnded)
    assert end.reason == "completed"
    assert end.practised == pytest.approx(s.timeline.length)


def test_a_late_poll_does_not_shift_later_steps() -> None:
    s, clock = session(STEPS["say"], STEPS["say"], STEPS["say"])
    s.start()
    clock.advance(4.9)  # one poll, late, past the first step's end and into the second
    events = s.poll()
    starts = [e.at for e in of(events, ev.StepStarted)]
    assert starts == [pytest.approx(s.timeline.steps[1].start)]


def test_pause_stands_time_still() -> None:
    s, clock = session(STEPS["silence"])
    s.start()
    tick(s, clock, 10)
    s.pause()
    remaining = s.remaining
    for _ in range(60):  # a long pause, polled every second
        clock.advance(1)
        assert s.poll() == []
    assert s.remaining == pytest.approx(remaining)
    assert s.practised == pytest.approx(10)
    events = s.resume()
    assert of(events, ev.Resumed)
    bells = of(tick(s, clock, 10), ev.ChimeRang)
    assert [b.at for b in bells] == [pytest.approx(20)]
    assert s.pauses == 1


def test_clock_jump_pauses_instead_of_racing_ahead() -> None:
    s, clock = session(STEPS["silence"])
    s.start()
    clock.advance(1)
    s.poll()
    clock.advance(3600)  # the laptop slept for an hour
    events = s.poll()
    assert [type(e) for e in events] == [ev.Paused]
    assert events[0].reason == "clock-jump"  # type: ignore[attr-defined]
    assert s.state == "paused"
    assert s.practised == pytest.approx(1)
    s.resume()
    clock.advance(1)
    assert s.practised == pytest.approx(2)


WRITE = 'write = "Write freely."\nfor = "60s"'


def test_a_flood_of_typing_is_not_taken_for_a_sleep() -> None:
    # Seen: 8,000 keys typed at once kept the TUI from looking for 13 s, and the session was
    # left paused with "0:02 to go". Each keystroke shows the computer was awake.
    s, clock = session(WRITE)
    s.start()
    s.poll()
    for n in range(1, 8001):
        clock.advance(0.0016)
        s.draft("a" * n)
    events = s.poll()
    assert of(events, ev.Paused) == [] and s.state == "running"
    assert s.practised == pytest.approx(8000 * 0.0016)


def test_a_key_after_a_real_sleep_still_pauses() -> None:
    s, clock = session(WRITE)
    s.start()
    s.poll()
    clock.advance(3600)  # the laptop slept; the first thing after is a key
    s.draft("a")
    events = s.poll()
    assert [type(e) for e in events] == [ev.Paused]
    assert s.practised == pytest.approx(0)


@pytest.mark.parametrize("kind", list(STEPS))
def test_next_in_every_kind_of_step(kind: str) -> None:
    s, clock = session(STEPS["ask"], STEPS[kind], STEPS["say"])
    s.start()
    s.answer("Sol")
    clock.advance(0.5)
    s.poll()
    events = s.next_step()
    assert s.skips == 1
    started = of(events, ev.StepStarted)
    if kind == "chime":  # a chime takes no time: we were already past it
        assert s.state == "ended"
    else:
        assert [e.index for e in started] == [2]  # type: ignore[attr-defined]
        assert started[0].at == pytest.approx(s.practised)


@pytest.mark.parametrize("kind", [k for k in STEPS if k != "chime"])
def test_back_in_every_kind_of_step_restarts_the_previous_one(kind: str) -> None:
    s, clock = session(STEPS["ask"], STEPS["say"], STEPS[kind])
    s.start()
    s.answer("Sol")
    s.next_step()
    clock.advance(0.5)
    s.poll()
    events = s.previous_step()
    assert [e.index for e in of(events, ev.StepStarted)] == [1]  # type: ignore[attr-defined]
    assert of(events, ev.LineShown)  # its first cue is due again at once


def test_back_at_the_first_step_restarts_it() -> None:
    s, clock = session(STEPS["say"], STEPS["say"])
    s.start()
    clock.advance(1)
    s.poll()
    events = s.previous_step()
    assert [e.index for e in of(events, ev.StepStarted)] == [0]  # type: ignore[attr-defined]
    assert s.step_elapsed == pytest.approx(0)


def test_back_skips_over_chimes() -> None:
    s, _clock = session(STEPS["say"], STEPS["chime"], STEPS["say"])
    s.start()
    s.next_step()
    events = s.previous_step()
    assert not of(events, ev.ChimeRang)
    assert s.index == 0


def test_next_at_the_last_step_ends_the_session_as_completed() -> None:
    s, _clock = session(STEPS["say"])
    s.start()
    events = s.next_step()
    end = of(events, ev.SessionEnded)
    assert end and end[0].reason == "completed"  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["say", "touch", "silence", "write", "phrases"])
def test_extend_adds_a_minute(kind: str) -> None:
    s, clock = session(STEPS["ask"], STEPS[kind])
    s.start()
    s.answer("Sol")
    before = s.remaining
    events = s.extend()
    assert of(events, ev.Extended)
    assert s.remaining == pytest.approx(before + 60)
    run_until_end(s, clock)
    assert s.practised == pytest.approx(
        s.timeline.length - s.timeline.steps[0].length + 60, abs=0.3
    )


def test_extend_a_breath_adds_whole_breaths_that_keep_coming() -> None:
    s, clock = session(STEPS["breathe"])
    events = s.start()
    s.extend()  # 60 s is 6 breaths of 10 s
    events += run_until_end(s, clock)
    phases = of(events, ev.BreathPhase)
    assert len(phases) == 2 * (3 + 6)
    assert s.practised == pytest.approx(90)


def test_extend_silence_keeps_ringing_interval_bells() -> None:
    s, clock = session(STEPS["silence"])
    events = s.start()
    s.extend()
    events += run_until_end(s, clock)
    assert [round(b.at) for b in of(events, ev.ChimeRang)] == [20, 40, 60, 80, 100]


def test_extend_does_nothing_while_a_question_waits() -> None:
    s, _clock = session(STEPS["ask"])
    s.start()
    assert s.extend() == []


def test_an_uncapped_question_waits_for_the_person() -> None:
    s, clock = session(STEPS["ask"], STEPS["say"])
    s.start()
    clock.advance(0.9)
    for _ in range(600):
        clock.advance(1)
        assert not of(s.poll(), ev.StepStarted)
    assert s.next_due() is None
    events = s.answer("")
    answered = of(events, ev.Answered)[0]
    assert answered.skipped  # type: ignore[attr-defined]
    assert s.variables["image"] == "friend"


def test_answers_fill_later_text() -> None:
    s, _clock = session(STEPS["ask"], STEPS["write"])
    s.start()
    events = s.answer("Sol")
    prompt = of(events, ev.Prompted)[0]
    assert prompt.text == "Write to Sol"  # type: ignore[attr-defined]


def test_writing_is_kept_when_its_time_box_ends() -> None:
    s, clock = session(STEPS["ask"], STEPS["write"], STEPS["say"])
    s.start()
    s.answer("Sol")
    s.draft("Dear Sol, it has been a long week.")
    events = run_until_end(s, clock)
    written = of(events, ev.Answered)[0]
    assert written.text == "Dear Sol, it has been a long week."  # type: ignore[attr-defined]
    assert not written.skipped  # type: ignore[attr-defined]


def test_finishing_writing_early_moves_on_at_once() -> None:
    s, clock = session(STEPS["ask"], STEPS["write"], STEPS["say"])
    s.start()
    s.answer("Sol")
    clock.advance(5)
    s.poll()
    events = s.answer("Thank you.")
    assert of(events, ev.LineShown)[0].at == pytest.approx(5)


@pytest.mark.parametrize("control", ["next_step", "previous_step", "extend", "pause", "stop"])
def test_controls_during_writing_keep_the_text_but_a_skip(control: str) -> None:
    s, _clock = session(STEPS["ask"], STEPS["write"], STEPS["say"])
    s.start()
    s.answer("Sol")
    s.draft("Some words")
    events = getattr(s, control)()
    answered = of(events, ev.Answered)
    if control == "next_step":  # a skipped box keeps nothing of what was typed
        assert answered[0].text == "" and answered[0].skipped  # type: ignore[attr-defined]
    elif control in ("previous_step", "stop"):
        assert answered[0].text == "Some words"  # type: ignore[attr-defined]
    else:
        assert not answered
        assert s.prompt is not None


def test_check_in_takes_a_rating_and_refuses_anything_else() -> None:
    s, _clock = session(STEPS["check_in"], STEPS["say"])
    s.start()
    with pytest.raises(ValueError):
        s.answer("eleven")
    with pytest.raises(ValueError):
        s.answer("11")
    events = s.answer(" 4 ")
    answered = of(events, ev.Answered)[0]
    assert answered.value == 4  # type: ignore[attr-defined]


@pytest.mark.parametrize("control", ["next_step", "previous_step", "extend", "answer"])
def test_controls_pressed_during_a_pause_wait_for_resume(control: str) -> None:
    s, clock = session(STEPS["ask"], STEPS["say"], STEPS["say"])
    s.start()
    s.answer("Sol")
    s.pause()
    clock.advance(30)
    args = ("x",) if control == "answer" else ()
    events = getattr(s, control)(*args)
    assert not of(events, ev.LineShown)  # nothing is said while paused
    assert s.state == "paused"
    assert s.practised == pytest.approx(0)
    assert of(s.resume(), ev.LineShown | ev.Prompted) or control in ("extend", "answer")


def test_stop_ends_with_the_time_practised() -> None:
    s, clock = session(STEPS["silence"])
    s.start()
    tick(s, clock, 12)
    s.pause()
    clock.advance(100)
    events = s.stop()
    end = of(events, ev.SessionEnded)[0]
    assert (end.reason, end.practised) == ("stopped", pytest.approx(12))  # type: ignore[attr-defined]
    assert s.stop() == [] and s.poll() == [] and s.next_step() == []


def test_sections_are_announced_with_their_number() -> None:
    s, clock = session('section = "One"\nsay = "a"', 'say = "b"', 'section = "Two"\nsay = "c"')
    events = s.start() + run_until_end(s, clock)
    sections = [(e.name, e.number, e.total) for e in of(events, ev.SectionStarted)]  # type: ignore[attr-defined]
    assert sections == [("One", 1, 2), ("Two", 2, 2)]


def test_next_due_says_when_to_look_again() -> None:
    s, clock = session(STEPS["breathe"])
    s.start()
    assert s.next_due() == pytest.approx(clock.now + 1)  # "two", a second into the in-breath
    s.pause()
    assert s.next_due() is None


def test_a_skipped_write_or_check_in_still_reads_naturally_later() -> None:
    s, _clock = session(
        'write = "What do you need?"\ninto = "need"',
        'check_in = "0 to 10?"\ninto = "rating"',
        'say = "You wrote: {need}. You rated {rating}."',
    )
    s.start()
    s.answer("")
    events = s.answer("")
    line = of(events, ev.LineShown)[0]
    assert line.text == "You wrote: your need. You rated your rating."  # type: ignore[attr-defined]


def test_the_end_reports_the_plan_with_the_minutes_added() -> None:
    s, clock = session(STEPS["silence"], STEPS["say"])
    s.start()
    s.extend()
    s.extend()
    clock.advance(10)
    s.poll()
    [ended] = of(s.stop(), ev.SessionEnded)
    assert ended.planned == pytest.approx(s.timeline.length + 120)  # type: ignore[attr-defined]
