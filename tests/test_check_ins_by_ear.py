"""The app's own before and after check-ins by ear: said with their scale as they appear, the
one after only once the end chime has struck, and silenced by an answer given before it is heard.
Sounds go to a recording output and time moves on manual timers: nothing here waits."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conductor_fakes import ManualTimers, RecordingSpeech, manual_workers, play_to_end

from session_player.audio.api import FADE_AHEAD_S
from session_player.cli.plain import run_plain
from session_player.conductor.dispatcher import Conductor
from session_player.conductor.listeners.prompts import check_in_said
from session_player.conductor.listeners.turns import LEAVE_FADE_MS
from session_player.core.clock import FakeClock, monotonic
from session_player.core.library.timer import TIMER_NAME
from session_player.core.script.kinds._prompt import WAIT_GAP
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.session.checkins import QUESTIONS, SCALE
from session_player.core.session.engine import Session
from session_player.core.session.timeline import STRIKE, compile_timeline
from session_player.home.settings import Settings

TEXT = """title = "Short"
practice = "custom"
[[step]]
say = "Welcome."
pause = "1s"
[[step]]
silence = "5s"
"""


def script(text: str = TEXT) -> Script:
    result = load_text(text)
    assert not isinstance(result, list), result
    return result


class Handle:
    def __init__(self, output: Output, name: str) -> None:
        self.output, self.name, self.playing = output, name, True

    def is_playing(self) -> bool:
        return self.playing

    def fade_out(self, ms: int = 400) -> None:
        self.output.heard.append((self.output.timers.now, f"fade {self.name}"))
        self.playing = False


class Output:
    """Records what plays, and when on the manual clock; every sound plays until faded."""

    def __init__(self, timers: ManualTimers) -> None:
        self.timers = timers
        self.heard: list[tuple[float, str]] = []

    def prepare(self, sound: Path, volume: int = 100) -> None:
        pass

    def play(self, sound: Path, volume: int = 100, delay: float = 0.0) -> Handle:
        self.heard.append((self.timers.now + delay, sound.name))
        return Handle(self, sound.name)

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def stop_all(self) -> None:
        pass

    def close(self) -> None:
        pass


def conductor(
    tmp_path: Path, timers: ManualTimers, **settings: Any
) -> tuple[Conductor, Output, RecordingSpeech]:
    out, speech = Output(timers), RecordingSpeech(tmp_path)
    chosen = Settings(
        **{"start_chime": "none", "end_chime": "bell", "checkins": True, "short_checkins": True}
        | settings
    )
    c = Conductor(chosen, output=out, speech=speech, wall=timers.wall, timers=timers)  # type: ignore[arg-type]
    return c, out, speech


def said(speech: RecordingSpeech, moment: str) -> str:
    return speech.lines[check_in_said(moment)].name  # type: ignore[arg-type]


def test_the_app_check_ins_are_rendered_ahead_with_their_scale(tmp_path: Path) -> None:
    timers = ManualTimers()
    c, _, speech = conductor(tmp_path, timers)
    c.prepare(script(), lambda done, total: None)
    for moment in ("before", "after"):
        text = check_in_said(moment)  # type: ignore[arg-type]
        assert text.startswith(QUESTIONS[moment]) and text.endswith(SCALE)  # as shown
        assert text in speech.lines
    # With the check-ins off, nothing of them is rendered.
    off, _, quiet = conductor(tmp_path / "off", ManualTimers(), checkins=False)
    off.prepare(script(), lambda done, total: None)
    assert not any(line.startswith(QUESTIONS["before"]) for line in quiet.lines)
    # Nor around a timer, when the person wants none there.
    timer = replace(script(), name=TIMER_NAME)
    no_timers, _, unasked = conductor(tmp_path / "timer", ManualTimers(), timer_checkins=False)
    no_timers.prepare(timer, lambda done, total: None)
    assert not any(line.startswith(QUESTIONS["before"]) for line in unasked.lines)


def test_a_short_sit_makes_no_check_in_it_will_not_ask_and_one_asked_all_the_same_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workers = manual_workers(monkeypatch)
    timers = ManualTimers()
    c, out, speech = conductor(tmp_path, timers, short_checkins=False)
    timeline = c.prepare(script(), lambda done, total: None)  # a few seconds: no check-ins
    assert not [line for line in speech.lines if line.startswith(tuple(QUESTIONS.values()))]
    # The hard-moment practice asks after however short: the question is made as it is asked,
    # and said once it is (after the end bell's strike), its waiting cue a second after.
    play_to_end(c, timeline, timers)
    c.asking("after")
    timers.advance(STRIKE + 1)  # the end bell has struck: the question is being made
    made = timers.now
    workers.run()
    timers.advance(5)
    asked = [at for at, name in out.heard if name == said(speech, "after")]
    assert asked == [made]
    waiting = [at for at, name in out.heard if name == "waiting.wav"]
    assert waiting == [pytest.approx(made + speech.seconds + WAIT_GAP)]
    c.close()


def test_before_is_said_at_once_and_after_waits_for_the_end_chimes_strike(
    tmp_path: Path,
) -> None:
    timers = ManualTimers()
    c, out, speech = conductor(tmp_path, timers)
    timeline = c.prepare(script(), lambda done, total: None)
    c.asking("before")
    assert out.heard == [(0.0, said(speech, "before"))]
    c.check_in("before", "settled", 4)
    assert out.heard[-1] == (0.0, f"fade {said(speech, 'before')}")  # answered: it stops

    play_to_end(c, timeline, timers)
    # The welcome still sounds in this fake, so it fades and the bell follows the fade;
    # the check-in appears at once, but is said only once the bell has struck.
    c.asking("after")
    timers.advance(1.0)
    (rang,) = [at for at, name in out.heard if name == "bell.wav"]
    assert out.heard[-1] == (rang, "bell.wav")
    timers.advance(rang + STRIKE - timers.now - 0.1)
    assert out.heard[-1] == (rang, "bell.wav")  # nothing said over the bell's strike
    timers.advance(0.1)
    assert out.heard[-1] == (rang + STRIKE, said(speech, "after"))
    c.close()


def test_an_answer_before_the_after_question_is_heard_silences_it(tmp_path: Path) -> None:
    timers = ManualTimers()
    c, out, speech = conductor(tmp_path, timers)
    timeline = c.prepare(script(), lambda done, total: None)
    play_to_end(c, timeline, timers)
    c.asking("after")
    c.check_in("after", "settled", None)  # skipped at once
    timers.advance(10)
    assert said(speech, "after") not in [name for _, name in out.heard]
    c.close()


def test_a_stopped_session_says_its_after_check_in_once_its_voice_has_faded(
    tmp_path: Path,
) -> None:
    timers = ManualTimers()
    c, out, speech = conductor(tmp_path, timers)
    timeline = c.prepare(script(), lambda done, total: None)
    session = Session(timeline, FakeClock())
    c.begin(session)
    c.handle(session.start())
    c.handle(session.stop("stopped"))  # no end chime after an early stop
    welcome = speech.lines["Welcome."].name
    assert out.heard[-1] == (0.0, f"fade {welcome}")  # the welcome was still being said
    c.asking("after")
    silent = FADE_AHEAD_S + LEAVE_FADE_MS / 1000  # when the faded welcome is silent
    assert out.heard[-1] == (silent, said(speech, "after"))
    c.close()


class Recording:
    """Plain mode's handler, recording what it is told."""

    def __init__(self) -> None:
        self.told: list[tuple[str, Any]] = []

    def begin(self, session: Session) -> None:
        pass

    def handle(self, events: list[Any]) -> None:
        pass

    def tick(self, session: Session) -> None:
        pass

    def asking(self, moment: str) -> None:
        self.told.append(("asking", moment))

    def check_in(self, moment: str, label: str, value: int | None) -> None:
        self.told.append(("check_in", (moment, value)))


def test_plain_mode_has_each_check_in_said_as_it_is_printed() -> None:
    handler = Recording()
    out = io.StringIO()
    text = 'title = "Q"\npractice = "custom"\npause = "0.1s"\n[[step]]\nsay = "Hi."\n'
    stdin = io.StringIO("3\n7\n")
    run_plain(compile_timeline(script(text)), clock=monotonic, handler=handler, stdin=stdin,
              stdout=out, check_ins=True)  # fmt: skip
    assert handler.told == [
        ("asking", "before"),
        ("check_in", ("before", 3)),
        ("asking", "after"),
        ("check_in", ("after", 7)),
    ]
    assert QUESTIONS["before"] in out.getvalue()
