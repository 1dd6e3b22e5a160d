"""The conductor's choices: which chimes ring, which voice speaks, what reaches the log.

The real sound path is tested end to end in tests/e2e/test_sound_path.py; here small fakes
(tests/conductor_fakes.py) stand in for the output, the speech renderer and the recorder, to
check the decisions. Lines with the person's answers in them: tests/test_conductor_answers.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conductor_fakes import (
    FakeOutput,
    FakeRecorder,
    FakeSpeech,
    ManualTimers,
    manual_timers,
    run,
    script,
)

from session_player.conductor.dispatcher import Conductor
from session_player.home.settings import Settings


def test_start_and_end_chimes_follow_settings_unless_the_script_says(tmp_path: Path) -> None:
    out = FakeOutput()
    c = Conductor(Settings(start_chime="bowl", end_chime="wood", chime_volume=40), output=out)
    session, _ = run(c, script())
    c.handle(session.next_step())
    assert out.played() == [("bowl.wav", 40), ("wood.wav", 40)]

    out2 = FakeOutput()
    c2 = Conductor(Settings(), output=out2)
    session, _ = run(c2, script('start_chime = "none"\nend_chime = "none"'))
    c2.handle(session.next_step())
    assert out2.played() == []


def test_a_stopped_session_fades_out_instead_of_ringing_the_end_chime() -> None:
    out = FakeOutput()
    c = Conductor(Settings(start_chime="none"), output=out)
    session, _ = run(c, script())
    c.handle(session.stop())
    assert out.played() == []
    assert ("stop_all", None) in out.calls


def test_three_chime_opening_rings_on_the_sessions_clock_before_the_first_line() -> None:
    out = FakeOutput()
    c = Conductor(Settings(three_chimes=True, start_chime="bell"), output=out)
    session, clock = run(c, script())
    assert out.played() == [("bell.wav", 70)]
    for _ in range(16):  # 8 s: the second chime at 4 s, the third at 8 s
        clock.advance(0.5)
        c.handle(session.poll())
    assert out.played() == [("bell.wav", 70)] * 3
    first = session.timeline.steps[0]
    line = next(cue for cue in first.cues if cue.kind == "line")
    assert line.at == pytest.approx(10.0)  # the last strike at 8 s, and its 2 s


def test_the_opening_chimes_wait_while_the_session_is_paused() -> None:
    out = FakeOutput()
    c = Conductor(Settings(three_chimes=True, start_chime="bell"), output=out)
    session, clock = run(c, script())
    c.handle(session.pause())
    clock.advance(30)
    c.handle(session.poll())
    assert len(out.played()) == 1  # only the first rang before the pause
    c.handle(session.resume())
    for _ in range(8):
        clock.advance(1)
        c.handle(session.poll())
    assert len(out.played()) == 3


def test_stopping_drops_the_rest_of_the_opening() -> None:
    out = FakeOutput()
    c = Conductor(Settings(three_chimes=True, start_chime="bell"), output=out)
    session, clock = run(c, script())
    c.handle(session.stop())
    clock.advance(10)
    c.handle(session.poll())
    assert out.played() == [("bell.wav", 70)]


@pytest.fixture
def timers(monkeypatch: pytest.MonkeyPatch) -> ManualTimers:
    return manual_timers(monkeypatch)


class SpeakingOutput(FakeOutput):
    """Every sound plays until faded (a voice still speaking when the person goes on)."""

    def play(self, sound: Path, volume: int = 100, delay: float = 0.0) -> Any:
        super().play(sound, volume, delay)
        output = self

        class Handle:
            playing = True

            def is_playing(self) -> bool:
                return self.playing

            def fade_out(self, ms: int = 400) -> None:
                output.calls.append(("fade_out", (sound.name, ms)))
                self.playing = False

        return Handle()


def test_going_on_from_the_last_line_fades_the_voice_before_the_end_chime(
    tmp_path: Path, timers: ManualTimers
) -> None:
    out = SpeakingOutput()
    speech = FakeSpeech(tmp_path)
    settings = Settings(start_chime="none", end_chime="wood", checkins=False)  # lines 0, 1, ..
    c = Conductor(settings, output=out, speech=speech, wall=timers.wall)  # type: ignore[arg-type]
    session, _ = run(c, script())
    assert out.played() == [("0.wav", 80)]  # the line is being spoken
    c.handle(session.next_step())  # the person goes on: the session completes
    assert out.calls[-1] == ("fade_out", ("0.wav", 400))
    assert out.played() == [("0.wav", 80)]  # no chime over the fading voice
    timers.advance(0.69)
    assert out.played() == [("0.wav", 80)]  # the fade is still heard
    timers.advance(0.01)  # silent now: 0.3 s before the fade begins, and its 0.4 s
    assert out.played() == [("0.wav", 80), ("wood.wav", 70)]


def test_pause_and_resume_reach_the_output() -> None:
    out = FakeOutput()
    c = Conductor(Settings(), output=out)
    session, _ = run(c, script())
    c.handle(session.pause())
    c.handle(session.resume())
    assert [n for n, _ in out.calls if n in ("pause", "resume")] == ["pause", "resume"]


def test_the_voice_follows_the_scripts_language(tmp_path: Path) -> None:
    speech = FakeSpeech(tmp_path)
    c = Conductor(Settings(), output=FakeOutput(), speech=speech)  # type: ignore[arg-type]
    timeline = c.prepare(script('language = "de"'), lambda d, t: None)
    assert speech.voice == "gmw/de"
    # The bell's strike (2 s), the rendered length, then the pause.
    assert timeline.steps[0].length == pytest.approx(2.0 + 2.0 + 3.0)
    chosen = Conductor(Settings(voice_id="mine"), output=FakeOutput(), speech=speech)  # type: ignore[arg-type]
    chosen.prepare(script('language = "de"'), lambda d, t: None)
    assert speech.voice == "mine"


def test_the_log_hears_steps_answers_and_the_end() -> None:
    recorder = FakeRecorder()
    steps = '[[step]]\nwrite = "Write"\nfor = "1m"\n[[step]]\ncheck_in = "0 to 10?"\n'
    c = Conductor(Settings(), recorder=recorder)  # type: ignore[arg-type]
    session, _ = run(c, script(steps=steps))
    c.handle(session.answer("Dear me"))
    c.handle(session.answer("6"))
    c.close()
    names = [name for name, _ in recorder.calls]
    assert names[0] == "begin"
    assert ("entry", (1, "Write", "Dear me")) in recorder.calls
    # the step's scale is kept with the rating: the app's words, as the voice said them
    assert ("check_in", ("step", "0 to 10?", 6, 2, "not at all", "completely")) in recorder.calls
    assert names[-1] == "finish" and recorder.calls[-1][1][0] == "completed"


def test_touch_words_and_lines_with_literal_braces_are_spoken(tmp_path: Path) -> None:
    speech = FakeSpeech(tmp_path)
    steps = (
        '[[step]]\ntouch = "hand-on-heart"\nsay = "Feel the warmth."\n'
        '[[step]]\nsay = "Braces {{like this}} are fine."\n'
    )
    out = FakeOutput()
    c = Conductor(Settings(start_chime="none", end_chime="none"), output=out, speech=speech)  # type: ignore[arg-type]
    session, clock = run(c, script(steps=steps))
    for _ in range(200):
        clock.advance(0.5)
        c.handle(session.poll())
    assert len(out.played()) == 2  # both lines reached the output, in the voice's volume
    assert {volume for _name, volume in out.played()} == {Settings().voice_volume}


def test_a_rating_given_before_the_session_begins_is_kept_with_it() -> None:
    recorder = FakeRecorder()
    c = Conductor(Settings(), recorder=recorder)  # type: ignore[arg-type]
    c.check_in("before", "settled", 4)
    c.check_in("before", "settled", None)  # a skip keeps nothing
    session, _ = run(c, script())
    c.handle(session.next_step())
    c.check_in("after", "settled", 6)
    c.close()
    names = [(name, args) for name, args in recorder.calls if name in ("begin", "check_in")]
    assert names[0][0] == "begin"
    assert names[1:] == [
        ("check_in", ("before", "settled", 4, None, "not at all", "completely")),
        ("check_in", ("after", "settled", 6, None, "not at all", "completely")),
    ]


def test_the_log_keeps_the_plan_as_it_grew() -> None:
    recorder = FakeRecorder()
    c = Conductor(Settings(), recorder=recorder)  # type: ignore[arg-type]
    session, _ = run(c, script(steps='[[step]]\nsilence = "5m"\n'))
    c.handle(session.extend())
    c.handle(session.stop())
    c.close()
    name, (outcome, _practised, planned) = recorder.calls[-1]
    assert (name, outcome) == ("finish", "stopped")
    assert planned == session.timeline.length + 60
