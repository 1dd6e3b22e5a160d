"""The conductor's choices: which chimes ring, which voice speaks, what reaches the log.

The real sound path is tested end to end in tests/e2e/test_sound_path.py; here small fakes
stand in for the output, the speech renderer and the recorder, to check the decisions.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from session_player.audio.speech import RenderError
from session_player.conductor import Conductor
from session_player.core.clock import FakeClock
from session_player.core.engine import Session
from session_player.core.loader import load_text
from session_player.core.timeline import compile_timeline
from session_player.later import Later
from session_player.listeners import stage as stage_module
from session_player.settings import Settings


class FakeOutput:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def prepare(self, sound: Path, volume: int = 100) -> None:
        self.calls.append(("prepare", sound.name))

    def play(self, sound: Path, volume: int = 100, delay: float = 0.0) -> None:
        self.calls.append(("play", (sound.name, volume)))

    def pause(self) -> None:
        self.calls.append(("pause", None))

    def resume(self) -> None:
        self.calls.append(("resume", None))

    def stop_all(self) -> None:
        self.calls.append(("stop_all", None))

    def close(self) -> None:
        pass

    def played(self) -> list[Any]:
        return [arg for name, arg in self.calls if name == "play"]


class FakeSpeech:
    available = True

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.voice: str | None = None

    def voices(self, language: str | None = None) -> list[tuple[str, str]]:
        return [("gmw/de", "German")] if language == "de" else [("gmw/en", "English")]

    def render_missing(self, lines: Any, voice: str | None, rate: int, progress: Any) -> dict:
        self.voice = voice
        out = {}
        for n, line in enumerate(lines):
            out[line] = self.folder / f"{n}.wav"
        return out

    def length_seconds(self, path: Path) -> float:
        return 2.0

    def notes(self) -> list[str]:
        return []


class SlowSpeech(FakeSpeech):
    """Renders lines with answers in them when ``release`` is set, into the folder it is given."""

    def __init__(self, folder: Path, *, fail: bool = False) -> None:
        super().__init__(folder)
        self.release = threading.Event()
        self.release.set()
        self.rendered: list[tuple[str, Path]] = []
        self.finished = threading.Event()
        self.fail = fail

    def render_to(self, text: str, voice: str | None, rate: int, folder: Path) -> Path:
        assert self.release.wait(10)
        try:
            if self.fail:
                raise RenderError("espeak fell over")
            if not folder.is_dir():  # as the real renderer: a removed folder is not made again
                raise RenderError(f"{folder} is gone")
            path = folder / f"answer{len(self.rendered)}.wav"
            path.write_bytes(b"RIFF")
            self.rendered.append((text, path))
            return path
        finally:
            self.finished.set()


class FakeRecorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *args: self.calls.append((name, args))

    notice = None

    def close(self) -> bool:
        return True


def script(head: str = "", steps: str = '[[step]]\nsay = "Hello there."\n') -> Any:
    text = f'title = "T"\npractice = "custom"\n{head}\n{steps}'
    result = load_text(text)
    assert not isinstance(result, list), result
    return result


def run(c: Conductor, s: Any) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    timeline = c.prepare(compile_timeline(s), lambda done, total: None)
    session = Session(timeline, clock)
    c.begin(session)
    c.handle(session.start())
    return session, clock


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


class ManualTimers:
    """Stands in for the timers of the conductor's ``Later``: time moves when the test says,
    and what falls due fires then, in order, on the test's own thread."""

    def __init__(self) -> None:
        self.now = 0.0
        self.armed: list[_ManualTimer] = []

    def wall(self) -> float:
        return self.now

    def __call__(self, delay: float, func: Any, args: tuple[Any, ...]) -> _ManualTimer:
        return _ManualTimer(self, self.now + delay, func, args)

    def advance(self, seconds: float) -> None:
        self.now += seconds
        while due := sorted(
            (t for t in self.armed if t.due <= self.now + 1e-9), key=lambda t: t.due
        ):
            due[0].fire()


class _ManualTimer:
    daemon = False

    def __init__(self, owner: ManualTimers, due: float, func: Any, args: tuple[Any, ...]):
        self.owner, self.due, self.func, self.args = owner, due, func, args

    def start(self) -> None:
        self.owner.armed.append(self)

    def cancel(self) -> None:
        if self in self.owner.armed:
            self.owner.armed.remove(self)

    def fire(self) -> None:
        self.cancel()
        self.func(*self.args)


@pytest.fixture
def timers(monkeypatch: pytest.MonkeyPatch) -> ManualTimers:
    manual = ManualTimers()
    monkeypatch.setattr(stage_module, "Later", lambda wall: Later(manual.wall, manual))
    return manual


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
    settings = Settings(start_chime="none", end_chime="wood")
    c = Conductor(settings, output=out, speech=speech, wall=timers.wall)  # type: ignore[arg-type]
    session, _ = run(c, script())
    assert out.played() == [("0.wav", 80)]  # the line is being spoken
    c.handle(session.next_step())  # the person goes on: the session completes
    assert out.calls[-1] == ("fade_out", ("0.wav", 400))
    assert out.played() == [("0.wav", 80)]  # no chime over the fading voice
    timers.advance(0.5)
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
    timeline = c.prepare(compile_timeline(script('language = "de"')), lambda d, t: None)
    assert speech.voice == "gmw/de"
    # The bell's strike (2 s), the rendered length, then the pause.
    assert timeline.steps[0].length == pytest.approx(2.0 + 2.0 + 3.0)
    chosen = Conductor(Settings(voice_id="mine"), output=FakeOutput(), speech=speech)  # type: ignore[arg-type]
    chosen.prepare(compile_timeline(script('language = "de"')), lambda d, t: None)
    assert speech.voice == "mine"


