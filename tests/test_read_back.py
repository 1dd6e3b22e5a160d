"""Reading back what was written: a letter written in parts becomes one letter, and a
``read_back`` step shows it (and may say it) for its time. Engine on a fake clock; checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_player.cli.main import main
from session_player.core.clock import FakeClock
from session_player.core.errors import ScriptError
from session_player.core.script.kinds.read_back import READ_BACK_QUIET
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline

HEAD = 'title = "T"\npractice = "custom"\npause = "2s"\n'
LETTER = (
    'write = "Begin your letter."\ninto = "letter"\nfor = "2m"',
    'write = "What would the friend say next?"\ninto = "letter"\nappend = true\nfor = "2m"',
    'read_back = "letter"\nfor = "1m"\nspeak = true',
    'say = "Thank you."',
)


def load(*bodies: str) -> Script | list[ScriptError]:
    return load_text(HEAD + "".join(f"\n[[step]]\n{body}\n" for body in bodies))


def session(*bodies: str) -> tuple[Session, FakeClock]:
    script = load(*bodies)
    assert not isinstance(script, list), script
    clock = FakeClock()
    return Session(compile_timeline(script), clock), clock


def problems(*bodies: str) -> list[str]:
    found = load(*bodies)
    assert isinstance(found, list), "the script was accepted"
    return [f"{p.path}: {p.message}" for p in found]


def tick(s: Session, clock: FakeClock, seconds: float) -> list[ev.Event]:
    """Let ``seconds`` pass, polling every half second as a front end does."""
    out: list[ev.Event] = []
    for _ in range(round(seconds / 0.5)):
        clock.advance(0.5)
        out += s.poll()
    return out


def written(events: list[ev.Event]) -> list[ev.LineShown]:
    return [e for e in events if isinstance(e, ev.LineShown) and e.written]


def test_parts_of_a_letter_become_one_letter_that_is_read_back() -> None:
    s, clock = session(*LETTER)
    s.start()
    s.answer("Dear me,\nI see how hard this is.")
    prompt = s.prompt
    assert prompt is not None and prompt.earlier == ("Dear me,\nI see how hard this is.",)
    events = s.answer("You are doing your best.")
    shown = written(events)
    assert [e.text for e in shown] == [
        "Dear me,\nI see how hard this is.\n\nYou are doing your best."
    ]
    assert shown[0].speak
    assert s.current is not None and s.current.step.kind == "read_back"
    # It stays on screen for its minute, then the session goes on.
    assert not [e for e in tick(s, clock, 59.5) if isinstance(e, ev.StepStarted)]
    assert [e.kind for e in tick(s, clock, 1.0) if isinstance(e, ev.StepStarted)] == ["say"]


def test_a_spoken_read_back_lasts_as_long_as_the_letter_takes_to_say() -> None:
    s, clock = session(LETTER[0], 'read_back = "letter"\nfor = "45s"\nspeak = true', LETTER[3])
    s.start()
    letter = " ".join(["kind"] * 150)  # 150 words: a minute to say, not 45 seconds
    said = s.timeline.said_seconds(letter)
    assert said == pytest.approx(60.0)
    (started,) = [e for e in s.answer(letter) if isinstance(e, ev.StepStarted)]
    assert started.length == pytest.approx(said + READ_BACK_QUIET)
    events = tick(s, clock, 61.5)
    assert not [e for e in events if isinstance(e, ev.StepStarted)]  # still being read
    (thanks,) = [e for e in tick(s, clock, 1.0) if isinstance(e, ev.LineShown)]
    assert thanks.text == "Thank you." and thanks.at == pytest.approx(said + READ_BACK_QUIET)
    # A short letter keeps to the step's own 45 seconds.
    s, clock = session(LETTER[0], 'read_back = "letter"\nfor = "45s"\nspeak = true', LETTER[3])
    s.start()
    (started,) = [e for e in s.answer("Dear me.") if isinstance(e, ev.StepStarted)]
    assert started.length == 45.0


def test_a_part_written_again_after_going_back_replaces_itself() -> None:
    s, _clock = session(*LETTER)
    s.start()
    s.answer("First part.")
    s.answer("Second, hastily.")
    s.previous_step()  # back to the second part
    assert s.prompt is not None and s.prompt.earlier == ("First part.",)
    events = s.answer("Second, more slowly.")
    assert [e.text for e in written(events)] == ["First part.\n\nSecond, more slowly."]


def test_a_skipped_part_adds_nothing_and_a_skipped_letter_still_reads() -> None:
    s, _clock = session(*LETTER)
    s.start()
    s.answer("Only this part.")
    assert [e.text for e in written(s.answer(""))] == ["Only this part."]
    s, _clock = session(*LETTER)
    s.start()
    s.answer("")
    assert s.prompt is not None and s.prompt.earlier == ()
    assert [e.text for e in written(s.answer(""))] == ["your letter"]


def test_each_part_is_logged_as_its_own_answer() -> None:
    s, _clock = session(*LETTER)
    s.start()
    first = s.answer("One.")
    second = s.answer("Two.")
    texts = [e.text for e in [*first, *second] if isinstance(e, ev.Answered)]
    assert texts == ["One.", "Two."]


def test_a_silent_read_back_is_shown_not_said() -> None:
    s, _clock = session(LETTER[0], 'read_back = "letter"')
    s.start()
    shown = written(s.answer("Kind words."))
    assert [(e.text, e.speak) for e in shown] == [("Kind words.", False)]
    assert s.step_length == 60.0  # a minute unless the script says


def test_read_back_of_a_name_never_written_is_refused_with_its_key_path() -> None:
    found = problems(LETTER[0], 'read_back = "leter"')
    assert len(found) == 1
    assert found[0].startswith("step[2].read_back: 'leter' is not written before this step")
    assert "did you mean `letter`?" in found[0]


def test_read_back_before_the_writing_is_refused() -> None:
    found = problems('read_back = "letter"', LETTER[0])
    assert found and found[0].startswith("step[1].read_back: 'letter' is not written")


def test_read_back_keys_are_checked() -> None:
    found = problems(LETTER[0], 'read_back = "letter"\nspeak = "yes"\npause = "2s"')
    assert "step[2].speak: must be true or false (without quotes)" in found
    assert any(p.startswith("step[2].pause: does not go with a `read_back` step") for p in found)
    assert problems(LETTER[0], "read_back = 3") == [
        'step[2].read_back: must be the name of an earlier answer (its `into`, like "letter")'
    ]


def test_append_needs_an_earlier_answer_of_the_same_name() -> None:
    assert problems(LETTER[1]) == [
        'step[1].append: adds to an earlier answer, but no step before this one has into = "letter"'
    ]
    assert problems(LETTER[0], 'write = "More."\nappend = true') == [
        "step[2].into: is missing; `append` adds to the answer named by `into`"
    ]
    found = problems('ask = "Name?"\ninto = "n"', 'ask = "Again?"\ninto = "n"\nappend = true')
    assert found[0].startswith("step[2].append: does not go with a `ask` step")


def test_check_schedule_says_where_the_letter_is_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "letter.toml"
    path.write_text(HEAD + "".join(f"\n[[step]]\n{body}\n" for body in LETTER))
    assert main(["check", "--schedule", str(path)]) == 0
    out = capsys.readouterr().out
    assert "read back and say: {letter}" in out
    silent = tmp_path / "silent.toml"
    silent.write_text(HEAD + f'\n[[step]]\n{LETTER[0]}\n\n[[step]]\nread_back = "letter"\n')
    assert main(["check", "--schedule", str(silent)]) == 0
    out = capsys.readouterr().out
    assert "read back: {letter}" in out and "say: {letter}" not in out
