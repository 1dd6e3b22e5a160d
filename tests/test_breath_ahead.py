"""Breath phases told ahead (``BreathComing``), so a tone can be started early and be heard on the
boundary; withdrawn (``BreathWithdrawn``) when the phase no longer comes. Fake clock only."""

from __future__ import annotations

import pytest

from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.core.session import events as ev
from session_player.core.session.ahead import LEAD
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline

BOX = 'breathe = "box"\ncycles = 2'  # four phases of 4 s, counted each second
SHORT = "breathe = { in = 2, out = 2 }\ncycles = 1"


def session(*bodies: str) -> tuple[Session, FakeClock]:
    text = 'title = "T"\npractice = "breathing"\n' + "".join(
        f"\n[[step]]\n{body}\n" for body in bodies
    )
    script = load_text(text)
    assert not isinstance(script, list), script
    return Session(compile_timeline(script), FakeClock()), FakeClock()


def played(s: Session, seconds: float, step: float = 0.05) -> list[ev.Event]:
    """Let ``seconds`` pass on the session's own fake clock, polling as a front end does."""
    clock = s.clock
    assert isinstance(clock, FakeClock)
    out: list[ev.Event] = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        out += s.poll()
    return out


def comings(events: list[ev.Event]) -> list[ev.BreathComing]:
    return [e for e in events if isinstance(e, ev.BreathComing)]


def test_each_phase_is_told_a_lead_ahead_and_then_begins_on_its_boundary() -> None:
    s, _ = session(BOX, SHORT)
    events = s.start() + played(s, 40)
    phases = [e for e in events if isinstance(e, ev.BreathPhase)]
    told = comings(events)
    assert [(c.phase, c.due) for c in told] == [(p.phase, p.at) for p in phases]
    assert len(phases) == 8 + 2
    # The session's first phase can only be told as it begins; every later one a lead ahead,
    # the next step's first phase too, from the timeline, before that step has begun.
    assert told[0].at == 0.0
    assert [c.at for c in told[1:]] == pytest.approx([c.due - LEAD for c in told[1:]])
    for coming in told:
        assert events.index(coming) < next(
            i for i, e in enumerate(events) if isinstance(e, ev.BreathPhase) and e.at == coming.due
        )
    second = next(e for e in events if isinstance(e, ev.StepStarted) and e.index == 1)
    assert events.index(told[8]) < events.index(second) and told[8].due == second.at == 32.0
    assert not [e for e in events if isinstance(e, ev.BreathWithdrawn)]


def test_the_front_ends_wake_for_each_lead() -> None:
    s, _ = session(BOX, SHORT)
    s.start()
    clock = s.clock
    assert isinstance(clock, FakeClock)
    origin = clock.now

    def at(practised: float) -> list[ev.Event]:
        events: list[ev.Event] = []
        while clock.now < origin + practised:  # a poll at least every second, as front ends do
            clock.now = min(clock.now + 1.0, origin + practised)
            events += s.poll()
        return events

    at(3.25)
    assert s.next_due() == pytest.approx(origin + 4.0 - LEAD)  # before the phase at 4 s
    assert [(c.phase, c.due) for c in comings(at(4.0 - LEAD))] == [("hold", 4.0)]
    at(29.0)  # the last phase of the box; the next count is at 30 s, the step ends at 32 s
    assert s.next_due() == pytest.approx(origin + 30.0)
    at(31.25)
    assert s.next_due() == pytest.approx(origin + 32.0 - LEAD)  # the next step's first phase
    assert [(c.phase, c.due) for c in comings(at(32.0 - LEAD))] == [("in", 32.0)]


def test_a_pause_in_the_lead_moves_the_boundary_and_withdraws_nothing() -> None:
    s, _ = session(BOX)
    clock = s.clock
    assert isinstance(clock, FakeClock)
    origin = clock.now
    events = s.start() + played(s, 3.7)  # "hold" at 4 s was told at 3.5 s
    assert comings(events)[-1].due == 4.0
    events += s.pause()
    clock.advance(30.0)
    events += s.resume()
    assert s.next_due() == pytest.approx(origin + 30.0 + 4.0)
    events += played(s, 0.5)
    hold = [e for e in events if isinstance(e, ev.BreathPhase) and e.phase == "hold"]
    assert [e.at for e in hold] == [4.0]
    assert not [e for e in events if isinstance(e, ev.BreathWithdrawn)]
    assert len(comings(events)) == 2  # not told again after the pause


@pytest.mark.parametrize("control", ["next", "back", "stop"])
def test_a_phase_that_no_longer_comes_is_withdrawn(control: str) -> None:
    s, _ = session(SHORT, BOX)
    events = s.start() + played(s, 3.7)  # the box's first phase, at 4 s, was told at 3.5 s
    assert (comings(events)[-1].phase, comings(events)[-1].due) == ("in", 4.0)
    moved = {"next": s.next_step, "back": s.previous_step, "stop": s.stop}[control]()
    withdrawn = [e for e in moved if isinstance(e, ev.BreathWithdrawn)]
    assert [(w.at, w.phase, w.due) for w in withdrawn] == [(pytest.approx(3.7), "in", 4.0)]
    later = moved + played(s, 1.0)
    assert not [e for e in later if isinstance(e, ev.BreathPhase) and e.at == 4.0]
    if control == "next":  # the box begins now: its first phase is told as it begins
        assert [(c.phase, c.due) for c in comings(moved)] == [("in", pytest.approx(3.7))]


def test_extending_keeps_a_phase_that_still_comes_and_withdraws_one_that_moved() -> None:
    s, _ = session(SHORT, SHORT)
    events = s.start() + played(s, 3.7)  # the next step's "in" at 4 s was told
    kept = s.extend(4)  # this step's next breath begins with "in" at 4 s: the same boundary
    assert not [e for e in kept if isinstance(e, ev.BreathWithdrawn)]
    events += kept + played(s, 0.5)
    assert [e.at for e in events if isinstance(e, ev.BreathPhase)] == [0.0, 2.0, 4.0]

    s, _ = session('silence = "4s"', SHORT)
    s.start()
    played(s, 3.7)
    moved = s.extend(60)
    assert [(w.phase, w.due) for w in moved if isinstance(w, ev.BreathWithdrawn)] == [("in", 4.0)]
    assert not [e for e in played(s, 1.0) if isinstance(e, ev.BreathPhase)]
