"""Prompts by ear: said when they appear (a check-in with its scale), a soft cue once the session
waits, and said once more after a quiet minute; all timed by the engine on a fake clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import FakeClock
from session_player.core.script.kinds._prompt import WAIT_GAP
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.script.text import reading_seconds
from session_player.core.session import events as ev
from session_player.core.session.asking import REMIND_AFTER
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline
from session_player.home.settings import Settings

ASK = '[[step]]\nask = "What would you like to call your companion?"\ninto = "name"\n'
CHECK = '[[step]]\ncheck_in = "How distressed do you feel?"\nlow = "calm"\nhigh = "very"\n'


def script(steps: str) -> Script:
    result = load_text(f'title = "T"\npractice = "custom"\n{steps}')
    assert not isinstance(result, list), result
    return result


def play(steps: str) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    return Session(compile_timeline(script(steps)), clock), clock


def wait(session: Session, clock: FakeClock, seconds: float) -> list[ev.Event]:
    events: list[ev.Event] = []
    for _ in range(int(seconds * 2)):
        clock.advance(0.5)
        events += session.poll()
    return events


def test_a_check_in_says_its_scale_in_its_own_words() -> None:
    session, _ = play(CHECK)
    (prompt,) = [e for e in session.start() if isinstance(e, ev.Prompted)]
    assert prompt.text == "How distressed do you feel?"
    assert prompt.said == "How distressed do you feel? From 0, calm, to 10, very."
    default, _ = play('[[step]]\ncheck_in = "How settled do you feel?"\n')
    (prompt,) = [e for e in default.start() if isinstance(e, ev.Prompted)]
    assert prompt.said.endswith("From 0, not at all, to 10, completely.")


def test_the_waiting_cue_follows_the_prompt_and_a_quiet_minute_brings_it_again() -> None:
    session, clock = play(ASK)
    events = session.start()
    prompt = next(e for e in events if isinstance(e, ev.Prompted))
    assert prompt.said == prompt.text
    said = reading_seconds(prompt.said)
    events += wait(session, clock, said + WAIT_GAP + REMIND_AFTER + 120)
    (waiting,) = [e for e in events if isinstance(e, ev.Waiting)]
    assert waiting.at == pytest.approx(said + WAIT_GAP)
    (again,) = [e for e in events if isinstance(e, ev.Reminded)]  # once, not every minute
    assert again.at == pytest.approx(waiting.at + REMIND_AFTER)
    assert again.said == prompt.said


def test_typing_is_not_quiet() -> None:
    session, clock = play(ASK)
    session.start()
    events = wait(session, clock, 10)
    assert any(isinstance(e, ev.Waiting) for e in events)
    session.draft("Ro")
    typed_at = session.practised
    events = wait(session, clock, REMIND_AFTER - 1)
    assert not any(isinstance(e, ev.Reminded) for e in events)
    events = wait(session, clock, 2)
    (again,) = [e for e in events if isinstance(e, ev.Reminded)]
    assert again.at == pytest.approx(typed_at + REMIND_AFTER)


def test_an_answer_or_a_pause_holds_the_reminder() -> None:
    session, clock = play(ASK + '[[step]]\nsilence = "5m"\n')
    session.start()
    wait(session, clock, 10)
    session.pause()
    clock.advance(600)
    assert session.poll() == []  # no reminder while paused
    session.resume()
    session.answer("Robin")
    events = wait(session, clock, 2 * REMIND_AFTER)
    assert not any(isinstance(e, ev.Reminded) for e in events)


class Out:
    def __init__(self) -> None:
        self.played: list[str] = []

    def prepare(self, sound: Path, volume: int = 100) -> None:
        pass

    def play(self, sound: Path, volume: int = 100, delay: float = 0.0) -> None:
        self.played.append(sound.name)

    def stop_all(self) -> None:
        pass

    def close(self) -> None:
        pass


class Speech:
    available = True

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lines: dict[str, Path] = {}

    def voices(self, language: str | None = None) -> list[tuple[str, str]]:
        return []

    def first_voice(self, language: str) -> str | None:
        return None

    def render_missing(self, lines: Any, voice: Any, rate: int, progress: Any) -> dict:
        for line in lines:  # rendered in more than one call (the grounding pause's words)
            self.lines.setdefault(line, self.folder / f"line{len(self.lines)}.wav")
        return {line: self.lines[line] for line in lines}

    def length_seconds(self, path: Path) -> float:
        return 3.0

    def notes(self) -> list[str]:
        return []


@pytest.mark.parametrize("cues", [True, False])
def test_prompts_are_said_and_waited_on_aloud(tmp_path: Path, cues: bool) -> None:
    out, speech = Out(), Speech(tmp_path)
    settings = Settings(start_chime="none", end_chime="none", waiting_cues=cues)
    c = Conductor(settings, output=out, speech=speech)  # type: ignore[arg-type]
    timeline = c.prepare(script(CHECK), lambda d, t: None)
    said = "How distressed do you feel? From 0, calm, to 10, very."
    assert said in speech.lines  # rendered ahead, like every line without an answer in it
    clock = FakeClock()
    session = Session(timeline, clock)
    c.begin(session)
    c.handle(session.start())
    prompt = speech.lines[said].name
    assert out.played == [prompt]
    for _ in range(2 * 70):
        clock.advance(0.5)
        c.handle(session.poll())
    c.close()
    assert out.played == ([prompt, "waiting.wav", prompt] if cues else [prompt])
