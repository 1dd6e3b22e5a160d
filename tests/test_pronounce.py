"""A script's own pronunciations (``[pronounce]``): checked, and given to the voice.

The text shown stays as written; the voice is given the respelling, ahead of the session and for
lines with the person's answers in them alike. The bad tables are in tests/corpus/bad
(``pronounce-*.toml``), each refused at its key path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conductor_fakes import (
    FakeOutput,
    RecordingSpeech,
    SlowSpeech,
    manual_workers,
    run,
    script,
)

from session_player.conductor.dispatcher import Conductor
from session_player.core.script.pronounce import respell
from session_player.home.settings import Settings

TABLE = {"pacer": "pay-sir", "begin": "bih-ghin", "self compassion": "self-compassion"}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Follow the pacer.", "Follow the pay-sir."),
        ("Pacer, then begin.", "Pay-sir, then bih-ghin."),  # any case; a capital stays
        ("The pacer's light; beginning; pacers.", "The pacer's light; beginning; pacers."),
        ("Some self  compassion, and self.", "Some self-compassion, and self."),  # longest first
        ("Nothing to change.", "Nothing to change."),
    ],
)
def test_words_are_respelled_whole_in_any_case(text: str, said: str) -> None:
    assert respell(text, TABLE) == said
    assert respell(text, ()) == text


def test_a_checked_script_keeps_its_pronunciations() -> None:
    checked = script('[pronounce]\npacer = "pay-sir"\n"self compassion" = "self-compassion"\n')
    assert checked.pronounce == (("pacer", "pay-sir"), ("self compassion", "self-compassion"))
    assert script().pronounce == ()


PACER = '[[step]]\nsay = "Follow the pacer, then begin."\n'


def test_the_voice_is_given_the_respelling_and_the_line_shown_as_written(tmp_path: Path) -> None:
    speech = RecordingSpeech(tmp_path)
    out = FakeOutput()
    settings = Settings(start_chime="none", end_chime="none", voice_volume=60, checkins=False)
    c = Conductor(settings, output=out, speech=speech)  # type: ignore[arg-type]
    s = script('[pronounce]\npacer = "pay-sir"\nbegin = "bih-ghin"\n', PACER)
    run(c, s)  # the line is shown (as written) and said at once
    rendered = speech.lines["Follow the pay-sir, then bih-ghin."]
    assert not [line for line in speech.lines if "pacer" in line]  # never given as written
    assert c.voice.spoken["Follow the pacer, then begin."] == rendered
    assert out.played() == [(rendered.name, 60)]
    c.close()


def test_a_line_with_an_answer_in_it_is_respelled_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workers = manual_workers(monkeypatch)  # the answers thread, driven by hand
    speech = SlowSpeech(tmp_path)
    settings = Settings(start_chime="none", end_chime="none", voice_volume=60)
    c = Conductor(settings, output=FakeOutput(), speech=speech)  # type: ignore[arg-type]
    steps = '[[step]]\nask = "Name?"\ninto = "image"\n[[step]]\nsay = "{image} is your pacer."\n'
    session, _clock = run(c, script('[pronounce]\npacer = "pay-sir"\n', steps))
    c.handle(session.answer("Pacer"))  # the person's own words are respelled as well
    workers.run()
    assert [text for text, _ in speech.rendered] == ["Pay-sir is your pay-sir."]
    c.close()
