"""Breath sounds: the person's setting, a script's own choice (the person's "none" wins), and the
engine's count of each second of a phase."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from conductor_fakes import FakeOutput, RecordingSpeech, play_to_end

from session_player.conductor.dispatcher import Conductor
from session_player.conductor.listeners.breath import breath_mode
from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.script.presets import count_word
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline
from session_player.home.settings import Settings, settings_from

BOX = '[[step]]\nbreathe = "box"\ncycles = 1\n'


def script(head: str = "") -> Script:
    result = load_text(f'title = "T"\npractice = "breathing"\n{head}\n{BOX}')
    assert not isinstance(result, list), result
    return result


def test_the_setting_chooses_unless_the_script_does_and_none_always_wins() -> None:
    assert breath_mode(script(), Settings()) == "tones"  # the default, with sound on
    assert breath_mode(script(), Settings(breath_sounds="counts")) == "counts"
    own = script('breath_sounds = "words"')
    assert breath_mode(own, Settings(breath_sounds="tones")) == "words"
    assert breath_mode(own, Settings(breath_sounds="none")) == "none"


def test_a_script_or_a_setting_with_an_unknown_choice_is_refused_kindly() -> None:
    errors = load_text(f'title = "T"\npractice = "breathing"\nbreath_sounds = "bells"\n{BOX}')
    assert isinstance(errors, list)
    assert [(e.path, e.message) for e in errors] == [
        ("breath_sounds", 'must be one of "tones", "words", "counts", "none"')
    ]
    settings, notices = settings_from({"breath_sounds": "bells"})
    assert settings.breath_sounds == "tones" and notices


def test_counts_are_paced_to_the_second() -> None:
    clock = FakeClock()
    session = Session(compile_timeline(script()), clock)
    events = session.start()
    for _ in range(64):
        clock.advance(0.25)
        events += session.poll()
    counted = [(e.at, e.phase, e.number) for e in events if isinstance(e, ev.BreathCount)]
    assert counted[:3] == [(1.0, "in", 2), (2.0, "in", 3), (3.0, "in", 4)]
    assert [n for _at, phase, n in counted if phase == "out"] == [2, 3, 4]
    assert len(counted) == 4 * 3
    assert all(at == pytest.approx(round(at)) for at, _p, _n in counted)


GUIDED = """[[step]]
breathe = { in = 2, out = 2 }
cycles = 10
say = "Let the breath find its own pace."
lines = ["Soften the shoulders.", { at = "30s", say = "Nearly there." }]
"""


def test_lines_are_said_over_the_running_pacer_and_extending_keeps_them() -> None:
    result = load_text(f'title = "T"\npractice = "breathing"\n{GUIDED}')
    assert not isinstance(result, list), result
    clock = FakeClock()
    session = Session(compile_timeline(result), clock)
    events = session.start() + session.extend(8)
    for _ in range(4 * 60):
        clock.advance(0.25)
        events += session.poll()
    lines = [(e.at, e.text) for e in events if isinstance(e, ev.LineShown)]
    assert lines == [
        (0.0, "Let the breath find its own pace."),
        (20.0, "Soften the shoulders."),  # spread: the start of the middle breath
        (30.0, "Nearly there."),
    ]
    phases = [e.at for e in events if isinstance(e, ev.BreathPhase)]
    assert phases == [2.0 * n for n in range(24)]  # the breath never stops for a line
    assert len([e for e in events if isinstance(e, ev.StepStarted)]) == 1


def test_a_long_phase_is_counted_aloud_to_its_last_second(tmp_path: Path) -> None:
    long = load_text(
        'title = "T"\npractice = "breathing"\nbreath_sounds = "counts"\n'
        "[[step]]\nbreathe = { in = 4, hold = 12, out = 8 }\ncycles = 1\n"
    )
    assert not isinstance(long, list), long
    out, speech = FakeOutput(), RecordingSpeech(tmp_path, 0.4)
    c = Conductor(Settings(start_chime="none", end_chime="none"), output=out, speech=speech)  # type: ignore[arg-type]
    timeline = c.prepare(long, lambda done, total: None)
    said = {path.name: line for line, path in speech.lines.items()}
    assert {"eleven", "twelve"} <= set(said.values()) and "thirteen" not in said.values()
    play_to_end(c, timeline)
    c.close()
    heard = [said[name] for name, _volume in out.played() if name in said]
    hold = heard[heard.index("hold") + 1 : heard.index("out")]
    assert hold == [count_word(n) for n in range(2, 13)]
    assert hold[-2:] == ["eleven", "twelve"]  # no longer "ten, ten, ten"


OFF_THE_SECOND = (
    'title = "T"\npractice = "breathing"\n'
    '[[step]]\nsay = "Settle."\npause = "1.4s"\n'  # the breaths begin off the whole second
    '[[step]]\nbreathe = "box"\ncycles = 2\n'
)


@pytest.mark.parametrize("mode", ["tones", "words", "none", "counts"])
def test_a_breaths_seconds_wake_the_session_only_where_counts_are_said(mode: str) -> None:
    """Each second of a phase is a moment the front end wakes for; where nothing says the
    counts, nothing shows or plays them either, so the session wakes only for its phases (and
    its tones, told ahead): off the whole second, a count was a wake of its own each second
    beside the clock's."""
    result = load_text(OFF_THE_SECOND)
    assert not isinstance(result, list), result
    settings = Settings(start_chime="none", end_chime="none", breath_sounds=mode)
    conductor = Conductor(settings)
    timeline = conductor.prepare(result, lambda done, total: None)
    clock = FakeClock()
    session = Session(timeline, clock)
    events, wakes = session.start(), []
    while session.state == "running" and len(wakes) < 1000:  # as the player looks: when due
        due = session.next_due()  # (a wake comes a moment late), and on each whole second
        assert due is not None
        practised = session.practised
        wait = min(due + 0.001 - clock(), math.floor(practised) + 1.0 - practised)
        clock.advance(max(0.001, wait))
        wakes.append(session.practised)
        events += session.poll()
    assert session.state == "ended"
    counts = [e for e in events if isinstance(e, ev.BreathCount)]
    phases = [e for e in events if isinstance(e, ev.BreathPhase)]
    assert len(phases) == 8 and phases[0].at % 1 != 0  # a box, twice, off the second
    off = [
        at for at in wakes if 0.01 < at % 1 < 0.99 and all(abs(at - p.at) > 0.01 for p in phases)
    ]
    if mode == "counts":
        assert len(counts) == 8 * 3  # "two, three, four" in every phase, said
        assert len(off) >= 8 * 3
    else:
        assert counts == []
        # Off the second: only each phase told ahead (for its tone) and the end wake it.
        assert len(off) <= len(phases) + 1
    conductor.close()


def test_count_words() -> None:
    words = [count_word(n) for n in (2, 10, 13, 20, 21, 45, 60)]
    assert words == ["two", "ten", "thirteen", "twenty", "twenty-one", "forty-five", "sixty"]


def test_a_sit_without_breaths_loads_no_breath_tones(tmp_path: Path) -> None:
    """The tones are made ready as a session begins, for its breaths; a sit has none, and held
    eight scaled tones it never played (issue 26)."""
    sit = load_text('title = "T"\npractice = "silent"\n[[step]]\nsilence = "2s"\n')
    assert not isinstance(sit, list), sit
    for played, breathes in ((sit, False), (script(), True)):
        out, speech = FakeOutput(), RecordingSpeech(tmp_path, 0.4)
        c = Conductor(Settings(start_chime="none", end_chime="none"), output=out, speech=speech)  # type: ignore[arg-type]
        play_to_end(c, c.prepare(played, lambda done, total: None))
        c.close()
        prepared = {name for call, name in out.calls if call == "prepare"}
        assert ({"in.wav", "out.wav"} <= prepared) is breathes
        assert bool({"in.wav", "out.wav"} & prepared) is breathes