ANSWERED = (
    '[[step]]\nask = "Name?"\ninto = "image"\ndefault = "your companion"\n'
    '[[step]]\nsay = "Hello, {image}."\n[[step]]\nsilence = "30s"\n'
)


def answers(out: FakeOutput) -> list[Any]:
    """The lines with answers in them that the output played (the question is said too)."""
    return [played for played in out.played() if played[0].startswith("answer")]


def played_soon(out: FakeOutput, count: int) -> list[Any]:
    """The answer lines played, once ``count`` of them have been (or after 5 s)."""
    deadline = time.monotonic() + 5
    while len(answers(out)) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return answers(out)


def voiced(speech: SlowSpeech) -> tuple[Conductor, FakeOutput]:
    settings = Settings(start_chime="none", end_chime="none", voice_volume=60)
    out = FakeOutput()
    return Conductor(settings, output=out, speech=speech), out  # type: ignore[arg-type]


def test_lines_with_answers_in_them_are_not_rendered_ahead(tmp_path: Path) -> None:
    c, _out = voiced(SlowSpeech(tmp_path))
    c.prepare(compile_timeline(script(steps=ANSWERED)), lambda d, t: None)
    assert "Hello, {image}." not in c.voice.spoken


@pytest.mark.parametrize(
    ("answer", "spoken"),
    [("the old oak", "Hello, the old oak."), ("", "Hello, your companion.")],  # "": its default
)
def test_a_line_with_an_answer_in_it_is_spoken_in_the_persons_words(
    tmp_path: Path, answer: str, spoken: str
) -> None:
    speech = SlowSpeech(tmp_path)
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    c.handle(session.answer(answer))  # the line is due at once, as the answer goes in
    assert played_soon(out, 1) == [("answer0.wav", 60)]
    assert speech.rendered[0][0] == spoken
    c.close()


def letter(speak: bool) -> str:
    """A letter written in two parts, then read back (said too when ``speak``)."""
    return (
        '[[step]]\nwrite = "Begin."\ninto = "letter"\n'
        '[[step]]\nwrite = "Go on."\ninto = "letter"\nappend = true\n'
        f'[[step]]\nread_back = "letter"\nspeak = {str(speak).lower()}\n'
    )


def test_a_read_back_is_said_in_the_persons_words_when_the_script_asks(tmp_path: Path) -> None:
    speech = SlowSpeech(tmp_path)
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=letter(True)))
    c.handle(session.answer("Dear me."))
    c.handle(session.answer("With love."))  # the read-back is shown at once
    assert played_soon(out, 1)
    whole = [path.name for text, path in speech.rendered if text == "Dear me.\n\nWith love."]
    assert answers(out) == [(whole[0], 60)]  # the whole letter, not its first part
    c.close()


def test_a_silent_read_back_is_only_shown(tmp_path: Path) -> None:
    speech = SlowSpeech(tmp_path)
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=letter(False)))
    c.handle(session.answer("Dear me."))
    c.handle(session.answer("With love."))
    c.close()
    assert speech.rendered == [] and answers(out) == []  # nothing was sent to be rendered


@pytest.mark.parametrize(
    ("before", "after", "heard"),
    [
        ("next", "", False),  # the person went on: that voice is not theirs to hear now
        ("stop", "", False),
        ("pause", "resume", True),  # held through the pause, heard as it ends
        ("pause", "next resume", False),  # went on while paused: gone with its line
    ],
)
def test_a_voice_ready_after_its_line_is_shown(
    tmp_path: Path, before: str, after: str, heard: bool
) -> None:
    speech = SlowSpeech(tmp_path)
    speech.release.clear()
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    controls = {
        "next": session.next_step,
        "pause": session.pause,
        "resume": session.resume,
        "stop": session.stop,
    }
    c.handle(session.answer("the old oak"))  # shown while its voice is still rendering
    for control in before.split():
        c.handle(controls[control]())
    speech.release.set()
    assert speech.finished.wait(5)
    time.sleep(0.3)  # a late voice would play at once, in a timer thread
    assert answers(out) == []
    for control in after.split():
        c.handle(controls[control]())
    if heard:
        assert played_soon(out, 1) == [("answer0.wav", 60)]
    else:
        time.sleep(0.3)
        assert answers(out) == []
    c.close()


def test_stopping_with_a_question_open_voices_nothing_and_leaves_nothing(tmp_path: Path) -> None:
    speech = SlowSpeech(tmp_path)
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    session.draft("the old oak")
    c.close()  # ends the session as stopped; the draft is kept in the log, not voiced
    time.sleep(0.3)
    assert speech.rendered == [] and answers(out) == []


def test_the_persons_words_are_not_kept_as_sound(tmp_path: Path) -> None:
    speech = SlowSpeech(tmp_path / "cache")
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    c.handle(session.answer("the old oak"))
    played_soon(out, 1)
    [(_text, path)] = speech.rendered
    assert path.exists() and tmp_path / "cache" not in path.parents
    c.close()
    assert not path.exists() and not path.parent.exists()


def test_a_line_that_cannot_be_voiced_is_shown_and_said_once(tmp_path: Path) -> None:
    speech = SlowSpeech(tmp_path, fail=True)
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    c.handle(session.answer("the old oak"))
    assert speech.finished.wait(5)
    deadline = time.monotonic() + 5
    while not c.notices and time.monotonic() < deadline:
        time.sleep(0.01)
    assert c.notices == ["A line with your words in it could not be spoken; it is shown."]
    assert answers(out) == []
    c.close()


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
