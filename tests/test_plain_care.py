"""Care in plain mode and ``session-player sos``: the grounding practice offered (and said) when
a session left someone worse, played on the same input when taken; nothing offered for a small
change; a hard moment played at once, nothing asked before it, with where support is.

Sessions run on a scaled clock (50 times real time) with answers read from a StringIO, as
plain mode reads a pipe; nothing here waits on a sleep of its own."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from test_check_ins_by_ear import Recording

from session_player.cli.main import main
from session_player.cli.plain import TO_BEGIN, Aftercare, run_plain
from session_player.core.care import CRISIS_SENTENCE, aftercare_words
from session_player.core.clock import ScaledClock
from session_player.core.script.loader import load_text
from session_player.core.session.checkins import QUESTIONS
from session_player.core.session.engine import Session
from session_player.core.session.timeline import Timeline, compile_timeline
from session_player.home import paths
from session_player.home.settings import Settings, save_settings

SPEED = 50.0
RATED = """title = "Rated"
practice = "custom"
pause = "0.1s"
[[step]]
check_in = "How distressed do you feel right now?"
low = "calm"
high = "very distressed"
[[step]]
say = "Hi."
[[step]]
check_in = "And now, how distressed do you feel?"
low = "calm"
high = "very distressed"
"""
GROUNDING = 'title = "Grounding"\npractice = "custom"\n[[step]]\nsay = "Feel your feet."\n'


def timeline(text: str) -> Timeline:
    script = load_text(text)
    assert not isinstance(script, list), script
    return compile_timeline(script)


class Told(Recording):
    """Plain mode's handler, recording also each session begun and each line said aside."""

    def begin(self, session: Session) -> None:
        self.told.append(("begin", session.timeline.script.title))

    def say(self, text: str) -> None:
        self.told.append(("say", text))


def play(answers: str, **choices: Any) -> tuple[str, Told, list[str]]:
    """Play the rated script with ``answers`` as input; what was printed, what the handler was
    told, and each time the grounding practice was asked for."""
    handler, out, asked = Told(), io.StringIO(), []

    def grounding() -> Timeline:
        asked.append("grounding")
        return timeline(GROUNDING)

    choices.setdefault("aftercare", Aftercare(grounding, "Ana, 0123"))
    run_plain(timeline(RATED), clock=ScaledClock(SPEED), speed=SPEED, handler=handler,
              stdin=io.StringIO(answers), stdout=out, **choices)  # fmt: skip
    return out.getvalue(), handler, asked


def test_distress_risen_by_three_offers_grounding_names_support_and_g_plays_it() -> None:
    printed, handler, asked = play("2\n7\ng\n")
    words = aftercare_words("Ana, 0123")
    assert f"{words}\n  ({TO_BEGIN} Enter alone finishes here.)" in printed
    assert CRISIS_SENTENCE in words and "Your own support line: Ana, 0123." in words
    assert ("say", f"{words} {TO_BEGIN}") in handler.told  # the voice offers it too
    assert asked == ["grounding"]
    assert printed.index(words) < printed.index("Feel your feet.")
    assert [t for t in handler.told if t[0] == "begin"] == [
        ("begin", "Rated"),
        ("begin", "Grounding"),
    ]


def test_enter_alone_finishes_without_the_practice() -> None:
    printed, _handler, asked = play("2\n7\n\n")
    assert TO_BEGIN in printed
    assert asked == [] and "Feel your feet." not in printed


@pytest.mark.parametrize("answers", ["2\n4\n", "7\n1\n", "5\n5\n", "2\n\n"])
def test_a_small_change_feeling_better_or_a_skipped_rating_offers_nothing(answers: str) -> None:
    printed, handler, asked = play(answers + "g\n")
    assert TO_BEGIN not in printed and "grounding" not in printed.lower()
    assert [t for t in handler.told if t[0] == "say"] == [] and asked == []


def test_without_aftercare_nothing_is_offered() -> None:
    printed, _handler, _asked = play("2\n9\ng\n", aftercare=None)
    assert TO_BEGIN not in printed


def test_at_once_asks_nothing_before_but_still_after() -> None:
    text = 'title = "Now"\npractice = "custom"\n[[step]]\nsay = "Here."\n'
    handler, out = Told(), io.StringIO()
    run_plain(timeline(text), clock=ScaledClock(SPEED), speed=SPEED, handler=handler,
              stdin=io.StringIO("6\n"), stdout=out, check_ins=True, at_once=True)  # fmt: skip
    assert QUESTIONS["before"] not in out.getvalue()
    assert handler.told[0] == ("begin", "Now")
    assert ("check_in", ("after", 6)) in handler.told


# -- session-player sos ----------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_sos_plays_a_hard_moment_at_once_and_names_the_persons_own_line(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(crisis_line="Ana, 0123"), paths.config_path())
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status = main(["sos", "--plain", "--no-sound", "--speed", str(SPEED)])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("A hard moment, now (")  # the practice first: nothing asked before
    assert "crisis line now." in out  # the practice's own closing words
    assert "You practised" in out
    assert out.rstrip().splitlines()[-1] == "Your own support line: Ana, 0123."


def test_sos_without_its_practice_says_where_support_is(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("session_player.cli.sos.library_folders", lambda: [])
    status = main(["sos", "--plain"])
    printed = capsys.readouterr()
    assert status == 1
    assert "the hard-moment practice is not there just now" in printed.err
    assert printed.out.strip() == CRISIS_SENTENCE
