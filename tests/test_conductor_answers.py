"""Lines with the person's answers in them: rendered when answered, off the caller's thread,
spoken in their words, never kept as sound, and a voice ready late played only while its line
is still the one on show.

The answers thread and the conductor's timers are driven by hand where a test proves that
something does *not* play (tests/conductor_fakes.py), so no test waits to see nothing happen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conductor_fakes import (
    FakeOutput,
    ManualTimers,
    ManualWorkers,
    SlowSpeech,
    manual_timers,
    manual_workers,
    run,
    script,
)

from session_player.conductor.dispatcher import Conductor
from session_player.home.settings import Settings

ANSWERED = (
    '[[step]]\nask = "Name?"\ninto = "image"\ndefault = "your companion"\n'
    '[[step]]\nsay = "Hello, {image}."\n[[step]]\nsilence = "30s"\n'
)


@pytest.fixture
def timers(monkeypatch: pytest.MonkeyPatch) -> ManualTimers:
    return manual_timers(monkeypatch)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> ManualWorkers:
    return manual_workers(monkeypatch)


def answers(out: FakeOutput) -> list[Any]:
    """The lines with answers in them that the output played (the question is said too)."""
    return [played for played in out.played() if played[0].startswith("answer")]


def played_soon(out: FakeOutput, count: int) -> list[Any]:
    """The answer lines played, once ``count`` of them have been (or after 5 s)."""
    out.wait_until(lambda: len(answers(out)) >= count)
    return answers(out)


def voiced(speech: SlowSpeech, **choices: Any) -> tuple[Conductor, FakeOutput]:
    settings = Settings(start_chime="none", end_chime="none", voice_volume=60, **choices)
    out = FakeOutput()
    return Conductor(settings, output=out, speech=speech), out  # type: ignore[arg-type]


def test_lines_with_answers_in_them_are_not_rendered_ahead(tmp_path: Path) -> None:
    c, _out = voiced(SlowSpeech(tmp_path))
    c.prepare(script(steps=ANSWERED), lambda d, t: None)
    assert "Hello, {image}." not in c.voice.spoken


@pytest.mark.parametrize(
    ("answer", "spoken"),
    [("the old oak", "Hello, the old oak."), ("", "Hello, your companion.")],  # "": its default
)
def test_a_line_with_an_answer_in_it_is_spoken_in_the_persons_words(
    tmp_path: Path, answer: str, spoken: str
) -> None:
    speech = SlowSpeech(tmp_path)
    speech.release.clear()  # rendering waits: the answer must not wait with it
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    c.handle(session.answer(answer))  # the line is due at once, as the answer goes in
    assert answers(out) == [] and speech.rendered == []  # handled; its voice still rendering
    speech.release.set()
    assert played_soon(out, 1) == [("answer0.wav", 60)]  # played when ready, by its threads
    assert speech.rendered[0][0] == spoken
    c.close()


def letter(speak: bool) -> str:
    """A letter written in two parts, then read back (said too when ``speak``)."""
    return (
        '[[step]]\nwrite = "Begin."\ninto = "letter"\n'
        '[[step]]\nwrite = "Go on."\ninto = "letter"\nappend = true\n'
        f'[[step]]\nread_back = "letter"\nspeak = {str(speak).lower()}\n'
    )


@pytest.mark.parametrize(
    ("speak", "setting"),
    [(True, False), (False, True)],  # the script asks; the person's "speak read-backs" does
)
def test_a_read_back_is_said_in_the_persons_words_when_the_script_or_the_person_asks(
    tmp_path: Path, timers: ManualTimers, workers: ManualWorkers, speak: bool, setting: bool
) -> None:
    speech = SlowSpeech(tmp_path)
    c, out = voiced(speech, speak_read_backs=setting)
    session, _clock = run(c, script(steps=letter(speak)))
    c.handle(session.answer("Dear me."))
    c.handle(session.answer("With love."))  # the read-back is shown at once
    workers.run()
    timers.advance(0.0)
    whole = [path.name for text, path in speech.rendered if text == "Dear me.\n\nWith love."]
    assert answers(out) == [(whole[0], 60)]  # the whole letter, not its first part
    c.close()


def test_a_silent_read_back_is_only_shown(
    tmp_path: Path, timers: ManualTimers, workers: ManualWorkers
) -> None:
    speech = SlowSpeech(tmp_path)
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=letter(False)))
    c.handle(session.answer("Dear me."))
    c.handle(session.answer("With love."))
    workers.run()
    timers.advance(60.0)
    c.close()
    assert workers.handed == 0  # nothing was sent to be rendered
    assert speech.rendered == [] and answers(out) == []


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
    tmp_path: Path,
    timers: ManualTimers,
    workers: ManualWorkers,
    before: str,
    after: str,
    heard: bool,
) -> None:
    speech = SlowSpeech(tmp_path)
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
    workers.run()  # the voice is ready now, after its line was shown
    assert [text for text, _path in speech.rendered] == ["Hello, the old oak."]
    timers.advance(60.0)  # a late voice would play at once; a minute passes
    assert answers(out) == []
    for control in after.split():
        c.handle(controls[control]())
    timers.advance(60.0)
    assert answers(out) == ([("answer0.wav", 60)] if heard else [])
    c.close()


def test_stopping_with_a_question_open_voices_nothing_and_leaves_nothing(
    tmp_path: Path, timers: ManualTimers, workers: ManualWorkers
) -> None:
    speech = SlowSpeech(tmp_path)
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    session.draft("the old oak")
    c.close()  # ends the session as stopped; the draft is kept in the log, not voiced
    workers.run()
    timers.advance(60.0)
    assert workers.handed == 0  # nothing was sent to be rendered
    assert speech.rendered == [] and answers(out) == []


def test_the_persons_words_are_not_kept_as_sound(
    tmp_path: Path, timers: ManualTimers, workers: ManualWorkers
) -> None:
    speech = SlowSpeech(tmp_path / "cache")
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    c.handle(session.answer("the old oak"))
    workers.run()
    timers.advance(0.0)
    assert answers(out) == [("answer0.wav", 60)]
    [(_text, path)] = speech.rendered
    assert path.exists() and tmp_path / "cache" not in path.parents
    c.close()
    assert not path.exists() and not path.parent.exists()


def test_a_line_that_cannot_be_voiced_is_shown_and_said_once(
    tmp_path: Path, timers: ManualTimers, workers: ManualWorkers
) -> None:
    speech = SlowSpeech(tmp_path, fail=True)
    c, out = voiced(speech)
    session, _clock = run(c, script(steps=ANSWERED))
    c.handle(session.answer("the old oak"))
    workers.run()
    timers.advance(60.0)
    assert c.notices == ["A line with your words in it could not be spoken; it is shown."]
    assert answers(out) == []
    c.close()


def test_a_line_from_outside_the_script_is_said_after_the_session_and_never_kept(
    tmp_path: Path, timers: ManualTimers, workers: ManualWorkers
) -> None:
    # The aftercare offer (it may name the person's own support line) as the end screen says it.
    speech = SlowSpeech(tmp_path)
    c, out = voiced(speech)
    session, _clock = run(c, script())
    c.handle(session.stop("stopped"))
    c.say("A grounding practice is here. Your own support line: Ana, 0123.")
    workers.run()
    timers.advance(0.0)
    [(text, path)] = speech.rendered
    assert text == "A grounding practice is here. Your own support line: Ana, 0123."
    assert answers(out) == [(path.name, 60)]
    c.close()
    assert not path.exists()  # rendered into the private folder, gone with the run
